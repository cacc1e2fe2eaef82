import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, openSync, closeSync, renameSync, rmSync, statfsSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import type { BackupRefusal, BackupSummary } from '../../../shared/procedures/backup'
import { cellProblem, clockProblem, isRowId } from '../../../shared/sync/check-change'
import { MAX_BLOB_BYTES } from '../../../shared/sync/protocol'
import { columnKind, isSyncedTable } from '../../../shared/tables'
import { ATTACHMENTS_FOLDER } from '../attachments/blob-store'
import { migrate, SCHEMA_VERSION } from '../store/migrations'
import { DATABASE_FILE, type Store } from '../store/store'
import { writeBackup } from './create'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupManifest, MANIFEST_FILE, MANIFEST_MAX_BYTES, isAttachmentEntry } from './manifest'
import { backupStamp, BACKUPS_FOLDER } from './names'
import { ZipFileReader, ZipFormatError } from './zip'

/** The attachments service's cache of resized photos, inside the attachments folder. */
const THUMBNAILS_FOLDER = 'thumbs'

function invalid(reason: BackupRefusal, message: string): AppError {
  return new AppError('BACKUP_INVALID', message, { reason })
}

export interface VerifiedBackup {
  manifest: BackupManifest
  summary: Omit<BackupSummary, 'token' | 'fileName' | 'bytes'>
  /** The staged database (and attachments when asked for), in a folder of its own; removed by `discard`. */
  stagingDir: string
  discard(): void
}

export interface VerifyOptions {
  /** Where to stage; a fresh folder is made inside it. */
  stagingParent: string
  /** Also extract the attachments (a restore); without, they are only checked (a preview). */
  extractAttachments: boolean
  nativeBinding?: string | undefined
}

/**
 * Checks a backup file completely before anything is touched: a zip with a manifest of the right format and a
 * schema this version can read; every listed file present with its size and SHA-256; the database readable by
 * SQLite, intact, and of the version the manifest says. The database (and, for a restore, the attachments) is
 * extracted into a staging folder on the way, so the file is read once. Any failure removes the staging
 * folder and throws BACKUP_INVALID (with `details.reason`) or BACKUP_NEWER_VERSION.
 */
export async function verifyBackup(file: string, options: VerifyOptions): Promise<VerifiedBackup> {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `There is no file ${file}`)
  const stagingDir = join(options.stagingParent, `.restore-${randomBytes(6).toString('hex')}`)
  const discard = () => rmSync(stagingDir, { recursive: true, force: true })
  let reader: ZipFileReader | null = null
  try {
    try {
      reader = await ZipFileReader.open(file)
    } catch (error) {
      if (error instanceof ZipFormatError) throw invalid(error.reason, error.message)
      throw error
    }
    const manifest = await readManifest(reader)
    checkDeclaredSizes(reader, manifest, options.stagingParent)
    mkdirSync(stagingDir, { recursive: true })
    let skippedAttachments = 0
    for (const listed of manifest.files) {
      const entry = reader.find(listed.path)
      if (!entry) throw invalid('missingFile', `The backup lists ${listed.path} but does not contain it`)
      if (entry.size !== listed.size) throw invalid('checksum', `${listed.path} has ${entry.size} bytes instead of the ${listed.size} the manifest lists`)
      const attachment = isAttachmentEntry(listed.path)
      const target = !attachment || options.extractAttachments ? join(stagingDir, ...listed.path.split('/')) : null
      const sha256 = await copyEntry(reader, entry, target)
      if (sha256 !== listed.sha256) throw invalid('checksum', `${listed.path} does not match its checksum: the backup is damaged`)
      // A photo whose bytes no longer matched its name when the backup was made was already damaged on
      // disk: it is left out rather than restored under a name it does not match.
      if (attachment && sha256 !== listed.path.slice(-64)) {
        skippedAttachments++
        if (target) rmSync(target)
      }
    }
    const counts = checkDatabase(join(stagingDir, DATABASE_FILE), manifest.schemaVersion, options.nativeBinding)
    return {
      manifest,
      summary: {
        createdAt: manifest.createdAt,
        appVersion: manifest.appVersion,
        schemaVersion: manifest.schemaVersion,
        attachments: manifest.files.length - 1 - skippedAttachments,
        skippedAttachments,
        ...counts,
      },
      stagingDir,
      discard,
    }
  } catch (error) {
    discard()
    if (error instanceof AppError) throw error
    if (error instanceof ZipFormatError) throw invalid(error.reason, error.message)
    throw invalid('damaged', `The backup cannot be read: ${(error as Error).message}`)
  } finally {
    await reader?.close()
  }
}

/** A photo is never larger than an attachment may be (the app refuses larger files). */
const MAX_ATTACHMENT_ENTRY_BYTES = MAX_BLOB_BYTES
/**
 * Deflate shrinks a database a few times and photos not at all; a large entry shrunk more than this is a zip
 * bomb (gigabytes of zeros in a few megabytes), refused before a byte of it is inflated.
 */
const MAX_COMPRESSION_RATIO = 100
const RATIO_CHECKED_FROM_BYTES = 16 * 1024 * 1024

/**
 * Checks the sizes the zip's directory declares before anything is inflated: each attachment no larger than an
 * attachment can be, no entry compressed beyond what a backup's files allow, and everything fitting on the disk.
 * Extraction then stops at the declared size (ZipFileReader), so what is written is bounded by what was checked.
 */
function checkDeclaredSizes(reader: ZipFileReader, manifest: BackupManifest, stagingParent: string): void {
  let total = 0
  for (const listed of manifest.files) {
    const entry = reader.find(listed.path)
    if (!entry) continue
    total += entry.size
    if (isAttachmentEntry(listed.path) && entry.size > MAX_ATTACHMENT_ENTRY_BYTES) {
      throw invalid('tooLarge', `${listed.path} declares ${entry.size} bytes; an attachment is at most ${MAX_ATTACHMENT_ENTRY_BYTES}`)
    }
    if (entry.size > RATIO_CHECKED_FROM_BYTES && entry.size > Math.max(1, entry.compressedSize) * MAX_COMPRESSION_RATIO) {
      throw invalid('tooLarge', `${listed.path} would unpack ${entry.compressedSize} bytes into ${entry.size}: compressed far beyond what a backup holds`)
    }
  }
  let free = Number.POSITIVE_INFINITY
  try {
    const disk = statfsSync(stagingParent)
    free = disk.bavail * disk.bsize
  } catch {
    // The folder may not exist yet; the writes themselves then report a full disk.
  }
  if (total > free) throw invalid('tooLarge', `The backup unpacks to ${total} bytes but only ${free} are free on the disk`)
}

async function readManifest(reader: ZipFileReader): Promise<BackupManifest> {
  const entry = reader.find(MANIFEST_FILE)
  if (!entry) throw invalid('noManifest', 'This zip has no manifest.json: it is not a Fieldbook backup')
  if (entry.size > MANIFEST_MAX_BYTES) throw invalid('badManifest', 'The manifest is too large')
  let raw: unknown
  try {
    raw = JSON.parse((await reader.readAll(entry)).toString('utf8'))
  } catch (error) {
    if (error instanceof ZipFormatError) throw invalid(error.reason, error.message)
    throw invalid('badManifest', 'The manifest is not valid JSON')
  }
  const head = raw as { format?: unknown; formatVersion?: unknown; schemaVersion?: unknown; appVersion?: unknown }
  if (typeof raw !== 'object' || raw === null || head.format !== BACKUP_FORMAT) throw invalid('notBackup', 'This zip is not a Fieldbook backup')
  const appVersion = typeof head.appVersion === 'string' ? head.appVersion : '?'
  if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new AppError('BACKUP_NEWER_VERSION', `This backup has format ${head.formatVersion}; this Fieldbook reads up to ${BACKUP_FORMAT_VERSION}`, { appVersion })
  }
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > SCHEMA_VERSION) {
    throw new AppError('BACKUP_NEWER_VERSION', `This backup holds data version ${head.schemaVersion}; this Fieldbook reads up to ${SCHEMA_VERSION}`, { appVersion })
  }
  const parsed = BackupManifest.safeParse(raw)
  if (!parsed.success) throw invalid('badManifest', `The manifest is not valid: ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`)
  return parsed.data
}

/** Streams one entry to `target` (or nowhere) and returns its SHA-256. */
async function copyEntry(reader: ZipFileReader, entry: Parameters<ZipFileReader['chunks']>[0], target: string | null): Promise<string> {
  const hash = createHash('sha256')
  let fd: number | null = null
  if (target) {
    mkdirSync(dirname(target), { recursive: true })
    fd = openSync(target, 'wx')
  }
  try {
    for await (const chunk of reader.chunks(entry)) {
      hash.update(chunk)
      if (fd !== null) writeSync(fd, chunk)
    }
  } finally {
    if (fd !== null) closeSync(fd)
  }
  return hash.digest('hex')
}

/** Opens the staged database: it must be SQLite, pass a quick integrity check and be of the declared version. */
function checkDatabase(path: string, schemaVersion: number, nativeBinding?: string): Pick<BackupSummary, 'trips' | 'enterprises' | 'records'> {
  let db: Database.Database | null = null
  try {
    db = new Database(path, nativeBinding ? { nativeBinding } : {})
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw invalid('notDatabase', `The database in the backup is damaged: ${String(check)}`)
    const version = db.pragma('user_version', { simple: true }) as number
    if (version !== schemaVersion) throw invalid('versionMismatch', `The database is version ${version} but the manifest says ${schemaVersion}`)
    const count = (table: string) => {
      try {
        return (db!.prepare(`SELECT count(*) AS n FROM "${table}" WHERE deleted = 0`).get() as { n: number }).n
      } catch {
        return 0
      }
    }
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
    checkRecords(db, tables)
    let records = 0
    for (const table of tables) {
      if (['meta', 'change_log', 'settings', 'exports'].includes(table) || table.startsWith('sync_') || table.startsWith('search_') || table === 'conflicts' || table === 'blob_sync') continue
      records += count(table)
    }
    return { trips: count('trips'), enterprises: count('enterprises'), records }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw invalid('notDatabase', `The database in the backup cannot be read: ${(error as Error).message}`)
  } finally {
    db?.close()
  }
}

/** Clocks in a backup may run this far ahead of this computer's time (one written here cannot run ahead at all). */
const BACKUP_CLOCK_AHEAD_MS = 24 * 60 * 60_000

/**
 * Every record of the backup through the same check as a received change: ids, values against their fields'
 * schemas (a column still at its database default is taken as it is: older versions left some so), the
 * workspace clock and every change's clock well-formed and not ahead. A crafted backup is refused here, before
 * anything is touched, rather than crashing screens or dragging this device's clock once restored.
 */
function checkRecords(db: Database.Database, tables: string[]): void {
  const options = { now: Date.now(), maxDriftMs: BACKUP_CLOCK_AHEAD_MS }
  const refuse = (where: string, reason: string) => {
    throw invalid('invalidRecords', `The backup holds a record that is not valid (${where}): ${reason}`)
  }
  for (const table of tables) {
    if (!isSyncedTable(table)) continue
    const columns = (db.prepare('SELECT name, dflt_value FROM pragma_table_info(?)').all(table) as { name: string; dflt_value: string | null }[]).filter(
      (column) => column.name !== 'id' && column.name !== 'clocks' && columnKind(table, column.name),
    )
    const defaults = new Map(columns.map((column) => [column.name, db.prepare(`SELECT ${column.dflt_value ?? 'NULL'} AS v`).get() as { v: unknown }]))
    for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
      if (!isRowId(row['id'])) refuse(table, 'a row id is not an id')
      for (const { name } of columns) {
        const value = row[name]
        if (value === defaults.get(name)!.v) continue
        const problem = cellProblem(table, name, value)
        if (problem) refuse(`${table} ${String(row['id'])}`, problem.reason)
      }
    }
  }
  const meta = tables.includes('meta') ? (db.prepare("SELECT value FROM meta WHERE key = 'hlc'").get() as { value: string } | undefined) : undefined
  if (meta?.value) {
    const problem = clockProblem(meta.value, options)
    if (problem) refuse('clock', problem.reason)
  }
  if (!tables.includes('change_log')) return
  for (const { hlc } of db.prepare('SELECT hlc FROM change_log').iterate() as Iterable<{ hlc: unknown }>) {
    const problem = clockProblem(hlc, options)
    if (problem) refuse('change log', problem.reason)
  }
}

/**
 * This computer's sync client state (migration 4's tables), which a restore keeps: the server, token, device id,
 * team, epoch and preferences in `sync_state`; the conflicts and the received changes it could not store.
 */
export interface LocalSyncState {
  syncState: { key: string; value: string }[]
  conflicts: Record<string, unknown>[]
  skipped: Record<string, unknown>[]
}

export interface Preserved {
  /**
   * This installation keeps its node id (two devices sharing one would break sync's clocks). Unknown (a new or
   * unreadable data folder): the backup's is dropped too, and the store makes a new one when it opens.
   */
  nodeId?: string | undefined
  /** The clock only moves forward, also across a restore. */
  hlc?: string | undefined
  /** Settings of this computer that a restore leaves as they are (the backup schedule); null: not set here. */
  settings?: Record<string, string | null>
  /** This computer's sync state; undefined: it has none (never joined, or its database cannot be read). */
  sync?: LocalSyncState | undefined
}

function hasTable(db: Database.Database, name: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name))
}

/** Reads what a restore keeps of this computer's sync state from its current database. */
export function readLocalSyncState(db: Database.Database): LocalSyncState {
  const all = (table: string) => (hasTable(db, table) ? (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) : [])
  return {
    syncState: all('sync_state') as LocalSyncState['syncState'],
    conflicts: all('conflicts'),
    skipped: all('sync_skipped'),
  }
}

function insertRows(db: Database.Database, table: string, rows: Record<string, unknown>[], keep: (row: Record<string, unknown>) => boolean = () => true): void {
  const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name))
  for (const row of rows) {
    if (!keep(row)) continue
    const names = Object.keys(row).filter((name) => columns.has(name))
    db.prepare(`INSERT OR IGNORE INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...names.map((n) => row[n]),
    )
  }
}

/**
 * Brings the staged database up to this version's schema and writes what this computer keeps into it: its node
 * id, a clock not older than the current one, its own backup schedule, and its sync identity.
 *
 * Sync: the backup's server, token, device id and team never come in (a colleague's backup, or an old laptop's,
 * would make two machines push as one device; a backup from before joining would silently leave the team).
 * This computer's `sync_state` is kept as it was, except the pull cursor, which starts from zero; the whole
 * restored change log goes into the outbox (the server stores each change once, so pushing again is harmless),
 * pending push batches are dropped so no batch id is reused for other changes, and every attachment is offered
 * again: the same as the sync client does when the server's epoch changes. Conflicts: this computer's are kept
 * (those about records the backup does not hold are dropped: resolving them would write into a record that is
 * not there), and the backup's open ones stay too, since a re-pull does not find them again (their changes are
 * already in the restored change log).
 */
function applyPreserved(stagedDb: string, preserved: Preserved, nativeBinding?: string): void {
  const db = new Database(stagedDb, nativeBinding ? { nativeBinding } : {})
  try {
    // An older backup is brought up to this version's schema here, as opening it would; the sync tables then exist.
    migrate(db)
    db.transaction(() => {
      const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      if (preserved.nodeId) setMeta.run('node_id', preserved.nodeId)
      else db.prepare("DELETE FROM meta WHERE key = 'node_id'").run()
      if (preserved.hlc) {
        const row = db.prepare("SELECT value FROM meta WHERE key = 'hlc'").get() as { value: string } | undefined
        if (!row || row.value < preserved.hlc) setMeta.run('hlc', preserved.hlc)
      }
      const setSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      const removeSetting = db.prepare('DELETE FROM settings WHERE key = ?')
      for (const [key, value] of Object.entries(preserved.settings ?? {})) {
        if (value === null) removeSetting.run(key)
        else setSetting.run(key, value)
      }

      const local = preserved.sync ?? { syncState: [], conflicts: [], skipped: [] }
      db.prepare('DELETE FROM sync_state').run()
      insertRows(db, 'sync_state', local.syncState, (row) => row['key'] !== 'cursor')
      db.prepare('DELETE FROM sync_batches').run()
      db.prepare('UPDATE change_log SET outbox = 1 WHERE outbox = 0').run()
      db.prepare('UPDATE blob_sync SET on_server = 0, attempts = 0, retry_at = 0').run()
      const tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
      insertRows(db, 'conflicts', local.conflicts, (row) => {
        const table = String(row['tbl'])
        return tables.has(table) && Boolean(db.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).get(row['row_id']))
      })
      insertRows(db, 'sync_skipped', local.skipped)
    })()
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

export interface RestoreOutcome {
  summary: VerifiedBackup['summary']
  /** The backup of the data as it was just before, in `<dataDir>/backups/`. */
  safetyCopy: string
}

export interface RestoreOptions {
  appVersion: string
  nativeBinding?: string | undefined
  now?: Date
  preservedSettings?: Record<string, string | null>
  /** For tests: the rename used to move folders and files into place (fails like a photo locked by a viewer). */
  rename?: (from: string, to: string) => void
}

/** Renames that can be undone: a restore that cannot finish puts back everything it moved. */
class Moves {
  private done: { from: string; to: string }[] = []
  constructor(private readonly rename: (from: string, to: string) => void) {}

  move(from: string, to: string): void {
    this.rename(from, to)
    this.done.push({ from, to })
  }

  /** Moves everything back, newest first; returns where the items that could not be put back are. */
  undo(): string[] {
    const stranded: string[] = []
    for (const { from, to } of this.done.reverse()) {
      try {
        this.rename(to, from)
      } catch {
        stranded.push(to)
      }
    }
    this.done = []
    return stranded
  }
}

function restoreFailed(cause: unknown, safetyCopy: string, stranded: string[]): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  const copy = safetyCopy ? ` A copy of the data as it was before is at ${safetyCopy}.` : ''
  const message = stranded.length
    ? `The restore could not finish (${reason}), and these could not be put back: ${stranded.join(', ')}.${copy}`
    : `The restore could not finish (${reason}); the data is as it was before.${copy}`
  return new AppError('RESTORE_FAILED', message, { safetyCopy, stranded })
}

/** The live attachments go to `previous`, the staged ones take their place. */
function swapAttachments(moves: Moves, dataDir: string, stagingDir: string, previous: string): void {
  const live = join(dataDir, ATTACHMENTS_FOLDER)
  const staged = join(stagingDir, ATTACHMENTS_FOLDER)
  if (!existsSync(staged)) mkdirSync(staged)
  if (existsSync(live)) moves.move(live, previous)
  moves.move(staged, live)
}

/**
 * Thumbnails are a cache named by hash: still right for the restored photos, and costly to make again. Moved
 * once the restore is done; if that fails they are simply made again.
 */
function keepThumbnails(previous: string, dataDir: string, rename: (from: string, to: string) => void): void {
  try {
    if (existsSync(join(previous, THUMBNAILS_FOLDER))) rename(join(previous, THUMBNAILS_FOLDER), join(dataDir, ATTACHMENTS_FOLDER, THUMBNAILS_FOLDER))
  } catch {
    // Made again when shown.
  }
}

/**
 * Restores into a data folder whose store is open (the app): verified and staged first; then a safety backup
 * of the current data. The attachments are swapped first, by renames that are undone if anything after fails;
 * then the staged database is copied page by page into the open database through SQLite's backup API, in one
 * step that either completes or leaves the database as it was (the open connection sees the new content at
 * once; SQLite bumps the schema cookie so every prepared statement is prepared again).
 */
export async function restoreIntoStore(store: Store, dataDir: string, file: string, options: RestoreOptions): Promise<RestoreOutcome> {
  const rename = options.rename ?? renameSync
  const verified = await verifyBackup(file, { stagingParent: dataDir, extractAttachments: true, nativeBinding: options.nativeBinding })
  let keepStaging = false
  try {
    const safetyCopy = await writeSafetyCopy(
      dataDir,
      (path) => writeBackup({ db: store.db, dataDir, appVersion: options.appVersion, nodeId: store.nodeId, ...(options.now ? { now: options.now } : {}) }, path),
      options.now,
    )
    const stagedDb = join(verified.stagingDir, DATABASE_FILE)
    applyPreserved(
      stagedDb,
      { nodeId: store.nodeId, hlc: store.clock.current(), settings: options.preservedSettings ?? {}, sync: readLocalSyncState(store.db) },
      options.nativeBinding,
    )
    const previousAttachments = join(verified.stagingDir, 'previous-attachments')
    const moves = new Moves(rename)
    try {
      swapAttachments(moves, dataDir, verified.stagingDir, previousAttachments)
      const staged = new Database(stagedDb, { readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
      try {
        await staged.backup(join(dataDir, DATABASE_FILE), { progress: () => 0x7fffffff })
      } finally {
        staged.close()
      }
    } catch (error) {
      const stranded = moves.undo()
      keepStaging = stranded.length > 0
      throw restoreFailed(error, safetyCopy, stranded)
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    keepThumbnails(previousAttachments, dataDir, rename)
    return { summary: verified.summary, safetyCopy }
  } finally {
    if (!keepStaging) verified.discard()
  }
}

/**
 * Restores into a data folder nobody has open (the command line, or a damaged database the app cannot open):
 * verified and staged first; the current data kept as a safety backup (or, if its database cannot be read at
 * all, moved aside as it is); then the staged attachments and database are renamed into place, the current ones
 * moved out of the way first so that a failure puts every one of them back.
 */
export async function restoreDataDir(dataDir: string, file: string, options: RestoreOptions): Promise<RestoreOutcome> {
  const rename = options.rename ?? renameSync
  mkdirSync(dataDir, { recursive: true })
  const verified = await verifyBackup(file, { stagingParent: dataDir, extractAttachments: true, nativeBinding: options.nativeBinding })
  let keepStaging = false
  try {
    const live = join(dataDir, DATABASE_FILE)
    let safetyCopy = ''
    // Where the current files go: into staging (removed at the end) when the safety copy holds them, or kept as
    // they are in backups/ when the database cannot be read.
    let previous = join(verified.stagingDir, 'previous')
    const preserved: Preserved = { settings: options.preservedSettings ?? {} }
    if (existsSync(live)) {
      let db: Database.Database | null = null
      try {
        db = new Database(live, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
        const meta = db.prepare("SELECT key, value FROM meta WHERE key IN ('node_id', 'hlc')").all() as { key: string; value: string }[]
        preserved.nodeId = meta.find((m) => m.key === 'node_id')?.value
        preserved.hlc = meta.find((m) => m.key === 'hlc')?.value
        preserved.sync = readLocalSyncState(db)
        const current = db
        safetyCopy = await writeSafetyCopy(
          dataDir,
          (path) => writeBackup({ db: current, dataDir, appVersion: options.appVersion, nodeId: preserved.nodeId ?? '', ...(options.now ? { now: options.now } : {}) }, path),
          options.now,
        )
      } catch {
        // Unreadable: nothing can copy it page by page, so the files themselves are moved aside untouched.
        preserved.nodeId = undefined
        preserved.hlc = undefined
        preserved.sync = undefined
        previous = join(dataDir, BACKUPS_FOLDER, `before-restore-${backupStamp(options.now ?? new Date())}`)
        safetyCopy = previous
      } finally {
        db?.close()
      }
    }
    applyPreserved(join(verified.stagingDir, DATABASE_FILE), preserved, options.nativeBinding)
    mkdirSync(previous, { recursive: true })
    const previousAttachments = join(previous, ATTACHMENTS_FOLDER)
    const moves = new Moves(rename)
    try {
      swapAttachments(moves, dataDir, verified.stagingDir, previousAttachments)
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) {
        if (existsSync(join(dataDir, name))) moves.move(join(dataDir, name), join(previous, name))
      }
      moves.move(join(verified.stagingDir, DATABASE_FILE), live)
    } catch (error) {
      const stranded = moves.undo()
      keepStaging = stranded.length > 0
      // Everything is back: an aside folder left empty would only confuse.
      if (!stranded.length && safetyCopy === previous) {
        rmSync(previous, { recursive: true, force: true })
        safetyCopy = ''
      }
      throw restoreFailed(error, safetyCopy, stranded)
    }
    keepThumbnails(previousAttachments, dataDir, rename)
    return { summary: verified.summary, safetyCopy }
  } finally {
    if (!keepStaging) verified.discard()
  }
}

async function writeSafetyCopy(dataDir: string, write: (path: string) => Promise<unknown>, now?: Date): Promise<string> {
  const folder = join(dataDir, BACKUPS_FOLDER)
  mkdirSync(folder, { recursive: true })
  const path = join(folder, `before-restore-${backupStamp(now ?? new Date())}.fbbackup`)
  await write(path)
  return path
}
