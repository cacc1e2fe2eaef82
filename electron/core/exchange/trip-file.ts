import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { SameEnterpriseIndex } from '../../../shared/enterprise-identity'
import { AppError, type FieldError } from '../../../shared/errors'
import { DEFAULT_MAX_CLOCK_DRIFT_MS } from '../../../shared/hlc'
import { clockProblem } from '../../../shared/sync/check-change'
import { MAX_BLOB_BYTES } from '../../../shared/sync/protocol'
import {
  ATTACHMENTS_PREFIX,
  TRIP_FILE_FORMAT,
  TRIP_FILE_SECTIONS,
  TRIP_FILE_VERSION,
  TRIP_JSON_ENTRY,
  TripExchange,
  TripExchangeHeader,
  type Tombstone,
  type TripFileSection,
} from '../../../shared/exchange/format'
import type { TripImportReport } from '../../../shared/exchange/api'
import { RECORD_TABLES } from '../../../shared/procedures/records'
import { AttachmentFields, AttachmentPatch } from '../../../shared/schemas/action'
import { toFieldErrors } from '../../../shared/validation'
import { BlobStore, sha256 } from '../attachments/blob-store'
import type { CoreContext } from '../context'
import { RecordService, type StoredRecord } from '../domain/records'
import { RECORD_SPECS, type RecordKind } from '../domain/registry'
import type { ChangeInput } from '../store/store'
import { columnName, SYNCED_TABLE_FIELDS, type SyncedTable } from '../store/tables'
import { newerFieldGate, rowChanges, type FieldGate } from './cells'

type Rec = StoredRecord
type Section = Exclude<TripFileSection, 'attachments'>

/** The record kind (RecordService) behind each section of the file. */
const SECTION_KINDS: Record<Section, RecordKind> = {
  enterprises: 'enterprise',
  contacts: 'contact',
  members: 'member',
  itinerary: 'itinerary',
  visits: 'visit',
  visitStops: 'visitStop',
  symposiums: 'symposium',
  attendees: 'attendee',
  remarks: 'remark',
  agreements: 'agreement',
  questionnaires: 'questionnaire',
  surveys: 'survey',
  positions: 'position',
  actions: 'action',
  notes: 'note',
}
const SECTIONS = Object.keys(TRIP_FILE_SECTIONS) as TripFileSection[]

/** A trip's records as JSON: 20,000 notes take about 10 MB; far more is not a trip file Fieldbook wrote. */
export const MAX_TRIP_JSON_BYTES = 64 * 1024 * 1024
/** Everything a trip file may hold once inflated (its photos are stored as they are, so about its own size). */
export const MAX_TRIP_CONTENT_BYTES = 2 * 1024 * 1024 * 1024
const megabytes = (bytes: number) => Math.ceil(bytes / (1024 * 1024))

function invalid(reason: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('IMPORT_INVALID', message, { reason, ...details })
}

function attachmentRows(context: CoreContext): RecordService {
  return new RecordService(context.store, { table: 'attachments', input: AttachmentFields, patch: AttachmentPatch, whole: AttachmentFields, orderBy: 'id' })
}

/**
 * Everything of one trip that is not in the trash, as the file's sections. A record whose parent (or an
 * enterprise it names) is in the trash is left out too, so the file never points at something it lacks.
 */
