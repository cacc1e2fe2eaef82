/**
 * The field registry: for every field of every synced table, what the rest of the app needs to know about it
 * besides its zod schema — how people name it, whether sync watches it for concurrent edits, whether search
 * indexes it, which spreadsheet column carries it and how the Word documents print it. The form labels, the
 * import mapping, the spreadsheet export, the search sources, the conflict set and the enterprise file's profile
 * table are all derived from here, so adding a field means adding it here (beside its schema), not in each of
 * those places. tests/unit/core/field-registry.test.ts checks that registry and schemas agree.
 *
 * Enterprises and contacts keep their entries beside their schemas (shared/schemas/enterprise.ts) and are fully
 * described; the other tables declare here how sync watches each field and what search indexes, and still take
 * their labels from the renderer's strings.
 */
import type { z } from 'zod'
import { CONTACT_FIELD_SPECS, ENTERPRISE_FIELD_SPECS } from './schemas/enterprise'
import type { FieldSpec, FieldSpecs, Text, WatchMode } from './field-spec'
import { isSyncedTable, type SYNCED_TABLE_FIELDS, type SyncedTable } from './tables'

export type { FieldSpec, FieldSpecs, Text, WatchMode } from './field-spec'

type ShapeOf<T extends SyncedTable> = (typeof SYNCED_TABLE_FIELDS)[T]['shape']

/** Every synced table's fields, in schema order. */
export const FIELD_REGISTRY: { readonly [T in SyncedTable]: FieldSpecs<ShapeOf<T>> } = {
  trips: {
    title: { watch: 'text', search: 'title' },
    purpose: { watch: 'text', search: 'body' },
    startDate: { watch: 'value' },
    endDate: { watch: 'value' },
    regions: { watch: 'list', search: 'body' },
    status: { watch: 'value' },
  },
  trip_members: {
    tripId: { watch: 'merge' },
    name: { watch: 'text', search: 'title' },
    position: { watch: 'text', search: 'body' },
    department: { watch: 'text', search: 'body' },
    isLeader: { watch: 'value' },
    sortKey: { watch: 'merge' },
    staffId: { watch: 'merge' },
  },
  itinerary: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    day: { watch: 'value' },
    note: { watch: 'text', search: 'body' },
  },
  enterprises: ENTERPRISE_FIELD_SPECS,
  contacts: CONTACT_FIELD_SPECS,
  visits: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    date: { watch: 'value' },
    title: { watch: 'text', search: 'title' },
    participantIds: { watch: 'merge' },
    summary: { watch: 'text', search: 'body' },
  },
  visit_stops: {
    visitId: { watch: 'merge' },
    place: { watch: 'text', search: 'title' },
    observation: { watch: 'text', search: 'body' },
    sortKey: { watch: 'merge' },
  },
  symposiums: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    date: { watch: 'value' },
    place: { watch: 'text', search: 'body' },
    title: { watch: 'text', search: 'title' },
    presidedBy: { watch: 'text', search: 'body' },
    topics: { watch: 'list', search: 'body' },
    consensus: { watch: 'list', search: 'body' },
  },
  attendees: {
    symposiumId: { watch: 'merge' },
    side: { watch: 'value' },
    name: { watch: 'text', search: 'title' },
    title: { watch: 'text', search: 'body' },
    memberId: { watch: 'merge' },
    contactId: { watch: 'merge' },
    sortKey: { watch: 'merge' },
  },
  remarks: {
    symposiumId: { watch: 'merge' },
    speakerId: { watch: 'merge' },
    text: { watch: 'text', search: 'body' },
    isQuote: { watch: 'value' },
    spokenAt: { watch: 'value' },
    sortKey: { watch: 'merge' },
  },
  agreements: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    title: { watch: 'text', search: 'title' },
    kind: { watch: 'value' },
    status: { watch: 'value' },
    signedDate: { watch: 'value' },
    parties: { watch: 'text', search: 'body' },
    amountYuan: { watch: 'value' },
    positions: { watch: 'value' },
    termStart: { watch: 'value' },
    termEnd: { watch: 'value' },
    owner: { watch: 'text', search: 'body' },
    terms: { watch: 'text', search: 'body' },
  },
  questionnaires: {
    tripId: { watch: 'merge' },
    title: { watch: 'text', search: 'title' },
    questions: { watch: 'merge', search: 'body' },
  },
  surveys: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    date: { watch: 'value' },
    respondent: { watch: 'text', search: 'title' },
    respondentTitle: { watch: 'text', search: 'body' },
    answers: { watch: 'merge', search: 'body' },
    notes: { watch: 'text', search: 'body' },
    status: { watch: 'value' },
  },
  positions: {
    surveyId: { watch: 'merge' },
    title: { watch: 'text', search: 'title' },
    headcount: { watch: 'value' },
    kind: { watch: 'value' },
    majors: { watch: 'list', search: 'body' },
    skills: { watch: 'text', search: 'body' },
    certificates: { watch: 'text', search: 'body' },
    education: { watch: 'value' },
    payMin: { watch: 'value' },
    payMax: { watch: 'value' },
    startTiming: { watch: 'text', search: 'body' },
    sortKey: { watch: 'merge' },
  },
  actions: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    title: { watch: 'text', search: 'title' },
    owner: { watch: 'text', search: 'body' },
    dueDate: { watch: 'value' },
    status: { watch: 'value' },
    linkedKind: { watch: 'merge' },
    linkedId: { watch: 'merge' },
    notes: { watch: 'text', search: 'body' },
  },
  notes: {
    tripId: { watch: 'merge' },
    enterpriseId: { watch: 'merge' },
    kind: { watch: 'value' },
    text: { watch: 'text', search: 'body' },
    date: { watch: 'value' },
  },
  attachments: {
    ownerKind: { watch: 'merge' },
    ownerId: { watch: 'merge' },
    hash: { watch: 'merge' },
    size: { watch: 'merge' },
    mime: { watch: 'merge' },
    fileName: { watch: 'text', search: 'body' },
    caption: { watch: 'text', search: 'title' },
    width: { watch: 'merge' },
    height: { watch: 'merge' },
  },
  staff: {
    name: { watch: 'text', search: 'title' },
    position: { watch: 'text', search: 'body' },
    department: { watch: 'text', search: 'body' },
    level: { watch: 'value' },
  },
  interactions: {
    enterpriseId: { watch: 'merge' },
    channel: { watch: 'value' },
    date: { watch: 'value' },
    ourSide: { watch: 'text', search: 'body' },
    contactId: { watch: 'merge' },
    theirSide: { watch: 'text', search: 'body' },
    summary: { watch: 'text', search: 'body' },
    nextStep: { watch: 'text', search: 'body' },
    actionId: { watch: 'merge' },
  },
}

