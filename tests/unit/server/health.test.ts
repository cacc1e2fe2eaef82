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

  it('logs one JSON line per request without tokens', async () => {
    await fetch(`${test.server.url}/v1/pull?after=0`, { headers: { Authorization: 'Bearer secret-token-value-123' } })
    const line = test.logs.find((entry) => entry.path === '/v1/pull')
    expect(line).toMatchObject({ method: 'GET', status: 401, code: 'UNAUTHORIZED' })
    expect(typeof line?.ms).toBe('number')
    expect(JSON.stringify(test.logs)).not.toContain('secret-token-value-123')
  })
})
