import { AppError } from '../../../shared/errors'

/**
 * The synced tables and the kind of each column. Every write goes through `applyChanges`, which refuses a
 * table or column not listed here: a change from a newer or broken peer cannot touch anything else.
 */
type BaseKind = 'text' | 'integer' | 'real' | 'json' | 'bool'
/** A trailing `?` allows null. Null is refused elsewhere: a received null must not break a NOT NULL column. */
export type ColumnKind = BaseKind | `${BaseKind}?`

export const SYNCED_TABLES = {
  trips: {
    title: 'text',
    purpose: 'text',
    start_date: 'text?',
    end_date: 'text?',
    regions: 'json',
    status: 'text',
    deleted: 'bool',
  },
} as const satisfies Record<string, Record<string, ColumnKind>>

export type SyncedTable = keyof typeof SYNCED_TABLES
export type CellValue = string | number | null

export function isSyncedTable(table: string): table is SyncedTable {
  return Object.hasOwn(SYNCED_TABLES, table)
}

export function columnKind(table: string, column: string): ColumnKind | undefined {
  if (!isSyncedTable(table)) return undefined
  const columns: Record<string, ColumnKind> = SYNCED_TABLES[table]
  return Object.hasOwn(columns, column) ? columns[column] : undefined
}

function fitsKind(kind: ColumnKind, value: unknown): boolean {
  if (value === null) return kind.endsWith('?')
  switch (kind.replace('?', '') as BaseKind) {
    case 'text':
      return typeof value === 'string'
    case 'json':
      if (typeof value !== 'string') return false
      try {
        JSON.parse(value)
        return true
      } catch {
        return false
      }
    case 'integer':
      return Number.isSafeInteger(value)
    case 'bool':
      return value === 0 || value === 1
    case 'real':
      return typeof value === 'number' && Number.isFinite(value)
  }
}

/** Throws UNKNOWN_FIELD for a table or column we do not have, VALIDATION for a value of the wrong kind. */
export function checkCell(table: string, column: string, value: unknown): asserts value is CellValue {
  const kind = columnKind(table, column)
  if (!kind) throw new AppError('UNKNOWN_FIELD', `Unknown field ${table}.${column}`, { table, column })
  if (!fitsKind(kind, value)) {
    throw new AppError('VALIDATION', `Value of ${table}.${column} is not a ${kind.replace('?', ' or empty')}`, { table, column })
  }
}
