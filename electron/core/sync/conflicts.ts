import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { parseHlc } from '../../../shared/hlc'
import type { Conflict } from '../../../shared/procedures/sync'
import { RECORD_TABLES } from '../../../shared/procedures/records'
import { parseOrThrow } from '../../../shared/validation'
import { newId } from '../ids'
import type { ChangeInput, ConcurrentEdit, Store } from '../store/store'
import { columnName, SYNCED_TABLE_FIELDS, type CellValue } from '../store/tables'

type FieldSchema = z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType; checks?: { _zod: { def: { check: string } } }[] } } }

/**
 * Text people type (names, notes, minutes): a trimmed string with at most length limits. Ids, dates, enums,
 * codes and numbers are not: for them last-writer-wins is the whole answer, and a conflict list of them would
 * only be noise.
 */
function isFreeText(schema: FieldSchema): boolean {
  let def = schema._zod.def
  while ((def.type === 'optional' || def.type === 'default') && def.innerType) def = (def.innerType as FieldSchema)._zod.def
  if (def.type !== 'string') return false
  const checks = (def.checks ?? []).map((c) => c._zod.def.check)
  return checks.includes('overwrite') && checks.every((c) => c === 'overwrite' || c === 'min_length' || c === 'max_length')
}

interface TextField {
  field: string
  schema: z.ZodType
}

/** table → column → the field behind it, for every free-text column of the synced tables. */
export const CONFLICT_FIELDS: ReadonlyMap<string, ReadonlyMap<string, TextField>> = new Map(
  Object.entries(SYNCED_TABLE_FIELDS).map(([table, fields]) => [
    table,
    new Map(
      Object.entries(fields.shape)
        .filter(([field, schema]) => !field.endsWith('Id') && isFreeText(schema as FieldSchema))
        .map(([field, schema]) => [columnName(field), { field, schema: schema as z.ZodType }]),
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
 * Concurrent edits of one text field: found while received changes are applied (both devices find the same
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
      title: this.titleOf(row.tbl, row.row_id),
      current: { value: row.winner_value, device: this.deviceOf(row.winner_hlc), at: hlcTime(row.winner_hlc) },
      other: { value: row.loser_value, device: this.deviceOf(row.loser_hlc), at: hlcTime(row.loser_hlc) },
      detectedAt: row.detected_at,
    }))
  }

  private titleOf(table: string, rowId: string): string {
    const columns = (CONFLICT_FIELDS.get(table) ?? new Map()).keys()
    const candidates = TITLE_COLUMNS.filter((c) => [...columns].includes(c))
    if (candidates.length === 0) return ''
    const row = this.store.statement(`SELECT ${candidates.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE id = ?`).get(rowId) as
      | Record<string, CellValue>
      | undefined
    const title = candidates.map((c) => String(row?.[c] ?? '')).find((v) => v.trim() !== '') ?? ''
    return [...title].length > 80 ? `${[...title].slice(0, 79).join('')}…` : title
  }

  /**
   * Writes the chosen value as a new local change (it syncs, and its base is the winner's clock, so the other
   * devices see it as a later edit rather than a new conflict) and closes every open conflict of that field.
   */
  resolve(input: { id: string; choice: 'current' | 'other' | 'merged'; merged?: string | undefined }): void {
    const row = this.store.statement('SELECT * FROM conflicts WHERE id = ?').get(input.id) as ConflictRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `No conflict ${input.id}`, { id: input.id })
    const field = CONFLICT_FIELDS.get(row.tbl)?.get(row.col)
    if (!field) throw new AppError('UNKNOWN_FIELD', `${row.tbl}.${row.col} is not a text field`)
    let value: unknown
    if (input.choice === 'current') {
      const current = this.store.statement(`SELECT "${row.col}" AS value FROM "${row.tbl}" WHERE id = ?`).get(row.row_id) as
        | { value: CellValue }
        | undefined
      value = current?.value ?? row.winner_value
    } else if (input.choice === 'other') value = row.loser_value
    else value = input.merged
    // The field's own rules (required, length) apply to what is written; errors point at the merged text.
    const checked = parseOrThrow(z.object({ merged: field.schema }), { merged: value }).merged as string
    this.store.db.transaction(() => {
      this.store.applyChanges([{ table: row.tbl, rowId: row.row_id, column: row.col, value: checked }])
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
