import type { DemandPosition, DemandSurvey, EnterpriseSummary, TimelineEntry, TimelineKind } from '../../../shared/procedures/enterprise-file'
import type { Store } from '../store/store'

/**
 * The enterprise file (一企一档) read across trips: its timeline, its demand history and the counts shown in the
 * list. Reads only; records in the trash, and records of a trip in the trash, never appear.
 */

/** Excerpts stay short: the timeline shows a line or two and links to the record for the rest. */
const EXCERPT_CHARS = 240

/** A record belongs to a live trip, to no trip, or to a trip not synced yet (shown rather than lost). */
const LIVE_TRIP = 'COALESCE(t.deleted, 0) = 0'

/** Within one day, the order things happen on a visit: arrive, tour, sit down, agree, survey, write up, follow up. */
const DAY_ORDER: Record<TimelineKind, number> = { itinerary: 0, visit: 1, symposium: 2, agreement: 3, survey: 4, interaction: 5, note: 6, action: 7 }

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat
}

/** A stored JSON list of texts (names, topics); anything else reads as empty. */
export function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.map(String) : []
  } catch {
    return []
  }
}

interface BaseRow {
  id: string
  date: string
  tripId: string
  tripTitle: string | null
  tripStart: string | null
}

type Sortable = { entry: TimelineEntry; sortDate: string }

