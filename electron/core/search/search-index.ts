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
import { labelOf, place, RowReader, SOURCE_TABLES, SOURCES, TABLE_OF_KIND, textOf, type Row } from './sources'

/** FTS5 trigram needs three characters; shorter words (焊工, 实习, AI) go to the per-character index. */
const MIN_TRIGRAM_CHARS = 3
const MAX_TERMS = 8
const EXCERPT_BEFORE = 16
const EXCERPT_LENGTH = 80

/**
 * An entry's number (the rowid in both FTS5 tables): the kind's number (1-based, top byte), then the record's
 * age (the millisecond of its UUIDv7 id, counted down from the far future), then one of 4,096 slots. So the
 * entries of one kind are a range (matches are counted per kind from the index alone, without reading stored
 * columns) and, within it, newest first is ascending rowid order, which FTS5 walks from the start of the range
 * and stops after the first few: no ranking function visits each of 90,000 matches of 工, and no descending walk
 * (FTS5 reads a term's whole list to go backwards). search_index_entries says which record has which number.
 */
const KIND_SHIFT = 56n
const SLOT_BITS = 12n
const SLOT_MASK = (1n << SLOT_BITS) - 1n
const MAX_MILLIS = (1n << (KIND_SHIFT - SLOT_BITS)) - 1n
const KIND_NUMBER = new Map<string, bigint>(SEARCH_KINDS.map((kind, index) => [kind, BigInt(index + 1)]))

/**
 * How much older than the far future the record is: from the millisecond in a UUIDv7 id's first 48 bits. An id of
 * another shape (a v4 id from another program's trip file or a peer) has no time in it: it counts as among the
 * oldest, spread by a hash over 2^32 milliseconds of 1970 so that such ids do not all crowd one millisecond's
 * 4,096 slots (20,000 of them made finding a free entry quadratic).
 */
function idAge(id: string): bigint {
  const hex = id.slice(0, 8) + id.slice(9, 13)
  if (id[14] !== '7' || !/^[0-9a-f]{12}$/i.test(hex)) return MAX_MILLIS - spreadHash(id)
  const ms = BigInt(`0x${hex}`)
  return ms > MAX_MILLIS ? 0n : MAX_MILLIS - ms
}

/** A 32-bit FNV-1a of the text read backwards: independent enough of the slot's hash (of the text forwards). */
function spreadHash(text: string): bigint {
  let hash = 0x811c9dc5
  for (let i = text.length - 1; i >= 0; i--) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return BigInt(hash >>> 0)
}

/** FNV-1a: spreads the records of one millisecond over its slots (any stable hash would do). */
function slotHash(text: string): bigint {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return BigInt(hash >>> 0) & SLOT_MASK
}

/** Where the number of a new entry of (kind, id) is looked for: from a slot of its millisecond upwards. */
function preferredEntry(kind: string, id: string): bigint {
  return (KIND_NUMBER.get(kind)! << KIND_SHIFT) | (idAge(id) << SLOT_BITS) | slotHash(id)
}

const kindOfEntry = (entry: bigint): SearchKind | undefined => SEARCH_KINDS[Number(entry >> KIND_SHIFT) - 1]

/** The rowids of one kind: a range FTS5 narrows a match to. */
function kindRange(kind: SearchKind): [bigint, bigint] {
  const high = KIND_NUMBER.get(kind)! << KIND_SHIFT
  return [high, high | ((1n << KIND_SHIFT) - 1n)]
}

/**
 * Han, kana and hangul characters (and their pairs) are words of the per-character index: unicode61 alone would
 * take a whole run of Chinese for one word. Letters and digits stay words of their own.
 */
const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}'
const CJK_CHAR = new RegExp(`[${CJK}]`, 'gu')
const IS_CJK = new RegExp(`^[${CJK}]$`, 'u')
const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu')

/**
 * Text as the per-character index takes it: in each run of CJK characters, every character and then the pair it
 * starts, as separate words: 焊工证 → " 焊 焊工 工 工证 证 ". One and two characters are then single words of
 * the index (far cheaper than a phrase of two characters, which has to compare positions), and a run still
 * starts and ends with its single characters, so "5 号" and "号 a" stay adjacent phrases across the edge.
 */
export function spacedText(text: string): string {
  return text.replace(CJK_RUN, (run) => {
    const chars = [...run]
    let out = ' '
    for (let i = 0; i < chars.length; i++) out += i + 1 < chars.length ? `${chars[i]} ${chars[i]}${chars[i + 1]} ` : `${chars[i]} `
    return out
  })
}

