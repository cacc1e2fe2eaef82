import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isClosedConnection, Transport } from '../../../electron/core/sync/transport'

/*
 * The sync transport over a real socket. A server whose idle timeout closes a kept-alive connection makes the
 * next request fail with "other side closed" before any answer; the app sends it once more, join included.
 */

const Joined = z.object({ deviceId: z.string() })
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** An HTTP server on loopback that closes the first `dropFirst` connections as soon as a request arrives. */
async function flakyServer(dropFirst: number): Promise<{ url: string; requests: () => number }> {
  let connections = 0
  let requests = 0
  const server = createServer((socket: Socket) => {
    const index = connections++
    socket.once('data', () => {
      requests++
      if (index < dropFirst) {
        socket.destroy()
        return
      }
      const body = JSON.stringify({ deviceId: 'device-1' })
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return { url: `http://127.0.0.1:${address.port}`, requests: () => requests }
}

describe('sync transport retries', () => {
  it('sends a join again when the connection was closed under it before any answer', async () => {
    const server = await flakyServer(1)
    const transport = new Transport({ serverUrl: server.url })
    await expect(transport.json('POST', '/v1/join', Joined, { invite: 'x' })).resolves.toEqual({ deviceId: 'device-1' })
    expect(server.requests()).toBe(2)
  })

  it('sends it once more only: a server that keeps closing is unreachable', async () => {
    const server = await flakyServer(5)
    const transport = new Transport({ serverUrl: server.url })
    await expect(transport.json('POST', '/v1/join', Joined, { invite: 'x' })).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE' })
    expect(server.requests()).toBe(2)
  })

  it('does not send a join again when the server was never reached', async () => {
    let calls = 0
    const refusing: typeof fetch = async () => {
      calls++
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })
    }
    const transport = new Transport({ serverUrl: 'http://127.0.0.1:9', fetch: refusing })
    await expect(transport.json('POST', '/v1/join', Joined, {})).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE' })
    expect(calls).toBe(1)
  })

  it('uses the fetch it is given (the app passes Electron’s net.fetch)', async () => {
    const server = await flakyServer(0)
    const seen: string[] = []
    const netFetch: typeof fetch = (input, init) => {
      seen.push(String(input))
      return fetch(input, init)
    }
    await new Transport({ serverUrl: server.url, fetch: netFetch }).json('GET', '/v1/status', Joined)
    expect(seen).toEqual([`${server.url}/v1/status`])
  })

  it('knows a closed connection in the words of Node and of Chromium', () => {
    expect(isClosedConnection(new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true)
    expect(isClosedConnection(new Error('net::ERR_CONNECTION_CLOSED'))).toBe(true)
    expect(isClosedConnection(new Error('net::ERR_CONNECTION_REFUSED'))).toBe(false)
    expect(isClosedConnection(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }) }))).toBe(false)
  })
})
