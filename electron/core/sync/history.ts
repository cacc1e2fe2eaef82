import { parseHlc } from '../../../shared/hlc'
import type { HistoryEntry } from '../../../shared/procedures/sync'
import type { Store } from '../store/store'
import { isSyncedTable, type CellValue } from '../store/tables'
import { hlcTime } from './conflicts'

/** A record edited all day by autosave has a long log; the history panel shows the newest entries. */
export const HISTORY_LIMIT = 500

/**
 * Who changed what and when, from the change log: one entry per moment a set of fields changed together, newest
 * first, with the device named by the clock's node id. `current` marks the values the record holds now (a
 * value that lost a merge, or was later replaced, is not current).
 */
export function historyOf(store: Store, table: string, rowId: string, deviceOf: (node: string) => string): HistoryEntry[] {
  if (!isSyncedTable(table)) return []
  const clocks = store.clocksOf(table, rowId)
  const entries = store
    .statement('SELECT hlc, cells FROM change_log WHERE tbl = ? AND row_id = ? ORDER BY hlc DESC LIMIT ?')
    .all(table, rowId, HISTORY_LIMIT) as { hlc: string; cells: string }[]
  return entries.map(({ hlc, cells }) => {
    const node = parseHlc(hlc).node
    return {
      at: hlcTime(hlc),
      hlc,
      device: deviceOf(node),
      local: node === store.nodeId,
      fields: Object.entries(JSON.parse(cells) as Record<string, CellValue>).map(([column, value]) => ({
        column,
        value: value ?? '',
        current: clocks[column] === hlc,
      })),
    }
  })
}
