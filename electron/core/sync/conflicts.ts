import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { parseHlc } from '../../../shared/hlc'
import type { Conflict } from '../../../shared/procedures/sync'
import { RECORD_TABLES } from '../../../shared/procedures/records'
import { parseOrThrow } from '../../../shared/validation'
import { toCell } from '../domain/records'
import { newId } from '../ids'
import type { ChangeInput, ConcurrentEdit, Store } from '../store/store'
import { watchModeOf, type WatchMode } from '../../../shared/fields'
import { columnKind, columnName, SYNCED_TABLE_FIELDS, SYNCED_TABLES, type CellValue, type ColumnKind, type SyncedTable } from '../store/tables'

interface WatchedField {
  field: string
  mode: WatchMode
  kind: ColumnKind
  schema: z.ZodType
}

/** table → column → the watched field behind it, from the declarations in shared/tables.ts. */
export const CONFLICT_FIELDS: ReadonlyMap<string, ReadonlyMap<string, WatchedField>> = new Map(
  Object.entries(SYNCED_TABLE_FIELDS).map(([table, fields]) => [
    table,
    new Map(
      Object.entries(fields.shape).flatMap(([field, schema]) => {
        const column = columnName(field)
        const mode = watchModeOf(table, column)
        const kind = columnKind(table, column)
        return mode && kind ? [[column, { field, mode, kind, schema: schema as z.ZodType }] as const] : []
      }),
    ),
  ]),
)
export const CONFLICT_COLUMNS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [...CONFLICT_FIELDS].map(([table, fields]) => [table, new Set(fields.keys())]),
)

const KIND_OF_TABLE: Record<string, string> = {
  ...Object.fromEntries(Object.entries(RECORD_TABLES).map(([kind, table]) => [table, kind])),
  attachments: 'attachment',
}
const TITLE_COLUMNS = ['name', 'title', 'place', 'respondent', 'text', 'file_name', 'caption']
/** Columns pointing at the record a row belongs to, whose title stands in when the row has none of its own. */
const PARENT_COLUMNS: Record<string, SyncedTable> = {
  symposium_id: 'symposiums',
  visit_id: 'visits',
  survey_id: 'surveys',
  enterprise_id: 'enterprises',
  trip_id: 'trips',
}

export function hlcTime(hlc: string): string {
  return new Date(parseHlc(hlc).millis).toISOString()
}

interface ConflictRow {
  id: string
  tbl: string
  row_id: string
  col: string
  winner_value: string
  winner_hlc: string
  loser_value: string
  loser_hlc: string
  detected_at: string
  resolved_at: string | null
}

/**
 * Concurrent edits of one watched field (text, a list of texts, or a value): found while received changes are applied (both devices find the same
 * pair, each when it receives the other's change), listed for the user, and resolved by a new change that syncs
 * like any other edit and, having seen both values, settles the conflict on the other devices too.
 */
export class ConflictService {
  /** Conflicts recorded since the counter was last read (a sync round's summary). */
  private detected = 0

  constructor(
    private readonly store: Store,
    private readonly deviceOf: (hlc: string) => string,
    private readonly now: () => number = Date.now,
  ) {
    store.watchConcurrentEdits({ columns: CONFLICT_COLUMNS, onConcurrent: (edit) => this.record(edit) })
  }

  detach(): void {
    this.store.watchConcurrentEdits(undefined)
  }

  takeDetectedCount(): number {
    const count = this.detected
    this.detected = 0
    return count
  }