export function enterpriseTimeline(store: Store, enterpriseId: string): TimelineEntry[] {
  const all = <R>(sql: string): (R & BaseRow)[] => store.statement(sql).all(enterpriseId) as (R & BaseRow)[]
  const tripJoin = 'LEFT JOIN trips t ON t.id = x.trip_id'
  const base = 'x.id, x.trip_id AS tripId, t.title AS tripTitle, t.start_date AS tripStart'
  const where = `x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP}`

  const items: Sortable[] = []
  // Undated records (an agreement still being negotiated) sort with the start of their trip rather than at the end.
  const push = (row: BaseRow, entry: TimelineEntry) => items.push({ entry, sortDate: row.date || row.tripStart || '' })
  const common = (row: BaseRow) => ({ id: row.id, date: row.date, tripId: row.tripId, tripTitle: row.tripTitle ?? '' })

  for (const row of all<{ note: string }>(`SELECT ${base}, x.day AS date, x.note FROM itinerary x ${tripJoin} WHERE ${where}`)) {
    push(row, { ...common(row), kind: 'itinerary', title: '', summary: excerpt(row.note) })
  }

  const visits = all<{ title: string; summary: string; places: string }>(
    `SELECT ${base}, x.date, x.title, x.summary,
       (SELECT json_group_array(place) FROM (SELECT s.place FROM visit_stops s
          WHERE s.visit_id = x.id AND s.deleted = 0 AND s.place <> '' ORDER BY s.sort_key, s.id)) AS places
     FROM visits x ${tripJoin} WHERE ${where}`,
  )
  for (const row of visits) {
    push(row, { ...common(row), kind: 'visit', title: row.title, summary: excerpt(row.summary), places: parseList(row.places) })
  }

  const symposiums = all<{ title: string; place: string; topics: string; consensus: string; remarks: number; quotes: number }>(
    `SELECT ${base}, x.date, x.title, x.place, x.topics, x.consensus,
       (SELECT COUNT(*) FROM remarks r WHERE r.symposium_id = x.id AND r.deleted = 0 AND r.text <> '') AS remarks,
       (SELECT COUNT(*) FROM remarks r WHERE r.symposium_id = x.id AND r.deleted = 0 AND r.text <> '' AND r.is_quote = 1) AS quotes
     FROM symposiums x ${tripJoin} WHERE ${where}`,
  )
  for (const row of symposiums) {
    const consensus = parseList(row.consensus)
    push(row, {
      ...common(row),
      kind: 'symposium',
      title: row.title,
      // What was agreed says most about a meeting; its topics when nothing was agreed yet.
      summary: excerpt((consensus.length > 0 ? consensus : parseList(row.topics)).join('；')),
      place: row.place,
      remarks: row.remarks,
      quotes: row.quotes,
    })
  }

  type AgreementRow = { title: string; parties: string; terms: string; kind: string; status: string; amountYuan: number; positions: number }
  const agreements = all<AgreementRow>(
    `SELECT ${base}, x.signed_date AS date, x.title, x.parties, x.terms, x.kind, x.status, x.amount_yuan AS amountYuan, x.positions
     FROM agreements x ${tripJoin} WHERE ${where}`,
  )
  for (const row of agreements) {
    push(row, {
      ...common(row),
      kind: 'agreement',
      title: row.title,
      summary: excerpt(row.terms || row.parties),
      agreementKind: row.kind as Extract<TimelineEntry, { kind: 'agreement' }>['agreementKind'],
      status: row.status as Extract<TimelineEntry, { kind: 'agreement' }>['status'],
      amountYuan: row.amountYuan,
      positions: row.positions,
    })
  }

  const surveys = all<{ respondent: string; respondentTitle: string; notes: string; status: string; employment: number; internship: number }>(
    `SELECT ${base}, x.date, x.respondent, x.respondent_title AS respondentTitle, x.notes, x.status,
       (SELECT COALESCE(SUM(p.headcount), 0) FROM positions p WHERE p.survey_id = x.id AND p.deleted = 0 AND p.kind = 'employment') AS employment,
       (SELECT COALESCE(SUM(p.headcount), 0) FROM positions p WHERE p.survey_id = x.id AND p.deleted = 0 AND p.kind = 'internship') AS internship
     FROM surveys x ${tripJoin} WHERE ${where}`,
  )
  for (const row of surveys) {
    push(row, {
      ...common(row),
      kind: 'survey',
      title: [row.respondent, row.respondentTitle].filter(Boolean).join(' '),
      summary: excerpt(row.notes),
      status: row.status as Extract<TimelineEntry, { kind: 'survey' }>['status'],
      employment: row.employment,
      internship: row.internship,
    })
  }

  // Logged contacts belong to no trip; the join finds none and they always show.
  type InteractionRow = { channel: string; ourSide: string; theirSide: string; contactName: string | null; summary: string; nextStep: string; actionId: string }
  const interactions = all<InteractionRow>(
    `SELECT x.id, '' AS tripId, NULL AS tripTitle, NULL AS tripStart, x.date, x.channel, x.our_side AS ourSide,
       x.their_side AS theirSide, c.name AS contactName, x.summary, x.next_step AS nextStep, x.action_id AS actionId
     FROM interactions x LEFT JOIN contacts c ON c.id = x.contact_id AND c.deleted = 0
     WHERE x.enterprise_id = ? AND x.deleted = 0`,
  )
  for (const row of interactions) {
    push(row, {
      ...common(row),
      kind: 'interaction',
      title: row.theirSide || row.contactName || '',
      summary: excerpt(row.summary),
      channel: row.channel as Extract<TimelineEntry, { kind: 'interaction' }>['channel'],
      ourSide: row.ourSide,
      nextStep: excerpt(row.nextStep),
      actionId: row.actionId,
    })
  }

  for (const row of all<{ text: string; kind: string }>(`SELECT ${base}, x.date, x.text, x.kind FROM notes x ${tripJoin} WHERE ${where}`)) {
    push(row, {
      ...common(row),
      kind: 'note',
      title: '',
      summary: excerpt(row.text),
      noteKind: row.kind as Extract<TimelineEntry, { kind: 'note' }>['noteKind'],
    })
  }

  const actions = all<{ title: string; notes: string; status: string; owner: string }>(
    `SELECT ${base}, x.due_date AS date, x.title, x.notes, x.status, x.owner FROM actions x ${tripJoin} WHERE ${where}`,
  )
  for (const row of actions) {
    push(row, {
      ...common(row),
      kind: 'action',
      title: row.title,
      summary: excerpt(row.notes),
      status: row.status as Extract<TimelineEntry, { kind: 'action' }>['status'],
      owner: row.owner,
    })
  }

  // Newest day first; within a day, the order of the visit itself; ids (UUIDv7) break ties by creation time.
  items.sort(
    (a, b) =>
      (a.sortDate < b.sortDate ? 1 : a.sortDate > b.sortDate ? -1 : 0) ||
      DAY_ORDER[a.entry.kind] - DAY_ORDER[b.entry.kind] ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  )
  return items.map((item) => item.entry)
}

