import { z } from 'zod'
import { AGREEMENT_KINDS } from '../schemas/agreement'
import { Count, Id, IsoDate, shortText, requiredText } from '../schemas/common'
import { CampaignSettings, LeadershipLevel, Staff, StaffInput, StaffPatch } from '../schemas/staff'
import { crud, NoInput, procedure } from './define'

const Total = z.number().int().min(0)

/**
 * The headline positions figure, one definition for every screen and document: new positions are the headcounts
 * of surveyed position rows (jobs + internships); positions committed in agreements are shown beside it, never
 * added to it.
 */
export const HeadlinePositions = z.object({
  jobs: Total,
  internships: Total,
  /** jobs + internships. */
  total: Total,
  /** Positions committed in agreements: reported apart. */
  committedByAgreements: Total,
})
export type HeadlinePositions = z.infer<typeof HeadlinePositions>

/** A range of local calendar dates, both ends included. */
export const DateRange = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((range) => range.to >= range.from, { path: ['to'], params: { key: 'endBeforeStart' } })
export type DateRange = z.infer<typeof DateRange>

export const CampaignFiguresInput = z
  .object({
    /** The period; the campaign settings' period when left out. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** The caller's calendar day: the current week, and the default year. */
    today: IsoDate,
    /** With the ledger rows (the ledger tab, exports); the progress view leaves them out. */
    ledger: z.boolean().default(true),
  })
  .strict()
  .refine((input) => !input.from || !input.to || input.to >= input.from, { path: ['to'], params: { key: 'endBeforeStart' } })
export type CampaignFiguresInput = z.input<typeof CampaignFiguresInput>

const Bucket = z.object({
  visits: Total,
  enterprises: Total,
  jobs: Total,
  internships: Total,
  agreements: Total,
})

/** One row of the ledger: one of our people (or nobody named) at one enterprise on one day. */
export const LedgerRow = z.object({
  date: IsoDate,
  enterpriseId: Id,
  enterpriseName: z.string(),
  creditCode: z.string(),
  industry: z.string(),
  region: z.string(),
  /** '' when no one of ours is named on that visit. */
  staffId: z.string(),
  staffName: z.string(),
  position: z.string(),
  department: z.string(),
  level: z.union([LeadershipLevel, z.literal('')]),
  /** Everyone of ours present that day at that enterprise, in directory order. */
  present: z.array(z.string()),
  tripId: Id,
  /** The site visit or symposium to open. */
  recordKind: z.enum(['visit', 'symposium']),
  recordId: Id,
  /** Surveyed that day at that enterprise. */
  jobs: Total,
  internships: Total,
  agreements: Total,
  followUps: z.array(z.string()),
})
export type LedgerRow = z.infer<typeof LedgerRow>

export const LeaderProgress = z.object({
  staffId: Id,
  name: z.string(),
  position: z.string(),
  department: z.string(),
  level: LeadershipLevel,
  /** Visits expected in the period (0: none set). */
  quota: Total,
  /** Enterprise visits (one per enterprise per day) this person was at. */
  visits: Total,
  enterprises: Total,
  lastVisit: z.string(),
  /** Enterprises this person visited once in the period with no return visit by anyone of ours since. */
  notRevisited: Total,
})
export type LeaderProgress = z.infer<typeof LeaderProgress>

export const CampaignFigures = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  totals: z.object({
    /** Distinct enterprises with a site visit or symposium dated in the period. */
    enterprisesVisited: Total,
    /** Of which none of ours had visited before the period. */
    newEnterprises: Total,
    /** Enterprise visits: one per enterprise per day, however many records that day has. */
    visits: Total,
    siteVisits: Total,
    symposiums: Total,
    positions: HeadlinePositions,
    agreements: z.object({ total: Total, byKind: z.object(Object.fromEntries(AGREEMENT_KINDS.map((k) => [k, Total])) as Record<(typeof AGREEMENT_KINDS)[number], typeof Total>) }),
    /** Students placed in order classes: positions of order-class agreements. */
    orderClassStudents: Total,
  }),
  settings: CampaignSettings,
  leaders: z.array(LeaderProgress),
  departments: z.array(Bucket.extend({ department: z.string(), people: Total })),
  /** Weeks start on Monday; `week` is that Monday. */
  weeks: z.array(Bucket.extend({ week: IsoDate })),
  months: z.array(Bucket.extend({ month: z.string() })),
  regions: z.array(Bucket.extend({ region: z.string() })),
  industries: z.array(Bucket.extend({ industry: z.string() })),
  /** Empty unless asked for. */
  ledger: z.array(LedgerRow),
  /** Trip members not linked to anyone in the staff directory: their visits count for no one until linked. */
  unlinkedMembers: Total,
})
export type CampaignFigures = z.infer<typeof CampaignFigures>

/** A half-day visit, recorded in one form and stored as the trip records every report already reads. */
export const QuickVisitInput = z
  .object({
    date: IsoDate,
    enterpriseId: Id,
    /** Who of ours went, from the staff directory; the first leads. */
    staffIds: z.array(Id).min(1).max(30),
    /** What was agreed. */
    agreed: shortText(20_000).default(''),
    jobs: Count.default(0),
    internships: Count.default(0),
    /** An agreement reached on the spot, if any. */
    agreement: z
      .object({ title: requiredText(200), kind: z.enum(AGREEMENT_KINDS), positions: Count.default(0) })
      .strict()
      .nullable()
      .default(null),
    followUp: z
      .object({ title: requiredText(500), owner: shortText(100).default(''), dueDate: z.union([z.literal(''), IsoDate]).default('') })
      .strict()
      .nullable()
      .default(null),
    language: z.enum(['zh', 'en']).default('zh'),
  })
  .strict()
export type QuickVisitInput = z.input<typeof QuickVisitInput>

export const QuickVisitResult = z.object({
  tripId: Id,
  visitId: Id,
  surveyId: Id.nullable(),
  agreementId: Id.nullable(),
  actionId: Id.nullable(),
})

export const CAMPAIGN_EXPORT_KINDS = ['ledger', 'weekly', 'summary'] as const
export const CampaignExportRequest = z
  .object({
    kind: z.enum(CAMPAIGN_EXPORT_KINDS),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    today: IsoDate,
    language: z.enum(['zh', 'en']),
    /** Ledger only: one sheet per leader after the whole ledger. */
    sheetPerLeader: z.boolean().default(false),
  })
  .strict()
export type CampaignExportRequest = z.infer<typeof CampaignExportRequest>

export const CampaignExportResult = z.object({ fileName: z.string(), bytes: Total, filePath: z.string() }).nullable()

/** Procedures of this area, merged into `procedures` in shared/contract.ts. */
export const campaignProcedures = {
  ...crud('staff', { record: Staff, input: StaffInput, patch: StaffPatch, filter: NoInput }),
  /** Links trip members without a staff record to the person of that name, creating people as needed. */
  'staff.linkMembers': procedure(NoInput, z.object({ linked: Total })),
  'campaign.settings': procedure(z.object({ today: IsoDate }).strict(), CampaignSettings),
  'campaign.updateSettings': procedure(CampaignSettings, CampaignSettings),
  'campaign.figures': procedure(CampaignFiguresInput, CampaignFigures),
  'campaign.quickVisit': procedure(QuickVisitInput, QuickVisitResult),
  /** Builds the ledger (.xlsx), the weekly report or the period summary (.docx), asks where to save; null when cancelled. */
  'campaign.export': procedure(CampaignExportRequest, CampaignExportResult),
} as const
