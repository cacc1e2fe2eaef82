import { z } from 'zod'
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../schemas/agreement'
import { Id, IsoDate } from '../schemas/common'
import { procedure } from './define'

const Total = z.number().int().min(0)
const countsOf = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((key) => [key, Total])) as { [N in K[number]]: typeof Total })

/** Headcounts split the way a talent-demand survey splits them. */
const Headcounts = z.object({ employment: Total, internship: Total })

export const TripDashboardInput = z
  .object({
    tripId: Id,
    /** The caller's calendar day: follow-ups due before it are overdue. Passed in so results do not drift with the clock. */
    today: IsoDate,
  })
  .strict()
export type TripDashboardInput = z.infer<typeof TripDashboardInput>

/**
 * A trip's figures, computed from its records (never typed in): what the news brief and the research report
 * quote, and what the overview tab shows. Records in the trash, and children of records in the trash, do not count.
 */
export const TripDashboard = z.object({
  /** Distinct enterprises with a site visit or a symposium on this trip. */
  enterprisesVisited: Total,
  siteVisits: Total,
  symposiums: Total,
  agreements: z.object({
    total: Total,
    /** Signed, in execution or closed: past the consensus stage. */
    signed: Total,
    byKind: countsOf(AGREEMENT_KINDS),
    byStatus: countsOf(AGREEMENT_STATUSES),
    amountYuan: Total,
  }),
  positions: z.object({
    /** Headcounts of the position rows of the trip's surveys. */
    fromSurveys: Headcounts.extend({ total: Total }),
    /** Positions committed in the trip's agreements. */
    fromAgreements: Total,
    /** New positions: surveyed jobs + internships; `fromAgreements` is shown beside it, never added. */
    total: Total,
  }),
  surveys: z.object({ total: Total, complete: Total }),
  followUps: z.object({
    /** Open or in progress. */
    open: Total,
    /** Open or in progress with a due date before `today`. */
    overdue: Total,
  }),
  /** Symposium remarks marked as worth quoting. */
  quotes: Total,
  charts: z.object({
    /** Per enterprise: surveyed headcounts by kind, and positions committed in agreements. Largest first. */
    positionsByEnterprise: z.array(Headcounts.extend({ enterpriseId: Id, name: z.string(), agreements: Total })),
    /**
     * Per major: a position naming several majors counts its whole headcount toward each, so these add up to
     * more than the surveyed total. `major` is '' for positions that name none. Largest first.
     */
    positionsByMajor: z.array(Headcounts.extend({ major: z.string() })),
  }),
})
export type TripDashboard = z.infer<typeof TripDashboard>

/** Procedures of this area, merged into `procedures` in shared/contract.ts. */
export const tripOverviewProcedures = {
  'trip.dashboard': procedure(TripDashboardInput, TripDashboard),
} as const
