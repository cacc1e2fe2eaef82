import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import createRouter, { type HTTPMethod } from 'find-my-way'
import { pino, type DestinationStream, type Logger } from 'pino'
import {
  BlobsMissingRequest,
  CLIENT_VERSION_HEADER,
  DeviceUpdateRequest,
  JoinRequest,
  MAX_BLOB_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_PULL_LIMIT,
  PullQuery,
  PushRequest,
  Sha256,
  SYNC_PROTOCOL_VERSION,
} from '../shared/sync/protocol'
import { checkPush } from './check'
import { HttpError, badRequest, notFound } from './errors'
import { parseWith, readBody, readJson, sendError, sendJson, sendJsonText, type RequestContext } from './http'
import { RateLimiter } from './rate-limit'
import { DEFAULT_AUDIT_DAYS, ServerStore, type AuditEntry, type AuthenticatedDevice, type DeviceInfo, type InviteInfo, type Role, type TeamInfo } from './store'

export const PROTOCOL_VERSION = SYNC_PROTOCOL_VERSION

/** One line per request (and a few events), written as JSON to stdout by default. Never tokens or bodies. */
export interface LogEntry {
  level: 'info' | 'error'
  time: string
  event?: string
  method?: string
  path?: string
  status?: number
  ms?: number
  team?: string
  device?: string
  bytesIn?: number
  bytesOut?: number
  code?: string
  message?: string
}

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number
  host?: string
  /** SQLite: the database and blobs. PostgreSQL: the blobs only, a folder every server process shares. */
  dataDir: string
  /** A `postgres://` connection string: the records live in PostgreSQL (several processes may serve it). */
  database?: string
  /** PostgreSQL connections this process keeps at most; default 10. */
  poolSize?: number
  /** Where log lines go: a function (handed each line parsed), or false for none; default one JSON line per entry on stdout. */
  log?: false | ((entry: LogEntry) => void)
  /** Wall clock in ms, for invite expiry and the join rate limit in tests. */
  now?: () => number
  /** Join attempts allowed per remote address and window; default 10 a minute. */
  joinRateLimit?: { max: number; windowMs: number }
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  trustProxy?: boolean
  /**
   * Fault injection for tests: return true to cut the connection after a push or blob upload has committed,
   * before the reply is written (the client must then retry, and the replay must apply nothing twice).
   */
  dropReplyAfterCommit?: (endpoint: 'push' | 'blob') => boolean
  /** How long close() waits for requests in flight before cutting connections; default 30 s. */
  shutdownTimeoutMs?: number
  /** How far ahead of the server's time a pushed clock may be (409 CLOCK_AHEAD beyond); default 5 minutes. */
  maxClockDriftMs?: number
  /** Audit entries older than this many days are removed at start and then daily; default a year. */
  auditDays?: number
  /** How often the audit log is trimmed while the server runs; default once a day (tests shorten it). */
  auditTrimIntervalMs?: number
}

export interface RunningServer {
  url: string
  port: number
  dataDir: string
  /** The storage, for tests that look at what was stored. */
  store: ServerStore
  epoch(): Promise<string>
  /** Requests being handled now (tests wait for one to start). */
  activeRequests(): number
  /** Stops accepting, lets requests in flight finish, closes the database. */
  close(): Promise<void>
  createTeam(name: string): Promise<{ team: TeamInfo; invite: InviteInfo }>
  createInvite(team: string, options?: { role?: Role; days?: number }): Promise<InviteInfo>
  listDevices(team: string): Promise<DeviceInfo[]>
  revokeDevice(device: string): Promise<DeviceInfo>
  setRole(device: string, role: Role): Promise<DeviceInfo>
  auditLog(team: string): Promise<AuditEntry[]>
}

export const PID_FILE = 'server.pid'

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return '0.0.0'
  }
}
const SERVER_VERSION = readVersion()

