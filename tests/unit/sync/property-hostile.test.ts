import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatHlc, HLC_PATTERN, parseHlc } from '../../../shared/hlc'
import { cellProblem } from '../../../shared/sync/check-change'
import { openDevice, startTeamServer, tableRows, type Device, type TeamServer } from './helpers'

/**
 * Property: a hostile peer holding a member token sends, between honest edits and syncs, malformed and extreme
 * clocks, wrong shapes (unknown tables and columns, values of the wrong kind or refused by their field, empty or
 * odd cells), ids that are not UUIDv7 or not ids at all, and plants the same in the server's storage (as an older
 * server without the checks would have stored them). Invariants: every honest device keeps syncing without an
 * error, holds only well-formed data (every value accepted by its field, every clock well-formed and not ahead),
 * and all of them converge.
 *
 * FIELDBOOK_PROPERTY_RUNS=200 runs longer; FIELDBOOK_PROPERTY_SEED replays a failure.
 */
const RUNS = Number(process.env['FIELDBOOK_PROPERTY_RUNS'] ?? 12)
const SEED = Number(process.env['FIELDBOOK_PROPERTY_SEED'] ?? 20261204)
const HOUR = 60 * 60_000
const HOSTILE_NODE = 'deadbeefdeadbeef'

const uuid7 = (n: number) => `0190a1b2-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
const TRIP_ROWS = [0, 1].map(uuid7)

const clockArb = fc.oneof(
  fc.constant('ffffffffffff-ffff-' + HOSTILE_NODE),
  fc.constant('000000000000-0000-' + HOSTILE_NODE),
  fc.integer({ min: 1, max: 400 }).map((days) => formatHlc({ millis: Date.now() + days * 24 * HOUR, counter: 0, node: HOSTILE_NODE })),
  fc.constant(formatHlc({ millis: Date.now(), counter: 0xffff, node: HOSTILE_NODE })),
  fc.string({ maxLength: 40 }),
  fc.constant('1000000000000-0000-' + HOSTILE_NODE),
)
const rowIdArb = fc.oneof(fc.constantFrom(...TRIP_ROWS), fc.constant('').map(() => randomUUID()), fc.string({ maxLength: 70 }), fc.constant('../../etc/passwd'))
const tableArb = fc.constantFrom('trips', 'notes', 'symposiums', 'attachments', 'sync_state', '__proto__', 'meta')
const columnArb = fc.constantFrom('title', 'regions', 'status', 'consensus', 'hash', 'text', 'kind', 'deleted', 'clocks', '__proto__', 'start_date')
const valueArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('42', '"x"', '{"a":1}', '[1,2]', '["安徽"]', 'exploded', 'ongoing', '../'.repeat(22), '\u202Etxt.exe', ''),
  fc.integer(),
  fc.double(),
)
const hostileChange = fc.record({ hlc: clockArb, table: tableArb, rowId: rowIdArb, cells: fc.dictionary(columnArb, valueArb, { maxKeys: 3 }) })

type Action =
  | { type: 'edit'; client: number; row: number; title: string }
  | { type: 'note'; client: number; v4: boolean }
  | { type: 'sync'; client: number }
  | { type: 'push'; changes: unknown[] }
  | { type: 'plant'; change: { hlc: string; table: string; rowId: string; cells: Record<string, unknown> } }
  | { type: 'validV4'; count: number }

const client = fc.nat(1)
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('edit' as const), client, row: fc.nat(1), title: fc.constantFrom('皖苏调研', '浙江', 'Shanghai visit') }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('note' as const), client, v4: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('sync' as const), client }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('push' as const), changes: fc.array(hostileChange, { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('plant' as const), change: hostileChange }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('validV4' as const), count: fc.integer({ min: 1, max: 30 }) }) },
)

describe('sync property with a hostile peer', () => {
  let server: TeamServer
  beforeAll(async () => {
    server = await startTeamServer('hostile', { maxClockDriftMs: 5 * 60_000 })
  })
  afterAll(() => server.cleanup())

  it(`honest devices keep syncing and stay well-formed whatever a hostile peer sends (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 24 }), async (actions) => {
        const { team } = await server.server.createTeam(`run ${run++}`)
        const invite = async () => (await server.server.createInvite(team.id)).code
        const devices: Device[] = [openDevice('A'), openDevice('B')]
        try {
          for (const device of devices) await device.ok('sync.join', { serverUrl: server.server.url, inviteCode: await invite(), deviceName: device.name })
          const joined = await fetch(`${server.server.url}/v1/join`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ inviteCode: await invite(), deviceName: 'peer', nodeId: HOSTILE_NODE }),
          })
          const { token, deviceId } = (await joined.json()) as { token: string; deviceId: string }
          const push = (changes: unknown[]) =>
            fetch(`${server.server.url}/v1/push`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ batchId: randomUUID(), changes }),
            })
          for (const device of devices) {
            await device.ok('trip.create', { title: '起点', startDate: '2025-05-12', endDate: '2025-05-16' }).catch(() => {})
          }
          for (const id of TRIP_ROWS) {
            devices[0]!.core.store.applyChanges([
              { table: 'trips', rowId: id, column: 'title', value: '共同的行程' },
              { table: 'trips', rowId: id, column: 'start_date', value: '2025-05-12' },
              { table: 'trips', rowId: id, column: 'end_date', value: '2025-05-16' },
            ])
          }
          let counter = 0
          for (const step of actions) {
            if (step.type === 'edit') devices[step.client]!.core.store.applyChanges([{ table: 'trips', rowId: TRIP_ROWS[step.row]!, column: 'title', value: step.title }])
            else if (step.type === 'note') {
              const id = step.v4 ? randomUUID() : undefined
              if (id) devices[step.client]!.core.store.applyChanges([{ table: 'notes', rowId: id, column: 'text', value: '一条笔记' }, { table: 'notes', rowId: id, column: 'kind', value: 'note' }])
              else await devices[step.client]!.ok('note.create', { text: '一条笔记' })
            } else if (step.type === 'sync') await devices[step.client]!.core.sync.sync({ manual: true })
            else if (step.type === 'push') {
              const response = await push(step.changes)
              // Nothing a hostile peer makes up is stored, except what happens to be a valid change of its own.
              expect([200, 400, 403, 409]).toContain(response.status)
            } else if (step.type === 'validV4') {
              const changes = Array.from({ length: step.count }, () => ({ hlc: formatHlc({ millis: Date.now(), counter: counter++ % 0xffff, node: HOSTILE_NODE }), table: 'notes', rowId: randomUUID(), cells: { text: 'v4', kind: 'note' } }))
              expect((await push(changes)).status).toBe(200)
            } else {
              // As an older server without the checks stored it.
              const db = server.server.store.sqlite!
              const head = (db.prepare('SELECT head FROM teams WHERE id = ?').get(team.id) as { head: number }).head + 1
              const { change } = step
              const hlc = HLC_PATTERN.test(change.hlc) ? change.hlc : formatHlc({ millis: Date.now(), counter: 1, node: HOSTILE_NODE })
              db.prepare('INSERT OR IGNORE INTO changes (team_id, seq, hlc, tbl, row_id, cells, base, device_id, batch_id) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)').run(
                team.id, head, hlc, change.table, change.rowId.slice(0, 64) || 'x', JSON.stringify(change.cells), deviceId, randomUUID(),
              )
              db.prepare('UPDATE teams SET head = ? WHERE id = ?').run(head, team.id)
            }
          }

          for (let round = 0; round < 2; round++) for (const device of devices) await device.core.sync.sync({ manual: true })
          for (const device of devices) {
            expect(device.core.sync.status().lastError, device.name).toBeUndefined()
            const current = device.core.store.clock.current()
            expect(parseHlc(current).millis, device.name).toBeLessThan(Date.now() + HOUR)
            for (const hlc of device.core.store.db.prepare('SELECT hlc FROM change_log').pluck().all() as string[]) {
              expect(HLC_PATTERN.test(hlc) && parseHlc(hlc).millis < Date.now() + HOUR, hlc).toBe(true)
            }
            for (const table of ['trips', 'notes', 'symposiums', 'attachments']) {
              for (const row of tableRows(device.core, table)) {
                for (const [column, value] of Object.entries(row)) {
                  if (column === 'id') continue
                  // A column never written keeps its database default; everything written passed its field.
                  if (value === null || value === '' || value === 0 || value === '[]') continue
                  expect(cellProblem(table, column, value), `${device.name} ${table}.${column} = ${String(value)}`).toBeUndefined()
                }
              }
            }
          }
          expect(tableRows(devices[1]!.core, 'trips')).toEqual(tableRows(devices[0]!.core, 'trips'))
          expect(tableRows(devices[1]!.core, 'notes')).toEqual(tableRows(devices[0]!.core, 'notes'))
        } finally {
          devices.forEach((device) => device.close())
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  })
})
