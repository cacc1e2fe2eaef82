import { MARK_END, MARK_START, type SearchKind } from '../../../shared/procedures/search'
import { RECORD_TABLES } from '../../../shared/procedures/records'
import type { Store } from '../store/store'
import { searchFieldsOf } from '../../../shared/fields'
import { columnName, type SyncedTable } from '../store/tables'

export type Row = Record<string, string | number | null>

/**
 * Where each table's rows belong in search. What of a row is searchable (its title and body fields) is declared
 * per field in the field registry (shared/fields.ts); a row's trip and enterprise are its own columns, or its
 * parent's.
 */
interface Placing {
  kind: SearchKind
  /** The row is itself the trip or the enterprise its descendants name. */
  is?: 'trip' | 'enterprise'
  tripColumn?: string
  enterpriseColumn?: string
  /** A child row: the column naming its parent and the parent's table. */
  parent?: { column: string; table: SyncedTable }
}

/** A table's search source: `title` and `body` name text columns or JSON columns (their strings are taken). */
interface Source extends Placing {
  title: readonly string[]
  body: readonly string[]
}

const PLACING: Record<SyncedTable, Placing> = {
  trips: { kind: 'trip', is: 'trip' },
  trip_members: { kind: 'member', tripColumn: 'trip_id' },
  itinerary: { kind: 'itinerary', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  enterprises: { kind: 'enterprise', is: 'enterprise' },
  contacts: { kind: 'contact', enterpriseColumn: 'enterprise_id' },
  visits: { kind: 'visit', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  visit_stops: { kind: 'visitStop', parent: { column: 'visit_id', table: 'visits' } },
  symposiums: { kind: 'symposium', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  attendees: { kind: 'attendee', parent: { column: 'symposium_id', table: 'symposiums' } },
  remarks: { kind: 'remark', parent: { column: 'symposium_id', table: 'symposiums' } },
  agreements: { kind: 'agreement', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  questionnaires: { kind: 'questionnaire', tripColumn: 'trip_id' },
  surveys: { kind: 'survey', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  positions: { kind: 'position', parent: { column: 'survey_id', table: 'surveys' } },
  actions: { kind: 'action', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  notes: { kind: 'note', tripColumn: 'trip_id', enterpriseColumn: 'enterprise_id' },
  // The owner comes from owner_kind; see `parentOf`.
  attachments: { kind: 'attachment' },
  staff: { kind: 'staff' },
  interactions: { kind: 'interaction', enterpriseColumn: 'enterprise_id' },
}

export const SOURCES = Object.fromEntries(
  (Object.keys(PLACING) as SyncedTable[]).map((table) => {
    const { title, body } = searchFieldsOf(table)
    return [table, { ...PLACING[table], title: title.map(columnName), body: body.map(columnName) }]
  }),
) as unknown as Record<SyncedTable, Source>

export const SOURCE_TABLES = Object.keys(SOURCES) as SyncedTable[]
export const TABLE_OF_KIND = Object.fromEntries(SOURCE_TABLES.map((table) => [SOURCES[table].kind, table])) as Record<SearchKind, SyncedTable>

/** JSON keys whose values are codes, not words (a question's id and type). */
const CODE_KEYS = new Set(['id', 'type'])

function strings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) strings(item, into)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!CODE_KEYS.has(key)) strings(item, into)
  }
}

/** Marker characters in user text could forge highlights; they have no business in a record anyway. */
const MARKERS = new RegExp(`[${MARK_START}${MARK_END}]`, 'g')

export function textOf(row: Row, columns: readonly string[]): string {
  const parts: string[] = []
  for (const column of columns) {
    const value = row[column]
    if (typeof value !== 'string' || value === '') continue
    if (value.startsWith('[') || value.startsWith('{')) {
      try {
        strings(JSON.parse(value), parts)
        continue
      } catch {
        // Plain text that merely starts with a bracket.
      }
    }
    parts.push(value)
  }
  return parts
    .map((part) => part.replace(MARKERS, '').trim())
    .filter(Boolean)
    .join('\n')
}

export function parentOf(table: SyncedTable, row: Row): { table: SyncedTable; id: string } | null {
  if (table === 'attachments') {
    const kind = String(row['owner_kind'] ?? '')
    const ownerTable = Object.hasOwn(RECORD_TABLES, kind) ? RECORD_TABLES[kind as keyof typeof RECORD_TABLES] : undefined
    return ownerTable && row['owner_id'] ? { table: ownerTable, id: String(row['owner_id']) } : null
  }
  const parent = SOURCES[table].parent
  if (parent && row[parent.column]) return { table: parent.table, id: String(row[parent.column]) }
  if (table === 'contacts' && row['enterprise_id']) return { table: 'enterprises', id: String(row['enterprise_id']) }
  return null
}

export interface Placement {
  tripId: string
  enterpriseId: string
  parentId: string
  parentTable: SyncedTable | ''
  /** Not in the trash, and neither is its parent, its trip or its enterprise. */
  live: boolean
}

/** Reads rows by id, remembering them for one batch of work (parents are asked for again and again). */
export class RowReader {
  private readonly cache = new Map<string, Row | null>()

  constructor(private readonly store: Store) {}

  get(table: SyncedTable, id: string): Row | null {
    const key = `${table}\u0000${id}`
    let row = this.cache.get(key)
    if (row === undefined) {
      row = (this.store.statement(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Row | undefined) ?? null
      this.cache.set(key, row)
    }
    return row
  }
}

/**
 * Where a row belongs: its trip and enterprise (its own, else its parent's: a remark takes its symposium's),
 * its parent, and whether it is live. A parent that has not arrived yet (partial sync) counts as live.
 */
export function place(table: SyncedTable, row: Row, reader: RowReader): Placement {
  const source = SOURCES[table]
  const id = String(row['id'])
  let tripId = source.is === 'trip' ? id : source.tripColumn ? String(row[source.tripColumn] ?? '') : ''
  let enterpriseId = source.is === 'enterprise' ? id : source.enterpriseColumn ? String(row[source.enterpriseColumn] ?? '') : ''
  let live = row['deleted'] !== 1
  const parent = parentOf(table, row)
  if (parent) {
    const parentRow = reader.get(parent.table, parent.id)
    if (parentRow) {
      const above = place(parent.table, parentRow, reader)
      tripId ||= above.tripId
      enterpriseId ||= above.enterpriseId
      live &&= above.live
    }
  }
  if (live && tripId && source.is !== 'trip' && reader.get('trips', tripId)?.['deleted'] === 1) live = false
  if (live && enterpriseId && source.is !== 'enterprise' && reader.get('enterprises', enterpriseId)?.['deleted'] === 1) live = false
  return { tripId, enterpriseId, parentId: parent?.id ?? '', parentTable: parent?.table ?? '', live }
}

function excerpt(text: unknown, length = 40): string {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : flat
}

/** A short name a person recognises the row by: its title or name, else a date or the start of its text. */
export function labelOf(table: SyncedTable, row: Row): string {
  const first = (...columns: string[]) => {
    for (const column of columns) {
      const value = row[column]
      if (typeof value === 'string' && value.trim()) return excerpt(value, 60)
    }
    return ''
  }
  switch (table) {
    case 'trip_members':
    case 'contacts':
    case 'attendees':
    case 'enterprises':
      return first('name')
    case 'itinerary':
      return [first('day'), first('note')].filter(Boolean).join(' ')
    case 'visits':
    case 'symposiums':
      return first('title', 'date')
    case 'visit_stops':
      return first('place') || excerpt(row['observation'])
    case 'remarks':
    case 'notes':
      return excerpt(row['text'])
    case 'interactions':
      return [first('date'), excerpt(row['summary'], 60)].filter(Boolean).join(' ')
    case 'surveys':
      return first('respondent', 'date')
    case 'attachments':
      return first('caption', 'file_name')
    default:
      return first('title')
  }
}