/** True when a process with this id runs (a stale pid file from a crash names none, or another program). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of a server running on this data folder, if any. */
export function runningServerPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim())
    return processAlive(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Counts the body bytes written to a response. Headers passed to writeHead are not readable with getHeader, so the
 * declared Content-Length cannot be trusted for the log; what went through write/end can.
 */
function countBytesOut(response: ServerResponse): () => number {
  let bytes = 0
  const size = (chunk: unknown, encoding: unknown): number =>
    typeof chunk === 'string'
      ? Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
      : chunk instanceof Uint8Array
        ? chunk.byteLength
        : 0
  const write = response.write.bind(response) as (...args: unknown[]) => boolean
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse
  response.write = ((...args: unknown[]) => {
    bytes += size(args[0], args[1])
    return write(...args)
  }) as ServerResponse['write']
  response.end = ((...args: unknown[]) => {
    bytes += size(args[0], args[1])
    return end(...args)
  }) as ServerResponse['end']
  return () => bytes
}

/**
 * Database failures a client should simply retry: SQLite's busy timeout ran out; PostgreSQL reported a deadlock,
 * a serialization failure, too many connections, a shutdown or start-up, or could not be reached.
 */
const RETRYABLE_DATABASE_ERRORS = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', '40P01', '40001', '53300', '57P01', '57P03', 'ECONNREFUSED', 'ECONNRESET'])

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && RETRYABLE_DATABASE_ERRORS.has(code)) return new HttpError(503, 'UNAVAILABLE', 'The server is busy; try again shortly')
  return new HttpError(500, 'INTERNAL', 'The server failed; the administrator can find the reason in its log')
}

const STALE_UPLOAD_MS = 24 * 60 * 60_000

function removeStaleUploads(dir: string, before: number): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    try {
      if (statSync(join(dir, name)).mtimeMs < before) rmSync(join(dir, name), { force: true })
    } catch {
      // Another process finished or removed it meanwhile.
    }
  }
}

/**
 * The server's log: one JSON line per entry, written synchronously (the last line of a stopping process is not lost),
 * with the time as an ISO string and the level by name.
 */
