import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { formatHlc } from '../../../shared/hlc'
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations'
import { DATABASE_FILE, openStore, type Store } from '../../../electron/core/store/store'
import { tempDir } from '../../helpers/temp'

const ROW = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
const OTHER = 'cccccccccccccccc'

function count(store: Store, sql: string): number {
  return (store.db.prepare(sql).get() as { n: number }).n
}

describe('store', () => {
  let dir: ReturnType<typeof tempDir>
  let store: Store
  beforeEach(() => {
    dir = tempDir()
    store = openStore({ dataDir: dir.path })
  })
  afterEach(() => {
    store.close()
    dir.cleanup()
  })

  it('opens with WAL, foreign keys, synchronous FULL and the current schema version', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2)
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(store.nodeId).toMatch(/^[0-9a-f]{16}$/)
  })

  it('keeps its node id and clock across reopening', () => {
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: '皖苏调研' }])
    const node = store.nodeId
    const last = store.clock.current()
    store.close()
    store = openStore({ dataDir: dir.path, wallClock: () => 0 })
    expect(store.nodeId).toBe(node)
    expect(store.clock.now() > last).toBe(true)
  })

  it('writes a local change to the row, the field clocks, the change log and the outbox in one step', () => {
    const result = store.applyChanges([
      { table: 'trips', rowId: ROW, column: 'title', value: '皖苏调研' },
      { table: 'trips', rowId: ROW, column: 'status', value: 'ongoing' },
    ])
    expect(result).toEqual({ applied: 2, superseded: 0, tables: ['trips'] })
    expect(store.db.prepare('SELECT title, status FROM trips WHERE id = ?').get(ROW)).toEqual({
      title: '皖苏调研',
      status: 'ongoing',
    })
    // Fields of one row edited in one batch share a clock value and one log entry.
    const clocks = store.clocksOf('trips', ROW)
    expect(Object.keys(clocks).sort()).toEqual(['status', 'title'])
    expect(clocks['title']).toBe(clocks['status'])
    const log = store.db.prepare('SELECT hlc, cells, source, outbox FROM change_log').all() as { hlc: string; cells: string }[]
    expect(log).toEqual([{ hlc: clocks['title'], cells: JSON.stringify({ title: '皖苏调研', status: 'ongoing' }), source: 'local', outbox: 1 }])
    // A later edit of one field moves only that field's clock.
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'status', value: 'completed' }])
    const after = store.clocksOf('trips', ROW)
    expect(after['title']).toBe(clocks['title'])
    expect(after['status']! > clocks['status']!).toBe(true)
  })

  it('lets the greater clock win per field and keeps the losing value in the log', () => {
    const old = formatHlc({ millis: 1_000, counter: 0, node: OTHER })
    const future = formatHlc({ millis: Date.now() + 60_000, counter: 0, node: OTHER })
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'local title' }])
    const late = store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'stale', hlc: old }], {
      source: 'remote',
    })
    expect(late).toMatchObject({ applied: 0, superseded: 1 })
    expect(store.db.prepare('SELECT title FROM trips').get()).toEqual({ title: 'local title' })
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'newer', hlc: future }], { source: 'remote' })
    expect(store.db.prepare('SELECT title FROM trips').get()).toEqual({ title: 'newer' })
    const log = store.db.prepare('SELECT cells, source, outbox FROM change_log ORDER BY seq').all()
    expect(log).toEqual([
      { cells: '{"title":"local title"}', source: 'local', outbox: 1 },
      { cells: '{"title":"stale"}', source: 'remote', outbox: 0 },
      { cells: '{"title":"newer"}', source: 'remote', outbox: 0 },
    ])
    // The local clock moved past what it received, so the next local edit wins again.
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'mine again' }])
    expect(store.db.prepare('SELECT title FROM trips').get()).toEqual({ title: 'mine again' })
  })

  it('applies the same received change twice without logging it twice, and merges a batch split across pages', () => {
    const hlc = formatHlc({ millis: 2_000, counter: 1, node: OTHER })
    const change = { table: 'trips', rowId: ROW, column: 'title', value: 'once', hlc }
    store.applyChanges([change], { source: 'remote' })
    store.applyChanges([change], { source: 'remote' })
    store.applyChanges([{ ...change, column: 'purpose', value: 'later page' }], { source: 'remote' })
    expect(store.db.prepare('SELECT cells FROM change_log').all()).toEqual([{ cells: '{"title":"once","purpose":"later page"}' }])
    expect(store.db.prepare('SELECT title, purpose FROM trips').get()).toEqual({ title: 'once', purpose: 'later page' })
  })

  it('deletes by tombstone: the row stays, marked deleted, and can be brought back', () => {
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'x' }])
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'deleted', value: 1 }])
    expect(store.db.prepare('SELECT deleted FROM trips').get()).toEqual({ deleted: 1 })
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'deleted', value: 0 }])
    expect(store.db.prepare('SELECT deleted, title FROM trips').get()).toEqual({ deleted: 0, title: 'x' })
  })

  it('refuses unknown tables, unknown columns and values of the wrong kind before writing anything', () => {
    const good = { table: 'trips', rowId: ROW, column: 'title', value: 'kept out' }
    expect(() => store.applyChanges([good, { table: 'secrets', rowId: ROW, column: 'x', value: 1 }])).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_FIELD' }),
    )
    expect(() => store.applyChanges([good, { table: 'trips', rowId: ROW, column: 'id', value: 'x' }])).toThrow(AppError)
    expect(() => store.applyChanges([good, { table: 'trips', rowId: ROW, column: 'regions', value: '{broken' }])).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    )
    expect(() => store.applyChanges([good, { table: 'trips', rowId: ROW, column: 'deleted', value: 2 }])).toThrow(AppError)
    expect(() => store.applyChanges([good, { table: 'trips', rowId: ROW, column: 'title', value: null }])).toThrow(AppError)
    expect(() =>
      store.applyChanges([{ ...good, hlc: 'yesterday' }], { source: 'remote' }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
    expect(count(store, 'SELECT count(*) n FROM trips')).toBe(0)
    expect(count(store, 'SELECT count(*) n FROM change_log')).toBe(0)
  })

  it('leaves nothing half-written when a constraint fails in the middle of a batch', () => {
    const second = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c'
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'before' }])
    const logBefore = count(store, 'SELECT count(*) n FROM change_log')
    const clockBefore = store.db.prepare("SELECT value FROM meta WHERE key = 'hlc'").get()
    // A failure injected at the second row, after the first row of the batch was already written.
    store.db.exec("CREATE TRIGGER fail_on_boom BEFORE INSERT ON trips WHEN NEW.title = 'boom' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    expect(() =>
      store.applyChanges([
        { table: 'trips', rowId: ROW, column: 'title', value: 'after' },
        { table: 'trips', rowId: second, column: 'title', value: 'boom' },
      ]),
    ).toThrow(/disk on fire/)
    expect(store.db.prepare('SELECT id, title FROM trips').all()).toEqual([{ id: ROW, title: 'before' }])
    expect(count(store, 'SELECT count(*) n FROM change_log')).toBe(logBefore)
    expect(Object.keys(store.clocksOf('trips', ROW))).toEqual(['title'])
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'hlc'").get()).toEqual(clockBefore)
  })

  it('tells listeners which tables changed, only after commit', () => {
    const seen: string[][] = []
    store.onChange((tables) => seen.push(tables))
    store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: 'x' }])
    expect(() => store.applyChanges([{ table: 'trips', rowId: ROW, column: 'title', value: null }])).toThrow()
    expect(seen).toEqual([['trips']])
  })
})

describe('opening data', () => {
  it('refuses a database written by a newer version with a clear message, leaving it untouched', () => {
    const dir = tempDir()
    try {
      const db = new Database(join(dir.path, DATABASE_FILE))
      db.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
      db.close()
      let error: unknown
      try {
        openStore({ dataDir: dir.path })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ code: 'DB_NEWER_VERSION' })
      expect((error as Error).message).toMatch(/newer version of Fieldbook/)
      const check = new Database(join(dir.path, DATABASE_FILE))
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5)
      expect(check.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'trips'").get()).toEqual({ n: 0 })
      check.close()
    } finally {
      dir.cleanup()
    }
  })

  it('reports a file that is not a database as DB_OPEN_FAILED', () => {
    const dir = tempDir()
    try {
      writeFileSync(join(dir.path, DATABASE_FILE), 'this is a spreadsheet, not a database '.repeat(200))
      expect(() => openStore({ dataDir: dir.path })).toThrow(expect.objectContaining({ code: 'DB_OPEN_FAILED' }))
    } finally {
      dir.cleanup()
    }
  })
})
