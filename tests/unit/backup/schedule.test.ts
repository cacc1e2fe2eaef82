import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BackupService } from '../../../electron/core/backup/service'
import type { BackupList, BackupSchedule, BackupSummary } from '../../../shared/procedures/backup'
import { useTempCore } from '../../helpers/core'
import { fakeHost } from './helpers'

const temp = useTempCore()

/** A service whose clock the test moves. */
function serviceAt(start: string) {
  let now = new Date(start)
  const service = new BackupService(temp.core, { appVersion: '1.0.0', now: () => now })
  return { service, advance: (hours: number) => void (now = new Date(now.getTime() + hours * 3_600_000)) }
}

const autos = () => readdirSync(join(temp.dir, 'backups')).filter((n) => n.startsWith('auto-')).sort()

describe('automatic backups', () => {
  it('is on by default: one a day, and only the last N are kept', async () => {
    expect(await temp.ok<BackupSchedule>('backup.getSchedule', {})).toEqual({ enabled: true, frequency: 'daily', keep: 7 })
    await temp.ok('backup.setSchedule', { keep: 3 })
    const { service, advance } = serviceAt('2025-05-16T08:00:00')
    expect(await service.runScheduled()).toMatch(/auto-2025-05-16-080000\.fbbackup$/)
    // Not again the same day.
    advance(5)
    expect(await service.runScheduled()).toBeNull()
    for (let day = 0; day < 4; day++) {
      advance(24)
      expect(await service.runScheduled()).not.toBeNull()
    }
    expect(autos()).toEqual([
      'auto-2025-05-18-130000.fbbackup',
      'auto-2025-05-19-130000.fbbackup',
      'auto-2025-05-20-130000.fbbackup',
    ])
    // A manual backup and a safety copy in the same folder are never pruned.
    writeFileSync(join(temp.dir, 'backups', 'before-restore-2025-05-01-090000.fbbackup'), 'x')
    await temp.ok('backup.setSchedule', { keep: 1 })
    expect(autos()).toEqual(['auto-2025-05-20-130000.fbbackup'])
    const list = await temp.ok<BackupList>('backup.list', {})
    expect(list.backups.map((b) => [b.name, b.kind])).toEqual([
      ['auto-2025-05-20-130000.fbbackup', 'auto'],
      ['before-restore-2025-05-01-090000.fbbackup', 'safety'],
    ])
    expect(list.backups[0]!.bytes).toBeGreaterThan(1000)
  })

  it('does nothing when switched off, and waits a week when weekly', async () => {
    await temp.ok('backup.setSchedule', { enabled: false })
    const { service, advance } = serviceAt('2025-05-16T08:00:00')
    expect(await service.runScheduled()).toBeNull()
    await temp.ok('backup.setSchedule', { enabled: true, frequency: 'weekly' })
    expect(await service.runScheduled()).not.toBeNull()
    advance(24 * 3)
    expect(await service.runScheduled()).toBeNull()
    advance(24 * 4)
    expect(await service.runScheduled()).not.toBeNull()
    expect(autos()).toHaveLength(2)
  })

  it('refuses impossible settings', async () => {
    expect((await temp.failure('backup.setSchedule', { keep: 0 })).code).toBe('VALIDATION')
    expect((await temp.failure('backup.setSchedule', { keep: 2.5 })).code).toBe('VALIDATION')
    expect((await temp.failure('backup.setSchedule', { frequency: 'hourly' })).code).toBe('VALIDATION')
    expect(await temp.ok<BackupSchedule>('backup.getSchedule', {})).toMatchObject({ keep: 7 })
  })

  it('runs on its timer once started, and stops with the core', async () => {
    const service = new BackupService(temp.core, { appVersion: '1.0.0' })
    service.start({ firstCheckMs: 10, intervalMs: 60_000 })
    // Until the finished file is there: the backup's partial files start with auto- too while it is written.
    for (let i = 0; i < 100 && !readdirSyncSafe(join(temp.dir, 'backups')).some((n) => n.startsWith('auto-') && n.endsWith('.fbbackup')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    service.stop()
    expect(autos()).toHaveLength(1)
    expect(await service.runScheduled()).toBeNull()
  })

  it('keeps this computer’s schedule when a backup is restored', async () => {
    const host = fakeHost()
    const core = temp.reopen({ backupHost: host })
    const out = join(temp.dir, 'manual.fbbackup')
    host.savePath = out
    await temp.ok('backup.create', { language: 'en' })
    await temp.ok('backup.setSchedule', { keep: 12, frequency: 'weekly' })
    host.openPath = out
    const summary = await temp.ok<BackupSummary>('backup.inspect', {})
    await temp.ok('backup.restore', { token: summary.token })
    expect(await temp.ok<BackupSchedule>('backup.getSchedule', {})).toEqual({ enabled: true, frequency: 'weekly', keep: 12 })
    expect(core).toBe(temp.core)
  })
})

function readdirSyncSafe(path: string): string[] {
  try {
    return readdirSync(path)
  } catch {
    return []
  }
}
