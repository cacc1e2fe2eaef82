/**
 * The headline figures of a trip, defined once for the dashboard, every document and the command line.
 *
 * - New positions = the headcounts of the surveys' position rows, jobs plus internships. Positions an agreement
 *   commits are shown beside that figure and never added to it: an orientation class's 40 places are usually the
 *   same graduates a survey already lists, and adding them would count people twice.
 * - Agreements signed = those past the consensus stage (signed, in execution, closed).
 * - Enterprises visited = enterprises with a site visit or a symposium on the trip.
 */

export interface PositionRowLike {
  kind: string
  headcount: number
}

export interface AgreementLike {
  status: string
  positions: number
  amountYuan: number
}

export interface HeadlineFigures {
  enterprisesVisited: number
  siteVisits: number
  symposiums: number
  agreements: { total: number; signed: number; amountYuan: number }
  /** `total` is the headline: jobs + internships from the surveys. `committedByAgreements` is shown beside it. */
  positions: { employment: number; internship: number; total: number; committedByAgreements: number }
  surveys: number
}

/** Past the consensus stage: what the documents call 签订 / signed. */
export function isSigned(status: string): boolean {
  return status !== 'consensus'
}

/** Jobs and internships of position rows; the only place they are summed. */
export function surveyedPositions(rows: Iterable<PositionRowLike>): { employment: number; internship: number; total: number } {
  let employment = 0
  let internship = 0
  for (const row of rows) {
    if (row.kind === 'internship') internship += row.headcount
    else employment += row.headcount
  }
  return { employment, internship, total: newPositions({ employment, internship }) }
}

/** The headline "new positions": surveyed jobs plus internships, nothing else. */
export function newPositions(surveyed: { employment: number; internship: number }): number {
  return surveyed.employment + surveyed.internship
}

export function headlineFigures(input: {
  visits: readonly { enterpriseId: string }[]
  symposiums: readonly { enterpriseId: string }[]
  agreements: readonly AgreementLike[]
  positions: Iterable<PositionRowLike>
  surveys: number
}): HeadlineFigures {
  const surveyed = surveyedPositions(input.positions)
  return {
    enterprisesVisited: new Set([...input.visits, ...input.symposiums].map((r) => r.enterpriseId)).size,
    siteVisits: input.visits.length,
    symposiums: input.symposiums.length,
    agreements: {
      total: input.agreements.length,
      signed: input.agreements.filter((a) => isSigned(a.status)).length,
      amountYuan: input.agreements.reduce((sum, a) => sum + a.amountYuan, 0),
    },
    positions: { ...surveyed, committedByAgreements: input.agreements.reduce((sum, a) => sum + a.positions, 0) },
    surveys: input.surveys,
  }
}
