import type { Action, Note } from '../../../shared/schemas/action'
import type { Agreement } from '../../../shared/schemas/agreement'
import type { Contact, Enterprise } from '../../../shared/schemas/enterprise'
import type { Position, Survey } from '../../../shared/schemas/survey'
import type { Attendee, Remark, Symposium } from '../../../shared/schemas/symposium'
import type { Trip } from '../../../shared/schemas/trip'
import type { ItineraryItem, Member } from '../../../shared/schemas/trip-parts'
import type { Visit, VisitStop } from '../../../shared/schemas/visit'
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
  }
}

/** Position headcounts of the trip's surveys, by kind. */
export function positionTotals(data: TripReportData): { employment: number; internship: number; committed: number; total: number } {
  let employment = 0
  let internship = 0
  for (const { positions } of data.surveys) {
    for (const p of positions) {
      if (p.kind === 'internship') internship += p.headcount
      else employment += p.headcount
    }
  }
  const committed = data.agreements.reduce((sum, a) => sum + a.positions, 0)
  return { employment, internship, committed, total: employment + internship + committed }
}