function createLog(option: ServerOptions['log']): Logger {
  if (option === false) return pino({ enabled: false })
  const destination: DestinationStream =
    option === undefined ? pino.destination({ fd: 1, sync: true }) : { write: (line: string) => option(JSON.parse(line) as LogEntry) }
  return pino(
    {
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  )
}

/** What a route does with a request; `params` are the route's path parameters, already URL-decoded. */
type Endpoint = (request: IncomingMessage, response: ServerResponse, context: RequestContext, url: URL, params: Record<string, string | undefined>) => Promise<void>

/** Starts the sync server on `dataDir` (see docs/architecture.md, "Sync", and shared/sync/protocol.ts). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = createLog(options.log)
  const now = options.now ?? Date.now

  const store = await ServerStore.open({
    dataDir: options.dataDir,
    now,
    ...(options.database ? { database: options.database } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  })
  const dataDir = store.dataDir
  // One process owns a SQLite folder; on PostgreSQL several share the database and the blob folder.
  const exclusive = store.dialect === 'sqlite'
  const otherPid = exclusive ? runningServerPid(dataDir) : undefined
  if (otherPid !== undefined && otherPid !== process.pid) {
    await store.close()
    throw new Error(`Another server (pid ${otherPid}) is running on ${dataDir}`)
  }
  try {
    if (await store.detectRollback()) {
      log.info({ event: 'rollback-detected' }, `The database is older than its last push; new epoch ${await store.epoch()}`)
    }
  } catch (error) {
    await store.close()
    throw error
  }
  // The audit log keeps what the operator chose: trimmed now and then once a day. On PostgreSQL every process
  // trims; deleting the same old rows twice does no harm.
  const auditDays = options.auditDays ?? DEFAULT_AUDIT_DAYS
  const trimAudit = async () => {
    try {
      const removed = await store.trimAudit(auditDays)
      if (removed > 0) log.info({ event: 'audit-trimmed' }, `${removed} audit entries older than ${auditDays} days removed`)
    } catch (error) {
      log.error({ event: 'error' }, `Trimming the audit log failed: ${(error as Error)?.message ?? String(error)}`)
    }
  }
  await trimAudit()

  // Uploads in progress are named by random ids, so other processes' unfinished ones are never taken for ours.
  // A lone SQLite server clears the folder at start; on a shared folder only what a crash left a day ago goes.
  if (exclusive) rmSync(join(store.blobDir, 'tmp'), { recursive: true, force: true })
  else removeStaleUploads(join(store.blobDir, 'tmp'), Date.now() - STALE_UPLOAD_MS)

  const joinLimiter = new RateLimiter(options.joinRateLimit?.max ?? 10, options.joinRateLimit?.windowMs ?? 60_000, now)
  let closing = false
  const inFlight = new Set<Promise<void>>()
  const openResponses = new Set<ServerResponse>()

  function remoteAddress(request: IncomingMessage): string {
    const forwarded = request.headers['x-forwarded-for']
    if (options.trustProxy && typeof forwarded === 'string') {
      const last = forwarded.split(',').pop()?.trim()
      if (last) return last
    }
    return request.socket.remoteAddress ?? 'unknown'
  }

  async function authenticate(request: IncomingMessage, context: RequestContext): Promise<AuthenticatedDevice> {
    const device = await store.authenticate(request.headers.authorization, (seen) => {
      context.team = seen.teamId
      context.device = seen.id
    })
    const version = request.headers[CLIENT_VERSION_HEADER]
    await store.touchDevice(device, typeof version === 'string' && version.length <= 40 ? version : undefined)
    return device
  }

  /** Pushes and uploads: a viewer pulls only. */
  function requireWriter(device: AuthenticatedDevice): void {
    if (device.role === 'viewer') throw new HttpError(403, 'FORBIDDEN', 'This device may only read the team’s records (viewer); an admin can change its role')
  }

  function requireAdmin(device: AuthenticatedDevice): void {
    if (device.role !== 'admin') throw new HttpError(403, 'FORBIDDEN', 'Only an admin of the team may do this')
  }

  /**
   * Refusals that concern a team (a known device's token, role, batch) or an invite go to the audit log: the code,
   * method and path, never a body or a token.
   */
  async function auditRefusal(request: IncomingMessage, context: RequestContext, url: URL, error: HttpError): Promise<void> {
    if (error.status < 400 || error.status >= 500 || error.status === 404 || !context.team) return
    await store
      .audit({
        teamId: context.team,
        action: 'request.refused',
        actor: null,
        deviceId: context.device ?? null,
        details: { method: request.method, path: url.pathname, status: error.status, code: error.code },
      })
      .catch(() => undefined)
  }

  async function putBlob(request: IncomingMessage, response: ServerResponse, context: RequestContext, sha256: string): Promise<void> {
    const device = await authenticate(request, context)
    requireWriter(device)
    const tempDir = join(store.blobDir, 'tmp')
    await mkdir(tempDir, { recursive: true })
    const temp = join(tempDir, randomUUID())
    const file = await open(temp, 'w')
    const hasher = createHash('sha256')
    let size = 0
    try {
      try {
        await readBody(request, context, MAX_BLOB_BYTES, async (chunk) => {
          hasher.update(chunk)
          size += chunk.length
          await file.write(chunk)
        })
        await file.sync()
      } finally {
        await file.close()
      }
      if (hasher.digest('hex') !== sha256) {
        throw new HttpError(400, 'HASH_MISMATCH', 'The bytes do not hash to the name they were sent under', { sha256 })
      }
      const target = store.blobFile(sha256)
      if (!existsSync(target)) {
        await mkdir(join(target, '..'), { recursive: true })
        await rename(temp, target)
      }
    } finally {
      await rm(temp, { force: true })
    }
    const added = await store.addBlob(device, sha256, size)
    if (options.dropReplyAfterCommit?.('blob')) {
      context.code = 'DROPPED'
      request.socket.destroy()
      return
    }
    sendJson(response, added ? 201 : 200, { sha256, size })
  }

  async function getBlob(request: IncomingMessage, response: ServerResponse, context: RequestContext, sha256: string): Promise<void> {
    const device = await authenticate(request, context)
    const blob = await store.findBlob(device, sha256)
    if (!blob) throw notFound('The team has no blob with this hash')
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(blob.size),
      'Cache-Control': 'private, max-age=31536000, immutable',
    })
    return new Promise<void>((done) => {
      const stream = createReadStream(blob.path)
      stream.on('error', () => {
        response.destroy()
        done()
      })
      response.on('close', () => {
        stream.destroy()
        done()
      })
      stream.pipe(response)
    })
  }

  /**
   * The endpoints, matched by method and path. A path parameter must not be empty (`/v1/blobs/` is no endpoint);
   * anything unmatched, a known path with another method included, is 404 NOT_FOUND.
   */
  const router = createRouter()
  const endpoint = (method: HTTPMethod, path: string, run: Endpoint) => router.on(method, path, () => undefined, run)

  endpoint('GET', '/v1/health', async (_request, response) => {
    try {
      await store.ping()
    } catch {
      throw new HttpError(503, 'UNAVAILABLE', 'The server cannot reach its database')
    }
    sendJson(response, 200, { ok: true, protocol: PROTOCOL_VERSION, version: SERVER_VERSION, database: store.dialect })
  })

  endpoint('POST', '/v1/join', async (request, response, context, url) => {
    const wait = joinLimiter.attempt(remoteAddress(request))
    if (wait > 0) {
      throw new HttpError(429, 'RATE_LIMITED', `Too many join attempts; try again in ${wait} s`, { retryAfter: wait }, { 'Retry-After': String(wait) })
    }
    const body = await readJson(request, context, MAX_JSON_BODY_BYTES, JoinRequest)
    let joined
    try {
      joined = await store.join(body)
    } catch (error) {
      if (error instanceof HttpError && error.code === 'INVITE_INVALID') {
        await store.audit({ teamId: null, action: 'request.refused', actor: null, details: { path: url.pathname, code: error.code, address: remoteAddress(request) } })
      }
      throw error
    }
    context.team = joined.team.id
    context.device = joined.deviceId
    sendJson(response, 200, joined)
  })

  endpoint('POST', '/v1/push', async (request, response, context) => {
    const device = await authenticate(request, context)
    requireWriter(device)
    const body = await readJson(request, context, MAX_JSON_BODY_BYTES, PushRequest)
    checkPush(body, { now: now(), nodeId: device.nodeId, ...(options.maxClockDriftMs !== undefined ? { maxClockDriftMs: options.maxClockDriftMs } : {}) })
    const result = await store.push(device, body)
    if (options.dropReplyAfterCommit?.('push')) {
      context.code = 'DROPPED'
      request.socket.destroy()
      return
    }
    sendJson(response, 200, result)
  })

  endpoint('GET', '/v1/pull', async (request, response, context, url) => {
    const device = await authenticate(request, context)
    const after = url.searchParams.get('after')
    const limitText = url.searchParams.get('limit')
    // Larger pages are capped rather than refused, so a client asking for more still makes progress.
    const limit = limitText !== null && Number(limitText) > MAX_PULL_LIMIT ? MAX_PULL_LIMIT : (limitText ?? undefined)
    const query = parseWith(PullQuery, { after: after ?? undefined, limit })
    sendJsonText(response, 200, await store.pullJson(device, query.after, query.limit))
  })

  endpoint('GET', '/v1/team', async (request, response, context) => {
    sendJson(response, 200, await store.team(await authenticate(request, context)))
  })

  endpoint('POST', '/v1/devices/:device', async (request, response, context, _url, params) => {
    const device = await authenticate(request, context)
    requireAdmin(device)
    const body = await readJson(request, context, MAX_JSON_BODY_BYTES, DeviceUpdateRequest)
    const target = params['device']!
    const actor = { device }
    let updated: DeviceInfo | undefined
    if (body.role !== undefined) updated = await store.setRole(target, body.role, actor)
    if (body.name !== undefined) updated = await store.renameDevice(target, body.name, actor)
    sendJson(response, 200, { device: updated })
  })

  endpoint('POST', '/v1/blobs/missing', async (request, response, context) => {
    const device = await authenticate(request, context)
    const body = await readJson(request, context, MAX_JSON_BODY_BYTES, BlobsMissingRequest)
    sendJson(response, 200, { missing: await store.missingBlobs(device, body.hashes) })
  })

  const blobName = (params: Record<string, string | undefined>): string => {
    const sha256 = params['sha256']!
    if (!Sha256.safeParse(sha256).success) throw badRequest('A blob is named by its sha256 in 64 lower-case hex digits')
    return sha256
  }
  endpoint('PUT', '/v1/blobs/:sha256', (request, response, context, _url, params) => putBlob(request, response, context, blobName(params)))
  endpoint('GET', '/v1/blobs/:sha256', (request, response, context, _url, params) => getBlob(request, response, context, blobName(params)))

  async function route(request: IncomingMessage, response: ServerResponse, context: RequestContext, url: URL): Promise<void> {
    const method = request.method ?? 'GET'
    const found = router.find(method as HTTPMethod, url.pathname)
    if (!found || Object.values(found.params).some((value) => !value)) throw notFound(`No endpoint ${method} ${url.pathname}`)
    await (found.store as Endpoint)(request, response, context, url, found.params)
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const started = performance.now()
    const context: RequestContext = { bytesIn: 0 }
    let url: URL
    try {
      url = new URL(request.url ?? '/', 'http://server')
    } catch {
      url = new URL('http://server/')
    }
    openResponses.add(response)
    const bytesOut = countBytesOut(response)
    response.on('close', () => {
      openResponses.delete(response)
      log.info({
        method: request.method,
        path: url.pathname,
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        team: context.team,
        device: context.device,
        bytesIn: context.bytesIn,
        bytesOut: request.method === 'HEAD' ? 0 : bytesOut(),
        code: context.code,
      })
      // While shutting down, a connection whose last answer went out is closed at once.
      if (closing) setImmediate(() => server.closeIdleConnections())
    })
    const task = (async () => {
      try {
        if (closing) throw new HttpError(503, 'UNAVAILABLE', 'The server is shutting down', undefined, { Connection: 'close' })
        await route(request, response, context, url)
      } catch (error) {
        const httpError = toHttpError(error)
        context.code = httpError.code
        if (httpError.status >= 500 && !(error instanceof HttpError)) {
          log.error({ event: 'error', method: request.method, path: url.pathname }, (error as Error)?.stack ?? String(error))
        }
        // Recorded before answering, so whoever reads the audit log after the answer finds it.
        await auditRefusal(request, context, url, httpError)
        if (!response.headersSent) sendError(response, httpError)
        else response.destroy()
      }
    })()
    inFlight.add(task)
    void task.finally(() => inFlight.delete(task))
  }

  const server = createServer(handle)
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', fail)
      done()
    })
  })
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  const url = `http://${host}:${port}`
  if (exclusive) writeFileSync(join(dataDir, PID_FILE), String(process.pid))
  log.info({ event: 'listening' }, url)
  let auditTrim: Promise<void> | undefined
  const auditTimer = setInterval(() => void (auditTrim ??= trimAudit().finally(() => (auditTrim = undefined))), options.auditTrimIntervalMs ?? 24 * 60 * 60_000)
  auditTimer.unref()

  let closed: Promise<void> | undefined
  async function close(): Promise<void> {
    closing = true
    // Answers still to be written close their connection afterwards, so keep-alive clients cannot hold us open.
    for (const response of openResponses) if (!response.headersSent) response.setHeader('Connection', 'close')
    const stopped = new Promise<void>((done) => server.close(() => done()))
    server.closeIdleConnections()
    const deadline = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 30_000)
    while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    server.closeIdleConnections()
    await stopped
    clearTimeout(deadline)
    clearInterval(auditTimer)
    await auditTrim
    await store.close()
    try {
      if (exclusive && runningServerPid(dataDir) === process.pid) unlinkSync(join(dataDir, PID_FILE))
    } catch {
      // Already gone.
    }
    log.info({ event: 'stopped' })
  }

  mkdirSync(store.blobDir, { recursive: true })
  return {
    url,
    port,
    dataDir,
    store,
    epoch: () => store.epoch(),
    activeRequests: () => inFlight.size,
    close: () => (closed ??= close()),
    createTeam: (name) => store.createTeam(name),
    createInvite: (team, inviteOptions) => store.createInvite(team, inviteOptions),
    listDevices: (team) => store.listDevices(team),
    revokeDevice: (device) => store.revokeDevice(device),
    setRole: (device, role) => store.setRole(device, role),
    auditLog: (team) => store.auditLog(team),
  }
}
