import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { restoreDataDir } from '../../../electron/core/backup/restore'
import { BackupService } from '../../../electron/core/backup/service'
import type { Core } from '../../../electron/core/core'
import { useWorkspaces } from './helpers'
import { dispatchOk } from '../../helpers/core'

const workspaces = useWorkspaces('fieldbook-restore-sync-')
const folder = () => workspaces.folder()

const open = (dataDir: string): Core => workspaces.open(dataDir)
const close = (core: Core): void => workspaces.close(core)

type Db = Database.Database

/** What joining a team and syncing leaves in migration 4's tables, written directly. */
function fakeJoined(db: Db, who: { token: string; deviceId: string; deviceName: string; serverUrl: string; cursor: number; autoSync?: boolean }): void {
  const set = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  db.transaction(() => {
    set.run('serverUrl', who.serverUrl)
    set.run('token', who.token)
    set.run('deviceId', who.deviceId)
    set.run('deviceName', who.deviceName)
    set.run('teamId', 'team-1')
    set.run('teamName', '皖苏调研组')
    set.run('role', 'member')
    set.run('epoch', `epoch-of-${who.deviceId}`)
    set.run('cursor', String(who.cursor))
    set.run('lastSyncedAt', '2025-05-18T10:00:00.000Z')
    if (who.autoSync === false) set.run('autoSync', '0')
    // Everything so far was pushed; one batch is waiting for its reply.
    db.prepare('UPDATE change_log SET outbox = 0').run()
    db.prepare("INSERT INTO sync_batches (id, first_seq, last_seq, created_at) VALUES (?, 1, 3, '2025-05-18T10:00:00.000Z')").run(`batch-${who.deviceId}`)
  })()
}

/** An open conflict on a title; `loser` tells the pairs apart (the same pair is one conflict). */
function addConflict(db: Db, id: string, tbl: string, rowId: string, loser = 'bbbbbbbbbbbbbbbb'): void {
  db.prepare(
    `INSERT INTO conflicts (id, tbl, row_id, col, winner_value, winner_hlc, loser_value, loser_hlc, detected_at)
     VALUES (?, ?, ?, 'title', '甲', '0000000000001-0000-aaaaaaaaaaaaaaaa', '乙', ?, '2025-05-18T10:00:00.000Z')`,
  ).run(id, tbl, rowId, `0000000000001-0000-${loser}`)
}

const syncState = (db: Db) => Object.fromEntries((db.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]))
const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n

/** A colleague's data folder that joined the team and synced: its backup file, its trip id, its change count. */
async function colleaguesBackup(): Promise<{ file: string; tripId: string; changes: number; dataDir: string }> {
  const dataDir = folder()
  const core = open(dataDir)
  const { tripId } = await dispatchOk<{ tripId: string }>(core, 'app.loadSample', { language: 'zh' })
  fakeJoined(core.store.db, { token: 'token-of-colleague', deviceId: 'device-colleague', deviceName: '王老师的笔记本', serverUrl: 'https://other.example.edu', cursor: 99 })
  addConflict(core.store.db, 'conflict-colleague', 'trips', tripId)
  const file = join(folder(), 'colleague.fbbackup')
  await new BackupService(core, { appVersion: '1.2.3' }).backupTo(file)
  const changes = count(core.store.db, 'SELECT count(*) AS n FROM change_log')
  close(core)
  return { file, tripId, changes, dataDir }
}

type RestorePath = 'app' | 'command line'
/** Restores through the open core (the app) or into the closed folder (the command line); returns the core open on the result. */
async function restore(how: RestorePath, dataDir: string, core: Core, file: string): Promise<Core> {
  if (how === 'app') {
    await new BackupService(core, { appVersion: '1.2.3' }).restoreFile(file)
    return core
  }
  close(core)
  await restoreDataDir(dataDir, file, { appVersion: '1.2.3' })
  return open(dataDir)
}

