import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatHlc, HLC_PATTERN, parseHlc } from '../../../shared/hlc'
import type { SyncStatus, SyncSummary } from '../../../shared/procedures/sync'
import { JoinResponse, type WireChange } from '../../../shared/sync/protocol'
import { joinDevice, openDevice, startTeamServer, tableRows, type Device, type TeamServer } from '../sync/helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))
const HOUR = 60 * 60_000

/**
 * One member's token used by hand against the real server, with three honest devices of the same team: every
 * item of what such a teammate could send is refused (or, reaching a device from an older server, set aside),
 * and every honest device keeps syncing with well-formed data and clocks.
 */
describe('a hostile teammate cannot break another device', () => {
  let team: TeamServer
  let devices: Device[]
  let hostile: JoinResponse & { nodeId: string }
  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})
  const status = (device: Device) => device.ok<SyncStatus>('sync.status', {})

  async function send(path: string, body: unknown, method = 'POST'): Promise<{ status: number; code: string | undefined }> {
    const response = await fetch(`${team.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${hostile.token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const json = (await response.json().catch(() => ({}))) as { error?: { code?: string } }
    return { status: response.status, code: json.error?.code }
  }
  const clock = (millis = Date.now()) => formatHlc({ millis, counter: 0, node: hostile.nodeId })
  const push = (changes: unknown[]) => send('/v1/push', { batchId: randomUUID(), changes })

  beforeEach(async () => {
    team = await startTeamServer('皖苏调研组', { maxClockDriftMs: 5 * 60_000 })
    devices = ['A', 'B', 'C'].map((name) => openDevice(name))
    for (const device of devices) await joinDevice(device, team)
    const nodeId = 'badbadbadbad0001'
    const joined = await fetch(`${team.server.url}/v1/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ inviteCode: await team.invite(), deviceName: 'hand-made', nodeId }),
    })
    hostile = { ...JoinResponse.parse(await joined.json()), nodeId }
  })
  afterEach(async () => {
    devices.forEach((device) => device.close())
    await team.cleanup()
  })

  /** Every honest device syncs, converges on the same rows, and holds only well-formed clocks. */
  async function honestDevicesKeepSyncing(): Promise<void> {
    for (let round = 0; round < 2; round++) for (const device of devices) await syncNow(device)
    for (const device of devices) {
      const state = await status(device)
      expect(state.lastError, device.name).toBeUndefined()
      const current = device.core.store.clock.current()
      expect(current).toMatch(HLC_PATTERN)
      expect(parseHlc(current).millis).toBeLessThan(Date.now() + HOUR)
      const clocks = device.core.store.db.prepare('SELECT hlc FROM change_log').pluck().all() as string[]
      expect(clocks.every((hlc) => HLC_PATTERN.test(hlc) && parseHlc(hlc).millis < Date.now() + HOUR), device.name).toBe(true)
    }
    // (A bad row a device held before the checks stays its own: it is not sent, so it is left out here.)
    const sent = (row: Record<string, unknown>) => row['hash'] === undefined || /^[0-9a-f]{64}$/.test(String(row['hash']))
    for (const table of ['trips', 'symposiums', 'notes', 'attachments']) {
      const [first, ...rest] = devices.map((device) => tableRows(device.core, table).filter(sent))
      for (const other of rest) expect(other).toEqual(first)
    }
    // A new edit still travels: no device is stuck behind a refusal or a clock.
    const [a, b] = devices as [Device, Device]
    const trip = await a.ok('trip.create', { title: `之后的行程 ${Date.now()}`, startDate: '2025-06-01', endDate: '2025-06-02' })
    await syncNow(a)
    await syncNow(b)
    expect(b.core.records.trip.find(trip.id)).toBeTruthy()
  }

  it('refuses every item at the server, and the team keeps syncing', async () => {
    const [a] = devices as [Device]
    const trip = await a.ok('trip.create', { title: '皖苏调研', startDate: '2025-05-12', endDate: '2025-05-16', regions: ['安徽'] })
    const enterprise = await a.ok('enterprise.create', { name: '汇润机电' })
    const symposium = await a.ok('symposium.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-13' })
    await a.ok('attachment.add', { ownerKind: 'enterprise', ownerId: enterprise.id, fileName: '合影.jpg', dataBase64: PHOTO.toString('base64') })
    for (const device of devices) await syncNow(device)

    const items: [string, Promise<{ status: number; code: string | undefined }>, number, string][] = [
      ['regions not a list', push([{ hlc: clock(), table: 'trips', rowId: trip.id, cells: { regions: '42' } }]), 400, 'INVALID_VALUE'],
      ['consensus not a list', push([{ hlc: clock(), table: 'symposiums', rowId: symposium.id, cells: { consensus: '"x"' } }]), 400, 'INVALID_VALUE'],
      ['unknown status', push([{ hlc: clock(), table: 'trips', rowId: trip.id, cells: { status: 'hacked' } }]), 400, 'INVALID_VALUE'],
      ['largest clock', push([{ hlc: `ffffffffffff-ffff-${hostile.nodeId}`, table: 'trips', rowId: trip.id, cells: { title: '永远' } }]), 409, 'CLOCK_AHEAD'],
      ['clock a day ahead', push([{ hlc: clock(Date.now() + 24 * HOUR), table: 'trips', rowId: trip.id, cells: { title: '明天' } }]), 409, 'CLOCK_AHEAD'],
      ['hash with ../', push([{ hlc: clock(), table: 'attachments', rowId: randomUUID(), cells: { hash: `../../${'a'.repeat(58)}` } }]), 400, 'INVALID_VALUE'],
      ['row id not an id', push([{ hlc: clock(), table: 'notes', rowId: '../../etc', cells: { text: 'x' } }]), 400, 'INVALID_VALUE'],
      ["another device's name", push([{ hlc: formatHlc({ millis: Date.now(), counter: 0, node: a.core.store.nodeId }), table: 'trips', rowId: trip.id, cells: { title: '冒名' } }]), 403, 'FOREIGN_NODE'],
      ['empty cells', push([{ hlc: clock(), table: 'trips', rowId: trip.id, cells: {} }]), 400, 'BAD_REQUEST'],
      ['__proto__ key', send('/v1/push', `{"batchId":"${randomUUID()}","changes":[{"hlc":"${clock()}","table":"trips","rowId":"${trip.id}","cells":{"__proto__":"x","title":"y"}}]}`), 400, 'BAD_REQUEST'],
      ['unknown column', push([{ hlc: clock(), table: 'trips', rowId: trip.id, cells: { clocks: '{}' } }]), 400, 'UNKNOWN_FIELD'],
      ['pull after=0x10', send('/v1/pull?after=0x10', undefined, 'GET'), 400, 'BAD_REQUEST'],
    ]
    const stored = () => (team.server.store.sqlite!.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n
    const before = stored()
    for (const [name, answer, statusCode, code] of items) expect(await answer, name).toEqual({ status: statusCode, code })
    expect(stored()).toBe(before)
    // A device name that reverses the text after it (to disguise who changed what) is refused at join.
    const disguised = await fetch(`${team.server.url}/v1/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ inviteCode: await team.invite(), deviceName: '王老师\u202Egpj.exe', nodeId: 'badbadbadbad0002' }),
    })
    expect(disguised.status).toBe(400)

    // Ids that are not UUIDv7 are ids: accepted, indexed without a quadratic path.
    const notes: WireChange[] = Array.from({ length: 500 }, (_, i) => ({ hlc: formatHlc({ millis: Date.now(), counter: i, node: hostile.nodeId }), table: 'notes', rowId: randomUUID(), cells: { text: `第${i}条 v4`, kind: 'note' } }))
    expect((await push(notes)).status).toBe(200)
    await honestDevicesKeepSyncing()
    for (const device of devices) expect(device.core.records.note.list().length).toBe(500)
  })

  it('sets aside what an older server let through, and a bad attachment row stops no photo', async () => {
    const [a, b] = devices as [Device, Device]
    const trip = await a.ok('trip.create', { title: '皖苏调研', startDate: '2025-05-12', endDate: '2025-05-16' })
    await syncNow(a)
    // Stored as a server without the checks would have stored them.
    // The tests' server keeps SQLite; an older server without the checks wrote straight into it.
    const db = team.server.store.sqlite!
    const insert = (change: Omit<WireChange, 'base'>) => {
      const head = (db.prepare('SELECT head FROM teams WHERE id = ?').get(team.teamId) as { head: number }).head + 1
      db.prepare('INSERT INTO changes (team_id, seq, hlc, tbl, row_id, cells, base, device_id, batch_id) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)').run(
        team.teamId, head, change.hlc, change.table, change.rowId, JSON.stringify(change.cells), hostile.deviceId, randomUUID(),
      )
      db.prepare('UPDATE teams SET head = ? WHERE id = ?').run(head, team.teamId)
    }
    insert({ hlc: clock(), table: 'trips', rowId: trip.id, cells: { regions: '42', title: '标题照常' } })
    insert({ hlc: `ffffffffffff-ffff-${hostile.nodeId}`, table: 'trips', rowId: trip.id, cells: { title: '永远' } })
    insert({ hlc: clock(), table: 'attachments', rowId: randomUUID(), cells: { hash: `../../${'a'.repeat(58)}`, owner_kind: 'trip', owner_id: trip.id } })
    insert({ hlc: clock(), table: 'notes', rowId: 'not-an-id', cells: { text: 'x' } })

    // A bad attachment row already in B's database (written before the checks): the queue reports it and moves on.
    const badRow = randomUUID()
    b.core.store.applyChanges([
      { table: 'attachments', rowId: badRow, column: 'hash', value: '../../etc/passwd' },
      { table: 'attachments', rowId: badRow, column: 'owner_kind', value: 'trip' },
    ])
    await a.ok('attachment.add', { ownerKind: 'trip', ownerId: trip.id, fileName: '合影.jpg', dataBase64: PHOTO.toString('base64') })

    await honestDevicesKeepSyncing()
    for (const device of devices) {
      const row = device.core.store.db.prepare('SELECT title, regions FROM trips WHERE id = ?').get(trip.id) as { title: string; regions: string }
      expect(row, device.name).toEqual({ title: '标题照常', regions: '[]' })
      const setAside = device.core.store.db.prepare('SELECT reason FROM sync_skipped').pluck().all() as string[]
      expect(setAside.length, device.name).toBeGreaterThanOrEqual(3)
    }
    // B downloaded the good photo despite its bad row, and its status still loads and names the bad one.
    expect(await status(b)).toMatchObject({ missingBlobs: 1 })
    expect(b.core.sync.blobs.problems()).toEqual([{ hash: '../../etc/passwd', error: 'not a valid attachment hash' }])
    // Its own bad row was kept here and set aside rather than sent (the server would refuse it on every push).
    expect(b.core.store.db.prepare("SELECT row_id FROM sync_skipped WHERE reason LIKE 'not sent:%'").pluck().all()).toEqual([badRow])
    const photos = b.core.store.db.prepare("SELECT hash FROM blob_sync WHERE here = 1").pluck().all() as string[]
    expect(photos).toHaveLength(1)
  })
})
