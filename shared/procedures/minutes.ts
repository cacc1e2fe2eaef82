import { z } from 'zod'
import { Id } from '../schemas/common'
import { Symposium } from '../schemas/symposium'
import { Visit } from '../schemas/visit'
import { procedure } from './define'

const byTripOrEnterprise = z.object({ tripId: Id.optional(), enterpriseId: Id.optional() }).strict()

/** A site visit as its list shows it: with the enterprise's name and how much was recorded. */
export const VisitSummary = Visit.extend({
  enterpriseName: z.string(),
  stopCount: z.number().int().min(0),
  photoCount: z.number().int().min(0),
})
export type VisitSummary = z.infer<typeof VisitSummary>

/** A symposium as its list shows it: with the enterprise's name and the size of its minutes. */
export const SymposiumSummary = Symposium.extend({
  enterpriseName: z.string(),
  attendeeCount: z.number().int().min(0),
  remarkCount: z.number().int().min(0),
  quoteCount: z.number().int().min(0),
  actionCount: z.number().int().min(0),
})
export type SymposiumSummary = z.infer<typeof SymposiumSummary>

/** Rows kept in a user-chosen order within their parent (a visit's stops, a symposium's attendees and remarks). */
export const ORDERED_KINDS = ['visitStop', 'attendee', 'remark'] as const
export type OrderedKind = (typeof ORDERED_KINDS)[number]

export const MoveInput = z.object({ kind: z.enum(ORDERED_KINDS), id: Id, direction: z.enum(['up', 'down']) }).strict()
export const MoveResult = z.object({
  /** False when the row was already first (up) or last (down). */
  moved: z.boolean(),
  /** The ids of the row's siblings in their new order. */
  order: z.array(Id),
})

/** Procedures of this area, merged into `procedures` in shared/contract.ts. */
export const minutesProcedures = {
  'visit.summaries': procedure(byTripOrEnterprise, z.array(VisitSummary)),
  'symposium.summaries': procedure(byTripOrEnterprise, z.array(SymposiumSummary)),
  /** Moves a stop, an attendee or a remark one place up or down among its siblings. */
  'minutes.move': procedure(MoveInput, MoveResult),
} as const