/** The tables whose every field the registry names in both languages (the others' labels are still the screens'). */
export const LABELLED_TABLES = ['enterprises', 'contacts'] as const satisfies readonly SyncedTable[]
export type LabelledTable = (typeof LABELLED_TABLES)[number]

/** The specs of a table, by field name (for code that walks any table). */
export function fieldSpecsOf(table: SyncedTable): Readonly<Record<string, FieldSpec>> {
  return FIELD_REGISTRY[table] as Readonly<Record<string, FieldSpec>>
}

export type Language = 'zh' | 'en'

/** field → its label in `language`, for the fields that have one (the screens' strings spread this in). */
export function fieldLabels<S extends Readonly<Record<string, FieldSpec>>>(specs: S, language: Language): { [K in keyof S]: string } {
  return Object.fromEntries(Object.entries(specs).flatMap(([field, spec]) => (spec.label ? [[field, spec.label[language]]] : []))) as { [K in keyof S]: string }
}

/** value → its word in `language`, for a choice field. */
export function choiceLabels<C extends Readonly<Record<string, Text>>>(choices: C, language: Language): { [K in keyof C]: string } {
  return Object.fromEntries(Object.entries(choices).map(([value, text]) => [value, text[language]])) as { [K in keyof C]: string }
}

/** The watched fields of each table, derived from the registry (fields that simply merge are left out). */
export const WATCHED_FIELDS = Object.fromEntries(
  Object.entries(FIELD_REGISTRY).map(([table, specs]) => [
    table,
    Object.fromEntries(Object.entries(specs as Record<string, FieldSpec>).flatMap(([field, spec]) => (spec.watch === 'merge' ? [] : [[field, spec.watch]]))),
  ]),
) as { readonly [T in SyncedTable]: Readonly<Partial<Record<keyof ShapeOf<T> & string, WatchMode>>> }

