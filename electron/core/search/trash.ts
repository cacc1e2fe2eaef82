import { AppError } from '../../../shared/errors'
import { HLC_PATTERN } from '../../../shared/hlc'
import type { SearchKind, TrashItem } from '../../../shared/procedures/search'
import type { RecordServices } from '../domain/registry'
import type { Store } from '../store/store'
import { labelOf, place, RowReader, SOURCE_TABLES, SOURCES, TABLE_OF_KIND, type Row } from './sources'

/** The clock value of the row's `deleted` field, from its `clocks`; '' when unknown. */
function deletedClock(clocks: string | null): string {
  if (!clocks) return ''
  try {
    const hlc = (JSON.parse(clocks) as Record<string, unknown>)['deleted']
    return typeof hlc === 'string' && HLC_PATTERN.test(hlc) ? hlc : ''
  } catch {
    return ''
  }
}

/** When it was deleted: the clock's first 12 hex digits are milliseconds. */
const millisOf = (hlc: string) => (hlc ? parseInt(hlc.slice(0, 12), 16) : 0)

/**
 * Records in the trash, across every kind. Deleting only sets a tombstone that syncs, so every laptop agrees
 * on what was deleted; restoring clears it on every laptop the same way.
 */
export class Trash {
  constructor(
    private readonly store: Store,
    private readonly records: RecordServices,
  ) {}

  list(): TrashItem[] {
    const reader = new RowReader(this.store)
    const items: (TrashItem & { clock: string })[] = []
    for (const table of SOURCE_TABLES) {
      const rows = this.store
        .statement(`SELECT * FROM "${table}" WHERE deleted = 1`)
        .all() as Row[]
      for (const row of rows) {
        // Where it would be once restored: a child of a trashed parent stays hidden until the parent is back.
        const placement = place(table, { ...row, deleted: 0 }, reader)
        const { parentTable } = placement
        // Trips and enterprises have their own fields; the parent label names a symposium, a visit, a survey.
        const parentRow =
          parentTable && parentTable !== 'trips' && parentTable !== 'enterprises' ? reader.get(parentTable, placement.parentId) : null
        const tripRow = placement.tripId ? reader.get('trips', placement.tripId) : null
        const enterpriseRow = placement.enterpriseId ? reader.get('enterprises', placement.enterpriseId) : null
        const clock = deletedClock(typeof row['clocks'] === 'string' ? row['clocks'] : null)
        items.push({
          kind: SOURCES[table].kind,
          id: String(row['id']),
          label: labelOf(table, row),
          tripId: placement.tripId,
          tripTitle: tripRow && table !== 'trips' ? labelOf('trips', tripRow) : '',
          enterpriseId: placement.enterpriseId,
          enterpriseName: enterpriseRow && table !== 'enterprises' ? labelOf('enterprises', enterpriseRow) : '',
          parentId: placement.parentId,
          parentKind: parentTable ? SOURCES[parentTable].kind : '',
          parentLabel: parentTable && parentRow ? labelOf(parentTable, parentRow) : '',
          parentDeleted: !placement.live,
          clock,
          deletedAt: millisOf(clock),
        })
      }
    }
    // Newest first by the full clock: two deletions in the same millisecond still keep their order.
    return items.sort((a, b) => (a.clock === b.clock ? a.label.localeCompare(b.label) : a.clock < b.clock ? 1 : -1)).map(({ clock: _clock, ...item }) => item)
  }

  restore(kind: SearchKind, id: string): { kind: SearchKind; id: string } {
    if (kind === 'attachment') {
      const row = this.store.statement('SELECT deleted FROM attachments WHERE id = ?').get(id)
      if (!row) throw new AppError('NOT_FOUND', `No attachment with id ${id}`, { id, table: TABLE_OF_KIND[kind] })
      this.store.applyChanges([{ table: 'attachments', rowId: id, column: 'deleted', value: 0 }])
    } else {
      this.records[kind].restore(id)
    }
    return { kind, id }
  }
}
