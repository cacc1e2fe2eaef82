import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BlobStore } from '../../../electron/core/attachments/blob-store'
import type { ChangeInput } from '../../../electron/core/store/store'
import type { PullResponse } from '../../../shared/sync/protocol'
import { describeBackends } from '../server/backends'
import { openDevice, serverChangeIds, startTeamServer, type Device, type TeamServer } from './helpers'

/**
 * Model-based: four devices with clocks skewed by up to three days either way make random edits, deletes and
 * photos, and sync fully or partly, with pages and batches delivered twice or out of order, and restart. After
 * two full rounds every replica must equal the reference model (per field, the value with the greatest clock
 * among every change ever made), hold every photo, and hold every change the server acknowledged.
 *
 * FIELDBOOK_PROPERTY_RUNS=500 runs longer; FIELDBOOK_PROPERTY_SEED replays a failure.
 */
const RUNS = Number(process.env['FIELDBOOK_PROPERTY_RUNS'] ?? 25)
const SEED = Number(process.env['FIELDBOOK_PROPERTY_SEED'] ?? 20250516)
const CLIENTS = 4
const DAY = 24 * 60 * 60_000

const uuid = (n: number, prefix: string) => `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
/** A small shared pool of rows, so devices often touch the same ones. Ids are fixed: any device may edit any row. */
const ROWS = {
  enterprises: [0, 1, 2].map((n) => uuid(n, '0190a1b2')),
  notes: [0, 1].map((n) => uuid(n, '0190a1b3')),
  attachments: [0, 1, 2].map((n) => uuid(n, '0190a1b4')),
} as const
const FIELDS = {
  enterprises: { name: 'text', profile: 'text', stage: ['prospect', 'contacted', 'negotiating'] },
  notes: { text: 'text', kind: ['note', 'problem'] },
} as const
const WORDS = ['汇润', '七彩', '灌装线', 'PLC', '订单班', 'apprentice', '技工', '']

type Action =
  | { type: 'edit'; client: number; table: 'enterprises' | 'notes'; row: number; column: number; pick: number; word: number }
  | { type: 'delete'; client: number; table: 'enterprises' | 'notes'; row: number; deleted: 0 | 1 }
  | { type: 'photo'; client: number; row: number; bytes: number }
  | { type: 'sync'; client: number }
  | { type: 'push'; client: number }
  | { type: 'pullPage'; client: number; limit: number }
  | { type: 'pushTwice'; client: number }
  | { type: 'replayPage'; client: number; back: number }
  | { type: 'oldPage'; client: number; from: number; limit: number }
  | { type: 'restart'; client: number }

const client = fc.integer({ min: 0, max: CLIENTS - 1 })
const table = fc.constantFrom('enterprises' as const, 'notes' as const)
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

/** The reference model: per field, the value written with the greatest clock. */
class Model {
  readonly fields = new Map<string, { hlc: string; value: string | number }>()
  readonly hashes = new Set<string>()

  /** Writes a local change on a device and records the clock the store gave it. */
  write(device: Device, changes: ChangeInput[]): void {
    device.core.store.applyChanges(changes)
    for (const change of changes) {
      const hlc = device.core.store.clocksOf(change.table, change.rowId)[change.column]!
      const key = `${change.table}\u0000${change.rowId}\u0000${change.column}`
      const known = this.fields.get(key)
      if (!known || hlc > known.hlc) this.fields.set(key, { hlc, value: change.value! })
    }
  }
}

function snapshot(device: Device): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const name of ['enterprises', 'notes', 'attachments']) {
    const rows = device.core.store.db.prepare(`SELECT * FROM "${name}" ORDER BY id`).all() as Record<string, unknown>[]
    // The clocks object's key order depends on arrival order; its content must match.
    out[name] = rows.map((row) => ({ ...row, clocks: Object.entries(JSON.parse(String(row['clocks'])) as object).sort() }))
  }
  return out
}

describeBackends('sync property', (backend) => {
  let server: TeamServer
  beforeAll(async () => {
    server = await startTeamServer('property', { backend })
  })
  afterAll(async () => {
    await server.cleanup()
  })

  it(`${CLIENTS} devices with skewed clocks converge to the model after any deliveries (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 5, maxLength: 40 }),
        fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), { minLength: CLIENTS, maxLength: CLIENTS }),
        async (actions, skews) => {
          const { team } = await server.server.createTeam(`run ${run++}`)
          const model = new Model()
          const pages: PullResponse[][] = []
          const devices = skews.map((skew, i) => {
            pages.push([])
            return openDevice(`device ${i}`, { wallClock: () => Date.now() + skew })
          })
          try {
            for (const device of devices) {
              await device.ok('sync.join', { serverUrl: server.server.url, inviteCode: (await server.server.createInvite(team.id)).code, deviceName: device.name })
            }
            for (const step of actions) await perform(step, devices, model, pages)

            // Quiescence: two full rounds for everyone.
            for (let round = 0; round < 2; round++) for (const device of devices) await device.core.sync.sync({ manual: true })

            const reference = snapshot(devices[0]!)
            for (const device of devices) {
              expect(snapshot(device)).toEqual(reference)
              expect(device.core.store.db.prepare('SELECT count(*) FROM change_log WHERE outbox = 1').pluck().get()).toBe(0)
            }
            for (const [key, { value }] of model.fields) {
              const [tableName, rowId, column] = key.split('\u0000') as [string, string, string]
              for (const device of devices) {
                const row = device.core.store.db.prepare(`SELECT "${column}" AS v FROM "${tableName}" WHERE id = ?`).get(rowId) as { v: unknown }
                expect(row?.v, `${device.name} ${tableName}.${column}`).toEqual(value)
              }
            }
            // Every photo a row ends up with is everywhere (a photo whose row was overwritten stays where it was made).
            const finalHashes = [...model.fields].filter(([key]) => key.startsWith('attachments\u0000') && key.endsWith('\u0000hash'))
            expect(finalHashes.length > 0).toBe(model.hashes.size > 0)
            for (const [, { value: hash }] of finalHashes) {
              expect(existsSync(server.server.store.blobFile(String(hash))), `server has ${hash}`).toBe(true)
              for (const device of devices) expect(existsSync(new BlobStore(device.dir).pathOf(String(hash))), `${device.name} has ${hash}`).toBe(true)
            }
            const acknowledged = (await serverChangeIds(server, team.id)).changes
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

async function perform(step: Action, devices: Device[], model: Model, pages: PullResponse[][]): Promise<void> {
  const device = devices[step.client]!
  const sync = device.core.sync
  switch (step.type) {
    case 'edit': {
      const fields = Object.entries(FIELDS[step.table])
      const [column, kind] = fields[step.column % fields.length]!
      const value = kind === 'text' ? `${WORDS[step.word]}${step.client}` : kind[step.pick % kind.length]!
      model.write(device, [{ table: step.table, rowId: ROWS[step.table][step.row % ROWS[step.table].length]!, column, value }])
      return
    }
    case 'delete':
      model.write(device, [{ table: step.table, rowId: ROWS[step.table][step.row % ROWS[step.table].length]!, column: 'deleted', value: step.deleted }])
      return
    case 'photo': {
      const bytes = photoBytes(step.bytes)
      const { hash } = await new BlobStore(device.dir).put(bytes)
      model.hashes.add(hash)
      expect(hash).toBe(sha256(bytes))
      const rowId = ROWS.attachments[step.row]!
      model.write(
        device,
        Object.entries({ owner_kind: 'enterprise', owner_id: ROWS.enterprises[0]!, hash, size: bytes.length, mime: 'text/plain', caption: `p${step.bytes}`, deleted: 0 }).map(
          ([column, value]) => ({ table: 'attachments', rowId, column, value }),
        ),
      )
      return
    }
    case 'sync':
      await sync.sync({ manual: true })
      return
    case 'push':
      await sync.pushOnce()
      return
    case 'pushTwice': {
      const batch = sync.nextBatch()
      if (!batch) return
      await sync.pushBatch(batch)
      await sync.pushBatch(batch)
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
