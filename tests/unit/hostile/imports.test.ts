import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { BackupService } from '../../../electron/core/backup/service'
import type { Core } from '../../../electron/core/core'
import { TRIP_JSON_ENTRY } from '../../../shared/exchange/format'
import type { AppError } from '../../../shared/errors'
import { sha256 } from '../../../electron/core/attachments/blob-store'
import { dispatchOk } from '../../helpers/core'
import { writeCraftedZip } from '../../helpers/crafted-zip'
import { rewriteBackup, useWorkspaces } from '../backup/helpers'
import { exchangeOf, rowCounts } from '../exchange/helpers'

const MB = 1024 * 1024

/** What must not change when a crafted file is refused: every row, the change log and the clock. */
function snapshotOf(core: Core) {
  return {
    rows: rowCounts(core),
    log: (core.store.db.prepare('SELECT count(*) AS n, max(hlc) AS newest FROM change_log').get() as { n: number; newest: string }),
    clock: core.store.clock.current(),
    files: readdirSync(core.dataDir).sort(),
  }
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a refusal')
}

describe('a crafted trip file gets a typed error and changes nothing', () => {
  const workspaces = useWorkspaces('fieldbook-hostile-import-')

  async function sampleTripFile(core: Core): Promise<string> {
    const { tripId } = await dispatchOk<{ tripId: string }>(core, 'app.loadSample', { language: 'zh' })
    const file = join(workspaces.folder(), 'trip.fbtrip')
    await exchangeOf(core).exportTripTo(tripId, file)
    return file
  }

  it('refuses trip.json of 200 MB in a small file from the zip directory, before inflating it', async () => {
    const core = workspaces.open(workspaces.folder())
    await dispatchOk(core, 'app.loadSample', { language: 'zh' })
    const before = snapshotOf(core)
    const file = join(workspaces.folder(), 'bomb.fbtrip')
    writeCraftedZip(file, [{ name: TRIP_JSON_ENTRY, repeat: { head: strToU8('{"format":"fieldbook-trip","pad":"'), chunk: strToU8('          '), size: 200 * MB } }])
    expect(readFileSync(file).length).toBeLessThan(2 * MB)
    const error = await refusal(exchangeOf(core).importTripFrom(file))
    expect(error).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'tripTooLarge', entry: TRIP_JSON_ENTRY, size: 200 * MB } })
    expect(snapshotOf(core)).toEqual(before)
  })

  it('refuses a file whose clocks run ahead (the largest clock included), naming the record; the clock stays', async () => {
    const source = workspaces.open(workspaces.folder())
    const file = await sampleTripFile(source)
    const entries = unzipSync(readFileSync(file))
    const content = JSON.parse(strFromU8(entries[TRIP_JSON_ENTRY]!)) as { trip: { clocks: Record<string, string> }; notes: { clocks: Record<string, string> }[] }
    content.trip.clocks['title'] = `ffffffffffff-ffff-${source.store.nodeId}`
    entries[TRIP_JSON_ENTRY] = strToU8(JSON.stringify(content))
    writeFileSync(file, zipSync(entries))

    const target = workspaces.open(workspaces.folder())
    const before = snapshotOf(target)
    const error = await refusal(exchangeOf(target).importTripFrom(file))
    expect(error.code).toBe('IMPORT_INVALID')
    expect(error.details).toMatchObject({ reason: 'invalidContent', fieldErrors: [{ path: 'trip.clocks.title', key: 'clockAhead' }] })
    expect(snapshotOf(target)).toEqual(before)
  })
})

