import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { strToU8, zipSync } from 'fflate'
import { beforeEach, describe, expect, it } from 'vitest'
import { restoreDataDir, verifyBackup } from '../../../electron/core/backup/restore'
import { BackupService } from '../../../electron/core/backup/service'
import type { Core } from '../../../electron/core/core'
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations'
import type { BackupSummary, RestoreResult } from '../../../shared/procedures/backup'
import { dispatchFailure, dispatchOk } from '../../helpers/core'
import { attachmentHashes, dumpFile, dumpTables, fakeHost, fixture, folderHashes, rewriteBackup, useWorkspaces } from './helpers'

const workspaces = useWorkspaces('fieldbook-backup-')
const folder = () => workspaces.folder()

function open(dataDir: string, host = fakeHost()) {
  return { core: workspaces.open(dataDir, { backupHost: host }), host }
}

/** The sample trip (records of every kind) and two photos on it. */
async function fill(core: Core): Promise<{ tripId: string }> {
  const { tripId } = await dispatchOk<{ tripId: string }>(core, 'app.loadSample', { language: 'zh' })
  for (const name of ['bottling-line.jpg', 'screenshot.png']) {
    await dispatchOk(core, 'attachment.add', { ownerKind: 'trip', ownerId: tripId, fileName: name, dataBase64: fixture(name).toString('base64') })
  }
  return { tripId }
}

