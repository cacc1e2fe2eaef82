import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import {
  BlobsMissingRequest,
  JoinRequest,
  MAX_BLOB_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_PULL_LIMIT,
  PullQuery,
  PushRequest,
  Sha256,
  SYNC_PROTOCOL_VERSION,
} from '../shared/sync/protocol'
import { checkPush, nodeIdOf } from './check'
import { HttpError, badRequest, notFound } from './errors'
import { parseWith, readBody, readJson, sendError, sendJson, sendJsonText, type RequestContext } from './http'
import { RateLimiter } from './rate-limit'
import { ServerStore, type AuthenticatedDevice, type DeviceInfo, type InviteInfo, type Role, type TeamInfo } from './store'

export const PROTOCOL_VERSION = SYNC_PROTOCOL_VERSION

/** One line per request (and a few events), written as JSON to stdout by default. Never tokens or bodies. */
export interface LogEntry {
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
  dataDir: string
  /** Where log lines go: a function, or false for none; default one JSON line per entry on stdout. */
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
}

export interface RunningServer {
  url: string
  port: number
  dataDir: string
  /** The storage, for tests that look at what was stored. */
  store: ServerStore
  epoch(): string
  /** Requests being handled now (tests wait for one to start). */
  activeRequests(): number
  /** Stops accepting, lets requests in flight finish, closes the database. */
  close(): Promise<void>
  createTeam(name: string): { team: TeamInfo; invite: InviteInfo }
  createInvite(team: string, options?: { role?: Role; days?: number }): InviteInfo
  listDevices(team: string): DeviceInfo[]
  revokeDevice(device: string): DeviceInfo
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

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error
  const code = (error as { code?: unknown }).code
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new HttpError(503, 'UNAVAILABLE', 'The server is busy; try again shortly')
  return new HttpError(500, 'INTERNAL', 'The server failed; the administrator can find the reason in its log')
}

/** Starts the sync server on `dataDir` (see DESIGN.md §5 and shared/sync/protocol.ts). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log === false ? () => {} : (options.log ?? ((entry: LogEntry) => process.stdout.write(`${JSON.stringify(entry)}\n`)))
  const now = options.now ?? Date.now
  const stamp = () => new Date().toISOString()

  const store = new ServerStore({ dataDir: options.dataDir, now })
  const dataDir = store.dataDir
  const otherPid = runningServerPid(dataDir)
  if (otherPid !== undefined && otherPid !== process.pid) {
    store.close()
    throw new Error(`Another server (pid ${otherPid}) is running on ${dataDir}`)
  }
  if (store.detectRollback()) {
    log({ time: stamp(), event: 'rollback-detected', message: `server.db is older than its last push; new epoch ${store.epoch()}` })
  }
  rmSync(join(store.blobDir, 'tmp'), { recursive: true, force: true })

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

  function authenticate(request: IncomingMessage, context: RequestContext): AuthenticatedDevice {
    const device = store.authenticate(request.headers.authorization)
    context.team = device.teamId
    context.device = device.id
    store.touchDevice(device)
    return device
  }

  async function putBlob(request: IncomingMessage, response: ServerResponse, context: RequestContext, sha256: string): Promise<void> {
    const device = authenticate(request, context)
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
    const added = store.addBlob(device, sha256, size)
    if (options.dropReplyAfterCommit?.('blob')) {
      context.code = 'DROPPED'
      request.socket.destroy()
      return
    }
    sendJson(response, added ? 201 : 200, { sha256, size })
  }

  function getBlob(request: IncomingMessage, response: ServerResponse, context: RequestContext, sha256: string): Promise<void> {
    const device = authenticate(request, context)
    const blob = store.findBlob(device, sha256)
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

  async function route(request: IncomingMessage, response: ServerResponse, context: RequestContext, url: URL): Promise<void> {
    const method = request.method ?? 'GET'
    const path = url.pathname
    if (method === 'GET' && path === '/v1/health') {
      sendJson(response, 200, { ok: true, protocol: PROTOCOL_VERSION, version: SERVER_VERSION })
      return
    }
    if (method === 'POST' && path === '/v1/join') {
      const wait = joinLimiter.attempt(remoteAddress(request))
      if (wait > 0) {
        throw new HttpError(429, 'RATE_LIMITED', `Too many join attempts; try again in ${wait} s`, { retryAfter: wait }, { 'Retry-After': String(wait) })
      }
      const body = await readJson(request, context, MAX_JSON_BODY_BYTES, JoinRequest)
      const joined = store.join(body)
      context.team = joined.team.id
      context.device = joined.deviceId
      sendJson(response, 200, joined)
      return
    }
    if (method === 'POST' && path === '/v1/push') {
      const device = authenticate(request, context)
      const body = await readJson(request, context, MAX_JSON_BODY_BYTES, PushRequest)
      checkPush(body, { now: now(), nodeId: nodeIdOf(store, device), ...(options.maxClockDriftMs !== undefined ? { maxClockDriftMs: options.maxClockDriftMs } : {}) })
      const result = store.push(device, body)
      if (options.dropReplyAfterCommit?.('push')) {
        context.code = 'DROPPED'
        request.socket.destroy()
        return
      }
      sendJson(response, 200, result)
      return
    }
    if (method === 'GET' && path === '/v1/pull') {
      const device = authenticate(request, context)
      const after = url.searchParams.get('after')
      const limitText = url.searchParams.get('limit')
      // Larger pages are capped rather than refused, so a client asking for more still makes progress.
      const limit = limitText !== null && Number(limitText) > MAX_PULL_LIMIT ? MAX_PULL_LIMIT : (limitText ?? undefined)
      const query = parseWith(PullQuery, { after: after ?? undefined, limit })
      sendJsonText(response, 200, store.pullJson(device, query.after, query.limit))
      return
    }
    if (method === 'GET' && path === '/v1/team') {
      sendJson(response, 200, store.team(authenticate(request, context)))
      return
    }
    if (method === 'POST' && path === '/v1/blobs/missing') {
      const device = authenticate(request, context)
      const body = await readJson(request, context, MAX_JSON_BODY_BYTES, BlobsMissingRequest)
      sendJson(response, 200, { missing: store.missingBlobs(device, body.hashes) })
      return
    }
    const blob = /^\/v1\/blobs\/([^/]+)$/.exec(path)
    if (blob && (method === 'PUT' || method === 'GET')) {
      const sha256 = blob[1]!
      if (!Sha256.safeParse(sha256).success) throw badRequest('A blob is named by its sha256 in 64 lower-case hex digits')
      if (method === 'PUT') await putBlob(request, response, context, sha256)
      else await getBlob(request, response, context, sha256)
      return
    }
    throw notFound(`No endpoint ${method} ${path}`)
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
      log({
        time: stamp(),
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
          log({ time: stamp(), event: 'error', method: request.method, path: url.pathname, message: (error as Error)?.stack ?? String(error) })
        }
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
  writeFileSync(join(dataDir, PID_FILE), String(process.pid))
  log({ time: stamp(), event: 'listening', message: url })

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
    store.close()
    try {
      if (runningServerPid(dataDir) === process.pid) unlinkSync(join(dataDir, PID_FILE))
    } catch {
      // Already gone.
    }
    log({ time: stamp(), event: 'stopped' })
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
  }
}
