import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import { formatHlc, HLC_PATTERN, HybridLogicalClock, parseHlc, type ClockDrift } from '../../../shared/hlc'
import { migrate } from './migrations'
import { checkCell, type CellValue } from './tables'

export const DATABASE_FILE = 'fieldbook.db'
const RECEIVED_AHEAD_KEY = 'hlc_received_ahead'

export interface ChangeInput {
  table: string
  rowId: string
  column: string
  value: CellValue
  /** Set on changes received from another node; local edits are stamped here. */
  hlc?: string
  /** On a received change: the clock of the value its writer saw in this field (absent when there was none). */
  base?: string
}

/**
 * A received change to a watched field that was written without having seen the value here: neither side knew
 * the other's edit. Reported inside the write transaction, before the row changes.
 */
export interface ConcurrentEdit {
  table: string
  rowId: string
  column: string
  /** The value and clock here before the change. */
  current: { value: CellValue; hlc: string }
  incoming: { value: CellValue; hlc: string }
}

export interface ConcurrencyWatch {
  /** table → the columns whose concurrent edits matter (free text); others simply merge. */
  columns: ReadonlyMap<string, ReadonlySet<string>>
  onConcurrent(edit: ConcurrentEdit): void
}

export interface ApplyResult {
  /** Changes that won their field and are now the current value. */
  applied: number
  /** Changes that lost to a newer value (kept in the change log) or were already known. */
  superseded: number
  tables: string[]
}

export interface StoreOptions {
  dataDir: string
  /** Path of a better-sqlite3 binary built for the running runtime (Electron's ABI in the app). */
  nativeBinding?: string
  wallClock?: () => number
  onClockDrift?: (drift: ClockDrift) => void
}

type Db = Database.Database
const CHANGE_LOG_INSERT =
  'INSERT INTO change_log (hlc, tbl, row_id, cells, source, outbox) VALUES (?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT (tbl, row_id, hlc) DO UPDATE SET cells = json_patch(cells, excluded.cells)'

/** The changes of one row in a batch; local ones share the group's clock value `hlc`. */
type RowGroup = { table: string; rowId: string; changes: ChangeInput[]; hlc?: string }
export interface WrittenRow {
  table: string
  rowId: string
}

export class Store {
  readonly db: Db
  readonly clock: HybridLogicalClock
  private readonly statements = new Map<string, Database.Statement>()
  private readonly upserts = new Map<string, Database.Statement>()
  private changeLogInsert: Database.Statement | undefined
  private readonly changeListeners = new Set<(tables: string[]) => void>()
  private readonly rowHooks = new Set<(rows: readonly WrittenRow[]) => void>()
  private concurrencyWatch: ConcurrencyWatch | undefined
  /**
   * The newest clock received that this node's clock did not follow (it was beyond the drift limit past this
   * machine's wall clock: a device whose clock runs behind, or a far-future clock from elsewhere), or ''. While it
   * is ahead of our clock, a local edit is stamped past the clocks already in its row, so it still wins everywhere.
   */
  private receivedAhead: string

  constructor(db: Db, clock: HybridLogicalClock) {
    this.db = db
    this.clock = clock
    this.receivedAhead = readMeta(db, RECEIVED_AHEAD_KEY) ?? ''
  }

  get nodeId(): string {
    return this.clock.node
  }

  /** Called after every committed write with the tables it touched. */
  onChange(listener: (tables: string[]) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /**
   * Runs inside the write transaction, after the rows are written, with every row a batch touched: for data
   * derived from rows (the search index) that must change with them or not at all.
   */
  onRowsWritten(hook: (rows: readonly WrittenRow[]) => void): () => void {
    this.rowHooks.add(hook)
    return () => this.rowHooks.delete(hook)
  }

  /** Received changes to these columns are checked for concurrent edits (the sync client keeps them as conflicts). */
  watchConcurrentEdits(watch: ConcurrencyWatch | undefined): void {
    this.concurrencyWatch = watch
  }

  /**
   * The single write path. In one transaction: per field, the change with the greater clock wins and becomes
   * the row's value; every change is appended to the change log; local changes also wait in the outbox.
   * A change that fails validation or a constraint aborts the whole batch and nothing is written.
   */
  applyChanges(changes: readonly ChangeInput[], options: { source?: 'local' | 'remote' } = {}): ApplyResult {
    const source = options.source ?? 'local'
    for (const change of changes) {
      checkCell(change.table, change.column, change.value)
      if (typeof change.rowId !== 'string' || change.rowId.length === 0) {
        throw new AppError('VALIDATION', `A change to ${change.table} has no row id`)
      }
      if (source === 'remote' && !(typeof change.hlc === 'string' && HLC_PATTERN.test(change.hlc))) {
        throw new AppError('VALIDATION', `A received change to ${change.table}.${change.column} has no valid clock`)
      }
    }
    if (changes.length === 0) return { applied: 0, superseded: 0, tables: [] }

    const result = this.db.transaction(() => {
      const groups = this.stamp(changes, source)
      let applied = 0
      for (const group of groups) applied += this.applyRow(group, source)
      const written = groups.map(({ table, rowId }) => ({ table, rowId }))
      for (const hook of this.rowHooks) hook(written)
      this.statement('UPDATE meta SET value = ? WHERE key = ?').run(this.clock.current(), 'hlc')
      return { applied, superseded: changes.length - applied, tables: [...new Set(changes.map((c) => c.table))] }
    })()
    for (const listener of this.changeListeners) listener(result.tables)
    return result
  }

  private stamp(changes: readonly ChangeInput[], source: 'local' | 'remote'): RowGroup[] {
    const groups = groupByRow(changes)
    if (source === 'remote') {
      let newest = ''
      for (const change of changes) if (change.hlc! > newest) newest = change.hlc!
      this.clock.receive(newest)
      if (newest > this.clock.current() && newest > this.receivedAhead) {
        this.receivedAhead = newest
        this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RECEIVED_AHEAD_KEY, newest)
      }
    } else {
      // The fields of one row edited in one batch happened together: they share one clock value.
      for (const group of groups) group.hlc = this.clock.now()
    }
    return groups
  }