describe('backup and restore round trip', () => {
  it('gives back every table row and every attachment byte for byte, keeping a safety copy of the data before', async () => {
    const dataDir = folder()
    const { core, host } = open(dataDir)
    const { tripId } = await fill(core)
    const before = dumpTables(core.store.db)
    const photosBefore = attachmentHashes(dataDir)
    expect(Object.keys(photosBefore)).toHaveLength(2)
    expect(before['visits']!.length).toBeGreaterThan(0)
    expect(before['remarks']!.length).toBeGreaterThan(0)

    const out = join(folder(), '研途备份.fbbackup')
    host.savePath = out
    const created = await dispatchOk<{ fileName: string; bytes: number; attachments: number }>(core, 'backup.create', { language: 'zh' })
    expect(created).toMatchObject({ fileName: '研途备份.fbbackup', attachments: 2 })
    expect(readFileSync(out).length).toBe(created.bytes)
    // Nothing else is left beside it (no partial files, no database copy).
    expect(readdirSync(join(out, '..'))).toEqual(['研途备份.fbbackup'])

    // Changes after the backup: a renamed trip, a new trip, a third photo, a deleted visit.
    await dispatchOk(core, 'trip.update', { id: tripId, patch: { title: '改过的标题' } })
    await dispatchOk(core, 'trip.create', { title: '备份之后的新行程', startDate: '2025-06-01', endDate: '2025-06-02' })
    await dispatchOk(core, 'attachment.add', { ownerKind: 'trip', ownerId: tripId, fileName: 'p.jpg', dataBase64: fixture('portrait-exif6.jpg').toString('base64') })
    const visitId = (before['visits']![0] as { id: string }).id
    await dispatchOk(core, 'visit.delete', { id: visitId })
    const changed = dumpTables(core.store.db)
    expect(Object.keys(attachmentHashes(dataDir))).toHaveLength(3)

    host.openPath = out
    const summary = await dispatchOk<BackupSummary>(core, 'backup.inspect', {})
    expect(summary).toMatchObject({ fileName: '研途备份.fbbackup', appVersion: '1.2.3', schemaVersion: SCHEMA_VERSION, trips: 1, enterprises: 2, attachments: 2, skippedAttachments: 0 })
    expect(summary.records).toBeGreaterThan(10)
    // Inspecting changed nothing.
    expect(dumpTables(core.store.db)).toEqual(changed)

    const result = await dispatchOk<RestoreResult>(core, 'backup.restore', { token: summary.token })
    expect(result.safetyCopy).toMatch(/^before-restore-\d{4}-\d{2}-\d{2}-\d{6}\.fbbackup$/)
    // The open core reads the restored data at once, through its cached statements too.
    expect(dumpTables(core.store.db)).toEqual(before)
    expect(attachmentHashes(dataDir)).toEqual(photosBefore)
    expect((await dispatchOk<{ title: string }>(core, 'trip.get', { id: tripId })).title).not.toBe('改过的标题')
    expect(await dispatchOk<unknown[]>(core, 'trip.list', {})).toHaveLength(1)
    expect(core.store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(core.store.db.pragma('integrity_check', { simple: true })).toBe('ok')
    // No staging folder is left in the data folder.
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-'))).toEqual([])

    // The data still works after reopening; edits go on.
    workspaces.close(core)
    const { core: reopened } = open(dataDir, host)
    expect(dumpTables(reopened.store.db)).toEqual(before)
    await dispatchOk(reopened, 'trip.update', { id: tripId, patch: { title: '恢复后再改' } })

    // The safety copy holds the data as it was just before the restore.
    const safety = await dispatchOk<BackupSummary>(reopened, 'backup.inspect', { name: result.safetyCopy })
    expect(safety).toMatchObject({ trips: 2, attachments: 3 })
    await dispatchOk(reopened, 'backup.restore', { token: safety.token })
    expect(dumpTables(reopened.store.db)).toEqual(changed)
  })

  it('restores into a folder nobody has open (the command line), including a new empty one', async () => {
    const source = folder()
    const { core } = open(source)
    await fill(core)
    const service = new BackupService(core, { appVersion: '1.2.3' })
    const out = join(folder(), 'b.fbbackup')
    await service.backupTo(out)
    const before = dumpTables(core.store.db)

    const fresh = join(folder(), 'new-data')
    const outcome = await restoreDataDir(fresh, out, { appVersion: '1.2.3' })
    expect(outcome.safetyCopy).toBe('')
    expect(dumpFile(join(fresh, 'fieldbook.db'))).toEqual(before)
    expect(attachmentHashes(fresh)).toEqual(attachmentHashes(source))
    const { core: restored } = open(fresh)
    // The node id is per installation: a fresh folder makes its own (the backup's device may still be in
    // use, and two devices with one node id would write colliding clocks); a folder with data keeps its own.
    expect(restored.store.nodeId).toMatch(/^[0-9a-f]{16}$/)
    expect(restored.store.nodeId).not.toBe(core.store.nodeId)
    workspaces.close(restored)

    const other = folder()
    const { core: otherCore } = open(other)
    await dispatchOk(otherCore, 'trip.create', { title: '另一台电脑', startDate: '2025-06-01', endDate: '2025-06-02' })
    const otherNode = otherCore.store.nodeId
    workspaces.close(otherCore)
    const second = await restoreDataDir(other, out, { appVersion: '1.2.3' })
    expect(existsSync(second.safetyCopy)).toBe(true)
    const { core: reopened } = open(other)
    expect(reopened.store.nodeId).toBe(otherNode)
    expect(dumpTables(reopened.store.db)).toEqual(before)
  })

  it('makes a consistent copy while writes keep coming', async () => {
    const dataDir = folder()
    const { core } = open(dataDir)
    await fill(core)
    const service = new BackupService(core, { appVersion: '1.2.3' })
    let writing = true
    let written = 0
    const writer = (async () => {
      while (writing) {
        await dispatchOk(core, 'trip.create', { title: `行程 ${written}`, startDate: '2025-06-01', endDate: '2025-06-02', purpose: 'x'.repeat(2000) })
        written++
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const out = join(folder(), 'busy.fbbackup')
    await service.backupTo(out)
    writing = false
    await writer
    expect(written).toBeGreaterThan(0)
    const check = await verifyBackup(out, { stagingParent: folder(), extractAttachments: false })
    try {
      const db = new Database(join(check.stagingDir, 'fieldbook.db'), { readonly: true })
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      // Every trip in the copy is whole, and each has its change-log entry: one transaction, never half of it.
      const trips = db.prepare('SELECT id, title, purpose FROM trips').all() as { id: string; title: string; purpose: string }[]
      const logged = db.prepare("SELECT count(DISTINCT row_id) AS n FROM change_log WHERE tbl = 'trips'").get() as { n: number }
      expect(logged.n).toBe(trips.length)
      for (const trip of trips.filter((t) => t.title.startsWith('行程 '))) expect(trip.purpose).toHaveLength(2000)
      db.close()
    } finally {
      check.discard()
    }
  })
})

describe('refused backup files', () => {
  let good: Uint8Array
  let core: Core
  let dataDir: string
  let host: ReturnType<typeof fakeHost>
  beforeEach(async () => {
    dataDir = folder()
    ;({ core, host } = open(dataDir))
    await fill(core)
    const out = join(folder(), 'good.fbbackup')
    await new BackupService(core, { appVersion: '1.2.3' }).backupTo(out)
    good = readFileSync(out)
  })

  const damaged = (): [string, () => Uint8Array, string, string][] => [
    ['an empty file', () => new Uint8Array(0), 'BACKUP_INVALID', 'empty'],
    ['a PNG renamed .fbbackup', () => fixture('screenshot.png'), 'BACKUP_INVALID', 'notZip'],
    ['a truncated backup', () => good.subarray(0, Math.floor(good.length * 0.6)), 'BACKUP_INVALID', 'truncated'],
    ['a backup with its last bytes cut', () => good.subarray(0, good.length - 10), 'BACKUP_INVALID', 'truncated'],
    ['a random zip', () => zipSync({ 'notes.txt': strToU8('hello') }), 'BACKUP_INVALID', 'noManifest'],
    ['a zip with a foreign manifest', () => zipSync({ 'manifest.json': strToU8('{"name":"other"}') }), 'BACKUP_INVALID', 'notBackup'],
    [
      'a wrong checksum',
      () => rewriteBackup(good, (_e, manifest) => {
        const files = manifest['files'] as { path: string; sha256: string }[]
        files[1]!.sha256 = '0'.repeat(64)
      }),
      'BACKUP_INVALID',
      'checksum',
    ],
    [
      'a photo whose bytes changed after the manifest was written',
      () => rewriteBackup(good, (entries, manifest) => {
        const photo = (manifest['files'] as { path: string }[])[1]!.path
        const bytes = Uint8Array.from(entries[photo]!)
        bytes[100] = bytes[100]! ^ 0xff
        entries[photo] = bytes
      }),
      'BACKUP_INVALID',
      'checksum',
    ],
    ['a newer schema', () => rewriteBackup(good, (_e, manifest) => void (manifest['schemaVersion'] = SCHEMA_VERSION + 1)), 'BACKUP_NEWER_VERSION', ''],
    ['a newer format', () => rewriteBackup(good, (_e, manifest) => void (manifest['formatVersion'] = 2)), 'BACKUP_NEWER_VERSION', ''],
    [
      'a database that is not SQLite (with a matching checksum)',
      () => rewriteBackup(good, (entries, manifest) => {
        const junk = strToU8('not a database at all, just text')
        entries['fieldbook.db'] = junk
        const db = (manifest['files'] as { path: string; size: number; sha256: string }[])[0]!
        db.size = junk.length
        db.sha256 = createHash('sha256').update(junk).digest('hex')
      }),
      'BACKUP_INVALID',
      'notDatabase',
    ],
    ['a listed file that is missing', () => rewriteBackup(good, (entries, manifest) => void delete entries[(manifest['files'] as { path: string }[])[2]!.path]), 'BACKUP_INVALID', 'missingFile'],
  ]

  it('checks a flipped byte inside a stored photo against the zip and the manifest', async () => {
    // Stored (uncompressed) photos: find the JPEG's bytes in the zip and flip one in the middle.
    const bytes = Uint8Array.from(good)
    const jpeg = Buffer.from(good).indexOf(fixture('bottling-line.jpg').subarray(0, 64))
    expect(jpeg).toBeGreaterThan(0)
    bytes[jpeg + 3000] = bytes[jpeg + 3000]! ^ 0x01
    const path = join(folder(), 'flipped.fbbackup')
    writeFileSync(path, bytes)
    host.openPath = path
    const error = await dispatchFailure(core, 'backup.inspect', {})
    expect(error.code).toBe('BACKUP_INVALID')
    expect(['damaged', 'checksum']).toContain(error.details?.['reason'])
  })

  it.each(damaged())('refuses %s with a clear reason, in the app, changing nothing', async (_name, make, code, reason) => {
    const path = join(folder(), 'bad.fbbackup')
    writeFileSync(path, make())
    const before = dumpTables(core.store.db)
    const files = folderHashes(dataDir, (f) => f.endsWith('-shm') || f.endsWith('-wal'))
    host.openPath = path
    const error = await dispatchFailure(core, 'backup.inspect', {})
    expect(error.code).toBe(code)
    if (reason) expect(error.details?.['reason']).toBe(reason)
    expect(error.message.length).toBeGreaterThan(10)
    expect(dumpTables(core.store.db)).toEqual(before)
    expect(folderHashes(dataDir, (f) => f.endsWith('-shm') || f.endsWith('-wal'))).toEqual(files)
  })

  it.each(damaged())('refuses %s on the command line path, leaving the folder byte-identical', async (_name, make, code, reason) => {
    const path = join(folder(), 'bad.fbbackup')
    writeFileSync(path, make())
    workspaces.close(core)
    const files = folderHashes(dataDir)
    const failure = await restoreDataDir(dataDir, path, { appVersion: '1.2.3' }).then(
      () => null,
      (error: { code: string; details?: { reason?: string } }) => error,
    )
    expect(failure?.code).toBe(code)
    if (reason) expect(failure?.details?.reason).toBe(reason)
    expect(folderHashes(dataDir)).toEqual(files)
  })

  it('refuses a restore token it did not hand out, and a name outside the backups folder', async () => {
    expect((await dispatchFailure(core, 'backup.restore', { token: 'made-up' })).code).toBe('NOT_FOUND')
    expect((await dispatchFailure(core, 'backup.inspect', { name: '../fieldbook.db' })).code).toBe('FILE_NOT_FOUND')
    host.openPath = null
    expect(await dispatchOk(core, 'backup.inspect', {})).toBeNull()
  })
})
