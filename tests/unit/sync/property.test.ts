import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BlobStore } from '../../../electron/core/attachments/blob-store'
import type { ChangeInput } from '../../../electron/core/store/store'
import type { PullResponse } from '../../../shared/sync/protocol'
import { AppError } from '../../../shared/errors'
import { DEFAULT_MAX_CLOCK_DRIFT_MS, parseHlc } from '../../../shared/hlc'
import { watchModeOf } from '../../../shared/fields'
import { describeBackends } from '../server/backends'
import { openDevice, serverChangeIds, startTeamServer, type Device, type TeamServer } from './helpers'

/**
 * Model-based: four devices with clocks behind by up to three days or ahead by less than the drift limit, and a
 * fifth whose clock runs a year ahead, make random edits (texts, choices and lists of texts), deletes and photos,
 * and sync fully or partly, with pages and batches delivered twice or out of order, and restart. The server
 * refuses clocks beyond its time plus the drift limit, so the fifth device's changes wait until its clock is set
 * right before the final rounds. After two full rounds every replica must equal the reference model (per field,
 * the value of the change with the greatest clock, as finally stamped), hold every photo and every change the
 * server acknowledged; no device's clock ever ran beyond its own wall clock plus the drift limit; and every
 * concurrent edit of a watched field that nobody later wrote over knowingly is the winner or in the conflict list.
 *
 * FIELDBOOK_PROPERTY_RUNS=500 runs longer; FIELDBOOK_PROPERTY_SEED replays a failure.
 */
const RUNS = Number(process.env['FIELDBOOK_PROPERTY_RUNS'] ?? 25)
const SEED = Number(process.env['FIELDBOOK_PROPERTY_SEED'] ?? 20250516)
const CLIENTS = 5
/** The device whose clock runs a year ahead until it is set right before the final rounds. */
const AHEAD = CLIENTS - 1
const DAY = 24 * 60 * 60_000
const YEAR = 365 * DAY