describe.each<RestorePath>(['app', 'command line'])('restore keeps this machine’s sync identity (%s)', (how) => {
  it('restoring a colleague’s backup keeps this machine’s server, token and device, pulls from 0 and offers everything again', async () => {
    const colleague = await colleaguesBackup()
    const dataDir = folder()
    let core = open(dataDir)
    const mine = await dispatchOk(core, 'trip.create', { title: '我的行程', startDate: '2025-05-16', endDate: '2025-05-19' })
    fakeJoined(core.store.db, { token: 'token-of-this-laptop', deviceId: 'device-this', deviceName: '秘书处台式机', serverUrl: 'https://team.example.edu', cursor: 42, autoSync: false })
    // One conflict about a record the backup also holds (synced from the colleague), one about a record it lacks.
    addConflict(core.store.db, 'conflict-shared', 'trips', colleague.tripId, 'cccccccccccccccc')
    // The very pair the backup holds too: kept once.
    addConflict(core.store.db, 'conflict-same-pair', 'trips', colleague.tripId)
    addConflict(core.store.db, 'conflict-gone', 'trips', mine.id)
    const before = syncState(core.store.db)
    const nodeId = core.store.nodeId

    core = await restore(how, dataDir, core, colleague.file)
    const db = core.store.db
    // The data is the colleague's…
    expect((await dispatchOk<{ id: string }[]>(core, 'trip.list', {})).map((t) => t.id)).toEqual([colleague.tripId])
    // …the sync identity and preferences this machine's, the pull cursor back at the start.
    const { cursor, ...rest } = before
    expect(cursor).toBe('42')
    expect(syncState(db)).toEqual(rest)
    expect(core.store.nodeId).toBe(nodeId)
    expect(core.sync.status()).toMatchObject({ joined: true, serverUrl: 'https://team.example.edu', deviceName: '秘书处台式机', teamName: '皖苏调研组', autoSync: false })
    // The whole restored change log waits to be pushed; no stale batch id is left to be reused.
    expect(count(db, 'SELECT count(*) AS n FROM change_log')).toBe(colleague.changes)
    expect(count(db, 'SELECT count(*) AS n FROM change_log WHERE outbox = 0')).toBe(0)
    expect(core.sync.status().pendingChanges).toBe(colleague.changes)
    expect(count(db, 'SELECT count(*) AS n FROM sync_batches')).toBe(0)
    // Conflicts: this machine's stay unless their record is not in the restored data; the backup's stay too.
    expect((db.prepare('SELECT id FROM conflicts ORDER BY id').pluck().all() as string[])).toEqual(['conflict-colleague', 'conflict-shared'])
  })

  it('restoring a backup from before joining keeps this machine joined', async () => {
    const dataDir = folder()
    let core = open(dataDir)
    await dispatchOk(core, 'trip.create', { title: '入组之前', startDate: '2025-05-16', endDate: '2025-05-19' })
    const file = join(folder(), 'before-join.fbbackup')
    await new BackupService(core, { appVersion: '1.2.3' }).backupTo(file)
    await dispatchOk(core, 'trip.create', { title: '入组之后', startDate: '2025-05-20', endDate: '2025-05-21' })
    fakeJoined(core.store.db, { token: 'token-of-this-laptop', deviceId: 'device-this', deviceName: '秘书处台式机', serverUrl: 'https://team.example.edu', cursor: 7 })

    core = await restore(how, dataDir, core, file)
    expect((await dispatchOk<{ title: string }[]>(core, 'trip.list', {})).map((t) => t.title)).toEqual(['入组之前'])
    expect(syncState(core.store.db)).toMatchObject({ token: 'token-of-this-laptop', deviceId: 'device-this', serverUrl: 'https://team.example.edu', epoch: 'epoch-of-device-this' })
    expect(syncState(core.store.db)['cursor']).toBeUndefined()
    expect(core.sync.status()).toMatchObject({ joined: true, pendingChanges: count(core.store.db, 'SELECT count(*) AS n FROM change_log') })
    expect(core.sync.status().pendingChanges).toBeGreaterThan(0)
  })

  it('a machine that never joined stays not joined after restoring a joined device’s backup', async () => {
    const colleague = await colleaguesBackup()
    const dataDir = folder()
    let core = open(dataDir)
    await dispatchOk(core, 'trip.create', { title: '我的行程', startDate: '2025-05-16', endDate: '2025-05-19' })
    core = await restore(how, dataDir, core, colleague.file)
    expect(syncState(core.store.db)).toEqual({})
    expect(core.sync.status()).toMatchObject({ joined: false, serverUrl: '', teamName: '', deviceName: '' })
    expect(count(core.store.db, 'SELECT count(*) AS n FROM sync_batches')).toBe(0)
  })
})

it('a new data folder restored from a joined device’s backup is not joined and gets its own node id', async () => {
  const colleague = await colleaguesBackup()
  const source = new Database(join(colleague.dataDir, 'fieldbook.db'), { readonly: true })
  const colleagueNode = (source.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string }).value
  source.close()
  const fresh = join(folder(), 'new-laptop')
  await restoreDataDir(fresh, colleague.file, { appVersion: '1.2.3' })
  const core = open(fresh)
  expect(core.sync.status().joined).toBe(false)
  expect(syncState(core.store.db)).toEqual({})
  expect(core.store.nodeId).not.toBe(colleagueNode)
  expect((await dispatchOk<unknown[]>(core, 'trip.list', {})).length).toBe(1)
})

describe('a restore in the app and a sync round', () => {
  it('waits for the round in flight to end, and no round starts until the restore is done', async () => {
    const { file } = await colleaguesBackup()
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const requests: string[] = []
    // The server answers nothing until released (then the network fails): the round stays in flight.
    const syncFetch = (async (url: string | URL | Request) => {
      requests.push(String(url))
      await gate
      throw new TypeError('fetch failed')
    }) as typeof fetch
    const dataDir = folder()
    const core = workspaces.open(dataDir, { syncFetch })
    await dispatchOk(core, 'app.loadSample', { language: 'zh' })
    fakeJoined(core.store.db, { token: 'token-here', deviceId: 'device-here', deviceName: '李老师的笔记本', serverUrl: 'https://sync.example.edu', cursor: 5 })
    core.store.db.prepare('UPDATE change_log SET outbox = 1').run()

    const round = core.sync.sync().catch((error: unknown) => error)
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    let restored = false
    const service = new BackupService(core, { appVersion: '1.2.3', quiesce: (task) => core.sync.whilePaused(task) })
    const restoring = service.restoreFile(file).then(() => (restored = true))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(restored).toBe(false)
    release()
    await round
    await restoring
    expect(restored).toBe(true)
    // The restore's own bookkeeping stands: pulling from the start and everything offered again, still joined.
    const state = syncState(core.store.db)
    expect(state['cursor']).toBeUndefined()
    expect(state).toMatchObject({ token: 'token-here', deviceId: 'device-here' })
    expect(count(core.store.db, 'SELECT count(*) AS n FROM change_log WHERE outbox = 0')).toBe(0)
  })
})
