import { z } from 'zod'
import { Action, ACTION_STATUSES } from '../schemas/action'
import { AGREEMENT_STATUSES } from '../schemas/agreement'
import { Id, IsoDate, shortText } from '../schemas/common'
import { COOPERATION_STAGES } from '../schemas/enterprise'
import { Interaction, INTERACTION_CHANNELS, InteractionInput } from '../schemas/interaction'
import { procedure } from './define'

/** Open means someone still has to do it: open or in progress. */
export const OPEN_ACTION_STATUSES = ['open', 'in_progress'] as const

/**
 * 记一笔往来: the entry, and when `createFollowUp` is set, a follow-up of the enterprise whose title is the next
 * step, written in the same transaction (both or neither). Flat, so each error lands on its own form field.
 */
export const LogInteractionInput = InteractionInput.omit({ actionId: true })
  .extend({
    createFollowUp: z.boolean().default(false),
    /** Who does the follow-up; '' means whoever of ours was in touch. */
    followUpOwner: shortText(100).default(''),
    followUpDueDate: z.union([z.literal(''), IsoDate]).default(''),
  })
  .strict()
  .superRefine((input, context) => {
    // The follow-up is the next step; without one there is nothing to follow up.
    if (input.createFollowUp && input.nextStep.trim() === '') context.addIssue({ code: 'custom', path: ['nextStep'], params: { key: 'nextStepNeeded' } })
  })
export type LogInteractionInput = z.input<typeof LogInteractionInput>

export const LogInteractionResult = z.object({ interaction: Interaction, action: Action.nullable() })
export type LogInteractionResult = z.infer<typeof LogInteractionResult>

/** The last time we were in touch: a logged contact, a site visit or a symposium, whichever is latest. */
export const LastContact = z.object({
  kind: z.enum(['interaction', 'visit', 'symposium']),
  id: Id,
  date: z.string(),
  /** '' for a visit or a symposium. */
  channel: z.union([z.literal(''), z.enum(INTERACTION_CHANNELS)]),
  /** Who of ours: the contact's writer, the visit's participants, the symposium's school-side attendees. */
  by: z.array(z.string()),
  withWhom: z.string(),
  summary: z.string(),
  tripId: z.string(),
})
export type LastContact = z.infer<typeof LastContact>

export const SummaryContact = z.object({
  id: Id,
  name: z.string(),
  title: z.string(),
  phone: z.string(),
  wechat: z.string(),
  email: z.string(),
  isPrimary: z.boolean(),
})

export const SummaryFollowUp = z.object({
  id: Id,
  title: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: z.enum(ACTION_STATUSES),
  tripId: z.string(),
  overdue: z.boolean(),
})

/**
 * The enterprise file's first screen (一企一档 kept for years): who to call, how far the cooperation has come, when
 * we were last in touch and who was, what is still open, the agreements by stage, demand over the years, and what
 * comes next. Computed in one read; records in the trash, and those of a trip in the trash, do not count.
 */
export const RelationshipSummary = z.object({
  enterpriseId: Id,
  stage: z.enum(COOPERATION_STAGES),
  owner: z.string(),
  /** Primary contacts first, then in the order they were added; at most `KEY_CONTACTS`. */
  keyContacts: z.array(SummaryContact),
  contacts: z.number().int(),
  lastContact: LastContact.nullable(),
  /** Logged contacts (记一笔往来) in all. */
  interactions: z.number().int(),
  openFollowUps: z.object({
    count: z.number().int(),
    overdue: z.number().int(),
    /** The most urgent first: overdue, then by due date, undated last; at most `LISTED_FOLLOW_UPS`. */
    items: z.array(SummaryFollowUp),
  }),
  /** Every agreement stage, in order, with how many agreements are at it. */
  agreementsByStage: z.array(z.object({ status: z.enum(AGREEMENT_STATUSES), count: z.number().int(), amountYuan: z.number() })),
  /** Surveyed positions per year (the headline definition: jobs plus internships), oldest first. */
  demandTrend: z.array(
    z.object({ year: z.string(), surveys: z.number().int(), employment: z.number(), internship: z.number(), total: z.number() }),
  ),
  /** The next open follow-up; else the next step written with the latest logged contact. */
  nextStep: z
    .object({ source: z.enum(['followUp', 'interaction']), id: Id, text: z.string(), date: z.string(), owner: z.string() })
    .nullable(),
})
export type RelationshipSummary = z.infer<typeof RelationshipSummary>

export const KEY_CONTACTS = 4
export const LISTED_FOLLOW_UPS = 5

/** Procedures of the relationship record, merged into `procedures` in shared/contract.ts. */
export const relationshipProcedures = {
  /** `today` is the caller's calendar day, so "overdue" does not drift with the clock. */
  'enterprise.summary': procedure(z.object({ enterpriseId: Id, today: IsoDate }).strict(), RelationshipSummary),
  'interaction.log': procedure(LogInteractionInput, LogInteractionResult),
} as const