describe('a crafted backup gets a typed error, writes nothing large and changes nothing', () => {
  const workspaces = useWorkspaces('fieldbook-hostile-backup-')

  it('refuses a zip bomb (a 1 GB database of zeros in about a megabyte) before inflating it', async () => {
    const core = workspaces.open(workspaces.folder())
    await dispatchOk(core, 'app.loadSample', { language: 'zh' })
    const before = snapshotOf(core)
    const size = 1024 * MB
    const file = join(workspaces.folder(), 'bomb.fbbackup')
    const manifest = { format: 'fieldbook-backup', formatVersion: 1, appVersion: '1.2.3', schemaVersion: 1, createdAt: new Date().toISOString(), nodeId: '', files: [{ path: 'fieldbook.db', size, sha256: '0'.repeat(64) }] }
    writeCraftedZip(file, [
      { name: 'manifest.json', data: strToU8(JSON.stringify(manifest)) },
      { name: 'fieldbook.db', repeat: { chunk: new Uint8Array(4096), size } },
    ])
    expect(readFileSync(file).length).toBeLessThan(3 * MB)
    const error = await refusal(new BackupService(core, { appVersion: '1.2.3' }).restoreFile(file))
    expect(error).toMatchObject({ code: 'BACKUP_INVALID', details: { reason: 'tooLarge' } })
    expect(snapshotOf(core)).toEqual(before)
    expect(readdirSync(core.dataDir).filter((name) => name.startsWith('.restore-'))).toEqual([])
  })

  it('refuses a backup holding a value its field refuses or a clock from the future', async () => {
    const core = workspaces.open(workspaces.folder())
    await dispatchOk(core, 'app.loadSample', { language: 'zh' })
    const service = new BackupService(core, { appVersion: '1.2.3' })
    const good = join(workspaces.folder(), 'good.fbbackup')
    await service.backupTo(good)
    const before = snapshotOf(core)
    const scratch = workspaces.folder()
    const craft = (name: string, sql: string) => {
      const file = join(scratch, name)
      const bytes = rewriteBackup(readFileSync(good), (entries, manifest) => {
        const dbPath = join(scratch, `${name}.db`)
        writeFileSync(dbPath, entries['fieldbook.db']!)
        const db = new Database(dbPath)
        db.exec(sql)
        db.close()
        const data = readFileSync(dbPath)
        entries['fieldbook.db'] = data
        const files = manifest['files'] as { path: string; size: number; sha256: string }[]
        Object.assign(files.find((f) => f.path === 'fieldbook.db')!, { size: data.length, sha256: sha256(data) })
      })
      writeFileSync(file, bytes)
      return file
    }
    for (const [name, sql] of [
      ['regions.fbbackup', `UPDATE trips SET regions = '42'`],
      ['consensus.fbbackup', `UPDATE symposiums SET consensus = '"x"'`],
      ['clock.fbbackup', `UPDATE meta SET value = 'ffffffffffff-ffff-0123456789abcdef' WHERE key = 'hlc'`],
    ] as const) {
      const error = await refusal(service.restoreFile(craft(name, sql)))
      expect(error, name).toMatchObject({ code: 'BACKUP_INVALID', details: { reason: 'invalidRecords' } })
      expect(snapshotOf(core), name).toEqual(before)
    }
    expect(existsSync(good)).toBe(true)
  })

  it('never carries the device token, including automatic backups', async () => {
    const core = workspaces.open(workspaces.folder())
    await dispatchOk(core, 'app.loadSample', { language: 'zh' })
    const token = 'tok_' + 'S3cr3t'.repeat(8)
    core.store.db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?), (?, ?)').run('token', token, 'serverUrl', 'https://sync.example.edu.cn')
    const file = join(workspaces.folder(), 'b.fbbackup')
    await new BackupService(core, { appVersion: '1.2.3' }).backupTo(file)
    const database = unzipSync(readFileSync(file))['fieldbook.db']!
    // Not in any page, not even a free one.
    expect(Buffer.from(database).includes(Buffer.from(token))).toBe(false)
    const copy = join(workspaces.folder(), 'copy.db')
    writeFileSync(copy, database)
    const db = new Database(copy, { readonly: true })
    expect(db.prepare('SELECT key FROM sync_state ORDER BY key').all()).toEqual([{ key: 'serverUrl' }])
    db.close()
    // The live workspace keeps it.
    expect(core.store.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get()).toEqual({ value: token })
    expect(readFileSync(file).includes(Buffer.from(token))).toBe(false)
  })
})