export function collectTrip(context: CoreContext, tripId: string): Omit<TripExchange, 'exportedAt' | 'appVersion'> {
  const { records } = context
  const trip = records.trip.find(tripId)
  if (!trip || trip.deleted) throw new AppError('NOT_FOUND', `No trip with id ${tripId}`, { id: tripId })
  const byTrip = { tripId }
  const children = (kind: RecordKind, field: string, parents: Rec[]) => parents.flatMap((p) => records[kind].list({ [field]: p.id }))
  const visits = records.visit.list(byTrip)
  const symposiums = records.symposium.list(byTrip)
  const surveys = records.survey.list(byTrip)
  const data: Record<Section, Rec[]> = {
    members: records.member.list(byTrip),
    itinerary: records.itinerary.list(byTrip),
    visits,
    visitStops: children('visitStop', 'visitId', visits),
    symposiums,
    attendees: children('attendee', 'symposiumId', symposiums),
    remarks: children('remark', 'symposiumId', symposiums),
    agreements: records.agreement.list(byTrip),
    questionnaires: records.questionnaire.list(byTrip),
    surveys,
    positions: children('position', 'surveyId', surveys),
    actions: records.action.list(byTrip),
    notes: records.note.list(byTrip),
    enterprises: [],
    contacts: [],
  }
  const enterpriseIds = new Set<string>()
  for (const section of ['itinerary', 'visits', 'symposiums', 'agreements', 'surveys', 'actions', 'notes'] as const) {
    for (const record of data[section]) if (record['enterpriseId']) enterpriseIds.add(record['enterpriseId'] as string)
  }
  data.enterprises = [...enterpriseIds].map((id) => records.enterprise.find(id)).filter((e): e is Rec => Boolean(e && !e.deleted))
  data.enterprises.sort((a, b) => (a.id < b.id ? -1 : 1))
  data.contacts = children('contact', 'enterpriseId', data.enterprises)
  // The enterprises' own notes (their cooperation history) belong to their files, which the report quotes.
  data.notes.push(...children('note', 'enterpriseId', data.enterprises).filter((n) => n['tripId'] === ''))

  // Drop what points at a record not in the file (in the trash), parents first so it cascades.
  const ids: Partial<Record<SyncedTable, Set<string>>> = { trips: new Set([tripId]) }
  for (const section of ['enterprises', 'contacts', 'members', 'itinerary', 'visits', 'visitStops', 'symposiums', 'attendees', 'remarks', 'agreements', 'questionnaires', 'surveys', 'positions', 'actions', 'notes'] as const) {
    const spec = RECORD_SPECS[SECTION_KINDS[section]]
    const parents = Object.entries('parents' in spec ? spec.parents : {}) as [string, SyncedTable][]
    data[section] = data[section].filter((record) => parents.every(([field, table]) => !record[field] || ids[table]?.has(record[field] as string)))
    ids[spec.table] = new Set(data[section].map((r) => r.id))
  }
  const ownerTables: Record<string, SyncedTable> = RECORD_TABLES
  const attachments = attachmentRows(context)
    .list()
    .filter((a) => ids[ownerTables[a['ownerKind'] as string]!]?.has(a['ownerId'] as string))
  return { format: TRIP_FILE_FORMAT, formatVersion: TRIP_FILE_VERSION, trip: trip as never, ...(data as never as Record<Section, never[]>), attachments: attachments as never[] }
}

/** A row's per-field clocks under the file's names (camelCase fields and `deleted`), from its `clocks` column. */
function fieldClocksOf(context: CoreContext, table: SyncedTable, id: string): Record<string, string> {
  const byColumn = context.store.clocksOf(table, id)
  const clocks: Record<string, string> = {}
  for (const field of [...Object.keys(SYNCED_TABLE_FIELDS[table].shape), 'deleted']) {
    const clock = byColumn[columnName(field)]
    if (clock) clocks[field] = clock
  }
  return clocks
}

/** Sections whose records hang off the trip itself, and those that hang off one of them (column → parent section). */
const TRIP_OWNED: readonly Section[] = ['members', 'itinerary', 'visits', 'symposiums', 'agreements', 'questionnaires', 'surveys', 'actions', 'notes']
const CHILD_OF: Partial<Record<Section, [string, Section]>> = {
  visitStops: ['visit_id', 'visits'],
  attendees: ['symposium_id', 'symposiums'],
  remarks: ['symposium_id', 'symposiums'],
  positions: ['survey_id', 'surveys'],
}

/**
 * The trip's records in the trash, each with the clock of its deletion: the trip's own records, their children,
 * and the attachments of any of them. Enterprises and contacts are shared by every trip, so their trash stays.
 */
export function collectTombstones(context: CoreContext, tripId: string): Tombstone[] {
  const { store } = context
  const tombstones: Tombstone[] = []
  const allIds = new Set<string>([tripId])
  const idsOf = new Map<Section, string[]>()
  const take = (section: TripFileSection, rows: { id: string; deleted: number; clocks: string }[]) => {
    for (const row of rows) {
      allIds.add(row.id)
      if (row.deleted !== 1) continue
      const clock = (JSON.parse(row.clocks) as Record<string, string>)['deleted']
      if (clock) tombstones.push({ section, id: row.id, clock })
    }
  }
  for (const section of TRIP_OWNED) {
    const rows = store.statement(`SELECT id, deleted, clocks FROM "${TRIP_FILE_SECTIONS[section]}" WHERE trip_id = ? ORDER BY id`).all(tripId) as {
      id: string
      deleted: number
      clocks: string
    }[]
    idsOf.set(section, rows.map((r) => r.id))
    take(section, rows)
  }
  for (const [section, [column, parent]] of Object.entries(CHILD_OF) as [Section, [string, Section]][]) {
    const rows = store
      .statement(`SELECT id, deleted, clocks FROM "${TRIP_FILE_SECTIONS[section]}" WHERE "${column}" IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(idsOf.get(parent) ?? [])) as { id: string; deleted: number; clocks: string }[]
    take(section, rows)
  }
  const attachments = store
    .statement('SELECT id, deleted, clocks FROM attachments WHERE deleted = 1 AND owner_id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(JSON.stringify([...allIds])) as { id: string; deleted: number; clocks: string }[]
  take('attachments', attachments)
  return tombstones
}

/** The trip as a `.fbtrip` zip: trip.json and the bytes of each attachment under attachments/<sha256>. */
export async function buildTripFile(context: CoreContext, tripId: string, appVersion: string): Promise<{ bytes: Uint8Array; title: string; missingBlobs: number }> {
  const collected = collectTrip(context, tripId)
  // Each record carries its fields' clocks, so importing this file later never undoes a newer edit there.
  const sections = Object.fromEntries(
    SECTIONS.map((s) => [s, (collected[s] as Rec[]).map((row) => ({ ...row, clocks: fieldClocksOf(context, TRIP_FILE_SECTIONS[s], row.id) }))]),
  )
  const content: TripExchange = {
    ...collected,
    ...(sections as never as Pick<TripExchange, TripFileSection>),
    trip: { ...collected.trip, clocks: fieldClocksOf(context, 'trips', tripId) },
    exportedAt: new Date().toISOString(),
    appVersion,
    // Deletions travel too, so importing this file later removes what was deleted since.
    tombstones: collectTombstones(context, tripId),
  }
  const orderedContent = Object.fromEntries(
    ['format', 'formatVersion', 'exportedAt', 'appVersion', 'trip', ...SECTIONS, 'tombstones'].map((k) => [k, content[k as keyof TripExchange]]),
  )
  const entries: Zippable = { [TRIP_JSON_ENTRY]: strToU8(JSON.stringify(orderedContent, null, 1)) }
  const blobs = new BlobStore(context.dataDir)
  let missingBlobs = 0
  for (const attachment of content.attachments) {
    const name = `${ATTACHMENTS_PREFIX}${attachment.hash}`
    if (entries[name]) continue
    try {
      // Photos are compressed already: stored as they are.
      entries[name] = [await blobs.get(attachment.hash), { level: 0 }]
    } catch {
      // Not downloaded by sync yet: the row travels, as it would through sync.
      missingBlobs++
    }
  }
  return { bytes: zipSync(entries, { level: 6 }), title: content.trip.title, missingBlobs }
}

/** Unzips and checks the file: its kind, its version, every record against its schema. */
export function readTripFile(bytes: Uint8Array, fileName = ''): { content: TripExchange; blobs: Map<string, Uint8Array> } {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw invalid('notTripFile', `${fileName || 'This file'} is not a Fieldbook trip file.`, { fileName })
  }
  let entries: Record<string, Uint8Array>
  let tooLarge: AppError | undefined
  let declaredTotal = 0
  try {
    // The sizes come from the zip's directory before anything is inflated; fflate inflates an entry into a buffer
    // of its declared size, so an entry lying about it cannot take more. Entries a trip file never holds are left
    // compressed.
    entries = unzipSync(bytes, {
      filter: (entry) => {
        const isJson = entry.name === TRIP_JSON_ENTRY
        if (!isJson && !/^attachments\/[0-9a-f]{64}$/.test(entry.name)) return false
        declaredTotal += entry.originalSize
        const limit = isJson ? MAX_TRIP_JSON_BYTES : MAX_BLOB_BYTES
        if (entry.originalSize > limit || declaredTotal > MAX_TRIP_CONTENT_BYTES) {
          tooLarge ??= invalid(
            'tripTooLarge',
            `${fileName || 'The trip file'} holds ${entry.name} of ${megabytes(entry.originalSize)} MB (at most ${megabytes(limit)} MB; ${megabytes(MAX_TRIP_CONTENT_BYTES)} MB in all): it was not written by Fieldbook or was altered.`,
            { fileName, entry: entry.name, size: entry.originalSize },
          )
        }
        return tooLarge === undefined
      },
    })
  } catch (error) {
    throw invalid('damaged', `${fileName || 'The trip file'} is damaged or incomplete: ${(error as Error).message}`, { fileName })
  }
  if (tooLarge) throw tooLarge
  const json = entries[TRIP_JSON_ENTRY]
  if (!json) throw invalid('notTripFile', `${fileName || 'This file'} is not a Fieldbook trip file (no ${TRIP_JSON_ENTRY}).`, { fileName })
  let raw: unknown
  try {
    raw = JSON.parse(strFromU8(json))
  } catch (error) {
    throw invalid('damaged', `The ${TRIP_JSON_ENTRY} of ${fileName || 'the file'} is damaged: ${(error as Error).message}`, { fileName })
  }
  const header = TripExchangeHeader.safeParse(raw)
  if (!header.success || header.data.format !== TRIP_FILE_FORMAT) {
    throw invalid('notTripFile', `${fileName || 'This file'} is not a Fieldbook trip file.`, { fileName })
  }
  if (header.data.formatVersion > TRIP_FILE_VERSION) {
    throw new AppError(
      'BACKUP_NEWER_VERSION',
      `${fileName || 'This trip file'} was written by a newer Fieldbook (format ${header.data.formatVersion}; this one reads up to ${TRIP_FILE_VERSION}). Update Fieldbook to import it.`,
      { fileName, formatVersion: header.data.formatVersion, supported: TRIP_FILE_VERSION },
    )
  }
  const parsed = TripExchange.safeParse(raw)
  if (!parsed.success) throw contentError(toFieldErrors(parsed.error), fileName)
  // The record schemas carry no cross-field rules (an end before its start); the whole-record schemas do.
  const errors: FieldError[] = []
  const check = (kind: RecordKind, record: Rec, path: string) => {
    const { id: _id, deleted: _deleted, clocks: _clocks, ...fields } = record
    const result = RECORD_SPECS[kind].whole.safeParse(fields)
    if (!result.success) errors.push(...toFieldErrors(result.error).map((e) => ({ ...e, path: `${path}.${e.path}` })))
  }
  check('trip', parsed.data.trip as Rec, 'trip')
  for (const section of Object.keys(SECTION_KINDS) as Section[]) {
    ;(parsed.data[section] as Rec[]).forEach((record, index) => check(SECTION_KINDS[section], record, `${section}.${index}`))
  }
  // A clock from the future would carry this device's clock with it: every later edit here would be refused by
  // the server, or, at the largest clock, could not be counted at all.
  const now = Date.now()
  const clockCheck = (clocks: Record<string, string> | undefined, path: string) => {
    for (const [field, clock] of Object.entries(clocks ?? {})) {
      if (clockProblem(clock, { now, maxDriftMs: DEFAULT_MAX_CLOCK_DRIFT_MS })) errors.push({ path: `${path}.clocks.${field}`, key: 'clockAhead' })
    }
  }
  clockCheck(parsed.data.trip.clocks, 'trip')
  for (const section of SECTIONS) {
    ;(parsed.data[section] as Rec[]).forEach((record, index) => clockCheck(record['clocks'] as Record<string, string> | undefined, `${section}.${index}`))
  }
  if (errors.length > 0) throw contentError(errors, fileName)
  const blobs = new Map<string, Uint8Array>()
  for (const [name, data] of Object.entries(entries)) {
    if (!name.startsWith(ATTACHMENTS_PREFIX)) continue
    const hash = name.slice(ATTACHMENTS_PREFIX.length)
    if (sha256(data) !== hash) throw invalid('damaged', `An attachment in ${fileName || 'the trip file'} does not match its hash.`, { fileName, hash })
    blobs.set(hash, data)
  }
  return { content: parsed.data, blobs }
}

function contentError(fieldErrors: FieldError[], fileName: string): AppError {
  const listed = fieldErrors.slice(0, 20)
  return invalid('invalidContent', `${fileName || 'The trip file'} has records that are not valid: ${listed.map((e) => e.path).join(', ')}`, {
    fileName,
    fieldErrors: listed,
  })
}

const isEmpty = (value: unknown) => value === '' || (Array.isArray(value) && value.length === 0)

/**
 * Writes a trip file's records here, in one transaction. Ids are kept; into a row that exists, a field is written
 * only when the file's clock for it is newer than ours (as sync merges), so importing an older file never undoes
 * a newer edit or brings back a record deleted since, and importing the same file again writes nothing. A file
 * without clocks (written before they existed) wins wherever it differs. An enterprise of the file that exists
 * here under another id (same credit code or normalised name) is used instead of making a second file of it:
 * the same rule applies to its fields, its fields never edited here are filled, and every reference to it is
 * redirected; its contacts are matched by name likewise.
 */
export async function importTripFile(context: CoreContext, bytes: Uint8Array, options: { dryRun?: boolean; fileName?: string } = {}): Promise<TripImportReport> {
  const { content, blobs } = readTripFile(bytes, options.fileName)
  const { records, store } = context

  // Enterprises: same id, else the same credit code or normalised name among live ones.
  const local = new SameEnterpriseIndex((e: StoredRecord) => ({ name: e['name'] as string, creditCode: e['creditCode'] as string }))
  for (const enterprise of records.enterprise.list()) local.add(enterprise)
  const enterpriseMap = new Map<string, string>()
  const enterprisesMatched: TripImportReport['enterprisesMatched'] = []
  for (const enterprise of content.enterprises) {
    if (records.enterprise.find(enterprise.id)) continue
    const match = local.find(enterprise)?.enterprise
    if (match) {
      enterpriseMap.set(enterprise.id, match.id)
      enterprisesMatched.push({ fileId: enterprise.id, localId: match.id, name: match['name'] as string })
    }
  }
  const mapEnterprise = (id: string) => enterpriseMap.get(id) ?? id
  const contactMap = new Map<string, string>()
  for (const contact of content.contacts) {
    const enterpriseId = enterpriseMap.get(contact.enterpriseId)
    if (!enterpriseId || records.contact.find(contact.id)) continue
    const same = records.contact.list({ enterpriseId }).find((c) => c['name'] === contact.name)
    if (same) contactMap.set(contact.id, same.id)
  }

  const sections = Object.fromEntries(SECTIONS.map((s) => [s, (s === 'attachments' ? content.attachments : content[s]).map((r) => ({ ...r }) as Rec)])) as Record<TripFileSection, Rec[]>
  for (const section of SECTIONS) {
    for (const record of sections[section]) {
      if (typeof record['enterpriseId'] === 'string' && record['enterpriseId']) record['enterpriseId'] = mapEnterprise(record['enterpriseId'])
      if (typeof record['contactId'] === 'string' && record['contactId']) record['contactId'] = contactMap.get(record['contactId']) ?? record['contactId']
      if (record['ownerKind'] === 'enterprise' || record['linkedKind'] === 'enterprise') {
        const field = record['ownerKind'] ? 'ownerId' : 'linkedId'
        record[field] = mapEnterprise(record[field] as string)
      }
    }
  }

  // Every reference must land on a record of the file or one here.
  const fileIds = new Map<SyncedTable, Set<string>>([['trips', new Set([content.trip.id])]])
  for (const section of SECTIONS) {
    const table = TRIP_FILE_SECTIONS[section]
    const ids = fileIds.get(table) ?? new Set<string>()
    for (const record of sections[section]) ids.add(record.id)
    fileIds.set(table, ids)
  }
  for (const id of enterpriseMap.values()) fileIds.get('enterprises')!.add(id)
  for (const id of contactMap.values()) fileIds.get('contacts')!.add(id)
  const exists = (table: SyncedTable, id: string) =>
    fileIds.get(table)?.has(id) || (store.statement(`SELECT deleted FROM "${table}" WHERE id = ?`).get(id) as { deleted: number } | undefined)?.deleted === 0
  const dangling: FieldError[] = []
  for (const section of SECTIONS) {
    sections[section].forEach((record, index) => {
      const refs: [string, SyncedTable][] =
        section === 'attachments'
          ? [['ownerId', (RECORD_TABLES as Record<string, SyncedTable>)[record['ownerKind'] as string]!]]
          : (Object.entries((RECORD_SPECS[SECTION_KINDS[section]] as { parents?: Record<string, SyncedTable> }).parents ?? {}) as [string, SyncedTable][])
      for (const [field, table] of refs) {
        const id = record[field]
        if (typeof id === 'string' && id && !exists(table, id)) dangling.push({ path: `${section}.${index}.${field}`, key: 'notFound' })
      }
    })
  }
  if (dangling.length > 0) throw contentError(dangling, options.fileName ?? '')

  const attachmentService = attachmentRows(context)
  const serviceOf = (section: TripFileSection) => (section === 'attachments' ? attachmentService : records[SECTION_KINDS[section]])
  const changes: ChangeInput[] = []
  const report: TripImportReport['sections'] = {}
  const count = (section: string, current: unknown, rowChangeCount: number) => {
    const counts = (report[section] ??= { created: 0, updated: 0, unchanged: 0 })
    if (!current) counts.created++
    else if (rowChangeCount > 0) counts.updated++
    else counts.unchanged++
  }
  // An older file has no clocks at all: its values win where they differ, as they always did.
  const fileHasClocks = content.trip.clocks !== undefined || SECTIONS.some((s) => sections[s].some((r) => r['clocks'] !== undefined))
  const gateOf = (table: SyncedTable, localId: string, record: Rec): FieldGate =>
    newerFieldGate(record['clocks'] as Record<string, string> | undefined, store.clocksOf(table, localId), !fileHasClocks)
  const tripRecord = { ...content.trip } as Rec
  const tripCurrent = records.trip.find(content.trip.id)
  const tripChanges = rowChanges('trips', content.trip.id, tripRecord, tripCurrent, gateOf('trips', content.trip.id, tripRecord))
  changes.push(...tripChanges)
  count('trip', tripCurrent, tripChanges.length)
  for (const section of SECTIONS) {
    const table = TRIP_FILE_SECTIONS[section]
    for (const record of sections[section]) {
      const mappedTo = section === 'enterprises' ? enterpriseMap.get(record.id) : section === 'contacts' ? contactMap.get(record.id) : undefined
      if (mappedTo) {
        // Someone else's file of an enterprise we have: its newer edits win (clocks compare across devices, as
        // in sync), and it fills what ours left empty since it was created; an older file fills empty fields only.
        const current = serviceOf(section).get(mappedTo)
        const localClocks = store.clocksOf(table, mappedTo)
        const newer = newerFieldGate(record['clocks'] as Record<string, string> | undefined, localClocks, false)
        const createdAt = Object.values(localClocks).reduce((a, b) => (b < a ? b : a), '\uffff')
        const neverEdited = (field: string) => (localClocks[columnName(field)] ?? createdAt) <= createdAt
        const fill: Rec = { id: mappedTo, deleted: false }
        for (const [field, value] of Object.entries(record)) {
          if (field === 'id' || field === 'deleted' || field === 'enterpriseId' || field === 'clocks') continue
          const fills = isEmpty(current[field]) && !isEmpty(value) && (!fileHasClocks || neverEdited(field))
          if (fills || (fileHasClocks && newer(field))) fill[field] = value
        }
        const rowChangeList = rowChanges(table, mappedTo, fill, current)
        changes.push(...rowChangeList)
        count(section, current, rowChangeList.length)
        continue
      }
      const current = serviceOf(section).find(record.id)
      const rowChangeList = rowChanges(table, record.id, record, current, current && gateOf(table, record.id, record))
      changes.push(...rowChangeList)
      count(section, current, rowChangeList.length)
    }
  }

  // Deletions the file carries: a record live here goes to the trash when the file deleted it after our last
  // change of `deleted` (a restore here later keeps it). A record not here stays absent: nothing is made to delete.
  for (const tombstone of content.tombstones ?? []) {
    const table = TRIP_FILE_SECTIONS[tombstone.section]
    const id = tombstone.section === 'enterprises' ? mapEnterprise(tombstone.id) : tombstone.section === 'contacts' ? (contactMap.get(tombstone.id) ?? tombstone.id) : tombstone.id
    const row = store.statement(`SELECT deleted, clocks FROM "${table}" WHERE id = ?`).get(id) as { deleted: number; clocks: string } | undefined
    if (!row || row.deleted === 1 || changes.some((c) => c.table === table && c.rowId === id && c.column === 'deleted')) continue
    const local = (JSON.parse(row.clocks) as Record<string, string>)['deleted'] ?? ''
    if (tombstone.clock <= local) continue
    changes.push({ table, rowId: id, column: 'deleted', value: 1 })
    const counts = (report[tombstone.section] ??= { created: 0, updated: 0, unchanged: 0 })
    counts.updated++
  }

  let attachmentsStored = 0
  if (!options.dryRun) {
    // Bytes first: a row never points at a file that is not there. A failure after this leaves only unused,
    // content-addressed files, which a later import or sync would reuse.
    const blobStore = new BlobStore(context.dataDir)
    for (const attachment of content.attachments) {
      const data = blobs.get(attachment.hash)
      if (data && (await blobStore.put(data)).created) attachmentsStored++
    }
    // Like sync: our clock moves past every clock of the file, so an edit here after the import is newer than
    // all of it (a re-import of the same file cannot undo that edit, even from a laptop whose clock runs ahead).
    let newest = ''
    for (const record of [content.trip as Rec, ...SECTIONS.flatMap((s) => sections[s])]) {
      for (const clock of Object.values((record['clocks'] as Record<string, string> | undefined) ?? {})) if (clock > newest) newest = clock
    }
    for (const tombstone of content.tombstones ?? []) if (tombstone.clock > newest) newest = tombstone.clock
    if (newest) store.clock.receive(newest)
    store.applyChanges(changes)
  }
  return {
    dryRun: Boolean(options.dryRun),
    tripId: content.trip.id,
    title: content.trip.title,
    sections: report,
    enterprisesMatched,
    attachmentsStored,
    changesWritten: options.dryRun ? 0 : changes.length,
  }
}