/** An entry as read back for a hit. */
interface EntryRow {
  kind: SearchKind
  row_id: string
  trip_id: string
  enterprise_id: string
  parent_kind: SearchKind | ''
  parent_id: string
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
/** How far a rebuild in steps is: rows indexed of all; `finished` once the index is complete. */
export interface RebuildProgress {
  done: number
  total: number
  finished: boolean
}

/** Marks a rebuild in steps under way (meta key), so one cut short is started again. */
const REBUILD_PENDING = 'search_rebuild_pending'
/** Rows per step of a rebuild in steps: a few tens of milliseconds of work between answers to the window. */
const REBUILD_STEP_ROWS = 2000

/** The source tables by kind number, so a rebuild writes entry numbers in ascending order. */
const TABLES_IN_ENTRY_ORDER = [...SOURCE_TABLES].sort((a, b) => Number(KIND_NUMBER.get(SOURCES[a].kind)! - KIND_NUMBER.get(SOURCES[b].kind)!))

/**
 * Rows sorted by the entry number they (most likely) have. FTS5 writes out its pending terms whenever a rowid
 * is lower than the one before, and a batch written in random order made thousands of tiny segments.
 */
function inEntryOrder<T extends { table: SyncedTable; id: string }>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, entry: preferredEntry(SOURCES[item.table].kind, item.id) }))
    .sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0))
    .map(({ item }) => item)
}
const HAS_TITLE = new Set(SOURCE_TABLES.filter((table) => SOURCES[table].title.length > 0).map((table) => SOURCES[table].kind))

/** Quoted as an FTS5 string, every character is literal: operators, quotes and brackets cannot break the query. */
const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Where a word of letters or digits starts or ends: not next to another letter or digit, except a CJK character. */
const WORD_START = `(?:(?<![\\p{L}\\p{N}])|(?<=[${CJK}]))`
const WORD_END = `(?:(?![\\p{L}\\p{N}])|(?=[${CJK}]))`

/**
 * How a term is found. Three characters or more: the trigram index, any substring. Shorter and made of letters,
 * digits or CJK: the per-character index, where one or two CJK characters are one word of the index and a run
 * of letters or digits is a whole word (AI, 5G: not the "ai" inside "maintain"; "5号" is the phrase "5 号").
 * Anything else (%, C+): a LIKE scan, slow at scale but rare.
 */
type TermIndex = 'trigram' | 'chars' | 'like'

interface Term {
  text: string
  index: TermIndex
  /** What the hit's text is marked at, the same rule as the match. */
  pattern: string
}

function termOf(text: string): Term {
  const chars = [...text]
  if (chars.length >= MIN_TRIGRAM_CHARS) return { text, index: 'trigram', pattern: escapeRegExp(text) }
  if (/^[\p{L}\p{N}]+$/u.test(text)) {
    const start = IS_CJK.test(chars[0]!) ? '' : WORD_START
    const end = IS_CJK.test(chars.at(-1)!) ? '' : WORD_END
    return { text, index: 'chars', pattern: `${start}${escapeRegExp(text)}${end}` }
  }
  return { text, index: 'like', pattern: escapeRegExp(text) }
}

/** The FTS5 phrase of a short term in the per-character index. */
function charsPhrase(term: string): string {
  // One or two CJK characters are one word of the index.
  if ([...term].every((char) => IS_CJK.test(char))) return ftsString(term)
  return ftsString(term.replace(CJK_CHAR, ' $& ').trim().replace(/\s+/g, ' '))
}

/** Every term must match; `title` limits them all to the title. */
function ftsExpression(phrases: string[], title: boolean): string {
  const all = phrases.join(' ')
  return title ? `{title} : (${all})` : all
}

/** The SQL that finds the matching entries of one kind (a rowid range), as count or as rowids newest first. */
class MatchQuery {
  private readonly trigram: string[]
  private readonly chars: string[]
  private readonly likes: string[]

  constructor(
    private readonly store: Store,
    terms: Term[],
    private readonly filters: { tripId?: string | undefined; enterpriseId?: string | undefined },
  ) {
    this.trigram = terms.filter((term) => term.index === 'trigram').map((term) => ftsString(term.text))
    this.chars = terms.filter((term) => term.index === 'chars').map((term) => charsPhrase(term.text))
    this.likes = terms.filter((term) => term.index === 'like').map((term) => likePattern(term.text))
  }

