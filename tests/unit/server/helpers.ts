import { createHash } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { formatHlc } from '../../../shared/hlc'
import type { JoinResponse, WireChange } from '../../../shared/sync/protocol'
import { startServer, type LogEntry, type RunningServer, type ServerOptions } from '../../../server/server'
import { tempDir } from '../../helpers/temp'
import { serverRows, storageFor, type Backend } from './backends'

export interface TestServer {
  server: RunningServer
  dir: ReturnType<typeof tempDir>
  logs: LogEntry[]
  /** Closes the server (if still open) and removes the folder. */
  cleanup(): Promise<void>
}

export async function startTestServer(options: Partial<ServerOptions> = {}, backend: Backend = 'sqlite'): Promise<TestServer> {
  const dir = tempDir('fieldbook-server-')
  const logs: LogEntry[] = []
  const storage = await storageFor(backend)
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir.path,
    log: (entry) => logs.push(entry),
    ...(storage.database ? { database: storage.database } : {}),
    ...options,
  })
  return {
    server,
    dir,
    logs,
    cleanup: async () => {
      await server.close()
      await storage.drop()
      dir.cleanup()
    },
  }
}

let nodeCounter = 0
export function nodeId(): string {
  nodeCounter += 1
  return nodeCounter.toString(16).padStart(16, 'a')
}

export async function joinTeam(server: RunningServer, team: string, deviceName = '笔记本'): Promise<JoinResponse & { nodeId: string }> {
  const invite = await server.createInvite(team)
  const node = nodeId()
  const response = await fetch(`${server.url}/v1/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ inviteCode: invite.code, deviceName, nodeId: node }),
  })
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`)
  return { ...((await response.json()) as JoinResponse), nodeId: node }
}

/** A row id (the server refuses anything else) named by a short label, the same for the same label. */
export function rowIdOf(label: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(label)) return label
  const hex = createHash('sha256').update(label).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function change(node: string, millis: number, table: string, rowId: string, cells: Record<string, string | number>): WireChange {
  return { hlc: formatHlc({ millis, counter: 0, node }), table, rowId: rowIdOf(rowId), cells }
}

export async function api(
  server: RunningServer,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies of many shapes, each checked by expect
): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: response.status, json, headers: response.headers }
}

/** A request whose body is sent as chunks (no Content-Length), optionally with a pause in the middle. */
export function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; chunks: Buffer[]; between?: (index: number) => Promise<void> },
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const target = new URL(options.path, url)
    const request = httpRequest(target, { method: options.method, headers: options.headers ?? {} }, (response) => {
      const parts: Buffer[] = []
      response.on('data', (chunk: Buffer) => parts.push(chunk))
      response.on('end', () => done({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }))
      response.on('error', fail)
    })
    request.on('error', fail)
    void (async () => {
      for (const [index, chunk] of options.chunks.entries()) {
        if (request.destroyed) return
        request.write(chunk)
        await options.between?.(index)
      }
      request.end()
    })()
  })
}

export async function count(server: RunningServer, table: string): Promise<number> {
  return (await serverRows<{ n: number }>(server.store, `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0]!.n
}

/** The protocol error code of an answer. */
export async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code
}
