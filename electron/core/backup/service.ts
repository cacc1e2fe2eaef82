import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import {
  BackupSchedule,
  DEFAULT_BACKUP_SCHEDULE,
  type BackupCreated,
  type BackupList,
  type BackupSummary,
  type RestoreResult,
  type StoredBackup,
} from '../../../shared/procedures/backup'
import type { CoreContext } from '../context'
import { writeBackup, type BackupWritten } from './create'
import { BACKUP_EXTENSION } from './manifest'
import { AUTO_PREFIX, backupStamp, BACKUPS_FOLDER, parseStamp, SAFETY_PREFIX, suggestedBackupName } from './names'
import { restoreIntoStore, verifyBackup } from './restore'

/** What only the host can do: native save and open dialogs, the file manager (Electron in the app). */
export interface BackupHost {
  chooseSavePath(suggestedName: string): Promise<string | null>
  chooseOpenPath(): Promise<string | null>
  showInFolder(path: string): void
}

export interface BackupServiceOptions {
  host?: BackupHost | undefined
  appVersion: string
  nativeBinding?: string | undefined
  now?: () => Date
  log?: (error: unknown) => void
  /**
   * Runs the restore while nothing else writes sync state (the sync client waits its round out and starts no
   * new one): a round finishing after a restore would clear outbox entries that now hold other changes.
   */
  quiesce?: <T>(task: () => Promise<T>) => Promise<T>
}

const SCHEDULE_KEY = 'backupSchedule'
const DAY_MS = 24 * 60 * 60_000
/** A backup made a little early still counts: the check runs every half hour, not at the exact minute. */
const SLACK_MS = 60 * 60_000
/** An inspected backup may be restored for this long; then it must be chosen again. */
const TOKEN_TTL_MS = 60 * 60_000

/** Backups: made by hand or on a schedule, listed, checked and restored; one at a time. */
export class BackupService {
  private queue: Promise<unknown> = Promise.resolve()
  private readonly tokens = new Map<string, { path: string; expires: number }>()
  private timers: { first: NodeJS.Timeout; every: NodeJS.Timeout } | null = null
  private lastAutoError: BackupList['lastAutoError'] = null
  private stopped = false

  constructor(
    private readonly context: CoreContext,
    private readonly options: BackupServiceOptions,
  ) {}

