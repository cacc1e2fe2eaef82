import { afterEach, beforeEach, expect, it } from 'vitest'
import type { SyncSummary } from '../../../shared/procedures/sync'
import { dispatchFailure } from '../../helpers/core'
import { tempDir } from '../../helpers/temp'
import { describeBackends } from '../server/backends'
import {
  backupTeamServer,
  changeIds,
  joinDevice,
  openDevice,
  restoreTeamServer,
  serverBatchIds,
  serverChangeIds,
  serverCount,
  startProxy,
  startTeamServer,
  tableRows,
  type Device,
  type FaultyProxy,
  type TeamServer,
} from './helpers'

/** Synced tables compared between devices. */
const TABLES = ['trips', 'enterprises', 'contacts', 'notes']

function expectSameData(devices: Device[]): void {
  const [first, ...others] = devices
  for (const table of TABLES) for (const other of others) expect(tableRows(other.core, table), table).toEqual(tableRows(first!.core, table))
}

async function makeRecords(device: Device, count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) await device.ok('enterprise.create', { name: `${label}企业${i}`, region: '江苏苏州' })
}

describeBackends('sync faults', (backend) => {
  let team: TeamServer
  let proxy: FaultyProxy
  let a: Device
  let b: Device
  beforeEach(async () => {
    team = await startTeamServer(undefined, { backend })
    proxy = await startProxy(() => team.server.url)
    a = openDevice('甲')
    b = openDevice('乙')
    await joinDevice(a, team, proxy.url)
    await joinDevice(b, team, proxy.url)
  })
  afterEach(async () => {
    a.close()
    b.close()
    await proxy.close()
    await team.cleanup()
  })

  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})

  it('the connection drops once after the server committed a push: the same batch goes again at once', async () => {
    await makeRecords(a, 5, '甲')
    let dropped = 0
    proxy.fault = (method, path) => (method === 'POST' && path === '/v1/push' && dropped++ === 0 ? 'drop' : 'pass')
    expect(await syncNow(a)).toMatchObject({ pushed: 5 })
    expect(proxy.requests.filter((r) => r.path === '/v1/push').map((r) => r.fault)).toEqual(['drop', 'pass'])
    expect(await serverCount(team, 'batches')).toBe(1)
    expect((await serverChangeIds(team)).rows).toBe(5)
    expect(await syncNow(b)).toMatchObject({ pulled: 5 })
    expectSameData([a, b])
  })

  it('the connection keeps dropping after the server committed a push: the next round sends the same batch and nothing twice', async () => {
    await makeRecords(a, 5, '甲')
    let dropped = 0
    proxy.fault = (method, path) => (method === 'POST' && path === '/v1/push' && dropped++ < 2 ? 'drop' : 'pass')
    expect((await dispatchFailure(a.core, 'sync.now', {})).code).toBe('SYNC_UNREACHABLE')
    // The server has them; the client does not know it and keeps them in its outbox.
    expect((await serverChangeIds(team)).rows).toBe(5)
    expect((await a.ok<{ pendingChanges: number }>('sync.status', {})).pendingChanges).toBe(5)
    const pendingBatch = a.core.store.db.prepare('SELECT id FROM sync_batches').pluck().all()
    expect(pendingBatch).toHaveLength(1)

    expect(await syncNow(a)).toMatchObject({ pushed: 5 })
    const batches = await serverBatchIds(team)
    expect(batches).toEqual(pendingBatch)
    expect((await serverChangeIds(team)).rows).toBe(5)
    expect(await syncNow(b)).toMatchObject({ pulled: 5 })
    expectSameData([a, b])
  })

  it('the connection drops before a pulled page arrives: nothing applied, the next round gets it', async () => {
    await makeRecords(a, 3, '甲')
    await syncNow(a)
    proxy.fault = (method, path) => (path.startsWith('/v1/pull') ? 'drop' : 'pass')
    expect((await dispatchFailure(b.core, 'sync.now', {})).code).toBe('SYNC_UNREACHABLE')
    expect(tableRows(b.core, 'enterprises')).toEqual([])
    expect(b.core.sync.state.cursor).toBe(0)
    proxy.fault = () => 'pass'
    expect(await syncNow(b)).toMatchObject({ pulled: 3 })
    expectSameData([a, b])
  })

  it('a truncated answer applies nothing and is retried', async () => {
    await makeRecords(a, 4, '甲')
    await makeRecords(b, 2, '乙')
    proxy.fault = (method, path) => (method === 'POST' && path === '/v1/push' ? 'truncate' : 'pass')
    const pushFailed = await dispatchFailure(a.core, 'sync.now', {})
    expect(['SYNC_UNREACHABLE', 'SYNC_FAILED']).toContain(pushFailed.code)
    expect((await a.ok<{ pendingChanges: number }>('sync.status', {})).pendingChanges).toBe(4)

    proxy.fault = (method, path) => (path.startsWith('/v1/pull') ? 'truncate' : 'pass')
    await syncNow(b).catch(() => {})
    const truncatedPull = await dispatchFailure(b.core, 'sync.now', {})
    expect(['SYNC_UNREACHABLE', 'SYNC_FAILED']).toContain(truncatedPull.code)
    expect(tableRows(b.core, 'enterprises')).toHaveLength(2)

    proxy.fault = () => 'pass'
    await syncNow(a)
    await syncNow(b)
    await syncNow(a)
    expectSameData([a, b])
    expect(tableRows(a.core, 'enterprises')).toHaveLength(6)
    expect((await serverChangeIds(team)).rows).toBe(6)
  })

  it('the server restarts in the middle of a push of several batches', async () => {
    // Enough for three batches.
    a.core.store.db.transaction(() => {
      for (let i = 0; i < 4500; i++) a.core.records.note.create({ text: `第${i}条记录` })
    })()
    let pushes = 0
    proxy.fault = () => 'pass'
    proxy.afterForward = async (method, path) => {
      if (method === 'POST' && path === '/v1/push' && ++pushes === 2) {
        await team.restart()
        return 'drop'
      }
    }
    // The second batch was committed, then the server went down before answering; the client sends it again
    // (the restarted server answers from its stored result) and goes on.
    expect(await syncNow(a)).toMatchObject({ pushed: 4500 })
    expect(proxy.requests.filter((r) => r.path === '/v1/push').map((r) => r.fault)).toEqual(['pass', 'pass', 'pass', 'pass'])
    expect(await serverCount(team, 'batches')).toBe(3)
    expect((await serverChangeIds(team)).rows).toBe(4500)
    expect(await syncNow(b)).toMatchObject({ pulled: 4500 })
    expectSameData([a, b])
  })

  it('the server is restored from an older backup: every device pushes again and nothing acknowledged is lost', async () => {
    const backups = tempDir('fieldbook-backup-')
    try {
      await makeRecords(a, 3, '备份前')
      await syncNow(a)
      await syncNow(b)
      await backupTeamServer(team, `${backups.path}/server.db`)
      // After the backup: both devices make changes the server acknowledges, then the server loses them.
      await makeRecords(a, 2, '甲')
      const [first] = a.core.records.enterprise.list()
      await b.ok('enterprise.update', { id: first!.id, patch: { address: '苏州工业园区' } })
      await makeRecords(b, 2, '乙')
      await syncNow(a)
      await syncNow(b)
      await syncNow(a)
      expect(a.core.store.db.prepare('SELECT count(*) FROM change_log WHERE outbox = 1').pluck().get()).toBe(0)
      const acknowledged = (await serverChangeIds(team)).ids
      expect(acknowledged.size).toBe(8)

      const databaseUrl = team.server.store.databaseUrl
      await team.stop()
      await restoreTeamServer(team, `${backups.path}/server.db`, databaseUrl)
      await team.restart()
      expect((await serverChangeIds(team)).rows).toBe(3)

      for (const device of [a, b, a, b]) await syncNow(device)
      const restored = await serverChangeIds(team)
      for (const id of acknowledged) expect(restored.ids.has(id), id).toBe(true)
      // Changes the backup held are not stored twice.
      expect(restored.rows).toBe(restored.ids.size)
      expectSameData([a, b])
      expect(await a.ok('enterprise.get', { id: first!.id })).toMatchObject({ address: '苏州工业园区' })

      // A device joining after the restore gets everything.
      const c = openDevice('丙')
      try {
        await joinDevice(c, team, proxy.url)
        await syncNow(c)
        expectSameData([a, b, c])
        for (const id of acknowledged) expect(changeIds(c.core).has(id), id).toBe(true)
      } finally {
        c.close()
      }
    } finally {
      backups.cleanup()
    }
  })
})
