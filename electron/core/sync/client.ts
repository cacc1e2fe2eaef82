import { randomUUID } from 'node:crypto'
import { AppError, type AppErrorData } from '../../../shared/errors'
import { formatHlc, parseHlc } from '../../../shared/hlc'
import type { HistoryEntry, SyncPhase, SyncStatus, SyncSummary } from '../../../shared/procedures/sync'
import {
  ClockAheadDetails,
  JoinResponse,
  MAX_JSON_BODY_BYTES,
  MAX_PULL_LIMIT,
  PullResponse,
  PUSH_BATCH_CHANGES,
  PushResponse,
  ServerErrorBody,
  TeamResponse,
  type WireChange,
} from '../../../shared/sync/protocol'
import { BlobStore } from '../attachments/blob-store'
import { mergeDuplicatePhotos } from '../attachments/dedupe'
import type { ChangeInput, Store } from '../store/store'
import { cellProblem, changeProblem } from '../../../shared/sync/check-change'
import { isSyncedTable, type CellValue } from '../store/tables'
import { BlobQueue } from './blobs'
import { ConflictService } from './conflicts'
import { historyOf } from './history'
import { SyncStateStore, type SecretSealer } from './state'
import { normalizeServerUrl, Transport } from './transport'

/** A push body stays well under the server's limit, whatever the text fields hold. */
const PUSH_BATCH_BYTES = Math.floor(MAX_JSON_BODY_BYTES * 0.6)
/** Clocks further ahead than this are reported in the status (never refused). */
const REPORTED_DRIFT_MS = 60_000
const DRIFT_MEMORY_MS = 24 * 60 * 60_000
/**
 * A received clock further ahead of this machine's time than this is kept aside, never written: taking it would
 * drag every later edit here far past what the server accepts. Generous, because this machine's own clock may be
 * the wrong one (days behind is seen; a year behind would already fail every HTTPS connection).
 */
const SET_ASIDE_CLOCK_AHEAD_MS = 366 * 24 * 60 * 60_000

export interface SyncClientOptions {
  store: Store
  dataDir: string
  /** Told every time the status changes (phase, progress, counts, errors); reads `status()` if anyone listens. */
  onStatusChange?: () => void
  /** This install's wall clock (tests skew it); only used to measure other devices' clock drift. */
  wallClock?: () => number
  /** For tests: a fetch that misbehaves on purpose. */
  fetch?: typeof fetch
  /** Keeps the device token with the operating system's key store (the app passes Electron's safeStorage). */
  secretSealer?: SecretSealer
  /** This app's version, reported to the server with every request (the team's device list shows it). */
  appVersion?: string
}

export interface JoinOptions {
  serverUrl: string
  inviteCode: string
  deviceName: string
  allowInsecure?: boolean
}

interface OutboxRow {
  seq: number
  hlc: string
  tbl: string
  row_id: string
  cells: string
}

export interface PushBatch {
  id: string
  firstSeq: number
  lastSeq: number
  changes: WireChange[]
}

/** Thrown inside a round when the server's epoch changed (it was restored): the round starts over. */
class EpochChanged extends Error {}

/**
 * The sync client of one workspace (docs/architecture.md, "Sync"): pushes the outbox in batches whose ids are remembered before
 * sending, pulls pages and applies each with its cursor in one transaction, keeps concurrent text edits as
 * conflicts, moves attachment bytes in their own queue, and rebuilds from scratch when the server was restored.
 * One round at a time; every failure is kept in the status in a code the renderer translates.
 */
export class SyncClient {
  readonly state: SyncStateStore
  readonly conflicts: ConflictService
  readonly blobs: BlobQueue
  private readonly store: Store
  private readonly wallClock: () => number
  private phase: SyncPhase = 'idle'
  private progress: { done: number; total: number } | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  /** True while received changes are being written, so the scheduler does not take them for edits. */
  applyingRemote = false

  constructor(private readonly options: SyncClientOptions) {
    this.store = options.store
    this.wallClock = options.wallClock ?? Date.now
    this.state = new SyncStateStore(this.store, options.secretSealer)
    this.state.sealSecrets()
    this.conflicts = new ConflictService(this.store, (hlc) => this.deviceOfNode(parseHlc(hlc).node))
    this.blobs = new BlobQueue(this.store, new BlobStore(options.dataDir))
    const lastError = this.state.getJson<AppErrorData | null>('lastError', null)
    if (lastError) this.phase = lastError.code === 'SYNC_UNREACHABLE' ? 'offline' : 'error'
  }

  close(): void {
    this.closed = true
    this.conflicts.detach()
  }

  get isClosed(): boolean {
    return this.closed
  }

  // ---- status -------------------------------------------------------------------------------------------------

  status(): SyncStatus {
    const settings = this.state.settings()
    const blobCounts = this.blobs.counts()
    const lastError = this.state.getJson<(AppErrorData & { at: string }) | null>('lastError', null)
    const drift = this.state.getJson<{ ms: number; at: number } | null>('clockDrift', null)
    const pending = this.store.statement('SELECT count(*) AS n FROM change_log WHERE outbox = 1').get() as { n: number }
    const clockAhead = this.state.getJson<(ClockAheadDetails & { at: string }) | null>('clockAhead', null)
    return {
      joined: this.state.joined,
      serverUrl: settings.serverUrl,
      teamName: settings.teamName,
      deviceName: settings.deviceName,
      lastSyncedAt: this.state.get('lastSyncedAt') ?? '',
      pendingChanges: pending.n,
      pendingBlobs: blobCounts.pending,
      missingBlobs: blobCounts.missing,
      phase: this.phase,
      ...(this.progress ? { progress: this.progress } : {}),
      ...(lastError ? { lastError: { code: lastError.code, message: lastError.message, at: lastError.at } } : {}),
      ...(drift && Date.now() - drift.at < DRIFT_MEMORY_MS ? { clockDriftMs: drift.ms } : {}),
      autoSync: settings.autoSync,
      openConflicts: this.conflicts.openCount(),
      ...(this.state.joined && this.readOnly() ? { readOnly: true } : {}),
      ...(clockAhead
        ? { clockAhead: { aheadMs: clockAhead.aheadMs, serverTime: clockAhead.serverTime, maxDriftMs: clockAhead.maxDriftMs, at: clockAhead.at } }
        : {}),
    }
  }

  private emitStatus(): void {
    if (!this.closed) this.options.onStatusChange?.()
  }

  private setPhase(phase: SyncPhase, progress?: { done: number; total: number }): void {
    this.phase = phase
    this.progress = progress
    this.emitStatus()
  }

  // ---- joining and leaving ------------------------------------------------------------------------------------

  /**
   * Exchanges an invite code for this device's token. Everything in this workspace is then offered to the team:
   * the whole change log goes into the outbox and the cursor starts from zero.
   */
  async join(input: JoinOptions): Promise<SyncStatus> {
    const serverUrl = normalizeServerUrl(input.serverUrl, input.allowInsecure ?? false)
    const transport = new Transport({ serverUrl, ...this.transportExtras(), ...(this.options.fetch ? { fetch: this.options.fetch } : {}) })
    const answer = await transport.json('POST', '/v1/join', JoinResponse, {
      inviteCode: input.inviteCode.trim(),
      deviceName: input.deviceName.trim(),
      nodeId: this.store.nodeId,
    })
    this.store.db.transaction(() => {
      this.state.forgetServer()
      this.state.saveSettings({
        serverUrl,
        token: answer.token,
        deviceId: answer.deviceId,
        deviceName: input.deviceName.trim(),
        teamId: answer.team.id,
        teamName: answer.team.name,
        role: answer.role,
        epoch: answer.epoch,
        allowInsecure: input.allowInsecure ?? false,
      })
      this.state.delete('lastError')
      this.offerEverything()
    })()
    this.phase = 'idle'
    await this.refreshDevices(this.transport()).catch(() => {})
    this.emitStatus()
    return this.status()
  }

  leave(): SyncStatus {
    this.store.db.transaction(() => {
      this.state.forgetServer()
      this.state.delete('lastError')
      this.state.delete('lastSyncedAt')
      this.state.delete('clockAhead')
      this.store.statement('DELETE FROM sync_batches').run()
    })()
    this.phase = 'idle'
    this.progress = undefined
    this.emitStatus()
    return this.status()
  }

  setAuto(autoSync: boolean): SyncStatus {
    this.state.saveSettings({ autoSync })
    this.emitStatus()
    return this.status()
  }

  /** Every change here is pushed again, from the start: after joining, and after the server was restored. */
  private offerEverything(): void {
    // Only this device's own changes: the server refuses a change in another device's name (FOREIGN_NODE), and
    // each device offers its own again after a restore.
    this.store.statement("UPDATE change_log SET outbox = 1 WHERE outbox = 0 AND substr(hlc, 19) = ?").run(this.store.nodeId)
    this.store.statement('DELETE FROM sync_batches').run()
    this.state.cursor = 0
    this.blobs.forgetServer()
  }

  private transport(): Transport {
    const settings = this.state.settings()
    if (!this.state.joined) throw new AppError('SYNC_NOT_JOINED', 'This workspace has not joined a team yet.')
    return new Transport({ serverUrl: settings.serverUrl, token: settings.token, fetch: this.fetchKeepingRefusals, ...this.transportExtras() })
  }

  /** The team made this device a viewer: the server takes no changes from it, so none are sent. */
  private readOnly(): boolean {
    return this.state.settings().role === 'viewer'
  }

  private transportExtras(): { appVersion?: string } {
    return this.options.appVersion ? { appVersion: this.options.appVersion } : {}
  }

  /** The details of the last 409 CLOCK_AHEAD answer (the transport keeps only the code). */
  private clockAheadRefusal: ClockAheadDetails | undefined

  /**
   * The transport's fetch, which also reads the details of a push refused for a clock ahead: the Sync screen needs
   * the server's time and the drift to tell the user which clock is wrong and by how much.
   */
  private readonly fetchKeepingRefusals: typeof fetch = async (input, init) => {
    const response = await (this.options.fetch ?? globalThis.fetch)(input, init)
    if (response.status === 409) {
      const body = ServerErrorBody.safeParse(await response.clone().json().catch(() => null))
      const details = body.success && body.data.error.code === 'CLOCK_AHEAD' ? ClockAheadDetails.safeParse(body.data.error.details) : undefined
      if (details?.success) this.clockAheadRefusal = details.data
    }
    return response
  }

  /**
   * A different epoch means the server's storage was restored from a backup and may lack changes it once
   * acknowledged: push everything again and pull from the beginning.
   */
  private checkEpoch(epoch: string): void {
    const known = this.state.get('epoch')
    if (known === epoch) return
    this.store.db.transaction(() => {
      this.state.set('epoch', epoch)
      if (known) this.offerEverything()
    })()
    if (known) throw new EpochChanged(`The server's epoch changed from ${known} to ${epoch}`)
  }

  // ---- a round ------------------------------------------------------------------------------------------------

  /** Runs `task` after every earlier one has finished: rounds never overlap. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  /** Runs `task` between sync rounds: after the current one ends and before any other starts (a restore). */
  whilePaused<T>(task: () => Promise<T>): Promise<T> {
    return this.exclusive(task)
  }

  /** One full round: push, pull until caught up, then the attachment files. `manual` retries waiting files now. */
  sync(options: { manual?: boolean } = {}): Promise<SyncSummary> {
    return this.exclusive(() => this.round(options.manual ?? false))
  }

  private async round(manual: boolean): Promise<SyncSummary> {
    const started = performance.now()
    const summary: SyncSummary = { pushed: 0, pulled: 0, blobsUploaded: 0, blobsDownloaded: 0, conflicts: 0, durationMs: 0 }
    this.conflicts.takeDetectedCount()
    try {
      if (this.closed) throw new AppError('SYNC_FAILED', 'The workspace was closed.')
      const transport = this.transport()
      // A push refused for this machine's clock running ahead: the round still receives the others' changes,
      // then fails with the refusal (this device's changes wait in the outbox).
      let refused: AppError | undefined
      // A viewer learns first whether an admin has given it another role since, so a promotion sends its waiting
      // changes in this round.
      if (this.readOnly()) await this.refreshDevices(transport)
      // A restored server makes the round start over once with everything offered again.
      for (let restart = 0; ; restart++) {
        try {
          this.setPhase('pushing')
          try {
            // A viewer's changes wait here: sending them would only be refused, round after round.
            if (!this.readOnly()) summary.pushed += await this.pushAll(transport)
          } catch (error) {
            if (error instanceof AppError && error.code === 'SYNC_READ_ONLY') {
              // Made a viewer since the last round: receive as before, keep the changes, stop pushing them.
              this.state.saveSettings({ role: 'viewer' })
              this.emitStatus()
            } else if (error instanceof AppError && error.code === 'SYNC_CLOCK_AHEAD') refused = error
            else throw error
          }
          this.setPhase('pulling')
          summary.pulled += await this.pullAll(transport)
          break
        } catch (error) {
          if (error instanceof EpochChanged && restart < 2) continue
          throw error
        }
      }
      this.setPhase('blobs')
      if (manual) this.blobs.retryNow()
      const moved = await this.blobs.run(transport, () => this.emitStatus(), { upload: !this.readOnly() })
      summary.blobsUploaded = moved.uploaded
      summary.blobsDownloaded = moved.downloaded
      await this.refreshDevices(transport).catch(() => {})
      if (refused) throw refused
      summary.conflicts = this.conflicts.takeDetectedCount()
      summary.durationMs = Math.round(performance.now() - started)
      if (!this.closed) {
        this.store.db.transaction(() => {
          this.state.set('lastSyncedAt', new Date().toISOString())
          this.state.delete('lastError')
          this.state.delete('clockAhead')
        })()
      }
      this.setPhase('idle')
      return summary
    } catch (caught) {
      const error = toAppError(caught)
      if (!this.closed) {
        this.state.setJson('lastError', { ...error.toData(), at: new Date().toISOString() })
        this.setPhase(error.code === 'SYNC_UNREACHABLE' ? 'offline' : 'error')
      }
      throw error
    }
  }

  // ---- push ---------------------------------------------------------------------------------------------------

  private async pushAll(transport: Transport): Promise<number> {
    this.restampFutureChanges()
    let pushed = 0
    for (;;) {
      const batch = this.nextBatch()
      if (!batch) return pushed
      pushed += await this.sendBatch(transport, batch)
    }
  }

  /** Pushes one batch (for tests: a partial sync). Returns the number of change-log entries acknowledged. */
  async pushOnce(): Promise<number> {
    return this.exclusive(async () => {
      this.restampFutureChanges()
      const batch = this.nextBatch()
      return batch ? this.sendBatch(this.transport(), batch) : 0
    })
  }

  /** Sends a batch taken from `nextBatch` (for tests: the same batch delivered twice). */
  async pushBatch(batch: PushBatch): Promise<number> {
    return this.exclusive(() => this.sendBatch(this.transport(), batch))
  }

  private async sendBatch(transport: Transport, batch: PushBatch): Promise<number> {
    let answer: PushResponse
    try {
      this.clockAheadRefusal = undefined
      answer = await transport.json('POST', '/v1/push', PushResponse, { batchId: batch.id, changes: batch.changes })
    } catch (error) {
      throw this.readOnlyError(this.clockAheadError(error, batch))
    }
    this.checkEpoch(answer.epoch)
    if (this.closed) throw new AppError('SYNC_FAILED', 'The workspace was closed.')
    this.store.db.transaction(() => {
      this.store.statement('UPDATE change_log SET outbox = 0 WHERE outbox = 1 AND seq BETWEEN ? AND ?').run(batch.firstSeq, batch.lastSeq)
      this.store.statement('DELETE FROM sync_batches WHERE id = ?').run(batch.id)
      this.state.delete('clockAhead')
    })()
    this.emitStatus()
    return batch.changes.length
  }

  /** The server refuses a viewer's push with 403 FORBIDDEN: nothing of the batch was stored, it stays in the outbox. */
  private readOnlyError(error: unknown): unknown {
    if (!(error instanceof AppError && error.details?.['serverCode'] === 'FORBIDDEN')) return error
    return new AppError('SYNC_READ_ONLY', error.message, { status: 403, serverCode: 'FORBIDDEN' })
  }

  /**
   * A push refused because this machine's clock runs ahead of the server's becomes SYNC_CLOCK_AHEAD, with how far
   * ahead, kept for the Sync screen. The server stored nothing of the batch: its id is dropped (its entries will
   * be stamped again once the clock is right) and every entry stays in the outbox.
   */
  private clockAheadError(error: unknown, batch: PushBatch): unknown {
    const refused = error instanceof AppError && error.details?.['serverCode'] === 'CLOCK_AHEAD'
    if (!refused) return error
    const newest = batch.changes.reduce((max, change) => (change.hlc > max ? change.hlc : max), '')
    const wall = this.wallClock()
    const details: ClockAheadDetails = this.clockAheadRefusal ?? {
      // An answer without details: measured against this machine's own idea of the drift limit.
      serverTime: wall,
      clock: newest,
      aheadMs: newest ? parseHlc(newest).millis - wall : 0,
      maxDriftMs: this.store.clock.driftLimitMs,
    }
    this.store.db.transaction(() => {
      this.store.statement('DELETE FROM sync_batches WHERE id = ?').run(batch.id)
      this.state.setJson('clockAhead', { ...details, at: new Date(wall).toISOString() })
    })()
    return new AppError('SYNC_CLOCK_AHEAD', error.message, { ...details })
  }

  /**
   * Changes stamped while this machine's clock ran ahead (a wrong date, a year off, say) cannot be sent as they
   * are: the server refuses clocks beyond its time plus the drift limit, and if they got through, their future
   * clocks would beat every later edit of the same fields for a year. So once the wall clock is right again, every
   * entry still in the outbox whose clock lies beyond now plus the drift limit is stamped again, in its original
   * order, with a fresh clock that continues from the newest clock that stays; the row's field clocks move with it
   * and the clock itself is set back. Nothing of them has left this machine (the server refused them whole), so
   * no other device ever saw the old clocks. While the clock is still wrong nothing changes: the push is refused
   * again, and everything waits in the outbox.
   */
  restampFutureChanges(): number {
    const wall = this.wallClock()
    const limit = formatHlc({ millis: Math.max(0, wall + this.store.clock.driftLimitMs), counter: 0xffff, node: 'ffffffffffffffff' })
    if (this.store.clock.current() <= limit) return 0
    const own = this.store.nodeId
    return this.store.db.transaction(() => {
      const future = this.store
        .statement('SELECT seq, hlc, tbl, row_id, cells FROM change_log WHERE outbox = 1 AND hlc > ? AND substr(hlc, 19) = ? ORDER BY seq')
        .all(limit, own) as OutboxRow[]
      // Everything not stamped again stays as it is, so the clock continues after the newest of it.
      const floor = this.store
        .statement('SELECT max(hlc) AS hlc FROM change_log WHERE NOT (outbox = 1 AND hlc > ? AND substr(hlc, 19) = ?)')
        .get(limit, own) as { hlc: string | null }
      this.store.clock.rewind(floor.hlc)
      const moveLog = this.store.statement('UPDATE change_log SET hlc = ? WHERE seq = ?')
      for (const row of future) {
        const fresh = this.store.clock.now()
        moveLog.run(fresh, row.seq)
        for (const column of Object.keys(JSON.parse(row.cells) as object)) {
          this.store
            .statement(`UPDATE "${row.tbl}" SET clocks = json_set(clocks, '$.' || ?, ?) WHERE id = ? AND json_extract(clocks, '$.' || ?) = ?`)
            .run(column, fresh, row.row_id, column, row.hlc)
        }
        this.store.statement('UPDATE conflicts SET winner_hlc = ? WHERE winner_hlc = ? AND tbl = ? AND row_id = ?').run(fresh, row.hlc, row.tbl, row.row_id)
        this.store.statement('UPDATE conflicts SET loser_hlc = ? WHERE loser_hlc = ? AND tbl = ? AND row_id = ?').run(fresh, row.hlc, row.tbl, row.row_id)
        this.store.statement('DELETE FROM sync_batches WHERE ? BETWEEN first_seq AND last_seq').run(row.seq)
      }
      this.store.statement('UPDATE meta SET value = ? WHERE key = ?').run(this.store.clock.current(), 'hlc')
      return future.length
    })()
  }

  /**
   * Outbox entries the server would refuse for what they hold (written before every change was checked, or into
   * the database by hand) stay in this device's change log but leave the outbox, kept with the changes set aside:
   * one such entry must not stop every later push. The clock is the server's to judge.
   */
  private setAsideUnsendable(rows: OutboxRow[]): OutboxRow[] {
    const refused = new Map<OutboxRow, string>()
    for (const row of rows) {
      const problem = changeProblem({ hlc: row.hlc, table: row.tbl, rowId: row.row_id, cells: JSON.parse(row.cells) as Record<string, unknown> }, { now: 0, maxDriftMs: Infinity })
      if (problem) refused.set(row, `not sent: ${problem.reason}`)
    }
    if (refused.size === 0) return rows
    this.store.db.transaction(() => {
      const leave = this.store.statement('UPDATE change_log SET outbox = 0 WHERE seq = ?')
      const keep = this.store.statement(
        'INSERT INTO sync_skipped (hlc, tbl, row_id, cells, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET cells = json_patch(cells, excluded.cells)',
      )
      for (const [row, reason] of refused) {
        leave.run(row.seq)
        keep.run(row.hlc, row.tbl, row.row_id, row.cells, reason)
      }
    })()
    return rows.filter((row) => !refused.has(row))
  }

  /**
   * The batch to send next: the one sent before without an answer (same id, same entries), else a new run of
   * outbox entries whose id is stored before anything leaves this machine.
   */
  nextBatch(): PushBatch | null {
    for (;;) {
      const pending = this.store.statement('SELECT id, first_seq, last_seq FROM sync_batches ORDER BY first_seq LIMIT 1').get() as
        | { id: string; first_seq: number; last_seq: number }
        | undefined
      if (pending) {
        const rows = this.store
          .statement('SELECT seq, hlc, tbl, row_id, cells FROM change_log WHERE outbox = 1 AND seq BETWEEN ? AND ? ORDER BY seq')
          .all(pending.first_seq, pending.last_seq) as OutboxRow[]
        if (rows.length > 0) return { id: pending.id, firstSeq: pending.first_seq, lastSeq: pending.last_seq, changes: this.toWire(rows) }
        this.store.statement('DELETE FROM sync_batches WHERE id = ?').run(pending.id)
        continue
      }
      const outbox = this.store
        .statement('SELECT seq, hlc, tbl, row_id, cells FROM change_log WHERE outbox = 1 ORDER BY seq LIMIT ?')
        .all(PUSH_BATCH_CHANGES) as OutboxRow[]
      if (outbox.length === 0) return null
      const rows = this.setAsideUnsendable(outbox)
      if (rows.length === 0) continue
      let bytes = 0
      let count = 0
      for (const row of rows) {
        bytes += row.cells.length * 3 + 200
        if (count > 0 && bytes > PUSH_BATCH_BYTES) break
        count++
      }
      const taken = rows.slice(0, count)
      const batch = { id: randomUUID(), firstSeq: taken[0]!.seq, lastSeq: taken.at(-1)!.seq }
      this.store
        .statement('INSERT INTO sync_batches (id, first_seq, last_seq, created_at) VALUES (?, ?, ?, ?)')
        .run(batch.id, batch.firstSeq, batch.lastSeq, new Date().toISOString())
      return { ...batch, changes: this.toWire(taken) }
    }
  }

  /**
   * Entries as sent, each with its `base`: per field, the greatest clock among this row's earlier entries (by
   * local insertion order) that hold the field, i.e. the value its writer saw. Computed here rather than on
   * every edit, to keep the write path lean.
   */
  private toWire(rows: OutboxRow[]): WireChange[] {
    const byRow = new Map<string, OutboxRow[]>()
    for (const row of rows) {
      const key = `${row.tbl}\u0000${row.row_id}`
      const list = byRow.get(key)
      if (list) list.push(row)
      else byRow.set(key, [row])
    }
    const bases = new Map<number, Record<string, string>>()
    const history = this.store.statement('SELECT seq, hlc, cells FROM change_log WHERE tbl = ? AND row_id = ? AND seq <= ? ORDER BY seq')
    for (const list of byRow.values()) {
      const first = list[0]!
      const wanted = new Set(list.map((r) => r.seq))
      const latest = new Map<string, string>()
      const earlier = history.all(first.tbl, first.row_id, list.at(-1)!.seq) as { seq: number; hlc: string; cells: string }[]
      for (const entry of earlier) {
        const columns = Object.keys(JSON.parse(entry.cells) as object)
        if (wanted.has(entry.seq)) {
          const base: Record<string, string> = {}
          for (const column of columns) {
            const seen = latest.get(column)
            if (seen !== undefined) base[column] = seen
          }
          bases.set(entry.seq, base)
        }
        for (const column of columns) {
          const seen = latest.get(column)
          if (seen === undefined || entry.hlc > seen) latest.set(column, entry.hlc)
        }
      }
    }
    return rows.map((row) => {
      const base = bases.get(row.seq)
      const change: WireChange = { hlc: row.hlc, table: row.tbl, rowId: row.row_id, cells: JSON.parse(row.cells) as Record<string, string | number> }
      if (base && Object.keys(base).length > 0) change.base = base
      return change
    })
  }

  // ---- pull ---------------------------------------------------------------------------------------------------

  private async pullAll(transport: Transport): Promise<number> {
    let pulled = 0
    const start = this.state.cursor
    for (;;) {
      const cursor = this.state.cursor
      const page = await this.fetchPage(transport, cursor)
      pulled += this.applyPage(page).received
      this.setPhase('pulling', { done: Math.max(0, page.cursor - start), total: Math.max(0, page.head - start) })
      // Caught up, or no progress (an empty page): stop; the next round goes on from the saved cursor.
      if (page.cursor >= page.head || page.changes.length === 0 || page.cursor <= cursor) return pulled
    }
  }

  private async fetchPage(transport: Transport, after: number, limit = MAX_PULL_LIMIT): Promise<PullResponse> {
    const page = await transport.json('GET', `/v1/pull?after=${after}&limit=${limit}`, PullResponse)
    this.checkEpoch(page.epoch)
    if (this.closed) throw new AppError('SYNC_FAILED', 'The workspace was closed.')
    return page
  }

  /** Fetches one page after the saved cursor without applying it (for tests: partial and reordered delivery). */
  async pullPage(after = this.state.cursor, limit = MAX_PULL_LIMIT): Promise<PullResponse> {
    return this.exclusive(() => this.fetchPage(this.transport(), after, limit))
  }

  /**
   * Applies a page and moves the cursor in one transaction (never backwards: a page delivered again or late
   * changes nothing). Our own changes coming back are skipped when already here; fields this version cannot
   * store are kept aside so sync goes on.
   */
  applyPage(page: PullResponse): { received: number; applied: number; skipped: number } {
    const own = this.store.nodeId
    const known = this.store.statement('SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND hlc = ?')
    const changes: ChangeInput[] = []
    const skipped: { change: WireChange; cells: Record<string, CellValue>; reason: string }[] = []
    let newest = ''
    let received = 0
    for (const change of page.changes) {
      if (change.hlc.endsWith(own) && known.get(change.table, change.rowId, change.hlc)) continue
      received++
      if (change.hlc > newest) newest = change.hlc
      if (!isSyncedTable(change.table)) {
        skipped.push({ change, cells: change.cells, reason: 'unknown table' })
        continue
      }
      // A row id, clock or value another device could not have written (a peer's hand-made change) is kept aside
      // like a newer version's field: never written, so no screen or clock here can be broken by it.
      const whole = changeProblem({ ...change, cells: { deleted: 0 } }, { now: this.wallClock(), maxDriftMs: SET_ASIDE_CLOCK_AHEAD_MS })
      if (whole) {
        skipped.push({ change, cells: change.cells, reason: whole.reason })
        continue
      }
      let refused: Record<string, CellValue> | undefined
      for (const [column, value] of Object.entries(change.cells)) {
        if (cellProblem(change.table, column, value)) {
          ;(refused ??= {})[column] = value
          continue
        }
        const base = change.base?.[column]
        changes.push(
          base === undefined
            ? { table: change.table, rowId: change.rowId, column, value, hlc: change.hlc }
            : { table: change.table, rowId: change.rowId, column, value, hlc: change.hlc, base },
        )
      }
      if (refused) skipped.push({ change, cells: refused, reason: 'unknown or invalid field' })
    }
    this.applyingRemote = true
    try {
      this.store.db.transaction(() => {
        if (changes.length > 0) this.store.applyChanges(changes, { source: 'remote' })
        this.conflicts.settleFrom(changes)
        const keep = this.store.statement(
          'INSERT INTO sync_skipped (hlc, tbl, row_id, cells, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET cells = json_patch(cells, excluded.cells)',
        )
        for (const { change, cells, reason } of skipped) keep.run(change.hlc, change.table, change.rowId, JSON.stringify(cells), reason)
        mergeDuplicatePhotos(this.store, [...new Set(changes.filter((c) => c.table === 'attachments').map((c) => c.rowId))])
        if (page.cursor > this.state.cursor) this.state.cursor = page.cursor
      })()
    } finally {
      this.applyingRemote = false
    }
    if (newest) this.noteDrift(newest)
    return { received, applied: changes.length, skipped: skipped.length }
  }

  private noteDrift(newest: string): void {
    const ahead = parseHlc(newest).millis - this.wallClock()
    if (ahead <= REPORTED_DRIFT_MS) return
    const previous = this.state.getJson<{ ms: number; at: number } | null>('clockDrift', null)
    const recent = previous && Date.now() - previous.at < DRIFT_MEMORY_MS ? previous.ms : 0
    if (ahead > recent) this.state.setJson('clockDrift', { ms: ahead, at: Date.now() })
  }

  // ---- devices and history ------------------------------------------------------------------------------------

  private async refreshDevices(transport: Transport): Promise<void> {
    const team = await transport.json('GET', '/v1/team', TeamResponse)
    const names = this.state.getJson<Record<string, string>>('devices', {})
    for (const device of team.devices) names[device.nodeId] = device.name
    // The role an admin gave this device (a viewer only receives); older servers do not say.
    const role = team.devices.find((device) => device.id === this.state.settings().deviceId)?.role
    this.store.db.transaction(() => {
      this.state.setJson('devices', names)
      if (role) this.state.saveSettings({ role })
      if (team.team.name) this.state.set('teamName', team.team.name)
    })()
  }

  /** A device's name from its clock node id: this device, a team member's device, or the bare id. */
  deviceOfNode(node: string): string {
    if (node === this.store.nodeId) return this.state.get('deviceName') || node
    return this.state.getJson<Record<string, string>>('devices', {})[node] ?? node
  }

  history(table: string, rowId: string): HistoryEntry[] {
    return historyOf(this.store, table, rowId, (node) => this.deviceOfNode(node))
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error instanceof EpochChanged) return new AppError('SYNC_FAILED', error.message)
  return new AppError('SYNC_FAILED', error instanceof Error ? error.message : String(error))
}
