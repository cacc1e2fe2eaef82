import i18next, { type i18n as I18n } from 'i18next'
import { describe, expect, it } from 'vitest'
import { resources } from '../../renderer/src/i18n/resources'
import { driftText, syncState } from '../../renderer/src/screens/sync/labels'
import type { SyncStatus } from '../../shared/procedures/sync'

async function instance(language: 'zh-CN' | 'en'): Promise<I18n> {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: { 'zh-CN': { translation: resources['zh-CN'] }, en: { translation: resources.en } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  })
  return i18n
}

const HOUR = 3600_000
const upToDate: SyncStatus = {
  joined: true,
  serverUrl: 'https://sync.example.edu.cn',
  teamName: '皖苏调研组',
  deviceName: '王老师的笔记本',
  lastSyncedAt: '2026-12-04T10:00:00.000Z',
  pendingChanges: 0,
  pendingBlobs: 0,
  missingBlobs: 0,
  phase: 'idle',
  autoSync: true,
  openConflicts: 0,
}

describe('what the Sync screen says is true', () => {
  it('says up to date only when nothing waits, nothing is open, it has synced and nothing failed', () => {
    expect(syncState(upToDate)).toBe('upToDate')
    expect(syncState({ ...upToDate, lastSyncedAt: '' })).toBe('neverSynced')
    expect(syncState({ ...upToDate, pendingChanges: 3 })).toBe('waiting')
    expect(syncState({ ...upToDate, pendingBlobs: 1 })).toBe('waiting')
    expect(syncState({ ...upToDate, pendingChanges: 3, openConflicts: 1 })).toBe('conflicts')
    expect(syncState({ ...upToDate, openConflicts: 1, phase: 'error' })).toBe('error')
    const clockAhead = { aheadMs: 400 * 24 * HOUR, serverTime: 0, maxDriftMs: 300_000, at: '2026-12-04T10:00:00.000Z' }
    expect(syncState({ ...upToDate, phase: 'error', clockAhead })).toBe('clockAhead')
    expect(syncState({ ...upToDate, phase: 'offline', clockAhead })).toBe('offline')
    expect(syncState({ ...upToDate, phase: 'pulling', pendingChanges: 2 })).toBe('syncing')
  })

  it('says a viewer only receives, rather than counting its changes as about to upload', async () => {
    expect(syncState({ ...upToDate, readOnly: true, pendingChanges: 2 })).toBe('readOnly')
    expect(syncState({ ...upToDate, readOnly: true })).toBe('readOnly')
    expect(syncState({ ...upToDate, readOnly: true, phase: 'offline' })).toBe('offline')
    expect(syncState({ ...upToDate, readOnly: true, openConflicts: 1 })).toBe('conflicts')
    const zh = await instance('zh-CN')
    const en = await instance('en')
    expect(en.t('sync.status.readOnlyTitle')).toBe('This device can only receive changes')
    expect(zh.t('sync.status.readOnlyTitle')).toBe('这台设备只能接收修改')
    expect(en.t('sync.status.readOnlyHint', { pending: 2 })).toContain('its own changes (2) stay on this computer')
    expect(zh.t('sync.status.readOnlyHint', { pending: 2 })).toContain('（2 条）')
  })

  it('gives a clock’s drift in days and hours, minutes only under an hour', async () => {
    const zh = await instance('zh-CN')
    const en = await instance('en')
    expect(driftText(en.t.bind(en), 365 * 24 * HOUR + 3 * HOUR + 5 * 60_000)).toBe('365 days 3 hours')
    expect(driftText(zh.t.bind(zh), 365 * 24 * HOUR + 3 * HOUR)).toBe('365 天 3 小时')
    expect(driftText(en.t.bind(en), 24 * HOUR)).toBe('1 day')
    expect(driftText(en.t.bind(en), 2 * HOUR)).toBe('2 hours')
    expect(driftText(zh.t.bind(zh), 7 * 60_000)).toBe('7 分钟')
  })
})