  count(range: [bigint, bigint]): number {
    const { from, where, params } = this.build(false, range)
    return this.store.statement(`SELECT COUNT(*) FROM ${from} WHERE ${where}`).pluck().get(...params) as number
  }

  /** The newest `limit` matches. */
  newest(range: [bigint, bigint], limit: number): bigint[] {
    const { from, where, params } = this.build(false, range)
    return this.store
      .statement(`SELECT ${from}.rowid FROM ${from} WHERE ${where} ORDER BY ${from}.rowid LIMIT ?`)
      .pluck()
      .safeIntegers()
      .all(...params, limit) as bigint[]
  }

  /**
   * The newest `limit` matches in the title, of each of these kinds (in kind order), in one walk. A title-only
   * match does not stop at the end of a rowid range (FTS5 looks on for the next title match, through the kinds
   * after it), so one query per kind would walk the later kinds again and again; this walk goes through the
   * matches once, and jumps to the next kind once one has enough.
   */
  newestInTitles(kinds: readonly SearchKind[], limit: number): Map<SearchKind, bigint[]> {
    const found = new Map<SearchKind, bigint[]>(kinds.map((kind) => [kind, []]))
    let next = 0
    while (next < kinds.length) {
      const range: [bigint, bigint] = [kindRange(kinds[next]!)[0], kindRange(kinds.at(-1)!)[1]]
      const { from, where, params } = this.build(true, range)
      const rows = this.store
        .statement(`SELECT ${from}.rowid FROM ${from} WHERE ${where} ORDER BY ${from}.rowid`)
        .pluck()
        .safeIntegers()
        .iterate(...params) as IterableIterator<bigint>
      let jumped = false
      for (const rowid of rows) {
        const kind = kindOfEntry(rowid)
        const list = kind ? found.get(kind) : undefined
        if (!list || list.length >= limit) continue
        list.push(rowid)
        if (list.length === limit) {
          next = kinds.indexOf(kind!) + 1
          jumped = true
          break
        }
      }
      if (!jumped) break
    }
    return found
  }

  /**
   * One FTS5 table drives (trigram if any term needs it, else the per-character one), walking its matches in
   * rowid order within the kind's range; the other index, LIKE terms and the trip and enterprise filters only
   * check them. The SQL depends on the kinds of terms, not their text, so statements are reused.
   */
  private build(title: boolean, range: [bigint, bigint]): { from: string; where: string; params: unknown[] } {
    const where: string[] = []
    const params: unknown[] = []
    const stored: string[] = []
    const storedParams: unknown[] = []
    for (const pattern of this.likes) {
      stored.push(title ? "title LIKE ? ESCAPE '\\'" : "(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')")
      storedParams.push(...(title ? [pattern] : [pattern, pattern]))
    }
    // The trip's (enterprise's) entries of the kind, from the entries table's index: a short list the matches
    // are checked against, rather than reading where each of 90,000 matches belongs.
    const placed: string[] = []
    const placedParams: unknown[] = []
    if (this.filters.tripId) {
      placed.push('trip_id = ?')
      placedParams.push(this.filters.tripId)
    }
    if (this.filters.enterpriseId) {
      placed.push('enterprise_id = ?')
      placedParams.push(this.filters.enterpriseId)
    }

    let from: string
    if (this.trigram.length > 0) {
      from = 'search_index'
      where.push('search_index MATCH ?')
      params.push(ftsExpression(this.trigram, title))
      if (this.chars.length > 0) {
        // `+` keeps FTS5 from looking the trigram match up once per rowid of the list: it walks its own matches.
        where.push('+search_index.rowid IN (SELECT rowid FROM search_index_chars WHERE search_index_chars MATCH ? AND rowid BETWEEN ? AND ?)')
        params.push(ftsExpression(this.chars, title), ...range)
      }
      where.push(...stored)
      params.push(...storedParams)
    } else if (this.chars.length > 0) {
      from = 'search_index_chars'
      where.push('search_index_chars MATCH ?')
      params.push(ftsExpression(this.chars, title))
      if (stored.length > 0) {
        // The per-character index stores no text: the stored columns are read for its matches only, by rowid.
        where.push(`EXISTS (SELECT 1 FROM search_index WHERE search_index.rowid = search_index_chars.rowid AND ${stored.join(' AND ')})`)
        params.push(...storedParams)
      }
    } else {
      from = 'search_index'
      where.push(...stored)
      params.push(...storedParams)
    }
    if (placed.length > 0) {
      where.push(`+${from}.rowid IN (SELECT entry FROM search_index_entries WHERE ${placed.join(' AND ')} AND entry BETWEEN ? AND ?)`)
      params.push(...placedParams, ...range)
    }
    where.push(`${from}.rowid BETWEEN ? AND ?`)
    params.push(...range)
    return { from, where: where.join(' AND '), params }
  }
}

