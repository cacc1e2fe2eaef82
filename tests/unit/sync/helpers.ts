import { execFile } from 'node:child_process'
import { afterEach, beforeEach } from 'vitest'
import { promisify } from 'node:util'
import { openCore, type Core, type CoreOptions } from '../../../electron/core/core'
import { backupServer, restoreServer } from '../../../server/backup'
import { DEFAULT_MAX_CLOCK_DRIFT_MS, parseHlc } from '../../../shared/hlc'
import { startServer, type RunningServer } from '../../../server/server'
import { dispatchOk } from '../../helpers/core'
import { tempDir } from '../../helpers/temp'
import { serverRows, storageFor, type Backend } from '../server/backends'

/** The real sync server in-process on a free loopback port, with a team, quiet. */
export interface TeamServer {
  server: RunningServer
  teamId: string
  dir: string
  backend: Backend
  /** A fresh single-use invite code for the team. */
  invite(): Promise<string>
  /** Stops the server (the folder stays until cleanup); `restart` starts it again on the same folder and port. */
  stop(): Promise<void>
  restart(): Promise<void>
  cleanup(): Promise<void>
}

// Tests join many devices from one address; the server's join rate limit is for strangers.
const NO_JOIN_LIMIT = { max: 1_000_000, windowMs: 60_000 }
/** Devices in these tests run with clocks skewed by up to three days; a test of the drift limit passes its own. */
const SKEWED_CLOCKS_DRIFT_MS = 4 * 24 * 60 * 60_000

/** The server on the chosen backend (SQLite in a temporary folder, or a fresh PostgreSQL database). */
export async function startTeamServer(
  teamName = '皖苏调研组',
  { backend = 'sqlite', maxClockDriftMs = SKEWED_CLOCKS_DRIFT_MS }: { backend?: Backend; maxClockDriftMs?: number } = {},
): Promise<TeamServer> {
  const dir = tempDir('fieldbook-sync-server-')
  const storage = await storageFor(backend)
  const options = {
    host: '127.0.0.1',
    dataDir: dir.path,
    log: false as const,
    joinRateLimit: NO_JOIN_LIMIT,
    maxClockDriftMs,
    ...(storage.database ? { database: storage.database } : {}),
  }
  let server = await startServer({ port: 0, ...options })
  const port = server.port
  const { team } = await server.createTeam(teamName)
  let running = true
  const handle: TeamServer = {
    get server() {
      return server
    },
    teamId: team.id,
    dir: dir.path,
    backend,
    invite: async () => (await server.createInvite(team.id)).code,
    async stop() {
      if (running) await server.close()
      running = false
    },
    async restart() {
      await handle.stop()
      server = await startServer({ port, ...options })
      running = true
    },
    async cleanup() {
      await handle.stop()
      await storage.drop()
      dir.cleanup()
    },
  }
  return handle
}

/** A device: a core on its own folder, which can be closed and opened again (a restart). */
export interface Device {
  readonly core: Core
  readonly dir: string
  name: string
  reopen(): Core
  ok<T = Record<string, unknown> & { id: string }>(name: string, input: unknown): Promise<T>
  close(): void
}

export function openDevice(name: string, options: Omit<CoreOptions, 'dataDir'> = {}): Device {
  const dir = tempDir('fieldbook-sync-device-')
  let core = openCore({ dataDir: dir.path, ...options })
  let open = true
  return {
    get core() {
      return core
    },
    dir: dir.path,
    name,
    reopen() {
      if (open) core.close()
      core = openCore({ dataDir: dir.path, ...options })
      open = true
      return core
    },
    ok: (procedure, input) => dispatchOk(core, procedure, input),
    close() {
      if (open) core.close()
      open = false
      dir.cleanup()
    },
  }
}

export async function joinDevice(device: Device, team: TeamServer, serverUrl = team.server.url): Promise<void> {
  await device.ok('sync.join', { serverUrl, inviteCode: await team.invite(), deviceName: device.name })
}

/** The rows of a synced table as plain objects without the clocks, by id. */
export function tableRows(core: Core, table: string): Record<string, unknown>[] {
  return (core.store.db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]).map(({ clocks: _clocks, ...row }) => row)
}

/**
 * A loopback proxy between a client and the server that misbehaves on demand: `fault` decides per request what
 * happens to it. 'drop' forwards the request (the server commits) and then cuts the connection without an answer;
 * 'truncate' sends the answer's headers and half its body; 'refuse' cuts the connection before forwarding.
 * `afterForward` runs once the server has answered (before the client sees anything), e.g. to restart it.
 */
export type Fault = 'pass' | 'drop' | 'truncate' | 'refuse'

export interface FaultyProxy {
  url: string
  /** Decides each request's fate; called with the method and path. */
  fault: (method: string, path: string) => Fault
  /** Runs after the server answered, before the client sees anything; may change this request's fate. */
  afterForward?: (method: string, path: string) => Promise<Fault | void>
  requests: { method: string; path: string; fault: Fault }[]
  /** Answers a request in the server's stead when it returns an answer (e.g. a refusal), before forwarding. */
  answer?: (method: string, path: string, body: Buffer) => { status: number; body: unknown } | undefined
  close(): Promise<void>
}

