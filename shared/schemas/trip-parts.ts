import { z } from 'zod'
import { Id, IsoDate, OptionalId, record, requiredText, shortText } from './common'

/** A member of the research group (our side), with their role on this trip. */
const memberFields = {
  tripId: Id,
  name: requiredText(100),
  position: shortText(100),
  department: shortText(100),
  isLeader: z.boolean(),
  sortKey: z.number(),
  /** The person in the staff directory this member is, '' while unlinked: their visits count across trips. */
  staffId: OptionalId,
}
export const MemberInput = z.object({
  ...memberFields,
  position: memberFields.position.default(''),
  department: memberFields.department.default(''),
  isLeader: memberFields.isLeader.default(false),
  sortKey: memberFields.sortKey.optional(),
  staffId: memberFields.staffId.default(''),
})
export const MemberFields = z.object(memberFields)
export const MemberPatch = MemberFields.omit({ tripId: true }).partial()
/** Read with a default for the person: trip files written before the staff directory have no staffId. */
export const Member = record({ ...memberFields, staffId: memberFields.staffId.default('') })
export type Member = z.infer<typeof Member>

/** One stop of the itinerary: which enterprise on which day. */
const itineraryFields = {
  tripId: Id,
  enterpriseId: Id,
  day: IsoDate,
  note: shortText(500),
}
export const ItineraryInput = z.object({ ...itineraryFields, note: itineraryFields.note.default('') })
export const ItineraryFields = z.object(itineraryFields)
export const ItineraryPatch = ItineraryFields.omit({ tripId: true }).partial()
export const ItineraryItem = record(itineraryFields)
export type ItineraryItem = z.infer<typeof ItineraryItem>
