import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Conflict, HistoryEntry, SyncStatus, SyncSummary } from '../../../shared/procedures/sync'
import type { FieldbookEvent } from '../../../shared/events'
import { formatHlc } from '../../../shared/hlc'
import { dispatchFailure } from '../../helpers/core'
import { joinDevice, openDevice, startTeamServer, tableRows, type Device, type TeamServer } from './helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))

describe('sync client', () => {
  let team: TeamServer
  let a: Device
  let b: Device
  beforeEach(async () => {
    team = await startTeamServer()
    a = openDevice('王老师的笔记本')
    b = openDevice('李老师的笔记本')
  })
  afterEach(async () => {
    a.close()
    b.close()
    await team.cleanup()
  })

  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})
  const status = (device: Device) => device.ok<SyncStatus>('sync.status', {})

  it('sends records made before joining to another device, and reports the round', async () => {
    const trip = await a.ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团（苏州）', region: '江苏苏州' })
    expect(await status(a)).toMatchObject({ joined: false, pendingChanges: 2, phase: 'idle' })
    await joinDevice(a, team)
    await joinDevice(b, team)
    expect(await syncNow(a)).toMatchObject({ pushed: 2, pulled: 0, conflicts: 0 })
    // Its own changes came back in the same round and were recognised, not applied twice.
    expect(await syncNow(a)).toMatchObject({ pushed: 0, pulled: 0 })
    expect(a.core.store.db.prepare('SELECT count(*) AS n FROM change_log').get()).toEqual({ n: 2 })
    expect(await syncNow(b)).toMatchObject({ pushed: 0, pulled: 2 })
    expect(tableRows(b.core, 'trips')).toEqual(tableRows(a.core, 'trips'))
    expect(tableRows(b.core, 'enterprises')).toEqual(tableRows(a.core, 'enterprises'))
    expect(await b.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ name: '汇润集团（苏州）', region: '江苏苏州' })
    expect(await b.ok('trip.get', { id: trip.id })).toMatchObject({ title: '皖苏访企拓岗' })
    const after = await status(a)
    expect(after).toMatchObject({ pendingChanges: 0, joined: true, teamName: '皖苏调研组', deviceName: '王老师的笔记本', phase: 'idle' })
    expect(after.serverUrl).toBe(team.server.url)
    expect(Date.parse(after.lastSyncedAt)).toBeGreaterThan(Date.now() - 60_000)
    expect(after.lastError).toBeUndefined()
  })

  it('sends edits and deletes field by field; both sides keep the other’s fields', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const enterprise = await a.ok('enterprise.create', { name: '七彩灵慧', region: '安徽池州' })
    await syncNow(a)
    await syncNow(b)
    await a.ok('enterprise.update', { id: enterprise.id, patch: { region: '安徽池州石台县' } })
    await b.ok('enterprise.update', { id: enterprise.id, patch: { industry: '智能制造', stage: 'contacted' } })
    await syncNow(a)
    await syncNow(b)
    await syncNow(a)
    for (const device of [a, b]) {
      expect(await device.ok('enterprise.get', { id: enterprise.id })).toMatchObject({
        region: '安徽池州石台县',
        industry: '智能制造',
        stage: 'contacted',
      })
    }
    await b.ok('enterprise.delete', { id: enterprise.id })
    await syncNow(b)
    await syncNow(a)
    expect(await a.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ deleted: true })
    expect(await a.ok('enterprise.list', {})).toEqual([])
    // No conflicts: different fields, and a tombstone is not text.
    expect(await a.ok('conflicts.list', {})).toEqual([])
  })

  it('pushes each edit with the clock of the value its writer saw', async () => {
    await joinDevice(a, team)
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团' })
    const created = a.core.store.clocksOf('enterprises', enterprise.id)
    await a.ok('enterprise.update', { id: enterprise.id, patch: { name: '汇润集团（苏州）' } })
    const batch = a.core.sync.nextBatch()!
    expect(batch.changes).toHaveLength(2)
    expect(batch.changes[0]!.base).toBeUndefined()
    expect(batch.changes[1]).toMatchObject({ cells: { name: '汇润集团（苏州）' }, base: { name: created['name'] } })
    // The batch id is kept before sending: asking again gives the same batch.
    expect(a.core.sync.nextBatch()!.id).toBe(batch.id)
  })

  it('keeps both values of a text field edited on two devices at once, and settles the pick everywhere', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团', profile: '饮料生产' })
    await syncNow(a)
    await syncNow(b)
    // Both offline: each edits the profile (and one field the other did not touch, which merges without a conflict).
    await a.ok('enterprise.update', { id: enterprise.id, patch: { profile: '饮料与包装生产，三条灌装线', stage: 'contacted' } })
    await b.ok('enterprise.update', { id: enterprise.id, patch: { profile: '饮料生产，急需设备维护技工', industry: '饮料制造' } })
    expect((await syncNow(a)).conflicts).toBe(0)
    expect((await syncNow(b)).conflicts).toBe(1)
    expect((await syncNow(a)).conflicts).toBe(1)

    const onA = await a.ok<Conflict[]>('conflicts.list', {})
    const onB = await b.ok<Conflict[]>('conflicts.list', {})
    expect(onA).toHaveLength(1)
    expect(onB).toHaveLength(1)
    const winner = (await a.ok<{ profile: string }>('enterprise.get', { id: enterprise.id })).profile
    expect((await b.ok<{ profile: string }>('enterprise.get', { id: enterprise.id })).profile).toBe(winner)
    for (const conflict of [onA[0]!, onB[0]!]) {
      expect(conflict).toMatchObject({ table: 'enterprises', rowId: enterprise.id, column: 'profile', kind: 'enterprise', title: '汇润集团' })
      expect(conflict.current.value).toBe(winner)
      expect([conflict.current.value, conflict.other.value].sort()).toEqual(['饮料与包装生产，三条灌装线', '饮料生产，急需设备维护技工'].sort())
      expect([conflict.current.device, conflict.other.device].sort()).toEqual(['李老师的笔记本', '王老师的笔记本'].sort())
    }
    expect((await status(a)).openConflicts).toBe(1)

    // B merges both texts; the merge syncs to A and closes the conflict there too, without a new one.
    const merged = '饮料与包装生产，三条灌装线；急需设备维护技工'
    const refused = await dispatchFailure(b.core, 'conflicts.resolve', { id: onB[0]!.id, choice: 'merged', merged: 'x'.repeat(20_001) })
    expect(refused.details?.fieldErrors).toEqual([{ path: 'merged', key: 'tooLong', params: { max: 20_000 } }])
    await b.ok('conflicts.resolve', { id: onB[0]!.id, choice: 'merged', merged: `  ${merged} ` })
    expect(await b.ok('conflicts.list', {})).toEqual([])
    expect(await b.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ profile: merged })
    expect((await syncNow(b)).conflicts).toBe(0)
    expect((await syncNow(a)).conflicts).toBe(0)
    expect(await a.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ profile: merged })
    expect(await a.ok('conflicts.list', {})).toEqual([])
    const history = await a.ok<Conflict[]>('conflicts.list', { includeResolved: true })
    expect(history).toHaveLength(1)
    expect((await status(a)).openConflicts).toBe(0)
  })

  it('counts a plain edit of the field after the conflict as the decision, here and on the other device', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团', profile: '饮料生产' })
    await syncNow(a)
    await syncNow(b)
    await a.ok('enterprise.update', { id: enterprise.id, patch: { profile: '三条灌装线' } })
    await b.ok('enterprise.update', { id: enterprise.id, patch: { profile: '急需设备维护技工' } })
    await syncNow(a)
    await syncNow(b)
    await syncNow(a)
    expect(await a.ok<Conflict[]>('conflicts.list', {})).toHaveLength(1)
    expect(await b.ok<Conflict[]>('conflicts.list', {})).toHaveLength(1)
    // A rewrites the profile in the form instead of using the conflict list.
    await a.ok('enterprise.update', { id: enterprise.id, patch: { profile: '三条灌装线，急需设备维护技工' } })
    expect(await a.ok('conflicts.list', {})).toEqual([])
    expect((await status(a)).openConflicts).toBe(0)
    const settled = await a.ok<Conflict[]>('conflicts.list', { includeResolved: true })
    expect(settled).toHaveLength(1)
    await syncNow(a)
    expect((await syncNow(b)).conflicts).toBe(0)
    expect(await b.ok('conflicts.list', {})).toEqual([])
    expect(await b.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ profile: '三条灌装线，急需设备维护技工' })
  })

  it('lets a user keep the other value, which then wins on every device', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const contact = await a.ok('enterprise.create', { name: '七彩灵慧' })
    await syncNow(a)
    await syncNow(b)
    await a.ok('enterprise.update', { id: contact.id, patch: { address: '石台县经济开发区' } })
    await b.ok('enterprise.update', { id: contact.id, patch: { address: '池州市石台县仁里镇' } })
    await syncNow(a)
    await syncNow(b)
    await syncNow(a)
    const [conflict] = await a.ok<Conflict[]>('conflicts.list', {})
    await a.ok('conflicts.resolve', { id: conflict!.id, choice: 'other' })
    await syncNow(a)
    await syncNow(b)
    for (const device of [a, b]) {
      expect(await device.ok('enterprise.get', { id: contact.id })).toMatchObject({ address: conflict!.other.value })
      expect(await device.ok('conflicts.list', {})).toEqual([])
    }
  })

  it('shows who changed what and when', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团' })
    await syncNow(a)
    await syncNow(b)
    await b.ok('enterprise.update', { id: enterprise.id, patch: { region: '江苏苏州' } })
    await syncNow(b)
    await syncNow(a)
    const history = await a.ok<HistoryEntry[]>('history.ofRecord', { table: 'enterprises', rowId: enterprise.id })
    expect(history).toHaveLength(2)
    expect(history[0]).toMatchObject({ device: '李老师的笔记本', local: false, fields: [{ column: 'region', value: '江苏苏州', current: true }] })
    expect(history[1]).toMatchObject({ device: '王老师的笔记本', local: true })
    expect(history[1]!.fields).toContainEqual({ column: 'name', value: '汇润集团', current: true })
    expect(history[1]!.fields).toContainEqual({ column: 'region', value: '', current: false })
    expect(Date.parse(history[0]!.at)).toBeGreaterThanOrEqual(Date.parse(history[1]!.at))
    expect(await a.ok('history.ofRecord', { table: 'no_such_table', rowId: enterprise.id })).toEqual([])
  })

  it('moves photos apart from the rows, checked by hash', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const visit = await a.ok('enterprise.create', { name: '汇润集团' })
    const { attachment } = await a.ok<{ attachment: { id: string; hash: string } }>('attachment.add', {
      ownerKind: 'enterprise',
      ownerId: visit.id,
      fileName: '灌装线.jpg',
      dataBase64: PHOTO.toString('base64'),
    })
    expect(await status(a)).toMatchObject({ pendingBlobs: 1, missingBlobs: 0 })
    expect(await syncNow(a)).toMatchObject({ blobsUploaded: 1 })
    expect(await status(a)).toMatchObject({ pendingBlobs: 0 })
    // B gets the row and the bytes in one round; the content it serves is the same photo.
    expect(await syncNow(b)).toMatchObject({ blobsDownloaded: 1 })
    expect(await status(b)).toMatchObject({ pendingBlobs: 0, missingBlobs: 0 })
    const content = await b.ok<{ dataBase64: string }>('attachment.content', { id: attachment.id })
    expect(Buffer.from(content.dataBase64, 'base64').equals(PHOTO)).toBe(true)
  })

  it('keeps a row whose photo is not on the server yet, and fetches the photo later', async () => {
    await joinDevice(a, team)
    await joinDevice(b, team)
    const note = await a.ok('enterprise.create', { name: '七彩灵慧' })
    await a.ok('attachment.add', { ownerKind: 'enterprise', ownerId: note.id, fileName: '合影.jpg', dataBase64: PHOTO.toString('base64') })
    // Only the rows go up (a push, no blob pass).
    await a.core.sync.pushOnce()
    await a.core.sync.pushOnce()
    expect(await syncNow(b)).toMatchObject({ blobsDownloaded: 0 })
    expect(await status(b)).toMatchObject({ missingBlobs: 1 })
    expect(await b.ok('attachment.list', { ownerId: note.id })).toHaveLength(1)
    await syncNow(a)
    // "Sync now" does not wait out the back-off of a file that was not there before.
    expect(await syncNow(b)).toMatchObject({ blobsDownloaded: 1 })
    expect(await status(b)).toMatchObject({ missingBlobs: 0 })
  })

  it('says why it cannot sync, in codes the screen translates, and keeps the error in the status', async () => {
    expect((await dispatchFailure(a.core, 'sync.now', {})).code).toBe('SYNC_NOT_JOINED')
    const join = (serverUrl: string, inviteCode = 'ABCD-EFGH', allowInsecure = false) =>
      dispatchFailure(a.core, 'sync.join', { serverUrl, inviteCode, deviceName: '王老师的笔记本', allowInsecure })
    expect((await join(team.server.url, 'WRONG-CODE')).code).toBe('SYNC_INVITE_INVALID')
    expect((await join('http://sync.example.edu.cn:8787')).code).toBe('SYNC_INSECURE')
    expect((await join('ftp://sync.example.edu.cn')).details?.fieldErrors).toEqual([{ path: 'serverUrl', key: 'invalidFormat' }])
    expect((await join('http://127.0.0.1:9', 'ABCD-EFGH')).code).toBe('SYNC_UNREACHABLE')
    expect((await status(a)).joined).toBe(false)

    await joinDevice(a, team)
    await team.stop()
    expect((await dispatchFailure(a.core, 'sync.now', {})).code).toBe('SYNC_UNREACHABLE')
    const offline = await status(a)
    expect(offline).toMatchObject({ phase: 'offline', lastError: { code: 'SYNC_UNREACHABLE' } })
    await team.restart()
    await syncNow(a)
    const back = await status(a)
    expect(back.phase).toBe('idle')
    expect(back.lastError).toBeUndefined()
  })

  it('tells the server its app version with every request; the team’s device list shows it', async () => {
    const versioned = openDevice('张老师的笔记本', { appVersion: '1.4.2' })
    try {
      await joinDevice(versioned, team)
      await joinDevice(a, team)
      await syncNow(versioned)
      const devices = await team.server.listDevices(team.teamId)
      expect(devices.find((device) => device.name === '张老师的笔记本')).toMatchObject({ version: '1.4.2' })
      // A client that reports no version is listed without one.
      expect(devices.find((device) => device.name === '王老师的笔记本')).toMatchObject({ version: null })
    } finally {
      versioned.close()
    }
  })

  it('stops with SYNC_REVOKED when the admin revoked the device', async () => {
    await joinDevice(a, team)
    const [device] = await team.server.listDevices(team.teamId)
    await team.server.revokeDevice(device!.id)
    expect((await dispatchFailure(a.core, 'sync.now', {})).code).toBe('SYNC_REVOKED')
    expect(await status(a)).toMatchObject({ phase: 'error', lastError: { code: 'SYNC_REVOKED' } })
    // Leaving forgets the server; the records stay.
    await a.ok('enterprise.create', { name: '汇润集团' })
    expect(await a.ok('sync.leave', {})).toMatchObject({ joined: false, serverUrl: '', teamName: '' })
    expect(await a.ok('enterprise.list', {})).toHaveLength(1)
  })

  it('stores fields it does not know (a newer version’s) aside and goes on syncing', async () => {
    const node = 'feedfacefeedface'
    const row = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
    const hlc = formatHlc({ millis: Date.now(), counter: 0, node })
    const result = a.core.sync.applyPage({
      changes: [
        { seq: 1, device: 'd', hlc, table: 'enterprises', rowId: row, cells: { name: '汇润集团', carbon_rating: 'A', deleted: 0 } },
        { seq: 2, device: 'd', hlc, table: 'carbon_reports', rowId: row, cells: { score: 3 } },
        { seq: 3, device: 'd', hlc, table: 'enterprises', rowId: row, cells: { size: 12 } },
      ],
      cursor: 3,
      head: 3,
      epoch: 'e',
    })
    expect(result).toEqual({ received: 3, applied: 2, skipped: 3 })
    expect(await a.ok('enterprise.get', { id: row })).toMatchObject({ name: '汇润集团', deleted: false })
    expect(a.core.store.db.prepare('SELECT tbl, cells, reason FROM sync_skipped ORDER BY tbl').all()).toEqual([
      { tbl: 'carbon_reports', cells: '{"score":3}', reason: 'unknown table' },
      { tbl: 'enterprises', cells: '{"carbon_rating":"A","size":12}', reason: 'unknown or invalid field' },
    ])
    expect(a.core.sync.state.cursor).toBe(3)
    // An old page delivered again never moves the cursor back.
    a.core.sync.applyPage({ changes: [], cursor: 1, head: 3, epoch: 'e' })
    expect(a.core.sync.state.cursor).toBe(3)
  })

  it('tells the renderer every change of phase', async () => {
    await joinDevice(a, team)
    await a.ok('enterprise.create', { name: '汇润集团' })
    const events: FieldbookEvent[] = []
    a.core.onEvent((event) => events.push(event))
    await syncNow(a)
    const phases = events.flatMap((e) => (e.type === 'sync.progress' ? [e.status.phase] : []))
    expect(phases[0]).toBe('pushing')
    expect(phases).toContain('pulling')
    expect(phases).toContain('blobs')
    expect(phases.at(-1)).toBe('idle')
  })

  it('turns automatic sync off and on', async () => {
    await joinDevice(a, team)
    expect(await a.ok('sync.setAuto', { autoSync: false })).toMatchObject({ autoSync: false })
    a.reopen()
    expect(await status(a)).toMatchObject({ autoSync: false, joined: true })
    expect(await a.ok('sync.setAuto', { autoSync: true })).toMatchObject({ autoSync: true })
  })

  it('syncs by itself when auto sync is on: on opening and after edits settle', async () => {
    const auto = openDevice('自动', { autoSync: true })
    try {
      await joinDevice(auto, team)
      await joinDevice(b, team)
      const enterprise = await auto.ok('enterprise.create', { name: '汇润集团' })
      await expect.poll(async () => (await status(auto)).pendingChanges, { timeout: 15_000, interval: 200 }).toBe(0)
      await syncNow(b)
      expect(await b.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ name: '汇润集团' })
    } finally {
      auto.close()
    }
  })
})
