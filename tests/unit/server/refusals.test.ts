import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { formatHlc } from '../../../shared/hlc'
import { ClockAheadDetails, InvalidValueDetails } from '../../../shared/sync/protocol'
import { describeBackends } from './backends'
import { api, change, count, joinTeam, startTestServer, type TestServer } from './helpers'

/** What one member's token, used by hand, can send: every change is checked against its field before anything is stored. */
describeBackends('sync server: a push is checked change by change against its field, clock and sender', (backend) => {
  let test: TestServer
  let now: number
  let member: Awaited<ReturnType<typeof joinTeam>>
  let other: Awaited<ReturnType<typeof joinTeam>>
  beforeEach(async () => {
    now = Date.UTC(2026, 11, 4, 12)
    test = await startTestServer({ now: () => now, maxClockDriftMs: 60_000 }, backend)
    await test.server.createTeam('皖苏调研组')
    member = await joinTeam(test.server, '皖苏调研组', 'member')
    other = await joinTeam(test.server, '皖苏调研组', 'other')
    const ok = await api(test.server, 'POST', '/v1/push', member.token, { batchId: randomUUID(), changes: [change(member.nodeId, now - 10, 'trips', 't', { title: 'ok' })] })
    expect(ok.status).toBe(200)
  })
  afterEach(() => test.cleanup())

  async function refused(changes: unknown[], status: number, code: string) {
    const before = { changes: await count(test.server, 'changes'), batches: await count(test.server, 'batches') }
    const good = change(member.nodeId, now - 5, 'trips', 't', { purpose: '在同一批里' })
    const response = await api(test.server, 'POST', '/v1/push', member.token, { batchId: randomUUID(), changes: [good, ...changes] })
    expect(response.status, JSON.stringify(response.json)).toBe(status)
    expect(response.json.error.code).toBe(code)
    expect({ changes: await count(test.server, 'changes'), batches: await count(test.server, 'batches') }).toEqual(before)
    return response.json.error
  }

  it('400 INVALID_VALUE for a value its field refuses, naming the field', async () => {
    const error = await refused([change(member.nodeId, now, 'trips', 't', { regions: '42' })], 400, 'INVALID_VALUE')
    expect(InvalidValueDetails.parse(error.details)).toMatchObject({ table: 'trips', column: 'regions' })
    await refused([change(member.nodeId, now, 'symposiums', 's', { consensus: '"x"' })], 400, 'INVALID_VALUE')
    await refused([change(member.nodeId, now, 'trips', 't', { status: 'exploded' })], 400, 'INVALID_VALUE')
    await refused([change(member.nodeId, now, 'attachments', 'a', { hash: '../'.repeat(21) + 'a' })], 400, 'INVALID_VALUE')
    await refused([{ ...change(member.nodeId, now, 'trips', 't', { title: 'x' }), rowId: 'not-an-id' }], 400, 'INVALID_VALUE')
  })

  it('400 BAD_REQUEST for a __proto__ key or empty cells, and pull refuses after=0x10', async () => {
    const base = change(member.nodeId, now, 'trips', 't', { title: 'x' })
    const raw = JSON.stringify({ batchId: randomUUID(), changes: [{ ...base, cells: { title: 'x' } }] }).replace('"cells":{', '"cells":{"__proto__":"x",')
    const response = await fetch(`${test.server.url}/v1/push`, { method: 'POST', headers: { Authorization: `Bearer ${member.token}`, 'Content-Type': 'application/json' }, body: raw })
    expect(response.status).toBe(400)
    await refused([{ ...base, cells: {} }], 400, 'BAD_REQUEST')
    expect((await api(test.server, 'GET', '/v1/pull?after=0x10', member.token)).status).toBe(400)
    expect((await api(test.server, 'GET', '/v1/pull?after=16', member.token)).status).toBe(200)
  })

  it('refuses a device name with direction or control characters at join', async () => {
    for (const deviceName of ['王老师\u202Etxt.exe', 'a\u2066b', 'tab\there']) {
      const invite = await test.server.createInvite('皖苏调研组')
      const response = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: invite.code, deviceName, nodeId: 'abcdefabcdef0123' })
      expect(response.status, deviceName).toBe(400)
    }
    expect(await count(test.server, 'devices')).toBe(2)
  })

  it("403 FOREIGN_NODE for a change in another device's name", async () => {
    const error = await refused([change(other.nodeId, now, 'trips', 't', { title: '别人写的' })], 403, 'FOREIGN_NODE')
    expect(error.details).toMatchObject({ index: 1, node: other.nodeId })
  })

  it('409 CLOCK_AHEAD beyond the drift limit, with the details a device needs; the largest clock too', async () => {
    const error = await refused([change(member.nodeId, now + 120_000, 'trips', 't', { title: '未来' })], 409, 'CLOCK_AHEAD')
    expect(ClockAheadDetails.parse(error.details)).toEqual({ serverTime: now, clock: formatHlc({ millis: now + 120_000, counter: 0, node: member.nodeId }), aheadMs: 120_000, maxDriftMs: 60_000 })
    await refused([{ ...change(member.nodeId, now, 'trips', 't', { title: 'x' }), hlc: `ffffffffffff-ffff-${member.nodeId}` }], 409, 'CLOCK_AHEAD')
    // Within the limit is fine.
    const within = await api(test.server, 'POST', '/v1/push', member.token, { batchId: randomUUID(), changes: [change(member.nodeId, now + 30_000, 'trips', 't', { title: '快一点' })] })
    expect(within.status).toBe(200)
  })
})