export async function startProxy(target: () => string): Promise<FaultyProxy> {
  const { createServer } = await import('node:http')
  const proxy: FaultyProxy = {
    url: '',
    fault: () => 'pass',
    requests: [],
    close: async () => {},
  }
  const server = createServer((request, response) => {
    void (async () => {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const method = request.method ?? 'GET'
      const path = request.url ?? '/'
      const own = proxy.answer?.(method, path, Buffer.concat(chunks))
      if (own) {
        const text = JSON.stringify(own.body)
        response.writeHead(own.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) })
        response.end(text)
        return
      }
      let fault = proxy.fault(method, path)
      proxy.requests.push({ method, path, fault })
      if (fault === 'refuse') {
        request.socket.destroy()
        return
      }
      const headers: Record<string, string> = {}
      for (const [key, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(key)) headers[key] = value
      }
      let upstream: Response
      try {
        upstream = await fetch(`${target()}${path}`, {
          method,
          headers,
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        })
      } catch {
        request.socket.destroy()
        return
      }
      const body = Buffer.from(await upstream.arrayBuffer())
      fault = (await proxy.afterForward?.(method, path)) ?? fault
      if (fault === 'drop') {
        request.socket.destroy()
        return
      }
      const type = upstream.headers.get('content-type') ?? 'application/json'
      response.writeHead(upstream.status, { 'Content-Type': type, 'Content-Length': String(body.length) })
      if (fault === 'truncate') {
        response.write(body.subarray(0, Math.floor(body.length / 2)))
        setTimeout(() => request.socket.destroy(), 20)
        return
      }
      response.end(body)
    })()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address() as { port: number }
  proxy.url = `http://127.0.0.1:${address.port}`
  proxy.close = () =>
    new Promise<void>((done) => {
      server.close(() => done())
      server.closeAllConnections()
    })
  return proxy
}

/** Every clock value in a workspace's change log, as `table/row/hlc`. */
export function changeIds(core: Core): Set<string> {
  const rows = core.store.db.prepare('SELECT tbl, row_id, hlc FROM change_log').all() as { tbl: string; row_id: string; hlc: string }[]
  return new Set(rows.map((r) => `${r.tbl}/${r.row_id}/${r.hlc}`))
}

/** Every change the server holds for its teams, as `table/row/hlc`, and how many rows that takes. */
export async function serverChangeIds(team: TeamServer, teamId?: string): Promise<{ ids: Set<string>; rows: number; changes: { tbl: string; row_id: string; hlc: string }[] }> {
  const rows = await serverRows<{ tbl: string; row_id: string; hlc: string }>(
    team.server.store,
    `SELECT tbl, row_id, hlc FROM changes${teamId ? ' WHERE team_id = ?' : ''}`,
    teamId ? [teamId] : [],
  )
  return { ids: new Set(rows.map((r) => `${r.tbl}/${r.row_id}/${r.hlc}`)), rows: rows.length, changes: rows }
}

/** How many rows a table of the server's database holds. */
export async function serverCount(team: TeamServer, table: string): Promise<number> {
  return (await serverRows<{ n: number }>(team.server.store, `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0]!.n
}

/** The batch ids the server stored, in no particular order. */
export async function serverBatchIds(team: TeamServer): Promise<string[]> {
  return (await serverRows<{ batch_id: string }>(team.server.store, 'SELECT batch_id FROM batches')).map((row) => row.batch_id)
}

const run = promisify(execFile)

/**
 * A backup of the server's database as its administrator makes one: `npm run server -- backup` for SQLite,
 * pg_dump for PostgreSQL (while the server runs).
 */
export async function backupTeamServer(team: TeamServer, file: string): Promise<void> {
  if (team.backend === 'sqlite') await backupServer(team.dir, file)
  else await run('pg_dump', ['--format=custom', `--file=${file}`, team.server.store.databaseUrl!])
}

/**
 * Puts a backup back, the server stopped: `restore` for SQLite (which sets a new epoch); pg_restore for
 * PostgreSQL, after which the server notices the restored database by itself when it starts.
 */
export async function restoreTeamServer(team: TeamServer, file: string, databaseUrl: string | undefined): Promise<void> {
  if (team.backend === 'sqlite') await restoreServer(team.dir, file)
  else await run('pg_restore', ['--clean', '--if-exists', '--single-transaction', `--dbname=${databaseUrl!}`, file])
}

/**
 * The server's refusal of a push whose clocks run further ahead of its time than the drift limit (409
 * CLOCK_AHEAD with its details; nothing stored), played by a proxy in front of the server: `startProxy(...).answer`.
 */
export function refuseClocksAhead(serverNow: () => number = Date.now, maxDriftMs = DEFAULT_MAX_CLOCK_DRIFT_MS) {
  return (method: string, path: string, body: Buffer): { status: number; body: unknown } | undefined => {
    if (method !== 'POST' || path !== '/v1/push') return undefined
    const { changes } = JSON.parse(body.toString('utf8')) as { changes: { hlc: string }[] }
    const newest = changes.reduce((max, change) => (change.hlc > max ? change.hlc : max), '')
    if (!newest) return undefined
    const serverTime = serverNow()
    const aheadMs = parseHlc(newest).millis - serverTime
    if (aheadMs <= maxDriftMs) return undefined
    return {
      status: 409,
      body: { error: { code: 'CLOCK_AHEAD', message: `A clock runs ${aheadMs} ms ahead of the server`, details: { serverTime, clock: newest, aheadMs, maxDriftMs } } },
    }
  }
}

/**
 * A team server and devices joined to it, opened before each test of the suite and closed after: `team` and
 * `devices` (in the order of `names`) are read inside tests.
 */
export function useJoinedTeam(names: readonly string[], options: Parameters<typeof startTeamServer>[1] = {}) {
  const joined = {} as { team: TeamServer; devices: Device[] }
  beforeEach(async () => {
    joined.team = await startTeamServer(undefined, options)
    joined.devices = names.map((name) => openDevice(name))
    for (const device of joined.devices) await joinDevice(device, joined.team)
  })
  afterEach(async () => {
    for (const device of joined.devices) device.close()
    await joined.team.cleanup()
  })
  return joined
}