  private record(edit: ConcurrentEdit): void {
    const incomingWins = edit.incoming.hlc > edit.current.hlc
    const [winner, loser] = incomingWins ? [edit.incoming, edit.current] : [edit.current, edit.incoming]
    const info = this.store
      .statement(
        `INSERT INTO conflicts (id, tbl, row_id, col, winner_value, winner_hlc, loser_value, loser_hlc, detected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(newId(), edit.table, edit.rowId, edit.column, text(winner.value), winner.hlc, text(loser.value), loser.hlc, new Date(this.now()).toISOString())
    this.detected += info.changes
  }

  /**
   * A field edited here after its conflict was found (a clock from this device newer than both values) was
   * decided by that edit: the user saw the current text and wrote over it. The edit syncs like any other.
   */
  private settleLocalEdits(): void {
    const open = this.store
      .statement('SELECT id, tbl, row_id, col, winner_hlc, loser_hlc FROM conflicts WHERE resolved_at IS NULL')
      .all() as Pick<ConflictRow, 'id' | 'tbl' | 'row_id' | 'col' | 'winner_hlc' | 'loser_hlc'>[]
    const settle = this.store.statement("UPDATE conflicts SET resolved_at = ?, resolution = 'edited' WHERE id = ?")
    for (const conflict of open) {
      const clock = this.store.clocksOf(conflict.tbl, conflict.row_id)[conflict.col]
      const newest = conflict.winner_hlc > conflict.loser_hlc ? conflict.winner_hlc : conflict.loser_hlc
      if (clock !== undefined && clock > newest && clock.endsWith(`-${this.store.nodeId}`)) {
        settle.run(new Date(this.now()).toISOString(), conflict.id)
      }
    }
  }

  openCount(): number {
    this.settleLocalEdits()
    return (this.store.statement('SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL').get() as { n: number }).n
  }

  list(includeResolved: boolean): Conflict[] {
    this.settleLocalEdits()
    const rows = this.store
      .statement(`SELECT * FROM conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY detected_at DESC, id DESC`)
      .all() as ConflictRow[]
    return rows.map((row) => ({
      id: row.id,
      table: row.tbl,
      rowId: row.row_id,
      column: row.col,
      kind: KIND_OF_TABLE[row.tbl] ?? row.tbl,
      mode: CONFLICT_FIELDS.get(row.tbl)?.get(row.col)?.mode ?? 'text',
      title: this.titleOf(row.tbl, row.row_id),
      current: { value: row.winner_value, device: this.deviceOf(row.winner_hlc), at: hlcTime(row.winner_hlc) },
      other: { value: row.loser_value, device: this.deviceOf(row.loser_hlc), at: hlcTime(row.loser_hlc) },
      detectedAt: row.detected_at,
    }))
  }

  /**
   * A readable title of a live record: its own name, title, place, text…, else the title of the record it
   * belongs to (a remark without text is named by its symposium). '' only when the record is gone or deleted.
   */
  private titleOf(table: string, rowId: string, depth = 0): string {
    if (!Object.hasOwn(SYNCED_TABLES, table)) return ''
    const columns = Object.keys(SYNCED_TABLES[table as SyncedTable])
    const candidates = TITLE_COLUMNS.filter((c) => columns.includes(c))
    const parents = Object.keys(PARENT_COLUMNS).filter((c) => columns.includes(c))
    const wanted = [...candidates, ...parents].map((c) => `"${c}"`)
    const row = this.store.statement(`SELECT deleted${wanted.map((c) => `, ${c}`).join('')} FROM "${table}" WHERE id = ?`).get(rowId) as
      | Record<string, CellValue>
      | undefined
    if (!row || row['deleted'] === 1) return ''
    let title = candidates.map((c) => String(row[c] ?? '')).find((v) => v.trim() !== '') ?? ''
    if (title === '' && depth < 3) {
      for (const column of parents) {
        const parentId = String(row[column] ?? '')
        title = parentId ? this.titleOf(PARENT_COLUMNS[column]!, parentId, depth + 1) : ''
        if (title !== '') break
      }
    }
    const flat = title.replace(/\s+/g, ' ').trim()
    return [...flat].length > 80 ? `${[...flat].slice(0, 79).join('')}…` : flat
  }

  /**
   * Writes the chosen value as a new local change (it syncs, and its base is the winner's clock, so the other
   * devices see it as a later edit rather than a new conflict) and closes every open conflict of that field.
   */
  resolve(input: { id: string; choice: 'current' | 'other' | 'merged'; merged?: string | undefined }): void {
    const row = this.store.statement('SELECT * FROM conflicts WHERE id = ?').get(input.id) as ConflictRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `No conflict ${input.id}`, { id: input.id })
    const field = CONFLICT_FIELDS.get(row.tbl)?.get(row.col)
    if (!field) throw new AppError('UNKNOWN_FIELD', `${row.tbl}.${row.col} is not a watched field`)
    let stored: string
    if (input.choice === 'current') {
      const current = this.store.statement(`SELECT "${row.col}" AS value FROM "${row.tbl}" WHERE id = ?`).get(row.row_id) as
        | { value: CellValue }
        | undefined
      stored = current ? text(current.value) : row.winner_value
    } else if (input.choice === 'other') stored = row.loser_value
    else if (field.mode === 'value') {
      throw new AppError('VALIDATION', `${row.tbl}.${row.col} holds one value: pick one of the versions`, {
        fieldErrors: [{ path: 'merged', key: 'invalidFormat' }],
      })
    } else stored = field.mode === 'list' ? JSON.stringify(linesOf(input.merged ?? '')) : (input.merged ?? '')
    // The field's own rules (required, length, choices) apply to what is written; errors point at the merged text.
    const checked = parseOrThrow(z.object({ merged: field.schema }), { merged: fromStored(field.kind, stored) }).merged
    const value = toCell(field.kind, checked)
    this.store.db.transaction(() => {
      this.store.applyChanges([{ table: row.tbl, rowId: row.row_id, column: row.col, value }])
      this.store
        .statement('UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE tbl = ? AND row_id = ? AND col = ? AND resolved_at IS NULL')
        .run(new Date(this.now()).toISOString(), input.choice, row.tbl, row.row_id, row.col)
    })()
  }

  /**
   * Received changes written by someone who had seen the winner (their base is at least the winner's clock)
   * settle the conflict here too: someone already decided, or edited on from the merged value.
   */
  settleFrom(changes: readonly ChangeInput[]): void {
    const open = this.store
      .statement('SELECT id, tbl, row_id, col, winner_hlc FROM conflicts WHERE resolved_at IS NULL')
      .all() as Pick<ConflictRow, 'id' | 'tbl' | 'row_id' | 'col' | 'winner_hlc'>[]
    if (open.length === 0) return
    const byField = new Map<string, typeof open>()
    for (const conflict of open) {
      const key = `${conflict.tbl}\u0000${conflict.row_id}\u0000${conflict.col}`
      byField.set(key, [...(byField.get(key) ?? []), conflict])
    }
    const settle = this.store.statement("UPDATE conflicts SET resolved_at = ?, resolution = 'elsewhere' WHERE id = ?")
    const at = new Date(this.now()).toISOString()
    for (const change of changes) {
      if (change.base === undefined) continue
      const candidates = byField.get(`${change.table}\u0000${change.rowId}\u0000${change.column}`)
      for (const conflict of candidates ?? []) if (change.base >= conflict.winner_hlc) settle.run(at, conflict.id)
    }
  }
}

function text(value: CellValue): string {
  return value === null ? '' : String(value)
}

/** A merged list as typed: one item per line, blank lines dropped. */
function linesOf(merged: string): string[] {
  return merged
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** A value as the conflicts table keeps it (text) back to what the field's schema checks. */
function fromStored(kind: ColumnKind, stored: string): unknown {
  switch (kind) {
    case 'real':
      return stored.trim() === '' ? Number.NaN : Number(stored)
    case 'bool':
      return stored === '1' || stored === 'true'
    case 'json':
      try {
        return JSON.parse(stored)
      } catch {
        return stored
      }
    default:
      return stored
  }
}
