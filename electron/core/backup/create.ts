import { randomBytes } from 'node:crypto'
import { readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import { ATTACHMENTS_FOLDER } from '../attachments/blob-store'
import { DATABASE_FILE } from '../store/store'
import { SECRET_SYNC_KEYS } from '../sync/state'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_FILE, type BackupManifest, type ManifestFile } from './manifest'
import { fileChunks, ZipFileWriter } from './zip'

export interface BackupWritten {
  filePath: string
  bytes: number
  createdAt: string
  attachments: number
}

export interface BackupSource {
  db: Database.Database
  dataDir: string
  appVersion: string
  nodeId: string
  now?: Date
}

/**
 * Writes one backup file: an online copy of the database (SQLite's backup API, consistent while the app keeps
 * writing), every attachment, and a manifest with each file's size and SHA-256 and the schema version.
 * Everything goes to a temporary name beside `filePath` and is renamed at the end: a failed backup leaves
 * no half file.
 */
export async function writeBackup(source: BackupSource, filePath: string): Promise<BackupWritten> {
  const createdAt = (source.now ?? new Date()).toISOString()
  const mtime = new Date(createdAt)
  const partial = `${filePath}.${randomBytes(4).toString('hex')}.partial`
  const databaseCopy = `${partial}.db`
  let zip: ZipFileWriter | null = null
  try {
    // Copies the pages in large steps; writes made meanwhile through this connection are copied too.
    await source.db.backup(databaseCopy, { progress: () => 4096 })
    removeSecrets(source.db, databaseCopy)
    const schemaVersion = source.db.pragma('user_version', { simple: true }) as number
    zip = new ZipFileWriter(partial)
    const files: ManifestFile[] = []
    files.push({ path: DATABASE_FILE, ...(await zip.add(DATABASE_FILE, fileChunks(databaseCopy), { compress: true, mtime })) })
    for (const { entry, path } of listAttachmentFiles(source.dataDir)) {
      files.push({ path: entry, ...(await zip.add(entry, fileChunks(path), { compress: false, mtime })) })
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: source.appVersion,
      schemaVersion,
      createdAt,
      nodeId: source.nodeId,
      files,
    }
    await zip.add(MANIFEST_FILE, [Buffer.from(JSON.stringify(manifest, null, 1))], { compress: true, mtime })
    await zip.end()
    const bytes = zip.bytesWritten
    zip = null
    renameSync(partial, filePath)
    return { filePath, bytes, createdAt, attachments: files.length - 1 }
  } catch (error) {
    await zip?.abort()
    rmSync(partial, { force: true })
    if (error instanceof AppError) throw error
    throw new AppError('EXPORT_FAILED', `The backup could not be written to ${dirname(filePath)}: ${(error as Error).message}`, { reason: 'writeFailed' })
  } finally {
    rmSync(databaseCopy, { force: true })
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${databaseCopy}${suffix}`, { force: true })
  }
}

/**
 * Removes the device token (sealed or not: a restore never uses it, and a copy of the file must not let anyone
 * sync) from the copied database before it is zipped, with secure_delete so its bytes are
 * overwritten rather than left in a free page. Through the live connection (ATTACH): the copy is opened with the
 * same SQLite build the app runs.
 */
function removeSecrets(db: Database.Database, copy: string): void {
  db.prepare('ATTACH DATABASE ? AS backup_copy').run(copy)
  try {
    const hasSyncState = db.prepare("SELECT 1 FROM backup_copy.sqlite_schema WHERE type = 'table' AND name = 'sync_state'").get()
    if (!hasSyncState) return
    db.pragma('backup_copy.secure_delete = ON')
    db.prepare(`DELETE FROM backup_copy.sync_state WHERE key IN (${SECRET_SYNC_KEYS.map(() => '?').join(', ')})`).run(...SECRET_SYNC_KEYS)
  } finally {
    db.prepare('DETACH DATABASE backup_copy').run()
  }
}

/**
 * The attachment files of a data folder (`attachments/ab/<hash>`), in a stable order. Temporary files of a
 * write in progress are skipped: they are not attachments yet.
 */
export function listAttachmentFiles(dataDir: string): { entry: string; path: string }[] {
  const root = join(dataDir, ATTACHMENTS_FOLDER)
  const found: { entry: string; path: string }[] = []
  let folders: string[]
  try {
    folders = readdirSync(root).filter((name) => /^[0-9a-f]{2}$/.test(name)).sort()
  } catch {
    return found
  }
  for (const folder of folders) {
    let names: string[]
    try {
      names = readdirSync(join(root, folder), { withFileTypes: true })
        .filter((d) => d.isFile() && /^[0-9a-f]{64}$/.test(d.name) && d.name.startsWith(folder))
        .map((d) => d.name)
        .sort()
    } catch {
      continue
    }
    for (const name of names) found.push({ entry: `${ATTACHMENTS_FOLDER}/${folder}/${name}`, path: join(root, folder, name) })
  }
  return found
}
