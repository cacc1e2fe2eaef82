import { AppError } from '../../../shared/errors'
import type { Action } from '../../../shared/schemas/action'
import { AGREEMENT_STATUSES } from '../../../shared/schemas/agreement'
import type { Interaction } from '../../../shared/schemas/interaction'
import {
  KEY_CONTACTS,
  LISTED_FOLLOW_UPS,
  LogInteractionInput,
  OPEN_ACTION_STATUSES,
  type LastContact,
  type LogInteractionResult,
  type RelationshipSummary,
} from '../../../shared/procedures/relationship'
import { parseOrThrow } from '../../../shared/validation'
import type { Store } from '../store/store'
import { parseList } from './enterprise-file'
import { surveyedPositions } from './headline-figures'
import type { RecordServices } from './registry'

/** A record belongs to a live trip, to no trip, or to a trip not synced yet (shown rather than lost). */
const LIVE_TRIP = 'COALESCE(t.deleted, 0) = 0'
const OPEN = `(${OPEN_ACTION_STATUSES.map((status) => `'${status}'`).join(', ')})`


/**
 * The latest contact with the enterprise on or before `today`: a logged contact, a site visit or a symposium. A
 * visit planned for next week is not a contact yet. On the same day a logged contact says most (it names the
 * channel), then a symposium, then a visit.
 */
export function lastContactOf(store: Store, enterpriseId: string, today: string): LastContact | null {
  const interaction = store
    .statement(
      `SELECT x.id, x.date, x.channel, x.our_side AS ourSide, x.their_side AS theirSide, x.summary, c.name AS contactName
       FROM interactions x LEFT JOIN contacts c ON c.id = x.contact_id AND c.deleted = 0
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND x.date <> '' AND x.date <= ?
       ORDER BY x.date DESC, x.id DESC LIMIT 1`,
    )
    .get(enterpriseId, today) as
    | { id: string; date: string; channel: LastContact['channel']; ourSide: string; theirSide: string; summary: string; contactName: string | null }
    | undefined
  const visit = store
    .statement(
      `SELECT x.id, x.date, x.title, x.summary, x.trip_id AS tripId,
         (SELECT json_group_array(m.name) FROM json_each(x.participant_ids) p JOIN trip_members m ON m.id = p.value AND m.deleted = 0) AS people
       FROM visits x LEFT JOIN trips t ON t.id = x.trip_id
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP} AND x.date <> '' AND x.date <= ?
       ORDER BY x.date DESC, x.id DESC LIMIT 1`,
    )
    .get(enterpriseId, today) as { id: string; date: string; title: string; summary: string; tripId: string; people: string } | undefined
  const symposium = store
    .statement(
      `SELECT x.id, x.date, x.title, x.consensus, x.trip_id AS tripId,
         (SELECT json_group_array(a.name) FROM attendees a WHERE a.symposium_id = x.id AND a.deleted = 0 AND a.side = 'school' AND a.name <> '') AS ours,
         (SELECT json_group_array(a.name) FROM attendees a WHERE a.symposium_id = x.id AND a.deleted = 0 AND a.side = 'enterprise' AND a.name <> '') AS theirs
       FROM symposiums x LEFT JOIN trips t ON t.id = x.trip_id
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP} AND x.date <> '' AND x.date <= ?
       ORDER BY x.date DESC, x.id DESC LIMIT 1`,
    )
    .get(enterpriseId, today) as { id: string; date: string; title: string; consensus: string; tripId: string; ours: string; theirs: string } | undefined

  const candidates: LastContact[] = []
  if (interaction) {
    candidates.push({
      kind: 'interaction',
      id: interaction.id,
      date: interaction.date,
      channel: interaction.channel,
      by: interaction.ourSide ? [interaction.ourSide] : [],
      withWhom: interaction.theirSide || interaction.contactName || '',
      summary: interaction.summary,
      tripId: '',
    })
  }
  if (symposium) {
    candidates.push({
      kind: 'symposium',
      id: symposium.id,
      date: symposium.date,
      channel: '',
      by: parseList(symposium.ours),
      withWhom: parseList(symposium.theirs).join('、'),
      summary: symposium.title || parseList(symposium.consensus).join('；'),
      tripId: symposium.tripId,
    })
  }
  if (visit) {
    candidates.push({
      kind: 'visit',
      id: visit.id,
      date: visit.date,
      channel: '',
      by: parseList(visit.people),
      withWhom: '',
      summary: visit.title || visit.summary,
      tripId: visit.tripId,
    })
  }
  // Stable sort: among equal dates the order pushed above wins.
  candidates.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  return candidates[0] ?? null
}