const uuid = (n: number, prefix: string) => `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
/** A small shared pool of rows, so devices often touch the same ones. Ids are fixed: any device may edit any row. */
const ROWS = {
  enterprises: [0, 1, 2].map((n) => uuid(n, '0190a1b2')),
  notes: [0, 1].map((n) => uuid(n, '0190a1b3')),
  symposiums: [0, 1].map((n) => uuid(n, '0190a1b5')),
  attachments: [0, 1, 2].map((n) => uuid(n, '0190a1b4')),
} as const
const FIELDS = {
  enterprises: { name: 'text', profile: 'text', stage: ['prospect', 'contacted', 'negotiating'] },
  notes: { text: 'text', kind: ['note', 'problem'] },
  symposiums: { consensus: 'list', topics: 'list', presided_by: 'text' },
} as const
type EditedTable = keyof typeof FIELDS
const WORDS = ['汇润', '七彩', '灌装线', 'PLC', '订单班', 'apprentice', '技工', '']

type Action =
  | { type: 'edit'; client: number; table: EditedTable; row: number; column: number; pick: number; word: number }
  | { type: 'delete'; client: number; table: EditedTable; row: number; deleted: 0 | 1 }
  | { type: 'photo'; client: number; row: number; bytes: number }
  | { type: 'sync'; client: number }
  | { type: 'push'; client: number }
  | { type: 'pullPage'; client: number; limit: number }
  | { type: 'pushTwice'; client: number }
  | { type: 'replayPage'; client: number; back: number }
  | { type: 'oldPage'; client: number; from: number; limit: number }
  | { type: 'restart'; client: number }

const client = fc.integer({ min: 0, max: CLIENTS - 1 })
const table = fc.constantFrom('enterprises' as const, 'notes' as const, 'symposiums' as const)
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('edit' as const), client, table, row: fc.nat(2), column: fc.nat(2), pick: fc.nat(2), word: fc.nat(WORDS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), client, table, row: fc.nat(2), deleted: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('photo' as const), client, row: fc.nat(2), bytes: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('sync' as const), client }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('push' as const), client }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('pullPage' as const), client, limit: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('pushTwice' as const), client }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('replayPage' as const), client, back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('oldPage' as const), client, from: fc.nat(30), limit: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('restart' as const), client }) },
)

const photoBytes = (n: number) => Buffer.from(`photo ${n} `.repeat(n + 1))
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** One local change as written: on which device, its change-log entry, its value and what its writer had seen. */
interface Write {
  device: number
  seq: number
  value: string | number
  /** Earlier writes of the same field this one was written over knowingly (they were on its device). */
  seen: Set<Write>
}

/**
 * The reference model: every change ever made, per field. Clocks are read back from the writer's change log at the
 * end, since a change stamped while its device's clock ran ahead is stamped again before it leaves.
 */
class Model {
  readonly fields = new Map<string, Write[]>()
  readonly hashes = new Set<string>()

  /** Writes a local change on a device and records which earlier writes of each field it had seen. */
  write(devices: Device[], index: number, changes: ChangeInput[]): void {
    const device = devices[index]!
    const seenNow = new Map<string, Set<Write>>()
    for (const change of changes) {
      const key = `${change.table}\u0000${change.rowId}\u0000${change.column}`
      seenNow.set(key, new Set((this.fields.get(key) ?? []).filter((w) => this.reached(devices, w, device))))
    }
    device.core.store.applyChanges(changes)
    for (const change of changes) {
      const hlc = device.core.store.clocksOf(change.table, change.rowId)[change.column]!
      const seq = device.core.store.db.prepare('SELECT seq FROM change_log WHERE tbl = ? AND row_id = ? AND hlc = ?').pluck().get(change.table, change.rowId, hlc) as number
      const key = `${change.table}\u0000${change.rowId}\u0000${change.column}`
      const writes = this.fields.get(key) ?? []
      writes.push({ device: index, seq, value: change.value!, seen: seenNow.get(key)! })
      this.fields.set(key, writes)
    }
  }

  /** The clock a write carries now (it changes once if its device's clock was set right). */
  clockOf(devices: Device[], write: Write): string {
    return devices[write.device]!.core.store.db.prepare('SELECT hlc FROM change_log WHERE seq = ?').pluck().get(write.seq) as string
  }

  /** Whether a write has reached a device (its own device always has it). */
  private reached(devices: Device[], write: Write, device: Device): boolean {
    if (devices[write.device] === device) return true
    const writer = devices[write.device]!.core.store.db.prepare('SELECT tbl, row_id, hlc FROM change_log WHERE seq = ?').get(write.seq) as {
      tbl: string
      row_id: string
      hlc: string
    }
    return device.core.store.db.prepare('SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND hlc = ?').get(writer.tbl, writer.row_id, writer.hlc) !== undefined
  }

  /** The winning write of each field: the greatest clock as finally stamped. */
  winner(devices: Device[], writes: Write[]): Write {
    return writes.reduce((best, w) => (this.clockOf(devices, w) > this.clockOf(devices, best) ? w : best))
  }
}

function snapshot(device: Device): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const name of ['enterprises', 'notes', 'symposiums', 'attachments']) {
    const rows = device.core.store.db.prepare(`SELECT * FROM "${name}" ORDER BY id`).all() as Record<string, unknown>[]
    // The clocks object's key order depends on arrival order; its content must match.
    out[name] = rows.map((row) => ({ ...row, clocks: Object.entries(JSON.parse(String(row['clocks'])) as object).sort() }))
  }
  return out
}

describeBackends('sync property', (backend) => {
  let server: TeamServer
  beforeAll(async () => {
    // The server refuses clocks beyond its time plus the default drift limit, as a team's server does.
    server = await startTeamServer('property', { backend, maxClockDriftMs: DEFAULT_MAX_CLOCK_DRIFT_MS })
  })
  afterAll(async () => {
    await server.cleanup()
  })

  it(`${CLIENTS} devices with skewed clocks, one a year ahead, converge to the model after any deliveries (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 5, maxLength: 40 }),
        fc.array(fc.integer({ min: -3 * DAY, max: DEFAULT_MAX_CLOCK_DRIFT_MS - 60_000 }), { minLength: CLIENTS - 1, maxLength: CLIENTS - 1 }),
        async (actions, normalSkews) => {
          const { team } = await server.server.createTeam(`run ${run++}`)
          const model = new Model()
          const pages: PullResponse[][] = []
          const skews = [...normalSkews, YEAR]
          const wall = (i: number) => Date.now() + skews[i]!
          const devices = skews.map((_, i) => {
            pages.push([])
            return openDevice(`device ${i}`, { wallClock: () => wall(i) })
          })
          /** No device's clock runs beyond its own wall clock plus the drift limit, whatever it received. */
          const checkClocks = () => {
            devices.forEach((device, i) => {
              expect(parseHlc(device.core.store.clock.current()).millis, `${device.name}'s clock`).toBeLessThanOrEqual(wall(i) + DEFAULT_MAX_CLOCK_DRIFT_MS)
            })
          }
          try {
            for (const device of devices) {
              await device.ok('sync.join', { serverUrl: server.server.url, inviteCode: (await server.server.createInvite(team.id)).code, deviceName: device.name })
            }
            for (const step of actions) {
              await perform(step, devices, model, pages)
              checkClocks()
            }

            // The year-ahead device's clock is set right; then quiescence: two full rounds for everyone.
            skews[AHEAD] = 0
            for (let round = 0; round < 2; round++) for (const device of devices) await device.core.sync.sync({ manual: true })
            checkClocks()

            const reference = snapshot(devices[0]!)
            for (const device of devices) {
              expect(snapshot(device)).toEqual(reference)
              expect(device.core.store.db.prepare('SELECT count(*) FROM change_log WHERE outbox = 1').pluck().get()).toBe(0)
              expect(device.core.sync.status().clockAhead).toBeUndefined()
            }
            const conflicts = devices.flatMap((device) => device.core.sync.conflicts.list(true))
            for (const [key, writes] of model.fields) {
              const [tableName, rowId, column] = key.split('\u0000') as [string, string, string]
              const winner = model.winner(devices, writes)
              for (const device of devices) {
                const row = device.core.store.db.prepare(`SELECT "${column}" AS v FROM "${tableName}" WHERE id = ?`).get(rowId) as { v: unknown }
                expect(row?.v, `${device.name} ${tableName}.${column}`).toEqual(winner.value)
              }
              // Concurrent edits of a watched field: each one nobody wrote over knowingly won or is in the conflict list.
              if (!watchModeOf(tableName, column)) continue
              const heads = writes.filter((w) => !writes.some((later) => later.seen.has(w)))
              for (const head of heads) {
                if (head.value === winner.value) continue
                const listed = conflicts.some(
                  (c) => c.table === tableName && c.rowId === rowId && c.column === column && (c.current.value === head.value || c.other.value === head.value),
                )
                expect(listed, `${tableName}.${column} = ${String(head.value)} by device ${head.device} is listed`).toBe(true)
              }
            }
            // Every photo a row ends up with is everywhere (a photo whose row was overwritten stays where it was made).
            const finalHashes = [...model.fields]
              .filter(([key]) => key.startsWith('attachments\u0000') && key.endsWith('\u0000hash'))
              .map(([, writes]) => model.winner(devices, writes).value)
            expect(finalHashes.length > 0).toBe(model.hashes.size > 0)
            for (const hash of finalHashes) {
              expect(existsSync(server.server.store.blobFile(String(hash))), `server has ${hash}`).toBe(true)
              for (const device of devices) expect(existsSync(new BlobStore(device.dir).pathOf(String(hash))), `${device.name} has ${hash}`).toBe(true)
            }
            const acknowledged = (await serverChangeIds(server, team.id)).changes
            for (const change of acknowledged) expect(parseHlc(change.hlc).millis).toBeLessThanOrEqual(Date.now() + DEFAULT_MAX_CLOCK_DRIFT_MS)
            for (const device of devices) {
              const has = device.core.store.db.prepare('SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND hlc = ?')
              for (const change of acknowledged) expect(has.get(change.tbl, change.row_id, change.hlc), `${device.name} has ${change.hlc}`).toBeTruthy()
            }
          } finally {
            for (const device of devices) device.close()
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  })
})

