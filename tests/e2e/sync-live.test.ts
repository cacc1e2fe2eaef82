import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/core'
import { startServer, type RunningServer } from '../../server/server'
import type { Conflict, SyncStatus } from '../../shared/procedures/sync'
import { tempDir } from '../helpers/temp'
import { refuseClocksAhead, startProxy, type FaultyProxy } from '../unit/sync/helpers'
import { visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()
const YEAR = 365 * 24 * 60 * 60_000

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    deviceA: '王老师的笔记本',
    deviceB: '李老师的笔记本',
    meeting: '汇润集团校企合作座谈会',
    enterprise: '汇润集团',
    remarks: ['我们每年需要二十名设备维护技工。', '希望学校开设 PLC 课程。', '可以共建实训基地。'],
    typed: '（会后补充：最好六月前到岗）',
    remoteRemark1: '我们每年需要三十名设备维护技工，其中十名做 PLC。',
    remoteRemark3: '可以共建灌装线实训基地，设备由企业提供。',
    presidedA: '王校长',
    presidedB: '周总经理',
    consensusA: ['共建实训基地', '每年接收二十名实习生'],
    consensusB: ['共建灌装线实训基地'],
    text: {
      changedElsewhere: '你正在编辑时，另一台设备改了这一项',
      merge: '合并两个版本',
      consensus: '共识',
      changedOnBoth: '两台设备都改过',
      neverSynced: '还没有同步过',
      waiting: '有 1 条修改等待上传',
      upToDate: '已是最新',
      conflicts: '有 1 个冲突待处理',
      clockAhead: '这台电脑的时钟不对，修改暂时无法上传',
      clockAheadTitle: '这台电脑的时钟快了约 365 天',
      offline: '离线，联网后会自动同步',
      synced: '已同步',
      neverBadge: '还没有同步过',
    },
  },
  {
    locale: 'en-US' as const,
    deviceA: "Prof. Wang's laptop",
    deviceB: "Prof. Li's laptop",
    meeting: 'Huirun school–enterprise symposium',
    enterprise: 'Huirun Group',
    remarks: ['We need twenty maintenance technicians a year.', 'We hope the college offers a PLC course.', 'We could build a training base together.'],
    typed: ' (added after the meeting: ideally before June)',
    remoteRemark1: 'We need thirty maintenance technicians a year, ten of them for PLCs.',
    remoteRemark3: 'We could build a bottling-line training base; the company provides the equipment.',
    presidedA: 'President Wang',
    presidedB: 'General Manager Zhou',
    consensusA: ['Build a training base together', 'Twenty interns a year'],
    consensusB: ['Build a bottling-line training base'],
    text: {
      changedElsewhere: 'Another device changed this while you were editing it',
      merge: 'Merge both',
      consensus: 'Consensus',
      changedOnBoth: 'Changed on both devices',
      neverSynced: 'Not synced yet',
      waiting: '1 change waiting to upload',
      upToDate: 'Up to date',
      conflicts: '1 conflict to review',
      clockAhead: "This computer's clock is wrong; changes cannot upload yet",
      clockAheadTitle: "This computer's clock is about 365 days fast",
      offline: 'Offline; syncs when back online',
      synced: 'Synced',
      neverBadge: 'Not synced yet',
    },
  },
]

let server: RunningServer
let serverDir: ReturnType<typeof tempDir>
let proxy: FaultyProxy
let otherDir: ReturnType<typeof tempDir>
let other: Core
let teamId: string

beforeEach(async () => {
  serverDir = tempDir('fieldbook-sync-server-')
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: serverDir.path, log: false })
  proxy = await startProxy(() => server.url)
  teamId = (await server.createTeam('皖苏调研组')).team.id
  otherDir = tempDir('fieldbook-sync-b-')
  other = openCore({ dataDir: otherDir.path, appVersion: 'e2e' })
})
afterEach(async () => {
  other.close()
  otherDir.cleanup()
  await proxy.close()
  await server.close().catch(() => {})
  serverDir.cleanup()
})

/** Joins a device to the team through the proxy, with automatic sync off so each step syncs when the test says. */
async function join(core: Core, deviceName: string): Promise<void> {
  await call(core, 'sync.join', { serverUrl: proxy.url, inviteCode: (await server.createInvite(teamId)).code, deviceName })
  await call(core, 'sync.setAuto', { autoSync: false })
}

const syncNow = (core: Core) => call(core, 'sync.now', {})
const status = (core: Core) => call<SyncStatus>(core, 'sync.status', {})
const conflicts = (core: Core) => call<Conflict[]>(core, 'conflicts.list', {})
const wide = (page: Page) => page.setViewportSize({ width: 1366, height: 768 })

