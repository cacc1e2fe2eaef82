import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../shared/schemas/agreement'
import type { TripDashboard, TripDashboardInput } from '../../../shared/procedures/trip-overview'
import type { Store } from '../store/store'
import { isSigned, newPositions } from './headline-figures'

const collator = new Intl.Collator('zh-CN', { numeric: true })

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}

interface PositionRow {
  enterpriseId: string
  name: string
  headcount: number
  kind: string
  majors: string
}

interface Headcounts {
  employment: number
  internship: number
}

function addHeadcount(target: Headcounts, kind: string, headcount: number): void {
  if (kind === 'internship') target.internship += headcount
  else target.employment += headcount
}

function parseMajors(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? [...new Set(parsed.filter((m): m is string => typeof m === 'string').map((m) => m.trim()))] : []
  } catch {
    return []
  }
}

/** Largest first; ties by name in pinyin order so the charts do not shuffle between refreshes. */
function byTotalThenName<T extends Headcounts & { agreements?: number }>(name: (item: T) => string) {
  const total = (item: T) => item.employment + item.internship + (item.agreements ?? 0)
  return (a: T, b: T) => total(b) - total(a) || collator.compare(name(a), name(b))
}

/**
 * A trip's figures, computed from its live records. A child whose parent is in the trash (a position of a
 * trashed survey, a remark of a trashed symposium) is gone with it. Reads only; every figure is one query.
 */
export function tripDashboard(store: Store, { tripId, today }: TripDashboardInput): TripDashboard {
  const one = (sql: string, ...params: unknown[]) => Number((store.statement(sql).get(...params) as { n: number | null }).n ?? 0)

  const enterprisesVisited = one(
    `SELECT COUNT(DISTINCT enterprise_id) AS n FROM (
       SELECT enterprise_id FROM visits WHERE trip_id = ? AND deleted = 0
       UNION SELECT enterprise_id FROM symposiums WHERE trip_id = ? AND deleted = 0)`,
    tripId,
    tripId,
  )
  const siteVisits = one('SELECT COUNT(*) AS n FROM visits WHERE trip_id = ? AND deleted = 0', tripId)
  const symposiums = one('SELECT COUNT(*) AS n FROM symposiums WHERE trip_id = ? AND deleted = 0', tripId)

  const agreementRows = store
    .statement('SELECT enterprise_id AS enterpriseId, kind, status, amount_yuan AS amount, positions FROM agreements WHERE trip_id = ? AND deleted = 0')
    .all(tripId) as { enterpriseId: string; kind: string; status: string; amount: number; positions: number }[]
  const byKind = zeroCounts(AGREEMENT_KINDS)
  const byStatus = zeroCounts(AGREEMENT_STATUSES)
  let amountYuan = 0
  let committedPositions = 0
  const committedByEnterprise = new Map<string, number>()
  for (const row of agreementRows) {
    // A kind or status from a newer peer is still an agreement: it counts in the total, not in a bucket.
    if (Object.hasOwn(byKind, row.kind)) byKind[row.kind as keyof typeof byKind] += 1
    if (Object.hasOwn(byStatus, row.status)) byStatus[row.status as keyof typeof byStatus] += 1
    amountYuan += row.amount
    committedPositions += row.positions
    committedByEnterprise.set(row.enterpriseId, (committedByEnterprise.get(row.enterpriseId) ?? 0) + row.positions)
  }

  const positionRows = store
    .statement(
      `SELECT s.enterprise_id AS enterpriseId, COALESCE(e.name, '') AS name, p.headcount, p.kind, p.majors
       FROM positions p
       JOIN surveys s ON s.id = p.survey_id AND s.deleted = 0
       LEFT JOIN enterprises e ON e.id = s.enterprise_id
       WHERE s.trip_id = ? AND p.deleted = 0`,
    )
    .all(tripId) as PositionRow[]
  const surveyed: Headcounts = { employment: 0, internship: 0 }
  const enterprises = new Map<string, Headcounts & { enterpriseId: string; name: string; agreements: number }>()
  const majors = new Map<string, Headcounts & { major: string }>()
  const enterpriseEntry = (enterpriseId: string, name: string) => {
    let entry = enterprises.get(enterpriseId)
    if (!entry) enterprises.set(enterpriseId, (entry = { enterpriseId, name, employment: 0, internship: 0, agreements: 0 }))
    return entry
  }
  for (const row of positionRows) {
    addHeadcount(surveyed, row.kind, row.headcount)
    addHeadcount(enterpriseEntry(row.enterpriseId, row.name), row.kind, row.headcount)
    const named = parseMajors(row.majors)
    for (const major of named.length > 0 ? named : ['']) {
      let entry = majors.get(major)
      if (!entry) majors.set(major, (entry = { major, employment: 0, internship: 0 }))
      addHeadcount(entry, row.kind, row.headcount)
    }
  }
  for (const [enterpriseId, positions] of committedByEnterprise) {
    if (positions === 0) continue
    const name = (store.statement('SELECT name FROM enterprises WHERE id = ?').get(enterpriseId) as { name: string } | undefined)?.name ?? ''
    enterpriseEntry(enterpriseId, name).agreements += positions
  }
  const surveyedTotal = newPositions(surveyed)

  const openStatuses = "status IN ('open', 'in_progress')"
  return {
    enterprisesVisited,
    siteVisits,
    symposiums,
    agreements: {
      total: agreementRows.length,
      signed: agreementRows.filter((row) => isSigned(row.status)).length,
      byKind,
      byStatus,
      amountYuan,
    },
    positions: {
      fromSurveys: { ...surveyed, total: surveyedTotal },
      fromAgreements: committedPositions,
      // The headline: committed positions are shown beside it, never added (see headline-figures.ts).
      total: surveyedTotal,
    },
    surveys: {
      total: one('SELECT COUNT(*) AS n FROM surveys WHERE trip_id = ? AND deleted = 0', tripId),
      complete: one("SELECT COUNT(*) AS n FROM surveys WHERE trip_id = ? AND deleted = 0 AND status = 'complete'", tripId),
    },
    followUps: {
      open: one(`SELECT COUNT(*) AS n FROM actions WHERE trip_id = ? AND deleted = 0 AND ${openStatuses}`, tripId),
      overdue: one(
        `SELECT COUNT(*) AS n FROM actions WHERE trip_id = ? AND deleted = 0 AND ${openStatuses} AND due_date <> '' AND due_date < ?`,
        tripId,
        today,
      ),
    },
    quotes: one(
      `SELECT COUNT(*) AS n FROM remarks r JOIN symposiums s ON s.id = r.symposium_id AND s.deleted = 0
       WHERE s.trip_id = ? AND r.deleted = 0 AND r.is_quote = 1`,
      tripId,
    ),
    charts: {
      positionsByEnterprise: [...enterprises.values()].sort(byTotalThenName((e) => e.name)),
      positionsByMajor: [...majors.values()].sort(byTotalThenName((m) => m.major)),
    },
  }
}