/** A push refused because the device's clock runs ahead is what the year-ahead device expects until it is set right. */
async function unlessClockAhead(task: () => Promise<unknown>): Promise<void> {
  try {
    await task()
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'SYNC_CLOCK_AHEAD')) throw error
  }
}

async function perform(step: Action, devices: Device[], model: Model, pages: PullResponse[][]): Promise<void> {
  const device = devices[step.client]!
  const write = (changes: ChangeInput[]) => model.write(devices, step.client, changes)
  const sync = device.core.sync
  switch (step.type) {
    case 'edit': {
      const fields = Object.entries(FIELDS[step.table])
      const [column, kind] = fields[step.column % fields.length]!
      const value =
        kind === 'text'
          ? `${WORDS[step.word]}${step.client}`
          : kind === 'list'
            ? JSON.stringify(WORDS.slice(step.pick, step.pick + 1 + (step.word % 3)).map((word) => `${word}${step.client}`))
            : kind[step.pick % kind.length]!
      write([{ table: step.table, rowId: ROWS[step.table][step.row % ROWS[step.table].length]!, column, value }])
      return
    }
    case 'delete':
      write([{ table: step.table, rowId: ROWS[step.table][step.row % ROWS[step.table].length]!, column: 'deleted', value: step.deleted }])
      return
    case 'photo': {
      // Each row its own photos: the same photo on two rows of one owner would be merged into one (not modelled here).
      const bytes = photoBytes(step.row * 10 + step.bytes)
      const { hash } = await new BlobStore(device.dir).put(bytes)
      model.hashes.add(hash)
      expect(hash).toBe(sha256(bytes))
      const rowId = ROWS.attachments[step.row]!
      write(
        Object.entries({ owner_kind: 'enterprise', owner_id: ROWS.enterprises[0]!, hash, size: bytes.length, mime: 'text/plain', caption: `p${step.bytes}`, deleted: 0 }).map(
          ([column, value]) => ({ table: 'attachments', rowId, column, value }),
        ),
      )
      return
    }
    case 'sync':
      await unlessClockAhead(() => sync.sync({ manual: true }))
      return
    case 'push':
      await unlessClockAhead(() => sync.pushOnce())
      return
    case 'pushTwice': {
      sync.restampFutureChanges()
      const batch = sync.nextBatch()
      if (!batch) return
      await unlessClockAhead(() => sync.pushBatch(batch))
      await unlessClockAhead(() => sync.pushBatch(batch))
      return
    }
    case 'pullPage': {
      const page = await sync.pullPage(undefined, step.limit)
      sync.applyPage(page)
      pages[step.client]!.push(page)
      return
    }
    case 'replayPage': {
      const seen = pages[step.client]!
      const page = seen[seen.length - 1 - (step.back % Math.max(1, seen.length))]
      if (page) sync.applyPage(page)
      return
    }
    case 'oldPage': {
      // A page from further back than the cursor, applied after newer ones: delivery out of order.
      const page = await sync.pullPage(Math.min(step.from, sync.state.cursor), step.limit)
      sync.applyPage(page)
      pages[step.client]!.push(page)
      return
    }
    case 'restart':
      device.reopen()
      return
  }
}