export function relationshipSummary(store: Store, enterpriseId: string, today: string): RelationshipSummary {
  const enterprise = store.statement('SELECT stage, owner FROM enterprises WHERE id = ?').get(enterpriseId) as
    | { stage: RelationshipSummary['stage']; owner: string }
    | undefined
  if (!enterprise) throw new AppError('NOT_FOUND', `No enterprises record with id ${enterpriseId}`, { id: enterpriseId, table: 'enterprises' })

  const contacts = (
    store
      .statement(
        `SELECT id, name, title, phone, wechat, email, is_primary AS isPrimary FROM contacts
         WHERE enterprise_id = ? AND deleted = 0 ORDER BY is_primary DESC, id`,
      )
      .all(enterpriseId) as (Omit<RelationshipSummary['keyContacts'][number], 'isPrimary'> & { isPrimary: number })[]
  ).map((row) => ({ ...row, isPrimary: row.isPrimary === 1 }))

  const interactions = (store.statement('SELECT COUNT(*) AS n FROM interactions WHERE enterprise_id = ? AND deleted = 0').get(enterpriseId) as { n: number }).n

  type FollowUpRow = { id: string; title: string; owner: string; dueDate: string; status: RelationshipSummary['openFollowUps']['items'][number]['status']; tripId: string }
  const followUps = (
    store
      .statement(
        `SELECT x.id, x.title, x.owner, x.due_date AS dueDate, x.status, x.trip_id AS tripId
         FROM actions x LEFT JOIN trips t ON t.id = x.trip_id
         WHERE x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP} AND x.status IN ${OPEN}
         ORDER BY x.due_date = '', x.due_date, x.id`,
      )
      .all(enterpriseId) as FollowUpRow[]
  ).map((row) => ({ ...row, overdue: row.dueDate !== '' && row.dueDate < today }))

  const agreementRows = store
    .statement(
      `SELECT x.status, COUNT(*) AS count, COALESCE(SUM(x.amount_yuan), 0) AS amountYuan
       FROM agreements x LEFT JOIN trips t ON t.id = x.trip_id
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP} GROUP BY x.status`,
    )
    .all(enterpriseId) as { status: string; count: number; amountYuan: number }[]
  const agreementsByStage = AGREEMENT_STATUSES.map((status) => {
    const row = agreementRows.find((r) => r.status === status)
    return { status, count: row?.count ?? 0, amountYuan: row?.amountYuan ?? 0 }
  })

  // A survey's year is its own date's, or its trip's when it has none yet.
  const positionRows = store
    .statement(
      `SELECT substr(COALESCE(NULLIF(x.date, ''), t.start_date, ''), 1, 4) AS year, x.id AS surveyId, p.kind, p.headcount
       FROM surveys x LEFT JOIN trips t ON t.id = x.trip_id
       LEFT JOIN positions p ON p.survey_id = x.id AND p.deleted = 0
       WHERE x.enterprise_id = ? AND x.deleted = 0 AND ${LIVE_TRIP}`,
    )
    .all(enterpriseId) as { year: string; surveyId: string; kind: string | null; headcount: number | null }[]
  const years = new Map<string, { surveys: Set<string>; rows: { kind: string; headcount: number }[] }>()
  for (const row of positionRows) {
    if (!/^\d{4}$/.test(row.year)) continue
    const year = years.get(row.year) ?? { surveys: new Set<string>(), rows: [] }
    year.surveys.add(row.surveyId)
    if (row.kind !== null) year.rows.push({ kind: row.kind, headcount: row.headcount ?? 0 })
    years.set(row.year, year)
  }
  const demandTrend = [...years]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, { surveys, rows }]) => ({ year, surveys: surveys.size, ...surveyedPositions(rows) }))

  const rank = (item: { overdue: boolean }) => (item.overdue ? 0 : 1)
  const urgent = [...followUps].sort((a, b) => rank(a) - rank(b))
  const first = urgent[0]
  let nextStep: RelationshipSummary['nextStep'] = null
  if (first) nextStep = { source: 'followUp', id: first.id, text: first.title, date: first.dueDate, owner: first.owner }
  else {
    const latest = store
      .statement(
        `SELECT id, date, next_step AS text, our_side AS owner FROM interactions
         WHERE enterprise_id = ? AND deleted = 0 AND next_step <> '' ORDER BY date DESC, id DESC LIMIT 1`,
      )
      .get(enterpriseId) as { id: string; date: string; text: string; owner: string } | undefined
    if (latest) nextStep = { source: 'interaction', ...latest }
  }

  return {
    enterpriseId,
    stage: enterprise.stage,
    owner: enterprise.owner,
    keyContacts: contacts.slice(0, KEY_CONTACTS),
    contacts: contacts.length,
    lastContact: lastContactOf(store, enterpriseId, today),
    interactions,
    openFollowUps: { count: followUps.length, overdue: followUps.filter((f) => f.overdue).length, items: urgent.slice(0, LISTED_FOLLOW_UPS) },
    agreementsByStage,
    demandTrend,
    nextStep,
  }
}

/**
 * 记一笔往来: the entry and, when asked, a follow-up of the enterprise whose title is the next step, owned by whoever
 * was in touch unless someone else is named. One transaction: a refused part leaves nothing behind.
 */
export function logInteraction(store: Store, records: RecordServices, raw: unknown): LogInteractionResult {
  const { createFollowUp, followUpOwner, followUpDueDate, ...fields } = parseOrThrow(LogInteractionInput, raw)
  return store.db.transaction((): LogInteractionResult => {
    const enterprise = records.enterprise.get(fields.enterpriseId)
    if (enterprise.deleted) throw new AppError('VALIDATION', 'The enterprise is in the trash', { fieldErrors: [{ path: 'enterpriseId', key: 'notFound' }] })
    let theirSide = fields.theirSide
    if (fields.contactId) {
      const contact = records.contact.find(fields.contactId)
      if (!contact || contact.deleted || contact['enterpriseId'] !== fields.enterpriseId) {
        throw new AppError('VALIDATION', 'The contact is not one of this enterprise', { fieldErrors: [{ path: 'contactId', key: 'notFound' }] })
      }
      theirSide ||= String(contact['name'])
    }
    const action = createFollowUp
      ? (records.action.create({
          enterpriseId: fields.enterpriseId,
          title: fields.nextStep,
          owner: followUpOwner || fields.ourSide,
          dueDate: followUpDueDate,
          linkedKind: 'enterprise',
          linkedId: fields.enterpriseId,
          notes: fields.summary,
        }) as Action)
      : null
    const interaction = records.interaction.create({ ...fields, theirSide, actionId: action?.id ?? '' }) as Interaction
    return { interaction, action }
  })()
}