  get folder(): string {
    return join(this.context.dataDir, BACKUPS_FOLDER)
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /** Runs one backup or restore after the previous one finished: they must never interleave. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  /** Writes a backup to `filePath` (the command line's --out). */
  backupTo(filePath: string): Promise<BackupWritten> {
    return this.exclusive(() =>
      writeBackup({ db: this.context.store.db, dataDir: this.context.dataDir, appVersion: this.options.appVersion, nodeId: this.context.store.nodeId, now: this.now() }, filePath),
    )
  }

  /** Asks the host where to save, then writes; null when the user cancels. */
  async create(language: 'zh' | 'en'): Promise<BackupCreated | null> {
    const host = this.requireHost()
    const filePath = await host.chooseSavePath(suggestedBackupName(language, this.now()))
    if (!filePath) return null
    const written = await this.backupTo(filePath)
    return { fileName: basename(filePath), filePath, bytes: written.bytes, createdAt: written.createdAt, attachments: written.attachments }
  }

  list(): BackupList {
    let names: string[] = []
    try {
      names = readdirSync(this.folder).filter((name) => name.endsWith(BACKUP_EXTENSION))
    } catch {
      // No backups yet.
    }
    const backups: StoredBackup[] = []
    for (const name of names) {
      try {
        const stat = statSync(join(this.folder, name))
        if (!stat.isFile()) continue
        backups.push({
          name,
          kind: name.startsWith(AUTO_PREFIX) ? 'auto' : name.startsWith(SAFETY_PREFIX) ? 'safety' : 'other',
          bytes: stat.size,
          createdAt: (parseStamp(name) ?? stat.mtime).toISOString(),
        })
      } catch {
        // Removed meanwhile.
      }
    }
    backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name))
    return { folder: this.folder, backups, lastAutoError: this.lastAutoError }
  }

  /** A backup in backups/, by its name only: nothing from the page is used as a path. */
  private storedPath(name: string): string {
    if (!this.list().backups.some((b) => b.name === name)) throw new AppError('FILE_NOT_FOUND', `There is no backup named ${name}`)
    return join(this.folder, name)
  }

  /** Checks a backup in full (nothing changes) and returns what it holds, with a token for `restore`. */
  async inspect(name?: string): Promise<BackupSummary | null> {
    const path = name !== undefined ? this.storedPath(name) : await this.requireHost().chooseOpenPath()
    if (!path) return null
    const verified = await this.exclusive(() =>
      verifyBackup(path, { stagingParent: this.context.dataDir, extractAttachments: false, nativeBinding: this.options.nativeBinding }),
    )
    verified.discard()
    const token = randomBytes(12).toString('hex')
    const now = Date.now()
    for (const [key, entry] of this.tokens) if (entry.expires < now) this.tokens.delete(key)
    this.tokens.set(token, { path, expires: now + TOKEN_TTL_MS })
    return { token, fileName: basename(path), bytes: statSync(path).size, ...verified.summary }
  }

  /** Restores an inspected backup into the open store; the data before is kept in backups/ first. */
  async restore(token: string): Promise<RestoreResult> {
    const entry = this.tokens.get(token)
    if (!entry || entry.expires < Date.now()) throw new AppError('NOT_FOUND', 'Choose the backup again: this choice has expired')
    const result = await this.restoreFile(entry.path)
    this.tokens.delete(token)
    return result
  }

  /** Checks and restores a backup file into the open store (the command line's `restore FILE`). */
  async restoreFile(path: string): Promise<RestoreResult> {
    const restore = () =>
      restoreIntoStore(this.context.store, this.context.dataDir, path, {
        appVersion: this.options.appVersion,
        nativeBinding: this.options.nativeBinding,
        now: this.now(),
        preservedSettings: { [SCHEDULE_KEY]: this.storedSchedule() },
      })
    const quiesce = this.options.quiesce
    const outcome = await this.exclusive(() => (quiesce ? quiesce(restore) : restore()))
    return {
      restored: { fileName: basename(path), bytes: statSync(path).size, ...outcome.summary },
      safetyCopy: basename(outcome.safetyCopy),
    }
  }

  showInFolder(name?: string): boolean {
    const host = this.options.host
    if (!host) return false
    if (name === undefined) mkdirSync(this.folder, { recursive: true })
    host.showInFolder(name === undefined ? this.folder : this.storedPath(name))
    return true
  }

  /** The schedule as stored on this computer; null when never changed (the default applies). */
  private storedSchedule(): string | null {
    const row = this.context.store.db.prepare('SELECT value FROM settings WHERE key = ?').get(SCHEDULE_KEY) as { value: string } | undefined
    return row?.value ?? null
  }

  schedule(): BackupSchedule {
    const stored = this.storedSchedule()
    if (stored === null) return DEFAULT_BACKUP_SCHEDULE
    try {
      const parsed = BackupSchedule.safeParse({ ...DEFAULT_BACKUP_SCHEDULE, ...JSON.parse(stored) })
      return parsed.success ? parsed.data : DEFAULT_BACKUP_SCHEDULE
    } catch {
      return DEFAULT_BACKUP_SCHEDULE
    }
  }

  setSchedule(patch: Partial<BackupSchedule>): BackupSchedule {
    const next = BackupSchedule.parse({ ...this.schedule(), ...patch })
    this.context.store.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(SCHEDULE_KEY, JSON.stringify(next))
    // Fewer to keep applies at once, not at the next backup.
    this.prune(next.keep)
    return next
  }

  /**
   * The scheduled check: when on and the newest automatic backup is older than the period, writes
   * `backups/auto-<time>.fbbackup` and removes the oldest beyond the number to keep. Returns the file written.
   */
  async runScheduled(): Promise<string | null> {
    const schedule = this.schedule()
    if (!schedule.enabled || this.stopped) return null
    const now = this.now()
    const newest = this.list().backups.find((b) => b.kind === 'auto')
    const period = (schedule.frequency === 'weekly' ? 7 : 1) * DAY_MS
    if (newest && now.getTime() - new Date(newest.createdAt).getTime() < period - SLACK_MS) return null
    mkdirSync(this.folder, { recursive: true })
    const path = join(this.folder, `${AUTO_PREFIX}${backupStamp(now)}${BACKUP_EXTENSION}`)
    try {
      await this.backupTo(path)
      this.lastAutoError = null
    } catch (error) {
      this.lastAutoError = {
        code: error instanceof AppError ? error.code : 'INTERNAL',
        message: (error as Error).message,
        at: now.toISOString(),
      }
      throw error
    }
    this.prune(schedule.keep)
    return path
  }

  /** Keeps the newest `keep` automatic backups; safety copies and other files are never removed here. */
  private prune(keep: number): void {
    const autos = this.list().backups.filter((b) => b.kind === 'auto')
    for (const old of autos.slice(keep)) rmSync(join(this.folder, old.name), { force: true })
  }

  /** Checks soon after opening, then every half hour; the timers never keep the process alive. */
  start(options: { firstCheckMs?: number; intervalMs?: number } = {}): void {
    if (this.timers || this.stopped) return
    const check = () => {
      this.runScheduled().catch((error: unknown) => {
        if (!this.stopped) (this.options.log ?? console.error)(error)
      })
    }
    this.timers = {
      first: setTimeout(check, options.firstCheckMs ?? 15_000).unref(),
      every: setInterval(check, options.intervalMs ?? 30 * 60_000).unref(),
    }
  }

  /** Stops the schedule. A backup still copying when the store closes fails and removes its partial file. */
  stop(): void {
    this.stopped = true
    if (this.timers) {
      clearTimeout(this.timers.first)
      clearInterval(this.timers.every)
      this.timers = null
    }
  }

  private requireHost(): BackupHost {
    if (!this.options.host) throw new AppError('EXPORT_FAILED', 'This Fieldbook cannot show a file dialog; use the command line (backup --out, restore FILE).')
    return this.options.host
  }
}
