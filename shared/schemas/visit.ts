import { z } from 'zod'
import { Id, IsoDate, record, shortText } from './common'

/** A site visit: touring a production line or a facility. */
const visitFields = {
  tripId: Id,
  enterpriseId: Id,
  date: IsoDate,
  title: shortText(200),
  participantIds: z.array(Id).max(100),
  summary: shortText(20_000),
}
export const VisitInput = z.object({
  ...visitFields,
  title: visitFields.title.default(''),
  participantIds: visitFields.participantIds.default([]),
  summary: visitFields.summary.default(''),
})
export const VisitFields = z.object(visitFields)
export const VisitPatch = VisitFields.omit({ tripId: true }).partial()
export const Visit = record(visitFields)
export type Visit = z.infer<typeof Visit>

/** One stop of a visit, in order: where, and what was seen there. */
const stopFields = {
  visitId: Id,
  place: shortText(200),
  observation: shortText(20_000),
  sortKey: z.number(),
}
export const VisitStopInput = z.object({
  ...stopFields,
  place: stopFields.place.default(''),
  observation: stopFields.observation.default(''),
  sortKey: stopFields.sortKey.optional(),
})
export const VisitStopFields = z.object(stopFields)
export const VisitStopPatch = VisitStopFields.omit({ visitId: true }).partial()
export const VisitStop = record(stopFields)
export type VisitStop = z.infer<typeof VisitStop>