/** What search indexes of a table: its title and body fields, in schema order. */
export function searchFieldsOf(table: SyncedTable): { title: string[]; body: string[] } {
  const specs = Object.entries(fieldSpecsOf(table))
  return {
    title: specs.filter(([, spec]) => spec.search === 'title').map(([field]) => field),
    body: specs.filter(([, spec]) => spec.search === 'body').map(([field]) => field),
  }
}

// ---- The enterprise list spreadsheet: the enterprise's columns, then its first contact's. ----

type ColumnFields<S> = { [K in keyof S]: S[K] extends { column: object } ? K : never }[keyof S] & string
type EnterpriseColumnField = ColumnFields<typeof ENTERPRISE_FIELD_SPECS>
type ContactColumnField = ColumnFields<typeof CONTACT_FIELD_SPECS>
/** An import field: an enterprise field by its name, a contact field as `contactName`, `contactPhone`… */
export type ListColumnField = EnterpriseColumnField | `contact${Capitalize<ContactColumnField>}`

export interface ListColumn {
  /** The name the import mapping and the import dialog use. */
  key: ListColumnField
  table: 'enterprises' | 'contacts'
  field: string
  header: Text
  width: number
  /** Every header name that maps to it: its header and label in both languages, then its synonyms. */
  names: string[]
  spec: FieldSpec
}

function listColumns(table: 'enterprises' | 'contacts', specs: Readonly<Record<string, FieldSpec>>): ListColumn[] {
  return Object.entries(specs).flatMap(([field, spec]) => {
    if (!spec.column) return []
    const header = spec.column.header ?? spec.label
    if (!header) throw new Error(`${table}.${field} has a spreadsheet column but neither a header nor a label`)
    const key = (table === 'contacts' ? `contact${field.charAt(0).toUpperCase()}${field.slice(1)}` : field) as ListColumnField
    const names = [header.zh, header.en, ...(spec.label ? [spec.label.zh, spec.label.en] : []), key, ...(spec.column.synonyms ?? [])]
    return [{ key, table, field, header, width: spec.column.width, names: [...new Set(names)], spec }]
  })
}

/** The columns of the enterprise list, in order: what export writes and import reads. */
export const ENTERPRISE_LIST_COLUMNS: readonly ListColumn[] = [
  ...listColumns('enterprises', ENTERPRISE_FIELD_SPECS),
  ...listColumns('contacts', CONTACT_FIELD_SPECS),
]

/** The enterprise fields a list can fill, and the contact fields of its one contact per row. */
export const LIST_COLUMN_KEYS = ENTERPRISE_LIST_COLUMNS.map((column) => column.key) as [ListColumnField, ...ListColumnField[]]

/** key → header in `language` (the import dialog's names for the fields). */
export function listColumnHeaders(language: Language): Record<ListColumnField, string> {
  return Object.fromEntries(ENTERPRISE_LIST_COLUMNS.map((column) => [column.key, column.header[language]])) as Record<ListColumnField, string>
}

/** The fields a schema has and the registry does not, and the other way round ("table.field"). */
export function registryMismatches(table: SyncedTable, schema: z.ZodObject): { unregistered: string[]; unknown: string[] } {
  const schemaKeys = Object.keys(schema.shape)
  const registryKeys = Object.keys(fieldSpecsOf(table))
  return {
    unregistered: schemaKeys.filter((key) => !registryKeys.includes(key)).map((key) => `${table}.${key}`),
    unknown: registryKeys.filter((key) => !schemaKeys.includes(key)).map((key) => `${table}.${key}`),
  }
}

/** How a column's concurrent edits are watched, or undefined when they simply merge. */
export function watchModeOf(table: string, column: string): WatchMode | undefined {
  if (!isSyncedTable(table)) return undefined
  const field = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
  const fields = WATCHED_FIELDS[table] as Record<string, WatchMode | undefined>
  return Object.hasOwn(fields, field) ? fields[field] : undefined
}