/**
 * The full-text index of every record, kept in step with the data inside each write transaction: the trigram
 * table `search_index` (which also stores each entry's text, trip and enterprise) and the per-character table
 * `search_index_chars` (no stored text) for one- and two-character words, which trigrams cannot serve. A record
 * in the trash leaves the index, and so do the rows under it (a trashed symposium's remarks); restoring brings
 * them back.
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

  /**
   * True when the index must be filled from the tables: it is empty (data written before it existed), was
   * written by an older version (before data version 5: no entries table, no per-character index, entries
   * numbered differently), or a rebuild in steps was cut short (the app quit during it).
   */
  needsRebuild(): boolean {
    const db = this.store.db
    if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(REBUILD_PENDING)) return true
    if (db.prepare('SELECT 1 FROM search_index LIMIT 1').get()) {
      return !(db.prepare('SELECT 1 FROM search_index_entries LIMIT 1').get() && db.prepare('SELECT 1 FROM search_index_chars LIMIT 1').get())
    }
    return SOURCE_TABLES.some((table) => db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get())
  }

  /** Fills the index at once when it needs it (the command line and the tests); the app uses `rebuildInSteps`. */
  rebuildIfEmpty(): boolean {
    if (!this.needsRebuild()) return false
    this.rebuild()
    return true
  }

  rebuild(): void {
    this.store.db.transaction(() => {
      this.clear()
      const reader = new RowReader(this.store)
      for (const table of TABLES_IN_ENTRY_ORDER) {
        // Read each table whole: better-sqlite3 cannot write while a read is still iterating.
        const rows = this.store.db.prepare(`SELECT * FROM "${table}" WHERE deleted = 0`).all() as Row[]
        for (const { row } of inEntryOrder(rows.map((row) => ({ table, id: String(row['id']), row })))) this.write(table, row, reader)
      }
      this.store.db.prepare('DELETE FROM meta WHERE key = ?').run(REBUILD_PENDING)
    })()
    this.stale = false
  }

  /**
   * The same rebuild in steps of a few thousand rows, each its own transaction, giving the event loop back in
   * between: at data size L a rebuild takes many seconds, and the app must answer meanwhile. Edits made during
   * it are indexed by the write path as always (a later step writing the same row again changes nothing).
   * A marker in meta makes the next opening start again if this one is cut short. Resolves false when there
   * was nothing to do or the store closed on the way.
   */
  async rebuildInSteps(onProgress: (progress: RebuildProgress) => void, rowsPerStep = REBUILD_STEP_ROWS): Promise<boolean> {
    // The step is scheduled after opening: a core closed at once (a command, a quick quit) has nothing to fill.
    if (!this.store.db.open || !this.needsRebuild()) return false
    const db = this.store.db
    const total = TABLES_IN_ENTRY_ORDER.reduce(
      (sum, table) => sum + (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE deleted = 0`).get() as { n: number }).n,
      0,
    )
    db.transaction(() => {
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(REBUILD_PENDING, new Date().toISOString())
      this.clear()
    })()
    let done = 0
    onProgress({ done, total, finished: false })
    for (const table of TABLES_IN_ENTRY_ORDER) {
      let after = 0
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve))
        if (!db.open) return false
        const rows = db.prepare(`SELECT rowid AS rebuild_rowid, * FROM "${table}" WHERE deleted = 0 AND rowid > ? ORDER BY rowid LIMIT ?`).all(after, rowsPerStep) as Row[]
        if (rows.length === 0) break
        after = Number(rows.at(-1)!['rebuild_rowid'])
        db.transaction(() => {
          const reader = new RowReader(this.store)
          const items = rows.map(({ rebuild_rowid: _rowid, ...row }) => ({ table, id: String(row['id']), row }))
          for (const { row } of inEntryOrder(items)) this.write(table, row, reader)
        })()
        done += rows.length
        onProgress({ done, total, finished: false })
      }
    }
    db.prepare('DELETE FROM meta WHERE key = ?').run(REBUILD_PENDING)
    this.stale = false
    onProgress({ done, total, finished: true })
    return true
  }

  private clear(): void {
    this.store.db.prepare('DELETE FROM search_index').run()
    this.store.db.prepare("INSERT INTO search_index_chars (search_index_chars) VALUES ('delete-all')").run()
    this.store.db.prepare('DELETE FROM search_index_entries').run()
  }

  /** Re-indexes written rows, and the rows under any whose trip, enterprise or liveness changed. */
  update(rows: readonly WrittenRow[]): void {
    const reader = new RowReader(this.store)
    const done = new Set<string>()
    let wave: { table: SyncedTable; id: string }[] = []
    for (const { table, rowId } of rows) if (isSyncedTable(table)) wave.push({ table, id: rowId })
    // In waves: the written rows, then the rows under those that moved, then the rows under those...
    while (wave.length > 0) {
      const next: typeof wave = []
      for (const { table, id } of inEntryOrder(wave)) {
        const key = `${table}\u0000${id}`
        if (done.has(key)) continue
        done.add(key)
        const row = reader.get(table, id)
        if (!row) continue
        if (this.write(table, row, reader)) {
          for (const link of CHILD_LINKS[table]) {
            const children = this.store.statement(`SELECT id FROM "${link.table}" WHERE "${link.column}" = ?`).all(id) as { id: string }[]
            for (const child of children) next.push({ table: link.table, id: child.id })
          }
        }
      }
      wave = next
    }
  }

  /** Writes (or removes) the row's entry; true when its trip, enterprise or presence changed. */
  private write(table: SyncedTable, row: Row, reader: RowReader): boolean {
    const source = SOURCES[table]
    const id = String(row['id'])
    const before = this.store
      .statement('SELECT entry, trip_id, enterprise_id FROM search_index_entries WHERE row_id = ? AND kind = ?')
      .safeIntegers()
      .get(id, source.kind) as { entry: bigint; trip_id: string; enterprise_id: string } | undefined
    const placement = place(table, row, reader)
    if (before) {
      this.store.statement('DELETE FROM search_index WHERE rowid = ?').run(before.entry)
      this.store.statement('DELETE FROM search_index_chars WHERE rowid = ?').run(before.entry)
    }
    // Every live row has an entry, text or not, so that its presence tells whether it was live.
    if (placement.live) {
      const entry = before?.entry ?? this.freeEntry(preferredEntry(source.kind, id))
      const title = textOf(row, source.title)
      const body = textOf(row, source.body)
      this.store
        .statement('INSERT INTO search_index (rowid, kind, row_id, trip_id, enterprise_id, title, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(entry, source.kind, id, placement.tripId, placement.enterpriseId, title, body)
      this.store.statement('INSERT INTO search_index_chars (rowid, title, body) VALUES (?, ?, ?)').run(entry, spacedText(title), spacedText(body))
      // Plain INSERT and UPDATE: INSERT OR REPLACE opens a statement savepoint, and FTS5 writes its pending terms
      // out at every savepoint, which made rebuilding the index ten times slower.
      const parentKind = placement.parentTable ? SOURCES[placement.parentTable].kind : ''
      if (before) {
        this.store
          .statement('UPDATE search_index_entries SET trip_id = ?, enterprise_id = ?, parent_kind = ?, parent_id = ? WHERE entry = ?')
          .run(placement.tripId, placement.enterpriseId, parentKind, placement.parentId, entry)
      } else {
        this.store
          .statement(
            'INSERT INTO search_index_entries (entry, kind, row_id, trip_id, enterprise_id, parent_kind, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(entry, source.kind, id, placement.tripId, placement.enterpriseId, parentKind, placement.parentId)
      }
    } else if (before) {
      this.store.statement('DELETE FROM search_index_entries WHERE entry = ?').run(before.entry)
    }
    if (!before) return placement.live
    return !placement.live || before.trip_id !== placement.tripId || before.enterprise_id !== placement.enterpriseId
  }

  /** The first unused entry number from `preferred` on (records of one kind made in the same millisecond). */
  private freeEntry(preferred: bigint): bigint {
    const taken = this.store.statement('SELECT 1 FROM search_index_entries WHERE entry = ?')
    let entry = preferred
    while (taken.get(entry)) entry++
    return entry
  }

  query(input: SearchQuery & { limit: number }): SearchResults {
    if (this.stale) this.rebuild()
    const q = input.q.replace(new RegExp(`[${MARK_START}${MARK_END}]`, 'g'), '').replace(/\s+/g, ' ').trim()
    const terms = [...new Set(q.split(' ').filter(Boolean))].slice(0, MAX_TERMS).map(termOf)
    const kinds = input.kinds ? SEARCH_KINDS.filter((kind) => input.kinds!.includes(kind)) : SEARCH_KINDS
    if (terms.length === 0 || kinds.length === 0) return { q, total: 0, groups: [] }

    const match = new MatchQuery(this.store, terms, input)
    const highlight = new Highlighter(terms)
    // Where the entry belongs from the small entries table; its text from the index, for the shown hits only.
    const entry = this.store.statement(
      `SELECT e.kind, e.row_id, e.trip_id, e.enterprise_id, e.parent_kind, e.parent_id, s.title, s.body
       FROM search_index_entries e, search_index s WHERE e.entry = ? AND s.rowid = e.entry`,
    )
    const reader = new RowReader(this.store)
    const groups: SearchResults['groups'] = []
    let total = 0
    const counts = kinds.map((kind) => ({ kind, count: match.count(kindRange(kind)) })).filter(({ count }) => count > 0)
    // Matches in the title first, then the rest; each newest first.
    const inTitles = match.newestInTitles(
      counts.filter(({ kind }) => HAS_TITLE.has(kind)).map(({ kind }) => kind),
      input.limit,
    )
    for (const { kind, count } of counts) {
      total += count
      const rowids = [...(inTitles.get(kind) ?? [])]
      if (rowids.length < input.limit && rowids.length < count) {
        const inTitle = new Set(rowids)
        for (const rowid of match.newest(kindRange(kind), input.limit + rowids.length)) {
          if (rowids.length === input.limit) break
          if (!inTitle.has(rowid)) rowids.push(rowid)
        }
      }
      const hits = rowids.map((rowid) => this.hit(entry.get(rowid) as EntryRow, highlight, reader))
      groups.push({ kind, count, hits })
    }
    return { q, total, groups }
  }

  private hit(row: EntryRow, highlight: Highlighter, reader: RowReader): SearchHit {
    const parentTable = row.parent_kind ? TABLE_OF_KIND[row.parent_kind] : null
    const parentRow = parentTable ? reader.get(parentTable, row.parent_id) : null
    const tripRow = row.trip_id ? reader.get('trips', row.trip_id) : null
    const enterpriseRow = row.enterprise_id ? reader.get('enterprises', row.enterprise_id) : null
    return {
      kind: row.kind,
      id: row.row_id,
      tripId: row.trip_id,
      enterpriseId: row.enterprise_id,
      parentId: row.parent_id,
      parentKind: row.parent_kind,
      title: highlight.mark(row.title),
      snippet: highlight.mark(highlight.excerpt(row.body)),
      parentLabel: parentTable && parentRow ? labelOf(parentTable, parentRow) : '',
      tripTitle: tripRow ? labelOf('trips', tripRow) : '',
      enterpriseName: enterpriseRow ? labelOf('enterprises', enterpriseRow) : '',
    }
  }
}

/** Marks the terms in the text of a hit, by the same rules they matched by (case-insensitively). */
class Highlighter {
  private readonly pattern: RegExp

  constructor(terms: Term[]) {
    // Longer terms first, so that one containing another is marked whole.
    const patterns = [...terms].sort((a, b) => b.text.length - a.text.length).map((term) => term.pattern)
    this.pattern = new RegExp(patterns.join('|'), 'giu')
  }

  mark(text: string): string {
    return text.replace(this.pattern, (found) => `${MARK_START}${found}${MARK_END}`)
  }

  /** The part of a long text around the first match, on one line. */
  excerpt(text: string): string {
    this.pattern.lastIndex = 0
    const at = this.pattern.exec(text)?.index ?? 0
    this.pattern.lastIndex = 0
    let start = Math.max(0, at - EXCERPT_BEFORE)
    let end = Math.min(text.length, start + EXCERPT_LENGTH)
    // Never cut a character outside the basic plane in half.
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--
    if (isLowSurrogate(text.charCodeAt(end))) end++
    return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`
  }
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff
