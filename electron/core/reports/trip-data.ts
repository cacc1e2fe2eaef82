import type { Action, Note } from '../../../shared/schemas/action'
import type { Agreement } from '../../../shared/schemas/agreement'
import type { Contact, Enterprise } from '../../../shared/schemas/enterprise'
import type { Position, Survey } from '../../../shared/schemas/survey'
import type { Attendee, Remark, Symposium } from '../../../shared/schemas/symposium'
import type { Trip } from '../../../shared/schemas/trip'
import type { ItineraryItem, Member } from '../../../shared/schemas/trip-parts'
import type { Visit, VisitStop } from '../../../shared/schemas/visit'
import type Database from 'better-sqlite3'
import { readFile } from 'node:fs/promises'
import { BlobStore } from '../attachments/blob-store'
import { loadSharp } from '../load-on-first-use'
import { renditionPath, reportRenditionOf, REPORT_PX } from '../attachments/images'
import { headlineFigures, surveyedPositions, type HeadlineFigures } from '../domain/headline-figures'
import type { RecordServices } from '../domain/registry'

/** Everything a trip's documents draw on, read once from the records. */
export interface TripReportData {
  trip: Trip
  members: Member[]
  enterprises: Enterprise[]
  contacts: Map<string, Contact[]>
  itinerary: ItineraryItem[]
  visits: { visit: Visit; stops: VisitStop[] }[]
  symposiums: { symposium: Symposium; attendees: Attendee[]; remarks: Remark[] }[]
  agreements: Agreement[]
  surveys: { survey: Survey; positions: Position[] }[]
  actions: Action[]
  notes: Note[]
  /** Each enterprise's cooperation history (notes of kind history in its file), oldest first. */
  history: Map<string, Note[]>
  /** Each enterprise's latest survey from an earlier trip, with its total headcount, to compare against. */
  previousSurveys: Map<string, { date: string; total: number }>
  /** Photos by the record they belong to (the trip, a visit, a symposium); filled by loadPhotos. */
  photos: Map<string, ReportPhoto[]>
}

export function readTripData(records: RecordServices, tripId: string): TripReportData {
  const list = <T>(kind: keyof RecordServices, filter: Record<string, string>) => records[kind].list(filter) as unknown as T[]
  const trip = records.trip.get(tripId) as unknown as Trip
  const visits = list<Visit>('visit', { tripId }).map((visit) => ({ visit, stops: list<VisitStop>('visitStop', { visitId: visit.id }) }))
  const symposiums = list<Symposium>('symposium', { tripId }).map((symposium) => ({
    symposium,
    attendees: list<Attendee>('attendee', { symposiumId: symposium.id }),
    remarks: list<Remark>('remark', { symposiumId: symposium.id }),
  }))
  const agreements = list<Agreement>('agreement', { tripId })
  const surveys = list<Survey>('survey', { tripId }).map((survey) => ({ survey, positions: list<Position>('position', { surveyId: survey.id }) }))
  const itinerary = list<ItineraryItem>('itinerary', { tripId })

  // The enterprises of the trip, in the order they were first met.
  const firstMet = new Map<string, string>()
  const meet = (id: string, date: string) => {
    const known = firstMet.get(id)
    if (!known || date < known) firstMet.set(id, date)
  }
  for (const item of itinerary) meet(item.enterpriseId, item.day)
  for (const { visit } of visits) meet(visit.enterpriseId, visit.date)
  for (const { symposium } of symposiums) meet(symposium.enterpriseId, symposium.date)
  for (const { survey } of surveys) meet(survey.enterpriseId, survey.date)
  for (const agreement of agreements) meet(agreement.enterpriseId, agreement.signedDate || trip.endDate)
  const enterprises = [...firstMet]
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([id]) => records.enterprise.find(id) as unknown as Enterprise | undefined)
    .filter((e): e is Enterprise => Boolean(e && !e.deleted))
  const contacts = new Map(enterprises.map((e) => [e.id, list<Contact>('contact', { enterpriseId: e.id })]))
  const history = new Map(
    enterprises.map((e) => [
      e.id,
      list<Note>('note', { enterpriseId: e.id })
        .filter((n) => n.kind === 'history')
        .sort((a, b) => a.date.localeCompare(b.date)),
    ]),
  )
  const previousSurveys = new Map<string, { date: string; total: number }>()
  for (const e of enterprises) {
    const earlier = list<Survey>('survey', { enterpriseId: e.id })
      .filter((s) => s.tripId !== tripId && s.date < trip.startDate)
      .sort((a, b) => b.date.localeCompare(a.date))[0]
    if (earlier) previousSurveys.set(e.id, { date: earlier.date, total: surveyedPositions(list<Position>('position', { surveyId: earlier.id })).total })
  }

  return {
    trip,
    members: list<Member>('member', { tripId }),
    enterprises,
    contacts,
    itinerary,
    visits,
    symposiums,
    agreements,
    surveys,
    actions: list<Action>('action', { tripId }),
    notes: list<Note>('note', { tripId }),
    history,
    previousSurveys,
    photos: new Map(),
  }
}

