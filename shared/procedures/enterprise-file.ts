import { z } from 'zod'
import { ACTION_STATUSES, NOTE_KINDS } from '../schemas/action'
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../schemas/agreement'
import { Id } from '../schemas/common'
import { COOPERATION_STAGES } from '../schemas/enterprise'
import { INTERACTION_CHANNELS } from '../schemas/interaction'
import { EDUCATION_LEVELS, POSITION_KINDS, SURVEY_STATUSES } from '../schemas/survey'
import { NoInput, procedure } from './define'

const ByEnterprise = z.object({ enterpriseId: Id }).strict()

/** What every timeline entry has, whatever its kind. Texts are the users' own; labels are translated in the UI. */
const entryBase = {
  id: Id,
  /** The record's own date (`YYYY-MM-DD`), or '' when it has none yet (an agreement not signed, an undated note). */
  date: z.string(),
  title: z.string(),
  /** A short excerpt of the record's text, cut to a few hundred characters. */
  summary: z.string(),
  /** '' when the record belongs to no trip (a note or follow-up kept on the enterprise itself). */
  tripId: z.string(),
  tripTitle: z.string(),
  parentId: z.string().optional(),
}

export const TIMELINE_KINDS = ['interaction', 'itinerary', 'visit', 'symposium', 'agreement', 'survey', 'note', 'action'] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

export const TimelineEntry = z.discriminatedUnion('kind', [
  /** A logged contact: `title` is with whom, `summary` what was said. */
  z.object({
    ...entryBase,
    kind: z.literal('interaction'),
    channel: z.enum(INTERACTION_CHANNELS),
    ourSide: z.string(),
    nextStep: z.string(),
    /** The follow-up created with it, or ''. */
    actionId: z.string(),
  }),
  z.object({ ...entryBase, kind: z.literal('itinerary') }),
  z.object({ ...entryBase, kind: z.literal('visit'), places: z.array(z.string()) }),
  z.object({ ...entryBase, kind: z.literal('symposium'), place: z.string(), remarks: z.number().int(), quotes: z.number().int() }),
  z.object({
    ...entryBase,
    kind: z.literal('agreement'),
    agreementKind: z.enum(AGREEMENT_KINDS),
    status: z.enum(AGREEMENT_STATUSES),
    amountYuan: z.number(),
    positions: z.number(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('survey'),
    status: z.enum(SURVEY_STATUSES),
    employment: z.number(),
    internship: z.number(),
  }),
  z.object({ ...entryBase, kind: z.literal('note'), noteKind: z.enum(NOTE_KINDS) }),
  z.object({ ...entryBase, kind: z.literal('action'), status: z.enum(ACTION_STATUSES), owner: z.string() }),
])
export type TimelineEntry = z.infer<typeof TimelineEntry>

export const DemandPosition = z.object({
  id: Id,
  title: z.string(),
  headcount: z.number(),
  kind: z.enum(POSITION_KINDS),
  majors: z.array(z.string()),
  education: z.enum(EDUCATION_LEVELS),
  payMin: z.number(),
  payMax: z.number(),
  startTiming: z.string(),
})
export type DemandPosition = z.infer<typeof DemandPosition>

/** One talent-demand survey of the enterprise, with the positions it asked for and their totals. */
export const DemandSurvey = z.object({
  surveyId: Id,
  date: z.string(),
  tripId: z.string(),
  tripTitle: z.string(),
  respondent: z.string(),
  respondentTitle: z.string(),
  status: z.enum(SURVEY_STATUSES),
  positions: z.array(DemandPosition),
  totals: z.object({ employment: z.number(), internship: z.number() }),
})
export type DemandSurvey = z.infer<typeof DemandSurvey>

/**
 * A line of the list of enterprise files: what identifies the enterprise and how much has been recorded with it.
 * Lighter than the whole record (no address, no profile text), so ten thousand of them load quickly.
 */
export const EnterpriseSummary = z.object({
  id: Id,
  name: z.string(),
  creditCode: z.string(),
  industry: z.string(),
  region: z.string(),
  stage: z.enum(COOPERATION_STAGES),
  tags: z.array(z.string()),
  /** Distinct live trips with any record of the enterprise (a stop on the itinerary is enough). */
  trips: z.number().int(),
  visits: z.number().int(),
  agreements: z.number().int(),
  surveys: z.number().int(),
  /** Who of ours looks after the enterprise. */
  owner: z.string(),
  /** The latest contact on or before today (a logged contact, a visit or a symposium), or ''. */
  lastContact: z.string(),
  /** Follow-ups still open, and the earliest due date among them ('' when none has one). */
  openFollowUps: z.number().int(),
  nextFollowUp: z.string(),
})
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>

/** Procedures of this area, merged into `procedures` in shared/contract.ts. */
export const enterpriseFileProcedures = {
  /** Everything recorded with the enterprise across all trips, newest first; nothing in the trash. */
  'enterprise.timeline': procedure(ByEnterprise, z.array(TimelineEntry)),
  /** Its talent-demand surveys, oldest first, so change over time reads left to right. */
  'enterprise.demandHistory': procedure(ByEnterprise, z.array(DemandSurvey)),
  /** Every enterprise not in the trash, with its counts, in one query; the list sorts by pinyin itself. */
  'enterprise.overview': procedure(NoInput, z.array(EnterpriseSummary)),
} as const
