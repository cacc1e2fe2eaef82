import { createHash } from 'node:crypto'
import {
  MARK_END,
  MARK_START,
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchResults,
} from '../../../shared/procedures/search'
import type { Store, WrittenRow } from '../store/store'
import { isSyncedTable, type SyncedTable } from '../store/tables'
import { labelOf, parentOf, place, RowReader, SOURCE_TABLES, SOURCES, TABLE_OF_KIND, textOf, type Row } from './sources'

/** FTS5 trigram needs three characters; shorter words (座谈, 订单) are found by a LIKE scan instead. */
const MIN_MATCH_CHARS = 3
const MAX_TERMS = 8
const SNIPPET_TOKENS = 40
const EXCERPT_BEFORE = 16
const EXCERPT_LENGTH = 80

/** The kind's number in an entry's rowid (1-based, so a rowid is never 0). */
const KIND_NUMBER = new Map<string, bigint>(SEARCH_KINDS.map((kind, index) => [kind, BigInt(index + 1)]))
const KIND_SHIFT = 56n
const HASH_MASK = (1n << KIND_SHIFT) - 1n

/**
 * The entry's rowid, from the kind and id: the index can then find, replace and delete a row's entry by rowid
 * (a lookup) rather than by its unindexed id column (a scan of the whole index on every keystroke saved). The
 * kind is its top byte, so a search counts matches per kind and ranks one kind at a time from the rowids alone,
 * without reading each match's stored columns (ten times slower with 18,000 matches).
 */
export function entryRowid(kind: string, id: string): bigint {
  const digest = createHash('sha256').update(`${kind}\u0000${id}`).digest()
  return (KIND_NUMBER.get(kind)! << KIND_SHIFT) | (digest.readBigUInt64BE(0) & HASH_MASK)
}

function kindOfRowid(rowid: bigint): SearchKind | undefined {
  return SEARCH_KINDS[Number(rowid >> KIND_SHIFT) - 1]
}

/** The rowids of one kind: a range FTS5 can narrow a match or a scan to. */
function kindRange(kind: SearchKind): [bigint, bigint] {
  const high = KIND_NUMBER.get(kind)! << KIND_SHIFT
  return [high, high | HASH_MASK]
}

/** An entry as read back for a hit. */
interface EntryRow {
  kind: SearchKind
  row_id: string
  trip_id: string
  enterprise_id: string
  title: string
  body: string
}

interface ChildLink {
  table: SyncedTable
  column: string
}

/** Tables whose rows take their trip, enterprise or liveness from a row of `table`. */
function childLinks(table: SyncedTable): ChildLink[] {
  const links: ChildLink[] = []
  for (const child of SOURCE_TABLES) {
    const source = SOURCES[child]
    if (table === 'trips' && source.tripColumn) links.push({ table: child, column: source.tripColumn })
    if (table === 'enterprises' && source.enterpriseColumn) links.push({ table: child, column: source.enterpriseColumn })
    if (source.parent?.table === table) links.push({ table: child, column: source.parent.column })
  }
  if (table !== 'attachments') links.push({ table: 'attachments', column: 'owner_id' })
  return links
}
const CHILD_LINKS = Object.fromEntries(SOURCE_TABLES.map((table) => [table, childLinks(table)])) as Record<SyncedTable, ChildLink[]>

