import { AGREEMENT_KINDS } from '../../../shared/schemas/agreement'
import { CampaignSettings, defaultCampaignSettings, LEADERSHIP_LEVELS, type LeadershipLevel } from '../../../shared/schemas/staff'
import type { CampaignFigures, CampaignFiguresInput, HeadlinePositions, LeaderProgress, LedgerRow } from '../../../shared/procedures/campaign'
import type { Store } from '../store/store'
import { surveyedPositions, type PositionRowLike } from './headline-figures'
import { monthOf, monthsBetween, periodRange, weeksBetween, weekStart } from './campaign-dates'

const collator = new Intl.Collator('zh-CN', { numeric: true })
const SETTINGS_KEY = 'campaign'

/** The campaign settings of this laptop; the current calendar year and the notice's quota until someone sets them. */
export function campaignSettings(store: Store, today: string): CampaignSettings {
  const row = store.statement('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined
  if (row) {
    const parsed = CampaignSettings.safeParse(JSON.parse(row.value))
    if (parsed.success) return parsed.data
  }
  return defaultCampaignSettings(today)
}

export function updateCampaignSettings(store: Store, settings: CampaignSettings): CampaignSettings {
  const value = CampaignSettings.parse(settings)
  store
    .statement('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(SETTINGS_KEY, JSON.stringify(value))
  return value
}

/**
 * The campaign's positions, by the one headline definition the trip dashboard and the documents use
 * (headline-figures.ts): surveyed jobs plus internships; positions committed in agreements apart, never added.
 */
export function headlinePositions(surveyed: Iterable<PositionRowLike>, committedInAgreements: Iterable<number>): HeadlinePositions {
  const { employment, internship, total } = surveyedPositions(surveyed)
  let committedByAgreements = 0
  for (const positions of committedInAgreements) committedByAgreements += positions
  return { jobs: employment, internships: internship, total, committedByAgreements }
}

interface EventRecord {
  kind: 'visit' | 'symposium'
  id: string
  tripId: string
  enterpriseId: string
  date: string
}

interface StaffRow {
  id: string
  name: string
  position: string
  department: string
  level: string
}

interface EnterpriseRow {
  id: string
  name: string
  creditCode: string
  industry: string
  region: string
}

/** One enterprise visit: an enterprise on a day, whatever records (site visit, symposium) it has. */
interface CampaignEvent {
  key: string
  date: string
  enterpriseId: string
  tripId: string
  recordKind: 'visit' | 'symposium'
  recordId: string
  present: Set<string>
  jobs: number
  internships: number
  agreements: number
  followUps: string[]
}

interface Bucket {
  visits: number
  enterprises: Set<string>
  jobs: number
  internships: number
  agreements: number
}

const newBucket = (): Bucket => ({ visits: 0, enterprises: new Set(), jobs: 0, internships: 0, agreements: 0 })
const bucketOut = (bucket: Bucket) => ({
  visits: bucket.visits,
  enterprises: bucket.enterprises.size,
  jobs: bucket.jobs,
  internships: bucket.internships,
  agreements: bucket.agreements,
})

function bucketIn(map: Map<string, Bucket>, key: string): Bucket {
  let bucket = map.get(key)
  if (!bucket) map.set(key, (bucket = newBucket()))
  return bucket
}


/**
 * The campaign's figures for a period of local calendar dates, both ends included: totals, each leader's progress,
 * and the same figures by department, week, month, region and industry, with the ledger they add up from. An
 * enterprise visit is one enterprise on one day; who was there comes from the site visit's participants and the
 * symposium's school-side attendees, through their trip member's staff record.
 */
export function campaignFigures(store: Store, input: CampaignFiguresInput): CampaignFigures {
  const settings = campaignSettings(store, input.today)
  const configured = periodRange(settings.period)
  const from = input.from ?? configured.from
  const to = input.to ?? configured.to

  // Live records only, and nothing of a trip in the trash (a quick visit is trashed with its trip). The trips in
  // the trash are few: left out here rather than checked row by row in every query.
  const trashedTrips = new Set((store.statement('SELECT id FROM trips WHERE deleted = 1').all() as { id: string }[]).map((row) => row.id))
  const live = (row: { tripId: string }) => !trashedTrips.has(row.tripId)

  const records = (
    store
      .statement(
        `SELECT 'visit' AS kind, x.id, x.trip_id AS tripId, x.enterprise_id AS enterpriseId, x.date FROM visits x INDEXED BY visits_by_date
         WHERE x.date BETWEEN @from AND @to AND x.deleted = 0
         UNION ALL
         SELECT 'symposium', x.id, x.trip_id, x.enterprise_id, x.date FROM symposiums x INDEXED BY symposiums_by_date
         WHERE x.date BETWEEN @from AND @to AND x.deleted = 0
         ORDER BY 5, 1 DESC, 2`,
      )
      .all({ from, to }) as EventRecord[]
  ).filter(live)

  const attendance = store
    .statement(
      // CROSS JOIN keeps SQLite to this order: the period's visits by date, their participants, each member by id.
      `SELECT x.id AS recordId, m.staff_id AS staffId FROM visits x INDEXED BY visits_by_date CROSS JOIN json_each(x.participant_ids) j
       CROSS JOIN trip_members m ON m.id = j.value AND m.deleted = 0 AND m.staff_id <> ''
       WHERE x.deleted = 0 AND x.date BETWEEN @from AND @to
       UNION
       SELECT x.id, m.staff_id FROM symposiums x
       CROSS JOIN attendees a ON a.symposium_id = x.id AND a.deleted = 0 AND a.side = 'school'
       CROSS JOIN trip_members m ON m.id = a.member_id AND m.deleted = 0 AND m.staff_id <> ''
       WHERE x.deleted = 0 AND x.date BETWEEN @from AND @to`,
    )
    .all({ from, to }) as { recordId: string; staffId: string }[]
  const presentAt = new Map<string, string[]>()
  for (const row of attendance) {
    const list = presentAt.get(row.recordId)
    if (list) list.push(row.staffId)
    else presentAt.set(row.recordId, [row.staffId])
  }

  const staff = new Map(
    (store.statement('SELECT id, name, position, department, level FROM staff WHERE deleted = 0').all() as StaffRow[]).map((row) => [row.id, row]),
  )
  const events = new Map<string, CampaignEvent>()
  for (const record of records) {
    const key = `${record.enterpriseId}|${record.date}`
    let event = events.get(key)
    if (!event) {
      events.set(
        key,
        (event = {
          key,
          date: record.date,
          enterpriseId: record.enterpriseId,
          tripId: record.tripId,
          recordKind: record.kind,
          recordId: record.id,
          present: new Set(),
          jobs: 0,
          internships: 0,
          agreements: 0,
          followUps: [],
        }),
      )
    }
    // A member may name a person not here yet (a trip file, a partial sync) or in the trash: not counted.
    for (const staffId of presentAt.get(record.id) ?? []) if (staff.has(staffId)) event.present.add(staffId)
  }

  const surveyed = (
    store
      .statement(
        `SELECT x.trip_id AS tripId, x.enterprise_id AS enterpriseId, x.date, p.kind, SUM(p.headcount) AS headcount
         FROM surveys x INDEXED BY surveys_by_date CROSS JOIN positions p ON p.survey_id = x.id AND p.deleted = 0
         WHERE x.date BETWEEN @from AND @to AND x.deleted = 0
         GROUP BY x.trip_id, x.enterprise_id, x.date, p.kind`,
      )
      .all({ from, to }) as { tripId: string; enterpriseId: string; date: string; kind: string; headcount: number }[]
  ).filter(live)

  // An agreement is dated by its signing, or by its trip's first day while it is not signed yet.
  const agreements = (
    store
      .statement(
        `SELECT * FROM (
           SELECT x.trip_id AS tripId, x.enterprise_id AS enterpriseId, x.kind, x.positions,
                  CASE WHEN x.signed_date <> '' THEN x.signed_date ELSE COALESCE(t.start_date, '') END AS date
           FROM agreements x LEFT JOIN trips t ON t.id = x.trip_id
           WHERE x.deleted = 0)
         WHERE date BETWEEN @from AND @to`,
      )
      .all({ from, to }) as { tripId: string; enterpriseId: string; kind: string; positions: number; date: string }[]
  ).filter(live)

  // The ledger's follow-ups are read only when the ledger is asked for: the progress view needs none.
  const followUps =
    input.ledger === false
      ? []
      : (store
          .statement(
            // From the period's trips to their follow-ups by trip, rather than through every follow-up there is.
            `SELECT x.trip_id AS tripId, x.enterprise_id AS enterpriseId, x.title
             FROM (SELECT trip_id FROM visits WHERE deleted = 0 AND date BETWEEN @from AND @to
                   UNION SELECT trip_id FROM symposiums WHERE deleted = 0 AND date BETWEEN @from AND @to) period
             CROSS JOIN actions x ON x.trip_id = period.trip_id
             WHERE x.deleted = 0
             ORDER BY x.due_date, x.id`,
          )
          .all({ from, to }) as { tripId: string; enterpriseId: string; title: string }[])

  // Enterprises of the period that one of ours had visited before it: they are returning, not new.
  const returning = new Set(
    (
      store
        .statement(
          `WITH period AS (
             SELECT DISTINCT enterprise_id AS id FROM visits WHERE deleted = 0 AND date BETWEEN @from AND @to
             UNION SELECT enterprise_id FROM symposiums WHERE deleted = 0 AND date BETWEEN @from AND @to)
           SELECT p.id FROM period p
           WHERE EXISTS (SELECT 1 FROM visits v WHERE v.enterprise_id = p.id AND v.deleted = 0 AND v.date <> '' AND v.date < @from)
              OR EXISTS (SELECT 1 FROM symposiums s WHERE s.enterprise_id = p.id AND s.deleted = 0 AND s.date <> '' AND s.date < @from)`,
        )
        .all({ from, to }) as { id: string }[]
    ).map((row) => row.id),
  )

  const enterpriseIds = [...new Set([...events.values()].map((e) => e.enterpriseId).concat(surveyed.map((s) => s.enterpriseId), agreements.map((a) => a.enterpriseId)))]
  const enterprises = new Map<string, EnterpriseRow>()
  const found = store
    .statement('SELECT id, name, credit_code AS creditCode, industry, region FROM enterprises WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(enterpriseIds)) as EnterpriseRow[]
  for (const row of found) enterprises.set(row.id, row)
  for (const id of enterpriseIds) if (!enterprises.has(id)) enterprises.set(id, { id, name: '', creditCode: '', industry: '', region: '' })

  // Figures attached to the enterprise visit of that enterprise and day, for the ledger.
  for (const row of surveyed) {
    const event = events.get(`${row.enterpriseId}|${row.date}`)
    if (!event) continue
    if (row.kind === 'internship') event.internships += row.headcount
    else event.jobs += row.headcount
  }
  for (const row of agreements) {
    const event = events.get(`${row.enterpriseId}|${row.date}`)
    if (event) event.agreements += 1
  }
  const followUpsOf = new Map<string, string[]>()
  for (const row of followUps) {
    const key = `${row.tripId}|${row.enterpriseId}`
    const list = followUpsOf.get(key)
    if (list) list.push(row.title)
    else followUpsOf.set(key, [row.title])
  }
  for (const event of events.values()) event.followUps = followUpsOf.get(`${event.tripId}|${event.enterpriseId}`) ?? []

  // Totals.
  const byKind = Object.fromEntries(AGREEMENT_KINDS.map((kind) => [kind, 0])) as Record<(typeof AGREEMENT_KINDS)[number], number>
  let orderClassStudents = 0
  for (const row of agreements) {
    if (Object.hasOwn(byKind, row.kind)) byKind[row.kind as keyof typeof byKind] += 1
    if (row.kind === 'order_class') orderClassStudents += row.positions
  }
  const visitedEnterprises = new Set([...events.values()].map((e) => e.enterpriseId))
  const totals: CampaignFigures['totals'] = {
    enterprisesVisited: visitedEnterprises.size,
    newEnterprises: [...visitedEnterprises].filter((id) => !returning.has(id)).length,
    visits: events.size,
    siteVisits: records.filter((r) => r.kind === 'visit').length,
    symposiums: records.filter((r) => r.kind === 'symposium').length,
    positions: headlinePositions(surveyed, agreements.map((a) => a.positions)),
    agreements: { total: agreements.length, byKind },
    orderClassStudents,
  }

  // Each leader's progress.
  const levelOrder = (level: string) => LEADERSHIP_LEVELS.indexOf(level as LeadershipLevel)
  const staffOrder = (a: StaffRow, b: StaffRow) => levelOrder(a.level) - levelOrder(b.level) || collator.compare(a.name, b.name)
  const lastEventAt = new Map<string, string>()
  for (const event of events.values()) {
    if ((lastEventAt.get(event.enterpriseId) ?? '') < event.date) lastEventAt.set(event.enterpriseId, event.date)
  }
  const perStaff = new Map<string, { visits: number; last: string; enterprises: Map<string, { count: number; last: string }> }>()
  for (const event of events.values()) {
    for (const staffId of event.present) {
      let entry = perStaff.get(staffId)
      if (!entry) perStaff.set(staffId, (entry = { visits: 0, last: '', enterprises: new Map() }))
      entry.visits += 1
      if (entry.last < event.date) entry.last = event.date
      const at = entry.enterprises.get(event.enterpriseId) ?? { count: 0, last: '' }
      at.count += 1
      if (at.last < event.date) at.last = event.date
      entry.enterprises.set(event.enterpriseId, at)
    }
  }
  const leaders: LeaderProgress[] = [...staff.values()]
    .filter((person) => person.level === 'school' || person.level === 'department')
    .map((person) => {
      const entry = perStaff.get(person.id)
      const level = person.level as LeadershipLevel
      let notRevisited = 0
      for (const [enterpriseId, at] of entry?.enterprises ?? []) {
        if (at.count === 1 && lastEventAt.get(enterpriseId) === at.last) notRevisited += 1
      }
      return {
        staffId: person.id,
        name: person.name,
        position: person.position,
        department: person.department,
        level,
        quota: settings.quotas[level],
        visits: entry?.visits ?? 0,
        enterprises: entry?.enterprises.size ?? 0,
        lastVisit: entry?.last ?? '',
        notRevisited,
      }
    })
    // College leaders first, then heads of departments; the most visits first within each.
    .sort((a, b) => levelOrder(a.level) - levelOrder(b.level) || b.visits - a.visits || collator.compare(a.name, b.name))

  // By department (of the people present), week, month, region and industry.
  const departments = new Map<string, Bucket & { people: Set<string> }>()
  const weeks = new Map(weeksBetween(from, to).map((week) => [week, newBucket()]))
  const months = new Map(monthsBetween(from, to).map((month) => [month, newBucket()]))
  const regions = new Map<string, Bucket>()
  const industries = new Map<string, Bucket>()
  for (const event of events.values()) {
    const enterprise = enterprises.get(event.enterpriseId)!
    const seen = new Set<string>()
    for (const staffId of event.present) {
      const department = staff.get(staffId)?.department ?? ''
      let bucket = departments.get(department)
      if (!bucket) departments.set(department, (bucket = { ...newBucket(), people: new Set() }))
      bucket.people.add(staffId)
      if (seen.has(department)) continue
      seen.add(department)
      bucket.visits += 1
      bucket.enterprises.add(event.enterpriseId)
      bucket.jobs += event.jobs
      bucket.internships += event.internships
      bucket.agreements += event.agreements
    }
    for (const bucket of [bucketIn(weeks, weekStart(event.date)), bucketIn(months, monthOf(event.date)), bucketIn(regions, enterprise.region), bucketIn(industries, enterprise.industry)]) {
      bucket.visits += 1
      bucket.enterprises.add(event.enterpriseId)
    }
  }
  for (const row of surveyed) {
    const enterprise = enterprises.get(row.enterpriseId)!
    for (const bucket of [bucketIn(weeks, weekStart(row.date)), bucketIn(months, monthOf(row.date)), bucketIn(regions, enterprise.region), bucketIn(industries, enterprise.industry)]) {
      if (row.kind === 'internship') bucket.internships += row.headcount
      else bucket.jobs += row.headcount
    }
  }
  for (const row of agreements) {
    const enterprise = enterprises.get(row.enterpriseId)!
    for (const bucket of [bucketIn(weeks, weekStart(row.date)), bucketIn(months, monthOf(row.date)), bucketIn(regions, enterprise.region), bucketIn(industries, enterprise.industry)]) {
      bucket.agreements += 1
    }
  }
  const largestFirst = <T extends { visits: number }>(name: (item: T) => string) => (a: T, b: T) => b.visits - a.visits || collator.compare(name(a), name(b))

  // The ledger: one row per person of ours per enterprise visit, or one unnamed row when no one is recorded.
  const ledger: LedgerRow[] = []
  const sortedEvents = input.ledger === false ? [] : [...events.values()].sort((a, b) => a.date.localeCompare(b.date) || collator.compare(enterprises.get(a.enterpriseId)!.name, enterprises.get(b.enterpriseId)!.name))
  for (const event of sortedEvents) {
    const enterprise = enterprises.get(event.enterpriseId)!
    const people = [...event.present].map((id) => staff.get(id)).filter((p): p is StaffRow => Boolean(p)).sort(staffOrder)
    const base = {
      date: event.date,
      enterpriseId: event.enterpriseId,
      enterpriseName: enterprise.name,
      creditCode: enterprise.creditCode,
      industry: enterprise.industry,
      region: enterprise.region,
      present: people.map((p) => p.name),
      tripId: event.tripId,
      recordKind: event.recordKind,
      recordId: event.recordId,
      jobs: event.jobs,
      internships: event.internships,
      agreements: event.agreements,
      followUps: event.followUps,
    }
    if (people.length === 0) ledger.push({ ...base, staffId: '', staffName: '', position: '', department: '', level: '' })
    for (const person of people) {
      ledger.push({ ...base, staffId: person.id, staffName: person.name, position: person.position, department: person.department, level: person.level as LeadershipLevel })
    }
  }

  return {
    period: { from, to },
    totals,
    settings,
    leaders,
    departments: [...departments.entries()]
      .map(([department, bucket]) => ({ department, people: bucket.people.size, ...bucketOut(bucket) }))
      .sort(largestFirst((d) => d.department)),
    weeks: [...weeks.entries()].map(([week, bucket]) => ({ week, ...bucketOut(bucket) })).sort((a, b) => a.week.localeCompare(b.week)),
    months: [...months.entries()].map(([month, bucket]) => ({ month, ...bucketOut(bucket) })).sort((a, b) => a.month.localeCompare(b.month)),
    regions: [...regions.entries()].map(([region, bucket]) => ({ region, ...bucketOut(bucket) })).sort(largestFirst((r) => r.region)),
    industries: [...industries.entries()].map(([industry, bucket]) => ({ industry, ...bucketOut(bucket) })).sort(largestFirst((r) => r.industry)),
    ledger,
    unlinkedMembers: Number(
      (store.statement("SELECT COUNT(*) AS n FROM trip_members WHERE deleted = 0 AND staff_id = '' AND trim(name) <> ''").get() as { n: number }).n,
    ),
  }
}
