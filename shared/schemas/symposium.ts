import { z } from 'zod'
import { Id, IsoDate, OptionalId, record, requiredText, shortText } from './common'

/** Meeting minutes of a symposium (座谈会) with an enterprise. */
const symposiumFields = {
  tripId: Id,
  enterpriseId: Id,
  date: IsoDate,
  place: shortText(200),
  title: shortText(200),
  presidedBy: shortText(100),
  topics: z.array(requiredText(200)).max(50),
  consensus: z.array(requiredText(2000)).max(100),
}
export const SymposiumInput = z.object({
  ...symposiumFields,
  place: symposiumFields.place.default(''),
  title: symposiumFields.title.default(''),
  presidedBy: symposiumFields.presidedBy.default(''),
  topics: symposiumFields.topics.default([]),
  consensus: symposiumFields.consensus.default([]),
})
export const SymposiumFields = z.object(symposiumFields)
export const SymposiumPatch = SymposiumFields.omit({ tripId: true }).partial()
export const Symposium = record(symposiumFields)
export type Symposium = z.infer<typeof Symposium>

export const ATTENDEE_SIDES = ['school', 'enterprise'] as const
/** Someone at the table: our member or the enterprise's person, with the title they spoke under. */
const attendeeFields = {
  symposiumId: Id,
  side: z.enum(ATTENDEE_SIDES),
  name: requiredText(100),
  title: shortText(100),
  memberId: OptionalId,
  contactId: OptionalId,
  sortKey: z.number(),
}
export const AttendeeInput = z.object({
  ...attendeeFields,
  title: attendeeFields.title.default(''),
  memberId: attendeeFields.memberId.default(''),
  contactId: attendeeFields.contactId.default(''),
  sortKey: attendeeFields.sortKey.optional(),
})
export const AttendeeFields = z.object(attendeeFields)
export const AttendeePatch = AttendeeFields.omit({ symposiumId: true }).partial()
export const Attendee = record(attendeeFields)
export type Attendee = z.infer<typeof Attendee>

/** One remark in the running minutes; a quote is one worth citing in the report and the news brief. */
const remarkFields = {
  symposiumId: Id,
  speakerId: OptionalId,
  text: shortText(20_000),
  isQuote: z.boolean(),
  spokenAt: z.string().max(40),
  sortKey: z.number(),
}
export const RemarkInput = z.object({
  ...remarkFields,
  speakerId: remarkFields.speakerId.default(''),
  text: remarkFields.text.default(''),
  isQuote: remarkFields.isQuote.default(false),
  spokenAt: remarkFields.spokenAt.default(''),
  sortKey: remarkFields.sortKey.optional(),
})
export const RemarkFields = z.object(remarkFields)
export const RemarkPatch = RemarkFields.omit({ symposiumId: true }).partial()
export const Remark = record(remarkFields)
export type Remark = z.infer<typeof Remark>