/** The trip's headline figures, by the one definition the dashboard and the command line use too. */
export function tripFigures(data: TripReportData): HeadlineFigures {
  return headlineFigures({
    visits: data.visits.map((v) => v.visit),
    symposiums: data.symposiums.map((s) => s.symposium),
    agreements: data.agreements,
    positions: data.surveys.flatMap((s) => s.positions),
    surveys: data.surveys.length,
  })
}

/** A photo ready for a document: upright, scaled down and compressed, with its caption. */
export interface ReportPhoto {
  jpeg: Buffer | null
  width: number
  height: number
  caption: string
  fileName: string
}

const PHOTO_CONCURRENCY = 4

/**
 * The photos attached to the given records, read from the attachment store and recompressed. A photo whose file
 * is not on this computer (not synced yet, or removed) comes back with `jpeg: null`, so the document can say so
 * instead of failing.
 */
export async function loadPhotos(
  db: Database.Database,
  dataDir: string,
  ownerIds: string[],
): Promise<Map<string, ReportPhoto[]>> {
  const photos = new Map<string, ReportPhoto[]>()
  if (ownerIds.length === 0) return photos
  const rows = db
    .prepare(
      `SELECT owner_id, hash, caption, file_name FROM attachments
       WHERE deleted = 0 AND mime LIKE 'image/%' AND owner_id IN (${ownerIds.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(...ownerIds) as { owner_id: string; hash: string; caption: string; file_name: string }[]
  const blobs = new BlobStore(dataDir)
  const render = async (row: (typeof rows)[number]): Promise<ReportPhoto> => {
    const photo: ReportPhoto = { jpeg: null, width: 0, height: 0, caption: row.caption, fileName: row.file_name }
    try {
      // The copy made when the photo was attached; a photo that came by sync or from an older version has none
      // yet, and is decoded from its original.
      const kept = await readFile(renditionPath(blobs.root, row.hash, REPORT_PX)).catch(() => null)
      const jpeg = kept ?? (await reportRenditionOf(await blobs.get(row.hash)))
      const { width = 0, height = 0 } = await (await loadSharp())(jpeg).metadata()
      return { ...photo, jpeg, width, height }
    } catch {
      // Missing or unreadable: the document notes it where the photo would be.
      return photo
    }
  }
  // A few at a time: decoding overlaps with reading the next files, without holding 100 photos in memory at once.
  const rendered: ReportPhoto[] = new Array(rows.length)
  let next = 0
  const worker = async () => {
    while (next < rows.length) {
      const index = next++
      rendered[index] = await render(rows[index]!)
    }
  }
  await Promise.all(Array.from({ length: PHOTO_CONCURRENCY }, worker))
  rows.forEach((row, index) => {
    const list = photos.get(row.owner_id) ?? []
    list.push(rendered[index]!)
    photos.set(row.owner_id, list)
  })
  return photos
}
