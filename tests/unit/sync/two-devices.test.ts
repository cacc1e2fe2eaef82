import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Conflict, SyncSummary } from '../../../shared/procedures/sync'
import { tempDir } from '../../helpers/temp'
import { describeBackends, storageFor } from '../server/backends'
import { openDevice, tableRows, type Device } from './helpers'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../../..')
const PHOTO = readFileSync(join(ROOT, 'tests/fixtures/attachments/bottling-line.jpg'))

/** The server as the README starts it, in its own process; the team and invites made with its admin commands. */
async function admin(storage: string[], ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('npx', ['tsx', 'server/main.ts', ...args, ...storage, '--json'], { cwd: ROOT })
  return JSON.parse(stdout) as Record<string, unknown>
}

/** `storage`: the options that name where the server keeps its records (--data-dir, --database). */
function serve(storage: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('npx', ['tsx', 'server/main.ts', '--port', '0', ...storage, '--quiet'], { cwd: ROOT, detached: true })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve({ child, url: match[1]! })
    })
    child.once('exit', (code) => reject(new Error(`The server exited (${code}): ${output}`)))
  })
}

describeBackends('two devices through the server process', (backend) => {
  const serverDir = tempDir('fieldbook-server-process-')
  let server: { child: ChildProcess; url: string }
  let a: Device
  let b: Device
  let storage: string[]
  let dropDatabase = async () => {}
  beforeAll(async () => {
    const database = await storageFor(backend)
    dropDatabase = database.drop
    storage = ['--data-dir', serverDir.path, ...(database.database ? ['--database', database.database] : [])]
    server = await serve(storage)
    a = openDevice('王老师的笔记本')
    b = openDevice('李老师的笔记本')
  }, 60_000)
  afterAll(async () => {
    a.close()
    b.close()
    if (server?.child.pid && server.child.exitCode === null) {
      const exited = new Promise((done) => server.child.once('exit', done))
      process.kill(-server.child.pid, 'SIGTERM')
      await exited
    }
    await dropDatabase()
    serverDir.cleanup()
  })

  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})

  it('carries records and a photo from one device to the other, and shows a concurrent edit as a conflict on both', { timeout: 120_000 }, async () => {
    const created = (await admin(storage, 'team', 'create', '皖苏访企拓岗调研组')) as { invite: { code: string } }
    const member = ((await admin(storage, 'invite', '--team', '皖苏访企拓岗调研组')) as { invite: { code: string } }).invite
    await a.ok('sync.join', { serverUrl: server.url, inviteCode: created.invite.code, deviceName: a.name })
    await b.ok('sync.join', { serverUrl: server.url, inviteCode: member.code, deviceName: b.name })

    const trip = await a.ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'] })
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团（苏州）', industry: '饮料制造', region: '江苏苏州' })
    const visit = await a.ok('visit.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-18', title: '参观灌装车间' })
    const { attachment } = await a.ok<{ attachment: { id: string } }>('attachment.add', {
      ownerKind: 'visit',
      ownerId: visit.id,
      fileName: '灌装线.jpg',
      dataBase64: PHOTO.toString('base64'),
    })
    expect(await syncNow(a)).toMatchObject({ pushed: 4, blobsUploaded: 1 })
    expect(await syncNow(b)).toMatchObject({ pulled: 4, blobsDownloaded: 1 })
    for (const table of ['trips', 'enterprises', 'visits', 'attachments']) expect(tableRows(b.core, table), table).toEqual(tableRows(a.core, table))
    expect(await b.ok('visit.list', { tripId: trip.id })).toMatchObject([{ title: '参观灌装车间', enterpriseId: enterprise.id }])
    const content = await b.ok<{ dataBase64: string }>('attachment.content', { id: attachment.id })
    expect(Buffer.from(content.dataBase64, 'base64').equals(PHOTO)).toBe(true)

    // Both edit the enterprise's profile while offline.
    await a.ok('enterprise.update', { id: enterprise.id, patch: { profile: '三条灌装线，自动化程度高' } })
    await b.ok('enterprise.update', { id: enterprise.id, patch: { profile: '急需设备维护与PLC技工' } })
    for (const device of [a, b, a, b]) await syncNow(device)
    const onA = await a.ok<Conflict[]>('conflicts.list', {})
    const onB = await b.ok<Conflict[]>('conflicts.list', {})
    expect(onA).toHaveLength(1)
    expect(onB).toHaveLength(1)
    expect(onA[0]).toMatchObject({ kind: 'enterprise', column: 'profile', title: '汇润集团（苏州）' })
    expect(new Set([onA[0]!.current.value, onA[0]!.other.value])).toEqual(new Set(['三条灌装线，自动化程度高', '急需设备维护与PLC技工']))

    await b.ok('conflicts.resolve', { id: onB[0]!.id, choice: 'merged', merged: '三条灌装线，自动化程度高；急需设备维护与PLC技工' })
    for (const device of [b, a]) await syncNow(device)
    for (const device of [a, b]) {
      expect(await device.ok('conflicts.list', {})).toEqual([])
      expect(await device.ok('enterprise.get', { id: enterprise.id })).toMatchObject({ profile: '三条灌装线，自动化程度高；急需设备维护与PLC技工' })
    }
    // History names both devices.
    const history = await a.ok<{ device: string; local: boolean }[]>('history.ofRecord', { table: 'enterprises', rowId: enterprise.id })
    expect(history[0]).toMatchObject({ device: '李老师的笔记本', local: false })
    expect(history.some((entry) => entry.local && entry.device === '王老师的笔记本')).toBe(true)
  })
})
