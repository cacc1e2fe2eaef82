import { z } from 'zod'
import { HLC_PATTERN, parseHlc } from '../hlc'
import { Id } from '../schemas/common'
import { columnKind, columnName, isSyncedTable, SYNCED_TABLE_FIELDS, type SyncedTable } from '../tables'

/**
 * The one check of a change that comes from elsewhere — a push to the server, a pulled page, a trip file, a
 * restored backup: its table and columns exist, each value parses with its field's own schema (not only its
 * column's kind: `regions = '42'` is valid JSON but not a list of regions), its clock is well-formed and not
 * further ahead of `now` than the drift limit, its row id is an id. Whoever sent it, a change that passes cannot
 * crash a screen or push a clock past what it can count.
 */
/** `wrongKind`: not even of its column's kind (text, number, 0/1, JSON); `invalidValue`: refused by its field's schema. */
export type ChangeProblemKind = 'unknownField' | 'wrongKind' | 'invalidValue' | 'invalidClock' | 'clockAhead' | 'invalidRowId' | 'noCells'

export interface ChangeProblem {
  kind: ChangeProblemKind
  table: string
  column?: string
  rowId?: string
  reason: string
  /** For `clockAhead`: how far the clock is ahead of `now`, in milliseconds. */
  aheadMs?: number
}

export interface ChangeCheckOptions {
  /** The checker's wall clock, in milliseconds since the epoch. */
  now: number
  /** How far ahead of `now` a clock may be. */
  maxDriftMs: number
}

/** What a change carries: the clock, the row and the cells (wire values: text, number, 0/1, JSON text). */
export interface IncomingChange {
  hlc: string
  table: string
  rowId: string
  cells: Record<string, unknown>
}

/** table → column → the zod schema of its field (the tombstone `deleted` is a boolean everywhere). */
const FIELD_SCHEMAS: Record<string, Record<string, z.ZodType>> = Object.fromEntries(
  Object.entries(SYNCED_TABLE_FIELDS).map(([table, fields]) => [
    table,
    {
      ...Object.fromEntries(Object.entries(fields.shape).map(([field, schema]) => [columnName(field), schema as z.ZodType])),
      deleted: z.boolean(),
    },
  ]),
)

/** A wire value as its field's schema reads it, or a reason it cannot be one. */
function fieldValue(table: SyncedTable, column: string, value: unknown): { value: unknown } | { reason: string } {
  switch (columnKind(table, column)) {
    case 'bool':
      return value === 0 || value === 1 ? { value: value === 1 } : { reason: 'not 0 or 1' }
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : { reason: 'not a finite number' }
    case 'json':
      if (typeof value !== 'string') return { reason: 'not JSON text' }
      try {
        return { value: JSON.parse(value) as unknown }
      } catch {
        return { reason: 'not valid JSON' }
      }
    default:
      return typeof value === 'string' ? { value } : { reason: 'not text' }
  }
}

/** Why a value cannot be stored in `table.column`, or undefined when its field's schema accepts it. */
export function cellProblem(table: string, column: string, value: unknown): ChangeProblem | undefined {
  if (!isSyncedTable(table)) return { kind: 'unknownField', table, reason: `Unknown table ${table}` }
  const schema = Object.hasOwn(FIELD_SCHEMAS[table]!, column) ? FIELD_SCHEMAS[table]![column] : undefined
  if (!schema) return { kind: 'unknownField', table, column, reason: `Unknown field ${table}.${column}` }
  const read = fieldValue(table, column, value)
  if ('reason' in read) return { kind: 'wrongKind', table, column, reason: `${table}.${column} is ${read.reason}` }
  const parsed = schema.safeParse(read.value)
  if (parsed.success) return undefined
  const issue = parsed.error.issues[0]
  return { kind: 'invalidValue', table, column, reason: `${table}.${column}: ${issue?.message ?? 'not a valid value'}` }
}

/** Why a clock cannot be taken: malformed, or further ahead of `now` than the drift limit. */
export function clockProblem(hlc: unknown, options: ChangeCheckOptions): Pick<ChangeProblem, 'kind' | 'reason' | 'aheadMs'> | undefined {
  if (typeof hlc !== 'string' || !HLC_PATTERN.test(hlc)) return { kind: 'invalidClock', reason: 'The clock is not a clock value' }
  const aheadMs = parseHlc(hlc).millis - options.now
  if (aheadMs > options.maxDriftMs) {
    return { kind: 'clockAhead', aheadMs, reason: `The clock is ${Math.round(aheadMs / 1000)} s ahead (at most ${Math.round(options.maxDriftMs / 1000)} s allowed)` }
  }
  return undefined
}

export function isRowId(rowId: unknown): rowId is string {
  return Id.safeParse(rowId).success
}

/** The first problem of a change, or undefined when every part of it may be stored. */
export function changeProblem(change: IncomingChange, options: ChangeCheckOptions): ChangeProblem | undefined {
  const { table, rowId } = change
  if (!isSyncedTable(table)) return { kind: 'unknownField', table, rowId, reason: `Unknown table ${table}` }
  if (!isRowId(rowId)) return { kind: 'invalidRowId', table, rowId: String(rowId).slice(0, 80), reason: 'The row id is not an id' }
  const clock = clockProblem(change.hlc, options)
  if (clock) return { ...clock, table, rowId }
  const columns = Object.keys(change.cells)
  if (columns.length === 0) return { kind: 'noCells', table, rowId, reason: 'The change has no fields' }
  for (const column of columns) {
    const problem = cellProblem(table, column, change.cells[column])
    if (problem) return { ...problem, rowId }
  }
  return undefined
}

/**
 * Whether parsed JSON has a key that names an object's machinery (`__proto__` and kin): JSON.parse keeps it as an
 * own key, which object spreads and schema parsers turn into a prototype or drop silently.
 */
export function hasReservedKey(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (Object.hasOwn(value, '__proto__') || Object.hasOwn(value, 'constructor') || Object.hasOwn(value, 'prototype'))
}