  private applyRow(group: RowGroup, source: 'local' | 'remote'): number {
    const { table, rowId } = group
    const local = group.hlc !== undefined
    // A local change is stamped after every clock this node has seen, so it always wins: only received
    // changes need the row's current clocks.
    if (local) return this.applyLocalRow(group as RowGroup & { hlc: string })
    const clocks: Record<string, string> = this.clocksOf(table, rowId)
    const watched = local ? undefined : this.concurrencyWatch?.columns.get(table)
    const winners = new Map<string, CellValue>()
    const winnerClocks: Record<string, string> = {}
    const logEntries = new Map<string, Record<string, CellValue>>()
    for (const change of group.changes) {
      const hlc = group.hlc ?? change.hlc!
      const current = clocks[change.column]
      if (watched?.has(change.column) && current !== undefined) this.checkConcurrent(group, change, current, winners)
      if (local || current === undefined || hlc >= current) {
        // Equal clocks are the same change seen again (or a later field of one local batch): same value.
        clocks[change.column] = hlc
        winnerClocks[change.column] = hlc
        winners.set(change.column, change.value)
      }
      let cells = logEntries.get(hlc)
      if (!cells) logEntries.set(hlc, (cells = {}))
      cells[change.column] = change.value
    }
    const log = this.logStatement()
    for (const [hlc, cells] of logEntries) log.run(hlc, table, rowId, JSON.stringify(cells), source, local ? 1 : 0)
    if (winners.size === 0) return 0

    this.upsertStatement(table, [...winners.keys()]).run(rowId, ...winners.values(), JSON.stringify(winnerClocks))
    let applied = 0
    for (const change of group.changes) if (clocks[change.column] === (group.hlc ?? change.hlc)) applied++
    return applied
  }

  /**
   * A received change X to field c is concurrent with the value here (clock γ) when γ exists, is not X itself,
   * and X's writer had not seen γ (X.base absent or older than γ), and the values differ. A change already in
   * the change log is old news (a re-pull after a server restore), never a new conflict.
   */
  private checkConcurrent(group: RowGroup, change: ChangeInput, current: string, winners: ReadonlyMap<string, CellValue>): void {
    const hlc = change.hlc!
    if (current === hlc || (change.base !== undefined && change.base >= current)) return
    let value: CellValue
    if (winners.has(change.column)) value = winners.get(change.column)!
    else {
      const row = this.statement(`SELECT "${change.column}" AS value FROM "${group.table}" WHERE id = ?`).get(group.rowId) as
        | { value: CellValue }
        | undefined
      if (!row) return
      value = row.value
    }
    if (value === change.value) return
    if (this.statement('SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND hlc = ?').get(group.table, group.rowId, hlc)) return
    this.concurrencyWatch!.onConcurrent({
      table: group.table,
      rowId: group.rowId,
      column: change.column,
      current: { value, hlc: current },
      incoming: { value: change.value, hlc },
    })
  }

  /**
   * A local edit always wins (it is stamped after every clock this node has seen) and all its fields share the
   * group's clock: one change-log entry and one upsert, built in a single pass without the per-field merge.
   */
  private applyLocalRow(group: RowGroup & { hlc: string }): number {
    if (this.receivedAhead > group.hlc) group.hlc = this.pastRowClocks(group)
    const cells: Record<string, CellValue> = {}
    for (const change of group.changes) cells[change.column] = change.value
    const columns = Object.keys(cells)
    // Column names are plain identifiers and the clock is hex: the clocks object needs no escaping.
    const clocks = `{${columns.map((column) => `"${column}":"${group.hlc}"`).join(',')}}`
    this.logStatement().run(group.hlc, group.table, group.rowId, JSON.stringify(cells), 'local', 1)
    const values: unknown[] = [group.rowId]
    for (const column of columns) values.push(cells[column])
    values.push(clocks)
    this.upsertStatement(group.table, columns).run(values)
    return group.changes.length
  }

