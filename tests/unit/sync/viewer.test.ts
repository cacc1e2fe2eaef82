import { afterEach, beforeEach, expect, it } from 'vitest'
import type { SyncStatus, SyncSummary } from '../../../shared/procedures/sync'
import { describeBackends } from '../server/backends'
import { openDevice, startTeamServer, tableRows, type Device, type TeamServer } from './helpers'

describeBackends('sync client of a viewer', (backend) => {
  let team: TeamServer
  let member: Device
  let viewer: Device
  beforeEach(async () => {
    team = await startTeamServer('省级联合调研组', { backend })
    member = openDevice('王老师的笔记本')
    viewer = openDevice('督导的笔记本')
  })
  afterEach(async () => {
    member.close()
    viewer.close()
    await team.cleanup()
  })

  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})
  const status = (device: Device) => device.ok<SyncStatus>('sync.status', {})
  /** The server's audit entries of refused pushes (each push a viewer sends is one). */
  const refusedPushes = async () =>
    (await team.server.auditLog(team.teamId)).filter((entry) => entry.action === 'request.refused' && entry.details?.['path'] === '/v1/push')
  const joinAs = async (device: Device, role: 'member' | 'viewer') =>
    device.ok('sync.join', { serverUrl: team.server.url, inviteCode: (await team.server.createInvite(team.teamId, { role })).code, deviceName: device.name })

  it('receives the team’s changes, keeps its own waiting without sending them, and sends them once made a member', async () => {
    await joinAs(member, 'member')
    await member.ok('enterprise.create', { name: '汇润集团（苏州）', region: '江苏苏州' })
    await syncNow(member)

    await viewer.ok('enterprise.create', { name: '督导自己记的企业' })
    await joinAs(viewer, 'viewer')
    expect(await syncNow(viewer)).toMatchObject({ pushed: 0, pulled: 1 })
    expect(tableRows(viewer.core, 'enterprises').map((row) => row['name']).sort()).toEqual(['汇润集团（苏州）', '督导自己记的企业'])
    const state = await status(viewer)
    expect(state).toMatchObject({ readOnly: true, pendingChanges: 1, phase: 'idle' })
    expect(state.lastError).toBeUndefined()
    // Round after round, nothing is sent: no push reaches the server to be refused.
    await syncNow(viewer)
    await syncNow(viewer)
    expect(await refusedPushes()).toEqual([])
    expect(tableRows(member.core, 'enterprises')).toHaveLength(1)

    // An admin makes it a member: the next round sends what waited.
    const [device] = (await team.server.listDevices(team.teamId)).filter((d) => d.name === '督导的笔记本')
    await team.server.setRole(device!.id, 'member')
    expect(await syncNow(viewer)).toMatchObject({ pushed: 1 })
    expect(await status(viewer)).toMatchObject({ pendingChanges: 0 })
    expect((await status(viewer)).readOnly).toBeUndefined()
    await syncNow(member)
    expect(tableRows(member.core, 'enterprises')).toHaveLength(2)
  })

  it('a member made a viewer is refused once, then stops pushing and keeps receiving', async () => {
    await joinAs(viewer, 'member')
    await joinAs(member, 'member')
    await syncNow(viewer)
    const [device] = (await team.server.listDevices(team.teamId)).filter((d) => d.name === '督导的笔记本')
    await team.server.setRole(device!.id, 'viewer')

    await viewer.ok('enterprise.create', { name: '督导自己记的企业' })
    await member.ok('enterprise.create', { name: '汇润集团（苏州）' })
    await syncNow(member)
    // The push is refused (nothing stored), the round still receives, and ends without an error.
    expect(await syncNow(viewer)).toMatchObject({ pushed: 0, pulled: 1 })
    expect(await status(viewer)).toMatchObject({ readOnly: true, pendingChanges: 1, phase: 'idle' })
    expect(await refusedPushes()).toHaveLength(1)
    await syncNow(viewer)
    expect(await refusedPushes()).toHaveLength(1)
    // A push sent anyway says why, in a code the screen translates; the change still waits.
    await expect(viewer.core.sync.pushOnce()).rejects.toMatchObject({ code: 'SYNC_READ_ONLY' })
    expect(await status(viewer)).toMatchObject({ pendingChanges: 1 })
  })
})
