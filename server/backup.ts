import Database from 'better-sqlite3'
import { copyFileSync, existsSync, openSync, fsyncSync, closeSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { badRequest, HttpError } from './errors'
import { SERVER_SCHEMA_VERSION, sqliteSchemaVersion } from './migrations'
import { runningServerPid } from './server'
import { ServerStore } from './store'

export interface BackupResult {
  file: string
  bytes: number
  epoch: string
  heads: Record<string, number>
}

/**
 * SQLite only (PostgreSQL is backed up with pg_dump and restored with pg_restore; see the README).
 * An online copy of server.db (SQLite's backup API: consistent while the server keeps running). Blob files are not
 * in it: they are content-addressed and never change, so copying the blobs folder as files is enough.
 */
export async function backupServer(dataDir: string, out: string): Promise<BackupResult> {
  if (!existsSync(join(resolve(dataDir), 'server.db'))) throw new HttpError(404, 'NOT_FOUND', `No server.db in ${resolve(dataDir)}`)
  const store = await ServerStore.open({ dataDir })
  try {
    const file = resolve(out)
    const temp = `${file}.partial`
    rmSync(temp, { force: true })
    await store.sqlite!.backup(temp)
    renameSync(temp, file)
    return { file, bytes: statSync(file).size, epoch: await store.epoch(), heads: await store.heads() }
  } finally {
    await store.close()
  }
}

export interface RestoreResult {
  /** The new epoch: clients see it and push their changes again. */
  epoch: string
  previousEpoch: string | null
  /** Where the database that was replaced was kept. */
  replaced: string | null
  heads: Record<string, number>
}

function checkBackupFile(file: string): void {
  if (!existsSync(file)) throw new HttpError(404, 'NOT_FOUND', `No file ${file}`)
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const version = sqliteSchemaVersion(db)
    if (version > SERVER_SCHEMA_VERSION) throw badRequest(`${file} comes from a newer server (schema ${version}); update this server first`)
    const ok = db.pragma('quick_check', { simple: true })
    const epoch = db.prepare("SELECT value FROM meta WHERE key = 'epoch'").get()
    if (version < 1 || ok !== 'ok' || !epoch) throw new Error('not a server database')
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw badRequest(`${file} is not a Fieldbook sync server backup (${(error as Error).message})`)
  } finally {
    db?.close()
  }
}

/**
 * Puts a backup in place of server.db and gives it a NEW epoch, so that every client notices the server forgot
 * the changes made after the backup and pushes its own again. The replaced database is kept beside it. Refused
 * while a server runs on the folder.
 */
export async function restoreServer(dataDir: string, backupFile: string, now: () => number = Date.now): Promise<RestoreResult> {
  const dir = resolve(dataDir)
  const source = resolve(backupFile)
  const pid = runningServerPid(dir)
  if (pid !== undefined) throw new HttpError(409, 'UNAVAILABLE', `A server (pid ${pid}) is running on ${dir}; stop it first`)
  checkBackupFile(source)

  const target = join(dir, 'server.db')
  let previousEpoch: string | null = null
  let replaced: string | null = null
  if (existsSync(target)) {
    // Opening and closing checkpoints the old database's WAL into its file, so the kept copy is whole.
    const old = await ServerStore.open({ dataDir: dir })
    previousEpoch = await old.epoch()
    await old.close()
    replaced = join(dir, `server.db.replaced-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`)
    renameSync(target, replaced)
  }
  // A stale WAL beside the restored file would be replayed into it.
  rmSync(`${target}-wal`, { force: true })
  rmSync(`${target}-shm`, { force: true })
  const temp = `${target}.restoring`
  copyFileSync(source, temp)
  const fd = openSync(temp, 'r+')
  fsyncSync(fd)
  closeSync(fd)
  renameSync(temp, target)

  const store = await ServerStore.open({ dataDir: dir, now })
  try {
    const epoch = await store.rotateEpoch(`restored from ${source}`)
    return { epoch, previousEpoch, replaced, heads: await store.heads() }
  } finally {
    await store.close()
  }
}