describe.each(LANGUAGES)('live sync in $locale', (lang) => {
  const { locale, text } = lang

  async function symposiumOnBoth(core: Core) {
    const trip = await call(core, 'trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
    const firm = await call(core, 'enterprise.create', { name: lang.enterprise })
    const meeting = await call(core, 'symposium.create', {
      tripId: trip.id,
      enterpriseId: firm.id,
      date: '2025-05-17',
      title: lang.meeting,
      presidedBy: lang.presidedA,
      consensus: ['共建'],
    })
    const remarks = []
    for (const [index, words] of lang.remarks.entries()) {
      remarks.push(await call(core, 'remark.create', { symposiumId: meeting.id, text: words, spokenAt: `2025-05-17T10:0${index}:00+08:00` }))
    }
    await syncNow(core)
    await syncNow(other)
    return { meeting, remarks }
  }

  it('an open symposium takes another device’s edit of a remark in place, and marks the remark being edited with the other version', async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page } = app
    try {
      await wide(page)
      await join(app.core, lang.deviceA)
      await join(other, lang.deviceB)
      const { meeting, remarks } = await symposiumOnBoth(app.core)
      await page.goto(`${web.url}#/symposiums/${meeting.id}`)
      const items = page.getByTestId('remark')
      await expect.poll(() => items.count()).toBe(3)

      // This device's user is adding to remark 1 (the cursor stays in it) …
      const first = items.nth(0).getByTestId('remark-text')
      await first.click()
      await first.press('Control+End')
      await first.pressSequentially(lang.typed)
      const mine = `${lang.remarks[0]}${lang.typed}`
      await expect.poll(() => app.core.records.remark.get(remarks[0]!.id)['text']).toBe(mine)
      // … while the other device rewrites remark 1 and remark 3 and the chair, and syncs.
      await call(other, 'remark.update', { id: remarks[0]!.id, patch: { text: lang.remoteRemark1 } })
      await call(other, 'remark.update', { id: remarks[2]!.id, patch: { text: lang.remoteRemark3 } })
      await call(other, 'symposium.update', { id: meeting.id, patch: { presidedBy: lang.presidedB } })
      await syncNow(other)
      await syncNow(app.core)

      // Remark 3 and the chair, which nobody here was editing, show the new text in place.
      await expect.poll(() => items.nth(2).getByTestId('remark-text').inputValue()).toBe(lang.remoteRemark3)
      await expect.poll(() => page.locator('#symposium_presidedBy').inputValue()).toBe(lang.presidedB)
      // Remark 1 keeps what the user typed, and shows the other version with the ways on.
      const notice = items.nth(0).getByTestId('remote-edit')
      await visible(notice.getByText(text.changedElsewhere, { exact: false }))
      await visible(notice.getByTestId('remote-edit-value').getByText(lang.remoteRemark1))
      expect(await first.inputValue()).toBe(mine)
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('remark-text')
      await app.screenshot('sync-live-marked')

      // Merging keeps both: the user's text and the other device's, saved and synced to the other device.
      await notice.getByRole('button', { name: text.merge }).click()
      const merged = `${mine}\n${lang.remoteRemark1}`
      await expect.poll(() => first.inputValue()).toBe(merged)
      await expect.poll(() => app.core.records.remark.get(remarks[0]!.id)['text']).toBe(merged)
      expect(await items.nth(0).getByTestId('remote-edit').count()).toBe(0)
      await syncNow(app.core)
      await syncNow(other)
      expect((await call(other, 'remark.get', { id: remarks[0]!.id }))['text']).toBe(merged)
      expect((await call(other, 'remark.get', { id: remarks[2]!.id }))['text']).toBe(lang.remoteRemark3)

      // Once more on remark 2, but the user leaves the screen without deciding: both versions stay in the remark.
      const second = items.nth(1).getByTestId('remark-text')
      await second.click()
      await second.press('Control+End')
      await second.pressSequentially(lang.typed)
      const mine2 = `${lang.remarks[1]}${lang.typed}`
      await expect.poll(() => app.core.records.remark.get(remarks[1]!.id)['text']).toBe(mine2)
      await call(other, 'remark.update', { id: remarks[1]!.id, patch: { text: lang.remoteRemark3 } })
      await syncNow(other)
      await syncNow(app.core)
      await visible(items.nth(1).getByTestId('remote-edit'))
      await page.goto(`${web.url}#/trips`)
      await expect.poll(() => app.core.records.remark.get(remarks[1]!.id)['text']).toBe(`${mine2}\n${lang.remoteRemark3}`)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('concurrent consensus edits show in the conflict list on both devices with both versions, titled by the symposium', async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page } = app
    try {
      await wide(page)
      await join(app.core, lang.deviceA)
      await join(other, lang.deviceB)
      const { meeting } = await symposiumOnBoth(app.core)
      await call(app.core, 'symposium.update', { id: meeting.id, patch: { consensus: lang.consensusA, date: '2025-05-18' } })
      await call(other, 'symposium.update', { id: meeting.id, patch: { consensus: lang.consensusB, date: '2025-05-19' } })
      await syncNow(app.core)
      await syncNow(other)
      await syncNow(app.core)
      for (const core of [app.core, other]) {
        const listed = await conflicts(core)
        expect(listed.map((c) => c.column).sort()).toEqual(['consensus', 'date'])
        expect(listed.find((c) => c.column === 'consensus')).toMatchObject({ kind: 'symposium', mode: 'list', title: lang.meeting })
        // The date was settled by the later edit; the other one is listed as changed on both devices.
        expect(listed.find((c) => c.column === 'date')).toMatchObject({ mode: 'value', title: lang.meeting })
      }

      await page.goto(`${web.url}#/sync`)
      const record = page.getByTestId('conflict-record')
      await visible(record.getByRole('link', { name: lang.meeting }))
      const conflict = record.getByTestId('conflict')
      await visible(conflict.getByText(text.consensus, { exact: true }))
      for (const item of [...lang.consensusA, ...lang.consensusB]) await visible(conflict.getByText(item, { exact: true }))
      await visible(record.getByTestId('conflict-changed-on-both').getByText(text.changedOnBoth))
      await visible(record.getByText('2025-05-19', { exact: true }))
      await app.screenshot('sync-live-list-conflict')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('the Sync screen says exactly what is true: never synced, waiting, up to date, conflicts, a wrong clock, offline', async () => {
    const app = await web.open({ locale, route: '/sync' })
    const { page } = app
    const state = page.getByTestId('sync-phase')
    const badge = page.getByTestId('sync-indicator')
    const expectState = async (name: string, words: string) => {
      await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe(name)
      await visible(state.getByText(words))
    }
    try {
      await wide(page)
      await join(app.core, lang.deviceA)
      await join(other, lang.deviceB)
      await page.reload()
      await expectState('neverSynced', text.neverSynced)
      await visible(badge.getByText(text.neverBadge))
      await app.screenshot('sync-state-never')

      const firm = await call(app.core, 'enterprise.create', { name: lang.enterprise, profile: '' })
      await expectState('waiting', text.waiting)
      await app.screenshot('sync-state-waiting')

      await syncNow(app.core)
      await expectState('upToDate', text.upToDate)
      await visible(badge.getByText(text.synced))
      await app.screenshot('sync-state-up-to-date')

      await syncNow(other)
      await call(app.core, 'enterprise.update', { id: firm.id, patch: { profile: lang.remarks[0] } })
      await call(other, 'enterprise.update', { id: firm.id, patch: { profile: lang.remarks[1] } })
      await syncNow(other)
      await syncNow(app.core)
      await expectState('conflicts', text.conflicts)
      expect(await badge.getByText(text.synced).count()).toBe(0)
      await app.screenshot('sync-state-conflicts')
      await call(app.core, 'conflicts.resolve', { id: (await conflicts(app.core))[0]!.id, choice: 'current' })
      await syncNow(app.core)
      await expectState('upToDate', text.upToDate)

      // The server's time is a year behind this computer's: it refuses, the screen says which clock and how far.
      proxy.answer = refuseClocksAhead(() => Date.now() - YEAR)
      await call(app.core, 'enterprise.update', { id: firm.id, patch: { region: '江苏苏州' } })
      await page.getByTestId('sync-now').click()
      await expectState('clockAhead', text.clockAhead)
      const alert = page.getByTestId('sync-clock-ahead')
      await visible(alert.getByText(text.clockAheadTitle, { exact: false }))
      await visible(alert.getByText(lang.deviceA, { exact: false }))
      expect(await page.getByTestId('sync-error').count()).toBe(0)
      expect((await status(app.core)).pendingChanges).toBe(1)
      await app.screenshot('sync-state-clock-ahead')

      // Once the clocks agree the waiting change goes, and the message is gone.
      proxy.answer = undefined
      await page.getByTestId('sync-now').click()
      await expectState('upToDate', text.upToDate)
      expect(await page.getByTestId('sync-clock-ahead').count()).toBe(0)
      await syncNow(other)
      expect((await call(other, 'enterprise.get', { id: firm.id }))['region']).toBe('江苏苏州')

      await proxy.close()
      await page.getByTestId('sync-now').click()
      await expectState('offline', text.offline)
      await app.screenshot('sync-state-offline')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
