import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_CLOCK_DRIFT_MS, formatHlc, HybridLogicalClock, parseHlc } from '../../../shared/hlc'
import { cellProblem, changeProblem } from '../../../shared/sync/check-change'
import { PullQuery, PushRequest } from '../../../shared/sync/protocol'
import { tempDir } from '../../helpers/temp'
import { openStore } from '../../../electron/core/store/store'

const NOW = Date.UTC(2026, 11, 4, 12)
const node = 'a1b2c3d4e5f60718'
const id = '0193b6a2-5c1e-7a10-8a2b-3c4d5e6f7a8b'
const hlc = (millis = NOW) => formatHlc({ millis, counter: 0, node })
const options = { now: NOW, maxDriftMs: 5 * 60_000 }

describe('the one check of an incoming change', () => {
  it('checks each value with its field schema, not only its column kind', () => {
    expect(cellProblem('trips', 'regions', '["安徽","江苏"]')).toBeUndefined()
    // Valid JSON, wrong shape: the trips list would fail to render it.
    expect(cellProblem('trips', 'regions', '42')).toMatchObject({ kind: 'invalidValue', column: 'regions' })
    expect(cellProblem('symposiums', 'consensus', '"x"')).toMatchObject({ kind: 'invalidValue', column: 'consensus' })
    expect(cellProblem('trips', 'status', 'exploded')).toMatchObject({ kind: 'invalidValue', column: 'status' })
    expect(cellProblem('trips', 'status', 'ongoing')).toBeUndefined()
    expect(cellProblem('attachments', 'hash', '../../etc/passwd'.padEnd(64, 'a'))).toMatchObject({ kind: 'invalidValue' })
    expect(cellProblem('attachments', 'hash', 'ab'.repeat(32))).toBeUndefined()
    expect(cellProblem('trips', 'deleted', 1)).toBeUndefined()
    expect(cellProblem('trips', 'deleted', 2)).toMatchObject({ kind: 'wrongKind' })
    expect(cellProblem('trips', 'title', 42)).toMatchObject({ kind: 'wrongKind' })
    expect(cellProblem('trips', 'password', 'x')).toMatchObject({ kind: 'unknownField' })
    expect(cellProblem('trips', '__proto__', 'x')).toMatchObject({ kind: 'unknownField' })
    expect(cellProblem('trips', 'toString', 'x')).toMatchObject({ kind: 'unknownField' })
  })

  it('checks the row id, the clock and that there is something to change', () => {
    const good = { hlc: hlc(), table: 'trips', rowId: id, cells: { title: '皖苏调研' } }
    expect(changeProblem(good, options)).toBeUndefined()
    expect(changeProblem({ ...good, rowId: '../x' }, options)).toMatchObject({ kind: 'invalidRowId' })
    expect(changeProblem({ ...good, hlc: 'ffffffffffff-ffff-' + node }, options)).toMatchObject({ kind: 'clockAhead' })
    expect(changeProblem({ ...good, hlc: hlc(NOW + 4 * 60_000) }, options)).toBeUndefined()
    expect(changeProblem({ ...good, hlc: 'yesterday' }, options)).toMatchObject({ kind: 'invalidClock' })
    expect(changeProblem({ ...good, cells: {} }, options)).toMatchObject({ kind: 'noCells' })
    expect(changeProblem({ ...good, table: 'sync_state' }, options)).toMatchObject({ kind: 'unknownField' })
  })

  it('refuses a pushed __proto__ key, empty cells and a sequence that is not plain digits', () => {
    const batch = (cells: string) => JSON.parse(`{"batchId":"${crypto.randomUUID()}","changes":[{"hlc":"${hlc()}","table":"trips","rowId":"${id}","cells":${cells}}]}`) as unknown
    expect(PushRequest.safeParse(batch('{"title":"x"}')).success).toBe(true)
    expect(PushRequest.safeParse(batch('{"__proto__":"x","title":"x"}')).success).toBe(false)
    expect(PushRequest.safeParse(batch('{}')).success).toBe(false)
    expect(PullQuery.safeParse({ after: '16' }).data?.after).toBe(16)
    for (const after of ['0x10', '1e3', ' 16', '-1', '']) expect(PullQuery.safeParse({ after }).success, after).toBe(false)
  })
})

describe('clock arithmetic cannot overflow', () => {
  it('stays at the largest clock rather than growing past its width', () => {
    let wall = NOW
    // Received, the largest clock does not move ours (it is far beyond the drift limit)...
    const bounded = new HybridLogicalClock(node, null, () => wall)
    bounded.receive('ffffffffffff-ffff-0123456789abcdef')
    expect(parseHlc(bounded.now()).millis).toBeLessThanOrEqual(NOW + DEFAULT_MAX_CLOCK_DRIFT_MS)
    // ...and a clock that already holds it (saved by an earlier version) stays at it rather than growing past.
    const clock = new HybridLogicalClock(node, 'ffffffffffff-ffff-0123456789abcdef', () => wall)
    for (let i = 0; i < 3; i++) expect(clock.now()).toMatch(/^ffffffffffff-ffff-/)
    wall += 1000
    expect(parseHlc(clock.now()).millis).toBe(2 ** 48 - 1)
    expect(() => formatHlc({ millis: 2 ** 48, counter: 0, node })).toThrow(/out of range/)
    expect(() => formatHlc({ millis: 1, counter: 0x10000, node })).toThrow(/out of range/)
  })

  it('opens a workspace whose saved clock an earlier version let overflow', () => {
    const dir = tempDir('fieldbook-hlc-')
    try {
      const store = openStore({ dataDir: dir.path })
      store.db.prepare("UPDATE meta SET value = ? WHERE key = 'hlc'").run(`1000000000000-0000-${store.nodeId}`)
      store.close()
      const reopened = openStore({ dataDir: dir.path })
      expect(reopened.clock.now()).toMatch(/^ffffffffffff-ffff-/)
      reopened.close()
    } finally {
      dir.cleanup()
    }
  })
})