  /**
   * The clock for a local edit of a row that may hold clocks ahead of ours (received but not followed, see
   * `receivedAhead`): just past the newest clock of any of the row's fields, with this node's id, so the edit
   * wins on every device as a local edit must, without moving this node's clock beyond the drift limit.
   */
  private pastRowClocks(group: RowGroup & { hlc: string }): string {
    let newest = group.hlc
    for (const clock of Object.values(this.clocksOf(group.table, group.rowId))) if (clock > newest) newest = clock
    if (newest === group.hlc) return group.hlc
    const { millis, counter } = parseHlc(newest)
    return formatHlc(counter >= 0xffff ? { millis: millis + 1, counter: 0, node: this.nodeId } : { millis, counter: counter + 1, node: this.nodeId })
  }

  private logStatement(): Database.Statement {
    return (this.changeLogInsert ??= this.db.prepare(CHANGE_LOG_INSERT))
  }

  /** The clock of each field of a row, as {column: hlc}. */
  clocksOf(table: string, rowId: string): Record<string, string> {
    const row = this.statement(`SELECT clocks FROM "${table}" WHERE id = ?`).get(rowId) as { clocks: string } | undefined
    return row ? (JSON.parse(row.clocks) as Record<string, string>) : {}
  }

  /** One statement writes the winning fields and merges their clocks (json_patch) without reading first. */
  private upsertStatement(table: string, columns: string[]): Database.Statement {
    // Keyed by the short shape rather than the SQL text: this runs once per row written.
    const shape = `${table}\u0000${columns.join('\u0000')}`
    let statement = this.upserts.get(shape)
    if (!statement) {
      const names = columns.map((c) => `"${c}"`)
      statement = this.db.prepare(
        `INSERT INTO "${table}" (id, ${names.join(', ')}, clocks) VALUES (?${', ?'.repeat(columns.length)}, ?) ` +
          `ON CONFLICT (id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}, ` +
          `clocks = json_patch("${table}".clocks, excluded.clocks)`,
      )
      this.upserts.set(shape, statement)
    }
    return statement
  }

  /** Prepared statements are cached: the same shapes recur on every edit. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  close(): void {
    if (!this.db.open) return
    if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}

function groupByRow(changes: readonly ChangeInput[]): RowGroup[] {
  const groups = new Map<string, RowGroup>()
  let last: RowGroup | undefined
  for (const change of changes) {
    // Changes usually arrive row by row: the previous group is checked before building a map key.
    if (last && last.rowId === change.rowId && last.table === change.table) {
      last.changes.push(change)
      continue
    }
    const key = `${change.table}\u0000${change.rowId}`
    let group = groups.get(key)
    if (!group) {
      group = { table: change.table, rowId: change.rowId, changes: [] }
      groups.set(key, group)
    }
    group.changes.push(change)
    last = group
  }
  return [...groups.values()]
}

function readMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row ? row.value : null
}

/** Opens (creating if needed) the workspace database in `dataDir` and brings its schema up to date. */
export function openStore(options: StoreOptions): Store {
  mkdirSync(options.dataDir, { recursive: true })
  const file = join(options.dataDir, DATABASE_FILE)
  let db: Db
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    db.pragma('journal_mode = WAL')
  } catch (error) {
    throw new AppError('DB_OPEN_FAILED', `Cannot open the data file ${file}: ${(error as Error).message}`, { file })
  }
  try {
    db.pragma('foreign_keys = ON')
    // A note typed during a symposium must survive a power cut.
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    db.transaction(() => {
      if (readMeta(db, 'node_id') === null) {
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('node_id', randomBytes(8).toString('hex'))
      }
      if (readMeta(db, 'hlc') === null) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('hlc', '')
    })()
    const clock = new HybridLogicalClock(
      readMeta(db, 'node_id')!,
      readMeta(db, 'hlc') || null,
      options.wallClock,
      undefined,
      options.onClockDrift,
    )
    return new Store(db, clock)
  } catch (error) {
    db.close()
    if (error instanceof AppError) throw error
    throw new AppError('DB_OPEN_FAILED', `Cannot open the data file ${file}: ${(error as Error).message}`, { file })
  }
}

/**
 * A second, read-only connection to an open workspace, for work done off the main thread (building reports):
 * WAL lets it read while the app keeps writing. It never migrates or writes.
 */
export function openReadOnlyStore(options: { dataDir: string; nativeBinding?: string | undefined }): Store {
  const file = join(options.dataDir, DATABASE_FILE)
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
  const node = readMeta(db, 'node_id') ?? '0000000000000000'
  return new Store(db, new HybridLogicalClock(node, readMeta(db, 'hlc') || null))
}
