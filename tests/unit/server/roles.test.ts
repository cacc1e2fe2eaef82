import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { TeamResponse } from '../../../shared/sync/protocol'
import { runServerCli } from '../../../server/cli'
import { describeBackends, serverRows } from './backends'
import { api, change, startTestServer, type TestServer } from './helpers'

describeBackends('sync server: roles, audit log, health', (backend) => {
  let test: TestServer
  let teamId: string
  let adminInvite: string
  beforeEach(async () => {
    test = await startTestServer({}, backend)
    const created = await test.server.createTeam('省级联合调研组')
    teamId = created.team.id
    adminInvite = created.invite.code
  })
  afterEach(() => test.cleanup())

  async function join(code: string, name: string, node: string) {
    const joined = await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: code, deviceName: name, nodeId: node })
    expect(joined.status).toBe(200)
    return joined.json as { token: string; deviceId: string; role: string }
  }
  const push = (token: string, node: string, title: string) =>
    api(test.server, 'POST', '/v1/push', token, { batchId: randomUUID(), changes: [change(node, Date.now(), 'trips', randomUUID(), { title })] })

  it('a viewer pulls but cannot push or upload; an admin changes roles and names, and the team lists them', async () => {
    const admin = await join(adminInvite, '组长电脑', '00000000000000a1')
    const member = await join((await test.server.createInvite(teamId)).code, '王老师', '00000000000000b2')
    const viewer = await join((await test.server.createInvite(teamId, { role: 'viewer' })).code, '督导', '00000000000000c3')
    expect([admin.role, member.role, viewer.role]).toEqual(['admin', 'member', 'viewer'])

    expect((await push(member.token, '00000000000000b2', '访企')).status).toBe(200)
    const refused = await push(viewer.token, '00000000000000c3', '不该存')
    expect(refused).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } })
    const upload = await api(test.server, 'PUT', `/v1/blobs/${'a'.repeat(64)}`, viewer.token, 'bytes')
    expect(upload).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } })
    const pulled = await api(test.server, 'GET', '/v1/pull?after=0', viewer.token)
    expect(pulled.json.changes).toHaveLength(1)

    // Only an admin administers; a member may not even change itself.
    expect(await api(test.server, 'POST', `/v1/devices/${member.deviceId}`, member.token, { role: 'admin' })).toMatchObject({
      status: 403,
      json: { error: { code: 'FORBIDDEN' } },
    })
    expect((await api(test.server, 'POST', `/v1/devices/${member.deviceId}`, admin.token, { role: 'owner' })).status).toBe(400)
    const changed = await api(test.server, 'POST', `/v1/devices/${member.deviceId}`, admin.token, { role: 'viewer', name: '王老师（只读）' })
    expect(changed.json.device).toMatchObject({ id: member.deviceId, role: 'viewer', name: '王老师（只读）' })
    expect((await push(member.token, '00000000000000b2', '降级之后')).status).toBe(403)
    // An admin reaches only its own team's devices.
    const elsewhere = await test.server.createTeam('另一所学校')
    const stranger = await join(elsewhere.invite.code, '别校电脑', '00000000000000e5')
    expect(await api(test.server, 'POST', `/v1/devices/${stranger.deviceId}`, admin.token, { role: 'viewer' })).toMatchObject({
      status: 404,
      json: { error: { code: 'NOT_FOUND' } },
    })
    expect((await test.server.listDevices('另一所学校'))[0]).toMatchObject({ role: 'admin' })
    // The last admin cannot step down.
    expect((await api(test.server, 'POST', `/v1/devices/${admin.deviceId}`, admin.token, { role: 'member' })).status).toBe(409)

    // The device list shows each device's role, when it was last heard from, and the app version it reports.
    const listed = await fetch(`${test.server.url}/v1/team`, { headers: { Authorization: `Bearer ${admin.token}`, 'Fieldbook-Version': '0.3.1' } })
    const team = TeamResponse.parse(await listed.json())
    expect(team.devices.map((d) => [d.name, d.role, d.version])).toEqual([
      ['组长电脑', 'admin', '0.3.1'],
      ['王老师（只读）', 'viewer', null],
      ['督导', 'viewer', null],
    ])
    for (const device of team.devices) expect(Date.parse(device.lastSeenAt!)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('keeps an audit log of membership and refusals, without tokens or codes, readable with the audit command', async () => {
    const admin = await join(adminInvite, '组长电脑', '00000000000000a1')
    const invite = await test.server.createInvite(teamId)
    const member = await join(invite.code, '王老师', '00000000000000b2')
    await api(test.server, 'POST', `/v1/devices/${member.deviceId}`, admin.token, { role: 'viewer' })
    await push(member.token, '00000000000000b2', '只读设备的推送')
    await api(test.server, 'POST', '/v1/join', undefined, { inviteCode: invite.code, deviceName: '重用邀请', nodeId: '00000000000000d4' })
    await test.server.revokeDevice(member.deviceId)
    await api(test.server, 'GET', '/v1/pull?after=0', member.token)

    const log = await test.server.auditLog(teamId)
    expect(log.map((entry) => entry.action)).toEqual([
      'team.create',
      'invite.create',
      'device.join',
      'invite.create',
      'device.join',
      'device.role',
      'request.refused',
      'device.revoke',
      'request.refused',
    ])
    expect(log[5]).toMatchObject({ actor: admin.deviceId, deviceId: member.deviceId, details: { from: 'member', to: 'viewer' } })
    expect(log[6]).toMatchObject({ deviceId: member.deviceId, details: { path: '/v1/push', status: 403, code: 'FORBIDDEN' } })
    expect(log[8]).toMatchObject({ deviceId: member.deviceId, details: { code: 'TOKEN_REVOKED' } })
    // The reused invite is refused before any team is known: recorded without a team.
    const teamless = await serverRows<{ details: string }>(test.server.store, 'SELECT details FROM audit WHERE team_id IS NULL')
    expect(teamless.map((row) => JSON.parse(row.details))).toEqual([expect.objectContaining({ code: 'INVITE_INVALID' })])
    const everything = JSON.stringify(await serverRows(test.server.store, 'SELECT * FROM audit'))
    for (const secret of [admin.token, member.token, invite.code, adminInvite]) expect(everything).not.toContain(secret)

    const out: string[] = []
    const storage = ['--data-dir', test.dir.path, ...(test.server.store.databaseUrl ? ['--database', test.server.store.databaseUrl] : [])]
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text) }
    expect(await runServerCli(['audit', '--team', '省级联合调研组', ...storage, '--json'], io)).toBe(0)
    expect(JSON.parse(out[0]!).entries).toEqual(JSON.parse(JSON.stringify(log)))
    expect(await runServerCli(['audit', '--team', '省级联合调研组', ...storage], io)).toBe(0)
    expect(out[1]).toContain('device.revoke')
    expect(await runServerCli(['role', member.deviceId, 'owner', ...storage], io)).toBe(2)
    expect(await runServerCli(['rename', member.deviceId.slice(0, 8), '王老师的旧电脑', ...storage, '--json'], io)).toBe(0)
    expect(JSON.parse(out.at(-1)!).device).toMatchObject({ name: '王老师的旧电脑' })
  })

  it('health answers 503 when the database does not', async () => {
    expect((await fetch(`${test.server.url}/v1/health`)).status).toBe(200)
    await test.server.store.sql.close()
    const health = await fetch(`${test.server.url}/v1/health`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } })
  })
})
