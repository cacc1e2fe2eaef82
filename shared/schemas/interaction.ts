import { z } from 'zod'
import { Id, IsoDate, OptionalId, record, requiredText, shortText } from './common'

/** How we were in touch with an enterprise between (and outside) trips. */
export const INTERACTION_CHANNELS = ['phone', 'wechat', 'visit', 'email', 'meeting'] as const
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number]

/**
 * One contact with an enterprise (记一笔往来): a call, a WeChat exchange, a visit, an e-mail or a meeting — when, who
 * of ours, with whom, what was said and what comes next. Owned by the enterprise, kept in its file for years.
 */
const interactionFields = {
  enterpriseId: Id,
  channel: z.enum(INTERACTION_CHANNELS),
  date: IsoDate,
  /** Who of ours was in touch, as people write their name. */
  ourSide: shortText(100),
  /** The enterprise's contact spoken to, when chosen from its contacts. */
  contactId: OptionalId,
  /** With whom, as written (the contact's name, or someone not among the contacts). */
  theirSide: shortText(100),
  summary: requiredText(2000),
  nextStep: shortText(500),
  /** The follow-up created with this entry, if one was. */
  actionId: OptionalId,
}
export const InteractionInput = z.object({
  ...interactionFields,
  ourSide: interactionFields.ourSide.default(''),
  contactId: interactionFields.contactId.default(''),
  theirSide: interactionFields.theirSide.default(''),
  nextStep: interactionFields.nextStep.default(''),
  actionId: interactionFields.actionId.default(''),
})
export type InteractionInput = z.input<typeof InteractionInput>
export const InteractionFields = z.object(interactionFields)
export const InteractionPatch = InteractionFields.omit({ enterpriseId: true }).partial()
export const Interaction = record(interactionFields)
export type Interaction = z.infer<typeof Interaction>
