import type { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { CLIENT_VERSION_HEADER, ServerErrorBody } from '../../../shared/sync/protocol'

/** How long one request may take before it counts as a dropped connection. */
export const REQUEST_TIMEOUT_MS = 30_000
/** Blobs are up to 30 MB: a slow hotel network needs longer. */
export const BLOB_TIMEOUT_MS = 180_000

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname.endsWith('.localhost')
}

/**
 * The server's base address without a trailing slash. Plain http is refused for anything but this machine
 * unless allowed: the token and the team's records would cross the network in clear text.
 */
export function normalizeServerUrl(text: string, allowInsecure: boolean): string {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new AppError('VALIDATION', `Not a server address: ${text}`, { fieldErrors: [{ path: 'serverUrl', key: 'invalidFormat' }] })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION', `Not a web address: ${text}`, { fieldErrors: [{ path: 'serverUrl', key: 'invalidFormat' }] })
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecure) {
    throw new AppError('SYNC_INSECURE', `Plain http to ${url.host} would send the team's records unencrypted; use https.`, { host: url.host })
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

export interface TransportOptions {
  serverUrl: string
  token?: string
  /** The app passes Electron's `net.fetch` (system proxy, the OS certificate store); tests pass one that fails on purpose. */
  fetch?: typeof fetch
  /** This app's version, sent with every request: the team's device list shows which version each device runs. */
  appVersion?: string
}

/** Maps a server error body to the app's codes, so the renderer can say what happened in the user's language. */
function serverError(status: number, text: string): AppError {
  let parsed: ServerErrorBody | undefined
  try {
    const result = ServerErrorBody.safeParse(JSON.parse(text))
    if (result.success) parsed = result.data
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  const serverCode = parsed?.error.code
  const message = parsed?.error.message ?? `The server answered ${status}`
  const details = { status, ...(serverCode ? { serverCode } : {}) }
  if (serverCode === 'TOKEN_REVOKED' || serverCode === 'UNAUTHORIZED' || (!serverCode && status === 401)) {
    return new AppError('SYNC_REVOKED', message, details)
  }
  if (serverCode === 'INVITE_INVALID') return new AppError('SYNC_INVITE_INVALID', message, details)
  // A gateway without its server behind it is the same as no server.
  if (!serverCode && (status === 502 || status === 503 || status === 504)) return new AppError('SYNC_UNREACHABLE', message, details)
  return new AppError('SYNC_FAILED', message, details)
}

/** One HTTP client per sync round; every answer is parsed with the protocol's schemas before anything uses it. */
export class Transport {
  private readonly fetch: typeof fetch

  constructor(private readonly options: TransportOptions) {
    this.fetch = options.fetch ?? globalThis.fetch
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.options.token ? { Authorization: `Bearer ${this.options.token}` } : {}),
      ...(this.options.appVersion ? { [CLIENT_VERSION_HEADER]: this.options.appVersion } : {}),
      ...extra,
    }
  }

  /**
   * Every request but join is safe to send twice (a push carries its batch id), so one that fails before any
   * answer is sent once more at once: a kept-alive connection the server closed while we were idle fails that
   * way, and the round should not fail over it. A join is sent again only when the connection was closed under
   * it before any answer (the server's idle timeout closing a kept-alive socket, about 5 s after the last
   * request): the user just typed the invite, and "cannot reach the server" would be wrong.
   */
  private async send(path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetch(`${this.options.serverUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError'
        const retryable = path !== '/v1/join' || isClosedConnection(error)
        if (retryable && !timedOut && attempt === 0) continue
        throw new AppError('SYNC_UNREACHABLE', `The sync server at ${this.options.serverUrl} cannot be reached: ${describe(error)}`)
      }
    }
  }

  /** Reads the whole body; a connection cut mid-body is an unreachable server (retried later). */
  private async body(response: Response): Promise<string> {
    try {
      return await response.text()
    } catch (error) {
      throw new AppError('SYNC_UNREACHABLE', `The server's answer was cut off: ${describe(error)}`)
    }
  }

  async json<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const init: RequestInit = { method, headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) }
    if (body !== undefined) init.body = JSON.stringify(body)
    const response = await this.send(path, init, REQUEST_TIMEOUT_MS)
    const text = await this.body(response)
    if (!response.ok) throw serverError(response.status, text)
    return parseAnswer(schema, text)
  }

  async putBlob(hash: string, bytes: Uint8Array): Promise<void> {
    const response = await this.send(
      `/v1/blobs/${hash}`,
      { method: 'PUT', headers: this.headers({ 'Content-Type': 'application/octet-stream' }), body: bytes },
      BLOB_TIMEOUT_MS,
    )
    const text = await this.body(response)
    if (!response.ok) throw serverError(response.status, text)
  }

  /** The bytes of a blob, or null when the server does not hold it (yet). */
  async getBlob(hash: string): Promise<Buffer | null> {
    const response = await this.send(`/v1/blobs/${hash}`, { method: 'GET', headers: this.headers() }, BLOB_TIMEOUT_MS)
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {})
      return null
    }
    if (!response.ok) throw serverError(response.status, await this.body(response))
    try {
      return Buffer.from(await response.arrayBuffer())
    } catch (error) {
      throw new AppError('SYNC_UNREACHABLE', `The download of a file was cut off: ${describe(error)}`)
    }
  }
}

/** A truncated or garbled answer applies nothing; the round fails and is tried again later. */
export function parseAnswer<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError('SYNC_FAILED', 'The server’s answer could not be read (it may have been cut off); the sync will be tried again.', {
      reason: 'unreadableAnswer',
    })
  }
  const result = schema.safeParse(json)
  if (!result.success) {
    throw new AppError('SYNC_FAILED', 'The server’s answer is not what this version of Fieldbook expects.', { reason: 'unexpectedAnswer' })
  }
  return result.data
}

/** Node's fetch (undici) and Chromium's (net.fetch) words for a connection closed before any answer came. */
const CLOSED_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])
const CLOSED_CONNECTION_MESSAGES = /other side closed|socket hang up|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/

/** True when the failure is a connection the other side closed, the way a stale kept-alive socket fails. */
export function isClosedConnection(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && CLOSED_CONNECTION_CODES.has(code)) return true
    if (CLOSED_CONNECTION_MESSAGES.test(current.message)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause
    const inner = cause instanceof Error ? `: ${cause.message}` : ''
    return `${error.name === 'TimeoutError' ? 'no answer in time' : error.message}${inner}`
  }
  return String(error)
}