/** Quoted as an FTS5 string, every character is literal: operators, quotes and brackets cannot break the query. */
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The full-text index of every record, kept in step with the data inside each write transaction. A record
 * in the trash leaves the index, and so do the rows under it (a trashed symposium's remarks); restoring brings
 * them back. Entries carry the record's trip and enterprise for filtering.
 */
export class SearchIndex {
  /** Set when indexing failed inside a write: the next search rebuilds the index instead. */
  private stale = false

  constructor(
    private readonly store: Store,
    private readonly log: (error: unknown) => void = console.error,
  ) {}

  /** Keeps the index in step from now on; returns the function that stops it. */
  install(): () => void {
    return this.store.onRowsWritten((rows) => {
      try {
        this.update(rows)
      } catch (error) {
        // The index is derived and can be rebuilt; the user's edit must never fail because of it.
        this.stale = true
        this.log(error)
      }
    })
  }

  /** Fills an empty index from the tables: data written before the index existed, or by an older version. */
  rebuildIfEmpty(): boolean {
    const first = this.store.db.prepare('SELECT rowid, kind, row_id FROM search_index LIMIT 1').safeIntegers().get() as
      | { rowid: bigint; kind: string; row_id: string }
      | undefined
    if (first) {
      // An index written by a version that numbered entries differently is rebuilt once.
      if (KIND_NUMBER.has(first.kind) && entryRowid(first.kind, first.row_id) !== first.rowid) {
        this.rebuild()
        return true
      }
      return false
    }
    const anyRow = SOURCE_TABLES.some((table) => this.store.db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get())
    if (!anyRow) return false
    this.rebuild()
    return true
  }

  rebuild(): void {
    this.store.db.transaction(() => {
      this.store.db.prepare('DELETE FROM search_index').run()
      const reader = new RowReader(this.store)
      for (const table of SOURCE_TABLES) {
        // Read each table whole: better-sqlite3 cannot write while a read is still iterating.
        for (const row of this.store.db.prepare(`SELECT * FROM "${table}" WHERE deleted = 0`).all() as Row[]) {
          this.write(table, row, reader)
        }
      }
    })()
    this.stale = false
  }

  /** Re-indexes written rows, and the rows under any whose trip, enterprise or liveness changed. */
  update(rows: readonly WrittenRow[]): void {
    const reader = new RowReader(this.store)
    const queue: { table: SyncedTable; id: string }[] = []
    for (const { table, rowId } of rows) if (isSyncedTable(table)) queue.push({ table, id: rowId })
    const done = new Set<string>()
    while (queue.length > 0) {
      const { table, id } = queue.shift()!
      const key = `${table}\u0000${id}`
      if (done.has(key)) continue
      done.add(key)
      const row = reader.get(table, id)
      if (!row) continue
      if (this.write(table, row, reader)) {
        for (const link of CHILD_LINKS[table]) {
          const children = this.store.statement(`SELECT id FROM "${link.table}" WHERE "${link.column}" = ?`).all(id) as { id: string }[]
          for (const child of children) queue.push({ table: link.table, id: child.id })
        }
      }
    }
  }

  /** Writes (or removes) the row's entry; true when its trip, enterprise or presence changed. */
  private write(table: SyncedTable, row: Row, reader: RowReader): boolean {
    const source = SOURCES[table]
    const rowid = entryRowid(source.kind, String(row['id']))
    const before = this.store.statement('SELECT trip_id, enterprise_id FROM search_index WHERE rowid = ?').get(rowid) as
      | { trip_id: string; enterprise_id: string }
      | undefined
    const placement = place(table, row, reader)
    if (before) this.store.statement('DELETE FROM search_index WHERE rowid = ?').run(rowid)
    // Every live row has an entry, text or not, so that its presence tells whether it was live.
    if (placement.live) {
      this.store
        .statement('INSERT INTO search_index (rowid, kind, row_id, trip_id, enterprise_id, title, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(rowid, source.kind, String(row['id']), placement.tripId, placement.enterpriseId, textOf(row, source.title), textOf(row, source.body))
    }
    if (!before) return placement.live
    return !placement.live || before.trip_id !== placement.tripId || before.enterprise_id !== placement.enterpriseId
  }

  query(input: SearchQuery & { limit: number }): SearchResults {
    if (this.stale) this.rebuild()
    const q = input.q.replace(new RegExp(`[${MARK_START}${MARK_END}]`, 'g'), '').replace(/\s+/g, ' ').trim()
    const terms = [...new Set(q.split(' ').filter(Boolean))].slice(0, MAX_TERMS)
    if (terms.length === 0) return { q, total: 0, groups: [] }
    const long = terms.filter((term) => [...term].length >= MIN_MATCH_CHARS)
    const short = terms.filter((term) => [...term].length < MIN_MATCH_CHARS)
    const wanted = input.kinds ? new Set<SearchKind>(input.kinds) : null
    if (wanted?.size === 0) return { q, total: 0, groups: [] }

    const conditions: string[] = []
    const params: unknown[] = []
    if (long.length > 0) {
      conditions.push('search_index MATCH ?')
      params.push(long.map(ftsPhrase).join(' '))
    }
    for (const term of short) {
      conditions.push("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')")
      params.push(likePattern(term), likePattern(term))
    }
    if (input.tripId) {
      conditions.push('trip_id = ?')
      params.push(input.tripId)
    }
    if (input.enterpriseId) {
      conditions.push('enterprise_id = ?')
      params.push(input.enterpriseId)
    }
    const where = conditions.join(' AND ')
    const reader = new RowReader(this.store)
    const groups: SearchResults['groups'] = []
    let total = 0
    const addGroup = (kind: SearchKind, count: number, rows: EntryRow[], likeTerms: string[] | null) => {
      total += count
      groups.push({ kind, count, hits: rows.map((row) => this.hit(row, likeTerms, reader)) })
    }

    if (long.length > 0) {
      // Counts from the rowids alone (the kind is their top byte), then the best of each kind by rank.
      const counts = new Map<SearchKind, number>()
      const perKind = this.store
        .statement(`SELECT rowid >> ${KIND_SHIFT} AS number, COUNT(*) AS n FROM search_index WHERE ${where} GROUP BY number`)
        .all(...params) as { number: number; n: number }[]
      for (const { number, n } of perKind) {
        const kind = SEARCH_KINDS[number - 1]
        if (kind && (!wanted || wanted.has(kind))) counts.set(kind, n)
      }
      const select = this.store.statement(
        `SELECT kind, row_id, trip_id, enterprise_id, highlight(search_index, 4, '${MARK_START}', '${MARK_END}') AS title,
           snippet(search_index, 5, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS body
         FROM search_index WHERE ${where} AND rowid BETWEEN ? AND ? ORDER BY rank LIMIT ?`,
      )
      for (const kind of SEARCH_KINDS) {
        const count = counts.get(kind) ?? 0
        if (count > 0) addGroup(kind, count, select.all(...params, ...kindRange(kind), input.limit) as EntryRow[], null)
      }
      return { q, total, groups }
    }

    // Short words only: one pass of LIKE over the index; without a rank, matches in titles first, then the newest
    // (ids sort by time). The few shown are then read by rowid.
    const matches = this.store
      .statement(`SELECT rowid, row_id AS id, (title LIKE ? ESCAPE '\\') AS inTitle FROM search_index WHERE ${where}`)
      .safeIntegers()
      .all(likePattern(short[0]!), ...params) as { rowid: bigint; id: string; inTitle: bigint }[]
    const byKind = new Map<SearchKind, { rowid: bigint; id: string; inTitle: bigint }[]>()
    for (const match of matches) {
      const kind = kindOfRowid(match.rowid)
      if (!kind || (wanted && !wanted.has(kind))) continue
      let list = byKind.get(kind)
      if (!list) byKind.set(kind, (list = []))
      list.push(match)
    }
    const entry = this.store.statement('SELECT kind, row_id, trip_id, enterprise_id, title, body FROM search_index WHERE rowid = ?')
    for (const kind of SEARCH_KINDS) {
      const list = byKind.get(kind)
      if (!list) continue
      list.sort((a, b) => Number(b.inTitle - a.inTitle) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      const rows = list.slice(0, input.limit).map((match) => entry.get(match.rowid) as EntryRow)
      addGroup(kind, list.length, rows, short)
    }
    return { q, total, groups }
  }

  private hit(
    row: EntryRow,
    likeTerms: string[] | null,
    reader: RowReader,
  ): SearchHit {
    const table = TABLE_OF_KIND[row.kind]
    const record = reader.get(table, row.row_id)
    const parent = record ? parentOf(table, record) : null
    const parentRow = parent ? reader.get(parent.table, parent.id) : null
    const title = likeTerms ? mark(row.title, likeTerms) : row.title
    const snippet = likeTerms ? mark(excerptAround(row.body, likeTerms), likeTerms) : row.body
    const tripRow = row.trip_id ? reader.get('trips', row.trip_id) : null
    const enterpriseRow = row.enterprise_id ? reader.get('enterprises', row.enterprise_id) : null
    return {
      kind: row.kind,
      id: row.row_id,
      tripId: row.trip_id,
      enterpriseId: row.enterprise_id,
      parentId: parent?.id ?? '',
      parentKind: parent ? SOURCES[parent.table].kind : '',
      title,
      snippet,
      parentLabel: parent && parentRow ? labelOf(parent.table, parentRow) : '',
      tripTitle: tripRow ? labelOf('trips', tripRow) : '',
      enterpriseName: enterpriseRow ? labelOf('enterprises', enterpriseRow) : '',
    }
  }
}

/** The part of a long text around the first match, like snippet() does for full-text matches. */
function excerptAround(text: string, terms: string[]): string {
  const lower = text.toLowerCase()
  const at = Math.min(...terms.map((term) => lower.indexOf(term.toLowerCase())).filter((index) => index >= 0), text.length)
  const start = at === text.length ? 0 : Math.max(0, at - EXCERPT_BEFORE)
  const end = Math.min(text.length, start + EXCERPT_LENGTH)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`
}

/** Wraps every occurrence of the terms (case-insensitively) in the markers. */
function mark(text: string, terms: string[]): string {
  const pattern = new RegExp(terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu')
  return text.replace(pattern, (found) => `${MARK_START}${found}${MARK_END}`)
}
