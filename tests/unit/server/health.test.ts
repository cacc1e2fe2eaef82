import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../server/server'
import { tempDir } from '../../helpers/temp'

describe('sync server', () => {
  let dir: ReturnType<typeof tempDir>
  let server: RunningServer
  beforeEach(async () => {
    dir = tempDir()
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir.path })
  })
  afterEach(async () => {
    await server.close()
    dir.cleanup()
  })

  it('answers health over loopback and 404 for unknown paths', async () => {
    const health = await fetch(`${server.url}/v1/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true, protocol: 1 })
    const missing = await fetch(`${server.url}/v1/nothing`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})
