import { AppError } from '../../../shared/errors'
import type { minutesProcedures, OrderedKind, SymposiumSummary, VisitSummary } from '../../../shared/procedures/minutes'
import type { Symposium } from '../../../shared/schemas/symposium'
import type { Visit } from '../../../shared/schemas/visit'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import type { ChangeInput } from '../store/store'

type Filter = { tripId?: string | undefined; enterpriseId?: string | undefined }

/** The columns that make rows siblings: attendees are ordered within their side of the table. */
const SIBLING_COLUMNS: Record<OrderedKind, readonly string[]> = {
  visitStop: ['visit_id'],
  attendee: ['symposium_id', 'side'],
  remark: ['symposium_id'],
}

export function minutesHandlers(context: CoreContext): Pick<Handlers, keyof typeof minutesProcedures> {
  const { store, records } = context

  /** `key → count` for rows of `sql`, which selects (key, n) for the ids bound as one JSON array. */
  function countBy(sql: string, ids: string[]): Map<string, number> {
    const rows = store.statement(sql).all(JSON.stringify(ids)) as { key: string; n: number }[]
    return new Map(rows.map((row) => [row.key, row.n]))
  }

  function enterpriseNames(ids: string[]): Map<string, string> {
    const rows = store
      .statement('SELECT id, name FROM enterprises WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...new Set(ids)])) as { id: string; name: string }[]
    return new Map(rows.map((row) => [row.id, row.name]))
  }

  return {
    'visit.summaries': (filter: Filter): VisitSummary[] => {
      const visits = records.visit.list(filter) as unknown as Visit[]
      const ids = visits.map((v) => v.id)
      const names = enterpriseNames(visits.map((v) => v.enterpriseId))
      const stops = countBy(
        `SELECT visit_id AS key, COUNT(*) AS n FROM visit_stops
         WHERE deleted = 0 AND visit_id IN (SELECT value FROM json_each(?)) GROUP BY visit_id`,
        ids,
      )
      const photos = countBy(
        `SELECT owner_id AS key, COUNT(*) AS n FROM attachments
         WHERE deleted = 0 AND owner_kind = 'visit' AND mime LIKE 'image/%' AND owner_id IN (SELECT value FROM json_each(?))
         GROUP BY owner_id`,
        ids,
      )
      return visits.map((visit) => ({
        ...visit,
        enterpriseName: names.get(visit.enterpriseId) ?? '',
        stopCount: stops.get(visit.id) ?? 0,
        photoCount: photos.get(visit.id) ?? 0,
      }))
    },

    'symposium.summaries': (filter: Filter): SymposiumSummary[] => {
      const symposiums = records.symposium.list(filter) as unknown as Symposium[]
      const ids = symposiums.map((s) => s.id)
      const names = enterpriseNames(symposiums.map((s) => s.enterpriseId))
      const attendees = countBy(
        `SELECT symposium_id AS key, COUNT(*) AS n FROM attendees
         WHERE deleted = 0 AND symposium_id IN (SELECT value FROM json_each(?)) GROUP BY symposium_id`,
        ids,
      )
      const remarks = countBy(
        `SELECT symposium_id AS key, COUNT(*) AS n FROM remarks
         WHERE deleted = 0 AND symposium_id IN (SELECT value FROM json_each(?)) GROUP BY symposium_id`,
        ids,
      )
      const quotes = countBy(
        `SELECT symposium_id AS key, COUNT(*) AS n FROM remarks
         WHERE deleted = 0 AND is_quote = 1 AND symposium_id IN (SELECT value FROM json_each(?)) GROUP BY symposium_id`,
        ids,
      )
      const actions = countBy(
        `SELECT linked_id AS key, COUNT(*) AS n FROM actions
         WHERE deleted = 0 AND linked_kind = 'symposium' AND linked_id IN (SELECT value FROM json_each(?)) GROUP BY linked_id`,
        ids,
      )
      return symposiums.map((symposium) => ({
        ...symposium,
        enterpriseName: names.get(symposium.enterpriseId) ?? '',
        attendeeCount: attendees.get(symposium.id) ?? 0,
        remarkCount: remarks.get(symposium.id) ?? 0,
        quoteCount: quotes.get(symposium.id) ?? 0,
        actionCount: actions.get(symposium.id) ?? 0,
      }))
    },

    'minutes.move': ({ kind, id, direction }) => {
      const { table } = records[kind].spec
      const columns = SIBLING_COLUMNS[kind]
      const row = store.statement(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, string | number> | undefined
      if (!row || row['deleted'] === 1) throw new AppError('NOT_FOUND', `No ${table} record with id ${id}`, { id, table })
      const siblings = store
        .statement(
          `SELECT id, sort_key AS sortKey FROM "${table}" WHERE deleted = 0 AND ${columns.map((c) => `"${c}" = ?`).join(' AND ')}
           ORDER BY sort_key, id`,
        )
        .all(...columns.map((c) => row[c])) as { id: string; sortKey: number }[]
      const from = siblings.findIndex((s) => s.id === id)
      const to = direction === 'up' ? from - 1 : from + 1
      if (to < 0 || to >= siblings.length) return { moved: false, order: siblings.map((s) => s.id) }

      const order = [...siblings]
      const [moving] = order.splice(from, 1)
      order.splice(to, 0, moving!)
      // One new key between the new neighbours keeps the change to a single field, which syncs cleanly;
      // only when the keys leave no room (equal keys) are all siblings renumbered.
      const before = order[to - 1]?.sortKey
      const after = order[to + 1]?.sortKey
      const key =
        before === undefined ? after! - 1 : after === undefined ? before + 1 : before < after ? (before + after) / 2 : Number.NaN
      if (Number.isFinite(key) && (before === undefined || key > before) && (after === undefined || key < after)) {
        records[kind].update(id, { sortKey: key })
      } else {
        const changes: ChangeInput[] = order.map((s, index) => ({ table, rowId: s.id, column: 'sort_key', value: index + 1 }))
        store.applyChanges(changes.filter((change, index) => order[index]!.sortKey !== change.value))
      }
      return { moved: true, order: order.map((s) => s.id) }
    },
  }
}
