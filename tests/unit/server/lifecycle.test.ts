import { randomUUID } from 'node:crypto'
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PullResponse, PushResponse } from '../../../shared/sync/protocol'
import { backupServer, restoreServer } from '../../../server/backup'
import { startServer } from '../../../server/server'
import { ServerStore } from '../../../server/store'
import { tempDir } from '../../helpers/temp'
import { api, change, joinTeam, rawRequest } from './helpers'

const quiet = { port: 0, host: '127.0.0.1', log: false as const }

describe('sync server: shutdown, backup and restore', () => {
  const dirs: ReturnType<typeof tempDir>[] = []
  const folder = () => {
    const dir = tempDir('fieldbook-server-')
    dirs.push(dir)
    return dir.path
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.cleanup()
  })

  it('finishes a push in flight when closed, then stops accepting', async () => {
    const dataDir = folder()
    const server = await startServer({ ...quiet, dataDir })
    await server.createTeam('A')
    const device = await joinTeam(server, 'A')
    const body = Buffer.from(
      JSON.stringify({ batchId: randomUUID(), changes: [change(device.nodeId, 1_700_000_000_000, 'trips', 't', { title: '关机时的推送' })] }),
    )
    let closed: Promise<void> | undefined
    let closedEarly = false
    const push = rawRequest(server.url, {
      method: 'POST',
      path: '/v1/push',
      headers: { Authorization: `Bearer ${device.token}`, 'Content-Type': 'application/json' },
      chunks: [body.subarray(0, 20), body.subarray(20)],
      between: async (index) => {
        if (index !== 0) return
        // Half the body is sent and the server has started on the request: shut down now, send the rest later.
        while (server.activeRequests() === 0) await new Promise((done) => setTimeout(done, 10))
        closed = server.close()
        void closed.then(() => (closedEarly = true))
        await new Promise((done) => setTimeout(done, 150))
        expect(closedEarly).toBe(false)
      },
    })
    const answer = await push
    expect(answer.status).toBe(200)
    expect(PushResponse.parse(JSON.parse(answer.body))).toMatchObject({ accepted: 1, seq: 1 })
    await closed
    await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow()
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false)

    const store = await ServerStore.open({ dataDir })
    expect(await store.sql.all('SELECT cells FROM changes')).toEqual([{ cells: JSON.stringify({ title: '关机时的推送' }) }])
    await store.close()
  })

  it('restore puts a backup back under a new epoch; clients push again and nothing acknowledged is lost', async () => {
    const dataDir = folder()
    const backupFile = join(folder(), 'server-backup.db')
    let server = await startServer({ ...quiet, dataDir })
    await server.createTeam('A')
    const device = await joinTeam(server, 'A')
    const early = { batchId: randomUUID(), changes: [change(device.nodeId, 1_700_000_000_000, 'trips', 't', { title: '备份前' })] }
    const late = { batchId: randomUUID(), changes: [change(device.nodeId, 1_700_000_000_100, 'trips', 't', { purpose: '备份后' })] }
    await api(server, 'POST', '/v1/push', device.token, early)
    const backup = await backupServer(dataDir, backupFile) // online, while serving
    expect(backup).toMatchObject({ epoch: await server.epoch(), heads: { [device.team.id]: 1 } })
    expect((await api(server, 'POST', '/v1/push', device.token, late)).json).toMatchObject({ seq: 2, replayed: false })
    const oldEpoch = await server.epoch()

    await expect(restoreServer(dataDir, backupFile)).rejects.toThrow(/running/)
    await expect(backupServer(folder(), backupFile)).rejects.toThrow(/No server.db/)
    await server.close()
    await expect(restoreServer(dataDir, join(dataDir, 'nothing.db'))).rejects.toThrow(/No file/)
    const notABackup = join(folder(), 'notes.txt')
    writeFileSync(notABackup, 'hello')
    await expect(restoreServer(dataDir, notABackup)).rejects.toThrow(/not a Fieldbook sync server backup/)

    const restored = await restoreServer(dataDir, backupFile)
    expect(restored.previousEpoch).toBe(oldEpoch)
    expect(restored.epoch).not.toBe(oldEpoch)
    expect(restored.heads).toEqual({ [device.team.id]: 1 })
    expect(restored.replaced && existsSync(restored.replaced)).toBe(true)

    server = await startServer({ ...quiet, dataDir })
    try {
      expect(await server.epoch()).toBe(restored.epoch)
      const page = PullResponse.parse((await api(server, 'GET', '/v1/pull?after=0', device.token)).json)
      expect(page).toMatchObject({ head: 1, epoch: restored.epoch })
      // The client sees the new epoch and pushes its whole log again: the late batch is new to this server.
      expect((await api(server, 'POST', '/v1/push', device.token, early)).json).toMatchObject({ replayed: true, seq: 1 })
      const again = await api(server, 'POST', '/v1/push', device.token, late)
      expect(again.json).toEqual({ accepted: 1, seq: 2, epoch: restored.epoch, replayed: false })
    } finally {
      await server.close()
    }
  })

  it('detects a server.db copied back by hand and changes the epoch', async () => {
    const dataDir = folder()
    const backupFile = join(folder(), 'copy.db')
    let server = await startServer({ ...quiet, dataDir })
    await server.createTeam('A')
    const device = await joinTeam(server, 'A')
    await backupServer(dataDir, backupFile)
    await api(server, 'POST', '/v1/push', device.token, { batchId: randomUUID(), changes: [change(device.nodeId, 1, 'trips', 't', { title: 'x' })] })
    const epoch = await server.epoch()
    await server.close()

    // A restart without a restore keeps the epoch.
    server = await startServer({ ...quiet, dataDir })
    expect(await server.epoch()).toBe(epoch)
    await server.close()

    rmSync(join(dataDir, 'server.db-wal'), { force: true })
    rmSync(join(dataDir, 'server.db-shm'), { force: true })
    copyFileSync(backupFile, join(dataDir, 'server.db'))
    const events: string[] = []
    server = await startServer({ ...quiet, dataDir, log: (entry) => entry.event && events.push(entry.event) })
    try {
      expect(await server.epoch()).not.toBe(epoch)
      expect(events).toContain('rollback-detected')
    } finally {
      await server.close()
    }
  })
})
