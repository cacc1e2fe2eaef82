import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JoinResponse, PullResponse, PushResponse, TeamResponse } from '../../../shared/sync/protocol'
import { describeBackends, serverRows } from './backends'
import { api, change, count, joinTeam, nodeId, rawRequest, rowIdOf, startTestServer, type TestServer } from './helpers'

describeBackends('sync server: join, push, pull', (backend) => {
  let test: TestServer
  beforeEach(async () => {
    test = await startTestServer({}, backend)
    await test.server.createTeam('皖苏调研组')
  })
  afterEach(() => test.cleanup())

  it('joins with an invite code once, storing only hashes', async () => {
    const invite = await test.server.createInvite('皖苏调研组')
    expect(invite.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
    const node = nodeId()
    // Typed in lower case with a space instead of the dash: still the same code.
    const typed = invite.code.toLowerCase().replace('-', ' ')
    const joined = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: typed, deviceName: '王老师的笔记本', nodeId: node })
    expect(joined.status).toBe(200)
    const body = JoinResponse.parse(joined.json)
    expect(body).toMatchObject({ team: { name: '皖苏调研组' }, role: 'member', epoch: await test.server.epoch() })
    expect(body.token.length).toBeGreaterThanOrEqual(43)

    const [stored] = await serverRows<Record<string, string>>(test.server.store, 'SELECT * FROM devices WHERE id = ?', [body.deviceId])
    expect(stored).toMatchObject({ name: '王老师的笔记本', node_id: node, role: 'member' })
    expect(stored!['token_hash']).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(await serverRows(test.server.store, 'SELECT * FROM devices'))).not.toContain(body.token)
    expect(JSON.stringify(await serverRows(test.server.store, 'SELECT * FROM invites'))).not.toContain(invite.code)
    expect(JSON.stringify(await serverRows(test.server.store, 'SELECT * FROM audit'))).not.toContain(body.token)

    const again = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: invite.code, deviceName: 'x', nodeId: node })
    expect(again.status).toBe(403)
    expect(again.json.error.code).toBe('INVITE_INVALID')
    expect((await count(test.server, 'devices'))).toBe(1)

    const team = await api(test.server, 'GET', '/v1/team', body.token)
    expect(TeamResponse.parse(team.json)).toEqual({
      team: { id: body.team.id, name: '皖苏调研组' },
      devices: [{ id: body.deviceId, name: '王老师的笔记本', nodeId: node, revoked: false, role: 'member', lastSeenAt: expect.any(String), version: null }],
      epoch: await test.server.epoch(),
    })
  })

  it('refuses expired and unknown invites', async () => {
    let now = Date.now()
    await test.cleanup()
    test = await startTestServer({ now: () => now }, backend)
    await test.server.createTeam('A')
    const invite = await test.server.createInvite('A', { days: 1 })
    now += 86_400_000 + 1
    const expired = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: invite.code, deviceName: 'x', nodeId: nodeId() })
    expect(expired).toMatchObject({ status: 403, json: { error: { code: 'INVITE_INVALID' } } })
    const unknown = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: 'ABCD-EFGH', deviceName: 'x', nodeId: nodeId() })
    expect(unknown).toMatchObject({ status: 403, json: { error: { code: 'INVITE_INVALID' } } })
    expect((await count(test.server, 'devices'))).toBe(0)
  })

  it('pushes a batch, pulls it back in order, and a replayed batch applies nothing twice', async () => {
    const a = await joinTeam(test.server, '皖苏调研组', 'A')
    const b = await joinTeam(test.server, '皖苏调研组', 'B')
    const batchId = randomUUID()
    const changes = [
      change(a.nodeId, 1_700_000_000_000, 'trips', 'trip-1', { title: '皖苏职业教育调研', regions: '["安徽","江苏"]' }),
      change(a.nodeId, 1_700_000_000_001, 'enterprises', 'ent-1', { name: '汇润机电', deleted: 0 }),
      { ...change(a.nodeId, 1_700_000_000_002, 'trips', 'trip-1', { title: '皖苏调研' }), base: { title: change(a.nodeId, 1_700_000_000_000, 'trips', 'trip-1', {}).hlc } },
    ]
    const pushed = await api(test.server, 'POST', '/v1/push', a.token, { batchId, changes })
    expect(pushed.status).toBe(200)
    expect(PushResponse.parse(pushed.json)).toEqual({ accepted: 3, seq: 3, epoch: await test.server.epoch(), replayed: false })

    // The reply was lost; the client sends the same batch again.
    const replayed = await api(test.server, 'POST', '/v1/push', a.token, { batchId, changes })
    expect(replayed.json).toEqual({ accepted: 3, seq: 3, epoch: await test.server.epoch(), replayed: true })
    expect((await count(test.server, 'changes'))).toBe(3)

    const pulled = await api(test.server, 'GET', '/v1/pull?after=0&limit=2', b.token)
    const page = PullResponse.parse(pulled.json)
    expect(page.changes.map((c) => c.seq)).toEqual([1, 2])
    expect(page.changes[0]).toEqual({ ...changes[0], seq: 1, device: a.deviceId })
    expect(page).toMatchObject({ cursor: 2, head: 3, epoch: await test.server.epoch() })
    const rest = PullResponse.parse((await api(test.server, 'GET', `/v1/pull?after=${page.cursor}`, b.token)).json)
    expect(rest.changes).toEqual([{ ...changes[2], seq: 3, device: a.deviceId }])
    expect(rest.cursor).toBe(3)

    const beyond = PullResponse.parse((await api(test.server, 'GET', '/v1/pull?after=50', b.token)).json)
    expect(beyond).toMatchObject({ changes: [], cursor: 50, head: 3 })
  })

  it('stores a change it already holds once, even in another batch (clients re-push after a restore)', async () => {
    const a = await joinTeam(test.server, '皖苏调研组')
    const first = change(a.nodeId, 1_700_000_000_000, 'trips', 't', { title: '一' })
    const second = change(a.nodeId, 1_700_000_000_005, 'trips', 't', { purpose: '二' })
    await api(test.server, 'POST', '/v1/push', a.token, { batchId: randomUUID(), changes: [first] })
    const again = await api(test.server, 'POST', '/v1/push', a.token, { batchId: randomUUID(), changes: [first, second, second] })
    expect(again.json).toMatchObject({ accepted: 1, seq: 2, replayed: false })
    expect((await count(test.server, 'changes'))).toBe(2)
  })

  describe('bad input gets a 4xx, stores nothing and the server keeps answering', () => {
    let token: string
    let node: string
    beforeEach(async () => {
      const joined = await joinTeam(test.server, '皖苏调研组')
      token = joined.token
      node = joined.nodeId
      await api(test.server, 'POST', '/v1/push', token, { batchId: randomUUID(), changes: [change(node, 1_700_000_000_000, 'trips', 't', { title: 'x' })] })
    })

    async function expectRefused(body: unknown, status: number, code: string, path = '/v1/push', auth: string | undefined = token) {
      const before = { changes: (await count(test.server, 'changes')), batches: (await count(test.server, 'batches')) }
      const response = await api(test.server, 'POST', path, auth, body)
      expect(response.status).toBe(status)
      expect(response.json.error.code).toBe(code)
      expect(typeof response.json.error.message).toBe('string')
      expect({ changes: (await count(test.server, 'changes')), batches: (await count(test.server, 'batches')) }).toEqual(before)
      expect((await fetch(`${test.server.url}/v1/health`)).status).toBe(200)
      return response.json
    }

    it('malformed JSON', async () => {
      await expectRefused('{"batchId": ', 400, 'BAD_REQUEST')
      await expectRefused('', 400, 'BAD_REQUEST')
    })

    it('wrong types and unexpected fields', async () => {
      await expectRefused({ batchId: 'not-a-uuid', changes: [] }, 400, 'BAD_REQUEST')
      await expectRefused({ batchId: randomUUID(), changes: 'all' }, 400, 'BAD_REQUEST')
      await expectRefused({ batchId: randomUUID(), changes: [{ ...change(node, 1, 'trips', 't', { title: 'x' }), hlc: 'yesterday' }] }, 400, 'BAD_REQUEST')
      await expectRefused({ batchId: randomUUID(), changes: [change(node, 1, 'trips', 't', { title: null as unknown as string })] }, 400, 'BAD_REQUEST')
      await expectRefused({ batchId: randomUUID(), changes: [], team: 'other' }, 400, 'BAD_REQUEST')
      // A value of the wrong kind for its column, in a batch with a good change: the whole batch is refused.
      const json = await expectRefused(
        { batchId: randomUUID(), changes: [change(node, 2, 'trips', 't', { title: 'ok' }), change(node, 3, 'trips', 't', { title: 42 })] },
        400,
        'BAD_REQUEST',
      )
      expect(json.error.details).toMatchObject({ index: 1, table: 'trips', column: 'title' })
      await expectRefused({ batchId: randomUUID(), changes: [change(node, 4, 'trips', 't', { regions: 'not json' })] }, 400, 'BAD_REQUEST')
    })

    it('unknown tables and columns', async () => {
      const good = change(node, 10, 'trips', 't', { title: 'ok' })
      await expectRefused({ batchId: randomUUID(), changes: [good, change(node, 11, 'users', 'u', { name: 'x' })] }, 400, 'UNKNOWN_FIELD')
      const json = await expectRefused({ batchId: randomUUID(), changes: [good, change(node, 12, 'trips', 't', { password: 'x' })] }, 400, 'UNKNOWN_FIELD')
      expect(json.error.details).toMatchObject({ index: 1, table: 'trips', column: 'password' })
      await expectRefused({ batchId: randomUUID(), changes: [change(node, 13, 'trips', 't', { clocks: '{}' })] }, 400, 'UNKNOWN_FIELD')
      await expectRefused({ batchId: randomUUID(), changes: [{ ...good, base: { secret: good.hlc } }] }, 400, 'UNKNOWN_FIELD')
    })

    it('missing, unknown and revoked tokens', async () => {
      const body = { batchId: randomUUID(), changes: [change(node, 20, 'trips', 't', { title: 'ok' })] }
      await expectRefused(body, 401, 'UNAUTHORIZED', '/v1/push', '')
      await expectRefused(body, 401, 'UNAUTHORIZED', '/v1/push', 'A'.repeat(43))
      const other = await joinTeam(test.server, '皖苏调研组', 'lost laptop')
      await test.server.revokeDevice(other.deviceId)
      await expectRefused(body, 401, 'TOKEN_REVOKED', '/v1/push', other.token)
      expect((await api(test.server, 'GET', '/v1/pull?after=0', other.token)).json.error.code).toBe('TOKEN_REVOKED')
      expect((await api(test.server, 'GET', '/v1/team', other.token)).status).toBe(401)
      // The revoked device still shows in the team, marked.
      const team = TeamResponse.parse((await api(test.server, 'GET', '/v1/team', token)).json)
      expect(team.devices.find((d) => d.id === other.deviceId)?.revoked).toBe(true)
    })

    it('oversized JSON bodies, declared or streamed', async () => {
      const huge = Buffer.alloc(9 * 1024 * 1024, 0x20)
      await expectRefused(huge.toString(), 413, 'TOO_LARGE')
      const before = (await count(test.server, 'batches'))
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      const streamed = await rawRequest(test.server.url, {
        method: 'POST',
        path: '/v1/push',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        chunks: Array.from({ length: 12 }, () => chunk),
      })
      expect(streamed.status).toBe(413)
      expect(JSON.parse(streamed.body).error.code).toBe('TOO_LARGE')
      expect((await count(test.server, 'batches'))).toBe(before)
      expect((await fetch(`${test.server.url}/v1/health`)).status).toBe(200)
    })

    it('bad pull queries', async () => {
      for (const query of ['', '?after=-1', '?after=abc', '?after=0&limit=0', '?after=1.5']) {
        const response = await api(test.server, 'GET', `/v1/pull${query}`, token)
        expect(response.status, query).toBe(400)
        expect(response.json.error.code).toBe('BAD_REQUEST')
      }
      // Too large a page is capped, not refused.
      expect((await api(test.server, 'GET', '/v1/pull?after=0&limit=999999', token)).status).toBe(200)
    })

    it('limits join attempts per address', async () => {
      await test.cleanup()
      test = await startTestServer({ joinRateLimit: { max: 3, windowMs: 60_000 } }, backend)
      await test.server.createTeam('A')
      const attempt = () => api(test.server, 'POST', '/v1/join', undefined, { inviteCode: 'WRONG-CODE', deviceName: 'x', nodeId: nodeId() })
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(403)
      const limited = await attempt()
      expect(limited.status).toBe(429)
      expect(limited.json.error.code).toBe('RATE_LIMITED')
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
      // Even a good code waits for the window.
      const invite = await test.server.createInvite('A')
      const good = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: invite.code, deviceName: 'x', nodeId: nodeId() })
      expect(good.status).toBe(429)
      expect((await count(test.server, 'devices'))).toBe(0)
    })
  })

  it('survives a reply lost after the commit: the retried batch is answered from the stored result', async () => {
    let drop = true
    await test.cleanup()
    test = await startTestServer({ dropReplyAfterCommit: (endpoint) => endpoint === 'push' && drop }, backend)
    await test.server.createTeam('A')
    const a = await joinTeam(test.server, 'A')
    const batch = { batchId: randomUUID(), changes: [change(a.nodeId, 1_700_000_000_000, 'visit_stops', 's1', { observation: '数控车间' })] }
    await expect(api(test.server, 'POST', '/v1/push', a.token, batch)).rejects.toThrow()
    expect((await count(test.server, 'changes'))).toBe(1)
    drop = false
    const retried = await api(test.server, 'POST', '/v1/push', a.token, batch)
    expect(retried.json).toMatchObject({ accepted: 1, seq: 1, replayed: true })
    expect((await count(test.server, 'changes'))).toBe(1)
  })

  it('stores nothing from a truncated body', async () => {
    const a = await joinTeam(test.server, '皖苏调研组')
    const body = JSON.stringify({ batchId: randomUUID(), changes: [change(a.nodeId, 1, 'trips', 't', { title: '截断' })] })
    const { port } = new URL(test.server.url)
    await new Promise<void>((done, fail) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${a.token}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 40)}`,
        )
        setTimeout(() => socket.destroy(), 100)
      })
      socket.on('close', () => done())
      socket.on('error', fail)
    })
    while (test.server.activeRequests() > 0) await new Promise((done) => setTimeout(done, 10))
    expect(test.logs.filter((line) => line.path === '/v1/push')).toHaveLength(1) // the server did see it
    expect((await count(test.server, 'changes'))).toBe(0)
    expect((await count(test.server, 'batches'))).toBe(0)
    expect((await fetch(`${test.server.url}/v1/health`)).status).toBe(200)
  })

  it('keeps teams apart: a token of team A reads nothing of team B', async () => {
    await test.server.createTeam('苏州组')
    const a = await joinTeam(test.server, '皖苏调研组')
    const b = await joinTeam(test.server, '苏州组')
    await api(test.server, 'POST', '/v1/push', a.token, { batchId: randomUUID(), changes: [change(a.nodeId, 1, 'notes', 'n1', { text: '秘密' })] })
    const batchId = randomUUID()
    await api(test.server, 'POST', '/v1/push', b.token, { batchId, changes: [change(b.nodeId, 2, 'notes', 'n2', { text: 'B' })] })

    const pulledByB = PullResponse.parse((await api(test.server, 'GET', '/v1/pull?after=0', b.token)).json)
    expect(pulledByB.changes.map((c) => c.rowId)).toEqual([rowIdOf('n2')])
    expect(pulledByB.changes[0]?.seq).toBe(1) // seq is per team
    expect(pulledByB.head).toBe(1)
    // A's batch id used by another team is a different batch.
    const sameIdInA = await api(test.server, 'POST', '/v1/push', a.token, { batchId, changes: [change(a.nodeId, 3, 'notes', 'n3', { text: 'A' })] })
    expect(sameIdInA.json).toMatchObject({ replayed: false, seq: 2 })
    const team = TeamResponse.parse((await api(test.server, 'GET', '/v1/team', b.token)).json)
    expect(team.devices.map((d) => d.id)).toEqual([b.deviceId])
  })

  it('pages a large log gap-free: 12,000 changes in pages of 5,000', async () => {
    const a = await joinTeam(test.server, '皖苏调研组')
    for (let batch = 0; batch < 3; batch++) {
      const changes = Array.from({ length: 4000 }, (_, i) =>
        change(a.nodeId, 1_700_000_000_000 + batch * 4000 + i, 'remarks', `r${batch}-${i}`, { text: `发言 ${batch}-${i}` }),
      )
      const pushed = await api(test.server, 'POST', '/v1/push', a.token, { batchId: randomUUID(), changes })
      expect(pushed.json.seq).toBe((batch + 1) * 4000)
    }
    const seqs: number[] = []
    let cursor = 0
    let pages = 0
    for (;;) {
      const page = PullResponse.parse((await api(test.server, 'GET', `/v1/pull?after=${cursor}&limit=5000`, a.token)).json)
      if (page.changes.length === 0) break
      pages += 1
      seqs.push(...page.changes.map((c) => c.seq))
      cursor = page.cursor
      expect(page.head).toBe(12000)
    }
    expect(pages).toBe(3)
    expect(seqs).toEqual(Array.from({ length: 12000 }, (_, i) => i + 1))
  })
})
