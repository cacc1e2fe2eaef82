import type { ChangeInput } from '../store/store'
import { toCell } from '../domain/records'
import { columnName, SYNCED_TABLE_FIELDS, SYNCED_TABLES, type SyncedTable } from '../store/tables'

/** Whether a differing field of an existing row takes the incoming value (`field`: a field name or `deleted`). */
export type FieldGate = (field: string) => boolean

/**
 * The merge rule of an import, as sync's: per field the newer clock wins. `incomingClocks` by field name
 * (undefined: the value came without clocks), `localClocks` by column (the row's `clocks`).
 */
export function newerFieldGate(incomingClocks: Record<string, string> | undefined, localClocks: Record<string, string>, incomingWinsWithoutClock: boolean): FieldGate {
  return (field) => {
    const local = localClocks[columnName(field)]
    // Never written here (a column added later): nothing to lose.
    if (local === undefined) return true
    const incoming = incomingClocks?.[field]
    if (incoming === undefined) return incomingWinsWithoutClock
    return incoming > local
  }
}

/**
 * The changes that make the stored row `current` (undefined: no row yet) equal to `next`, field by field. On an
 * existing row, `accepts` says which differing fields may be written (default: all).
 */
export function rowChanges(
  table: SyncedTable,
  id: string,
  next: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  accepts: FieldGate = () => true,
): ChangeInput[] {
  const changes: ChangeInput[] = []
  for (const field of Object.keys(SYNCED_TABLE_FIELDS[table].shape)) {
    if (!(field in next)) continue
    if (current && JSON.stringify(current[field]) === JSON.stringify(next[field])) continue
    if (current && !accepts(field)) continue
    changes.push({ table, rowId: id, column: columnName(field), value: toCell(SYNCED_TABLES[table][columnName(field)]!, next[field]) })
  }
  if ('deleted' in next) {
    const deleted = next['deleted'] === true
    if (!current || (current['deleted'] !== deleted && accepts('deleted'))) changes.push({ table, rowId: id, column: 'deleted', value: deleted ? 1 : 0 })
  }
  return changes
}
