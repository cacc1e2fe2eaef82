import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeBackends } from './backends'
import { HealthResponse } from '../../../shared/sync/protocol'
import { startTestServer, type TestServer } from './helpers'

describeBackends('sync server health', (backend) => {
  let test: TestServer
  beforeEach(async () => {
    test = await startTestServer({}, backend)
  })
  afterEach(() => test.cleanup())

  it('answers health over loopback and 404 for unknown paths', async () => {
    const health = await fetch(`${test.server.url}/v1/health`)
    expect(health.status).toBe(200)
    const body = HealthResponse.parse(await health.json())
    expect(body).toMatchObject({ ok: true, protocol: 1, database: backend })
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/)
    const missing = await fetch(`${test.server.url}/v1/nothing`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('answers 404 for a known path with another method or an empty name, 400 for a blob name that is no hash', async () => {
    const answer = async (method: string, path: string) => {
      const response = await fetch(`${test.server.url}${path}`, { method })
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } }
    }
    for (const [method, path] of [
      ['DELETE', '/v1/push'],
      ['GET', '/v1/join'],
      ['POST', '/v1/health'],
      ['GET', '/v1/blobs/'],
      ['POST', '/v1/devices/'],
      ['GET', '/v1/health;x'],
      ['GET', '/v1/health/'],
    ] as const) {
      expect(await answer(method, path)).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: `No endpoint ${method} ${path}` } } })
    }
    // `missing` is only a POST endpoint: as a GET it is taken for a blob name.
    expect(await answer('GET', '/v1/blobs/missing')).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } })
  })

  it('logs one JSON line per request without tokens', async () => {
    await fetch(`${test.server.url}/v1/pull?after=0`, { headers: { Authorization: 'Bearer secret-token-value-123' } })
    const line = test.logs.find((entry) => entry.path === '/v1/pull')
    expect(line).toMatchObject({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), method: 'GET', status: 401, code: 'UNAUTHORIZED' })
    expect(typeof line?.ms).toBe('number')
    expect(JSON.stringify(test.logs)).not.toContain('secret-token-value-123')
  })
})
