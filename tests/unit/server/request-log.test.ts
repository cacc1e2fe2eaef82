import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeBackends } from './backends'
import { api, change, joinTeam, startTestServer, type TestServer } from './helpers'

/** Each request's log line says how many body bytes went out, whatever way the answer was written. */
describeBackends('sync server request log', (backend) => {
  let test: TestServer
  beforeEach(async () => {
    test = await startTestServer({}, backend)
    await test.server.createTeam('皖苏调研组')
  })
  afterEach(() => test.cleanup())

  /** The log line is written when the response closes, just after the client has the body. */
  async function logLine(path: string, nth = 1) {
    const lines = () => test.logs.filter((line) => line.path === path)
    for (let i = 0; i < 100 && lines().length < nth; i++) await new Promise((done) => setTimeout(done, 10))
    return lines()[nth - 1]
  }

  it('counts the bytes of a pull that returned data and of an error', async () => {
    const a = await joinTeam(test.server, '皖苏调研组', 'A')
    const changes = [change(a.nodeId, 1_700_000_000_000, 'trips', 'trip-1', { title: '皖苏职业教育调研', regions: '["安徽","江苏"]' })]
    expect((await api(test.server, 'POST', '/v1/push', a.token, { batchId: randomUUID(), changes })).status).toBe(200)

    const response = await fetch(`${test.server.url}/v1/pull?after=0`, { headers: { Authorization: `Bearer ${a.token}` } })
    const body = Buffer.from(await response.arrayBuffer())
    expect(body.toString()).toContain('皖苏职业教育调研')
    const pull = await logLine('/v1/pull')
    expect(pull).toMatchObject({ method: 'GET', status: 200, bytesOut: body.length })
    expect(body.length).toBeGreaterThan(100)

    const refused = await fetch(`${test.server.url}/v1/pull?after=0`, { headers: { Authorization: 'Bearer nope' } })
    const refusedBody = Buffer.from(await refused.arrayBuffer())
    expect(await logLine('/v1/pull', 2)).toMatchObject({ status: 401, bytesOut: refusedBody.length })
    expect(refusedBody.length).toBeGreaterThan(0)
  })
})