export function enterpriseDemandHistory(store: Store, enterpriseId: string): DemandSurvey[] {
  const surveys = store
    .statement(
      `SELECT x.id AS surveyId, x.date, x.trip_id AS tripId, COALESCE(t.title, '') AS tripTitle, x.respondent,
         x.respondent_title AS respondentTitle, x.status
       FROM surveys x LEFT JOIN trips t ON t.id = x.trip_id
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP}
       ORDER BY x.date, x.id`,
    )
    .all(enterpriseId) as Omit<DemandSurvey, 'positions' | 'totals'>[]
  if (surveys.length === 0) return []

  type PositionRow = Omit<DemandPosition, 'majors'> & { surveyId: string; majors: string }
  const positions = store
    .statement(
      `SELECT p.id, p.survey_id AS surveyId, p.title, p.headcount, p.kind, p.majors, p.education, p.pay_min AS payMin,
         p.pay_max AS payMax, p.start_timing AS startTiming
       FROM positions p JOIN surveys x ON x.id = p.survey_id
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND p.deleted = 0
       ORDER BY p.sort_key, p.id`,
    )
    .all(enterpriseId) as PositionRow[]

  const bySurvey = new Map<string, DemandPosition[]>()
  for (const { surveyId, majors, ...position } of positions) {
    const list = bySurvey.get(surveyId) ?? []
    list.push({ ...position, majors: parseList(majors) })
    bySurvey.set(surveyId, list)
  }
  return surveys.map((survey) => {
    const list = bySurvey.get(survey.surveyId) ?? []
    const total = (kind: DemandPosition['kind']) => list.filter((p) => p.kind === kind).reduce((sum, p) => sum + p.headcount, 0)
    return { ...survey, positions: list, totals: { employment: total('employment'), internship: total('internship') } }
  })
}

/**
 * Every live enterprise with its counts, its latest contact on or before `today` and its open follow-ups, in one query: the counts come from one pass over every record that ties
 * an enterprise to a trip. Trips count distinct live trips, whatever was recorded on them.
 */
export function enterpriseOverview(store: Store, today: string): EnterpriseSummary[] {
  const rows = store
    .statement(
      `SELECT e.id, e.name, e.credit_code AS creditCode, e.industry, e.region, e.stage, e.tags,
         COALESCE(c.trips, 0) AS trips, COALESCE(c.visits, 0) AS visits,
         COALESCE(c.agreements, 0) AS agreements, COALESCE(c.surveys, 0) AS surveys,
         e.owner, COALESCE(lc.lastContact, '') AS lastContact,
         COALESCE(f.openFollowUps, 0) AS openFollowUps, COALESCE(f.nextFollowUp, '') AS nextFollowUp
       FROM enterprises e
       LEFT JOIN (
         SELECT x.enterprise_id,
           COUNT(DISTINCT NULLIF(x.trip_id, '')) AS trips,
           SUM(x.kind = 'visit') AS visits,
           SUM(x.kind = 'agreement') AS agreements,
           SUM(x.kind = 'survey') AS surveys
         FROM (
           SELECT enterprise_id, trip_id, 'itinerary' AS kind FROM itinerary WHERE deleted = 0
           UNION ALL SELECT enterprise_id, trip_id, 'visit' FROM visits WHERE deleted = 0
           UNION ALL SELECT enterprise_id, trip_id, 'symposium' FROM symposiums WHERE deleted = 0
           UNION ALL SELECT enterprise_id, trip_id, 'agreement' FROM agreements WHERE deleted = 0
           UNION ALL SELECT enterprise_id, trip_id, 'survey' FROM surveys WHERE deleted = 0
         ) x
         LEFT JOIN trips t ON t.id = x.trip_id
         WHERE ${LIVE_TRIP}
         GROUP BY x.enterprise_id
       ) c ON c.enterprise_id = e.id
       LEFT JOIN (
         SELECT x.enterprise_id, MAX(x.date) AS lastContact
         FROM (
           SELECT enterprise_id, date, '' AS trip_id FROM interactions WHERE deleted = 0
           UNION ALL SELECT enterprise_id, date, trip_id FROM visits WHERE deleted = 0
           UNION ALL SELECT enterprise_id, date, trip_id FROM symposiums WHERE deleted = 0
         ) x
         LEFT JOIN trips t ON t.id = x.trip_id
         WHERE ${LIVE_TRIP} AND x.date <> '' AND x.date <= ?
         GROUP BY x.enterprise_id
       ) lc ON lc.enterprise_id = e.id
       LEFT JOIN (
         SELECT x.enterprise_id, COUNT(*) AS openFollowUps, MIN(NULLIF(x.due_date, '')) AS nextFollowUp
         FROM actions x LEFT JOIN trips t ON t.id = x.trip_id
         WHERE x.deleted = 0 AND x.status IN ('open', 'in_progress') AND ${LIVE_TRIP}
         GROUP BY x.enterprise_id
       ) f ON f.enterprise_id = e.id
       WHERE e.deleted = 0
       ORDER BY e.name, e.id`,
    )
    .all(today) as (Omit<EnterpriseSummary, 'tags'> & { tags: string })[]
  return rows.map((row) => ({ ...row, tags: parseList(row.tags) }))
}
