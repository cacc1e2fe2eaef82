import { mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'

export interface ServerOptions {
  port: number
  host: string
  dataDir: string
}

export interface RunningServer {
  url: string
  close(): Promise<void>
}

export const PROTOCOL_VERSION = 1

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  response.end(text)
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://server')
  if (request.method === 'GET' && url.pathname === '/v1/health') {
    sendJson(response, 200, { ok: true, protocol: PROTOCOL_VERSION })
    return
  }
  sendJson(response, 404, { error: { code: 'NOT_FOUND', message: `No endpoint ${request.method} ${url.pathname}` } })
}

/** Starts the sync server; the sync endpoints arrive with the sync work, health answers already. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  mkdirSync(resolve(options.dataDir), { recursive: true })
  const server = createServer(handle)
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, options.host, done)
  })
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeIdleConnections()
      }),
  }
}
