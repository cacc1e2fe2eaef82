import { createHash } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeBackends } from './backends'
import { MAX_BLOB_BYTES } from '../../../shared/sync/protocol'
import { api, count, errorCode, joinTeam, rawRequest, startTestServer, type TestServer } from './helpers'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describeBackends('sync server: blobs', (backend) => {
  let test: TestServer
  let token: string
  let otherTeamToken: string
  const photo = Buffer.from('JPEG 汇润机电 车间照片 '.repeat(5000))
  const hash = sha(photo)

  const put = (bytes: Buffer, name: string, auth = token) =>
    fetch(`${test.server.url}/v1/blobs/${name}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/octet-stream' },
      body: bytes,
    })
  const tempFiles = () => {
    const dir = join(test.dir.path, 'blobs', 'tmp')
    return existsSync(dir) ? readdirSync(dir) : []
  }

  beforeEach(async () => {
    test = await startTestServer({}, backend)
    await test.server.createTeam('A')
    await test.server.createTeam('B')
    token = (await joinTeam(test.server, 'A')).token
    otherTeamToken = (await joinTeam(test.server, 'B')).token
  })
  afterEach(() => test.cleanup())

  it('reports missing blobs, stores one verified, serves it, and a second upload is a no-op', async () => {
    const other = sha(Buffer.from('other'))
    const missing = await api(test.server, 'POST', '/v1/blobs/missing', token, { hashes: [hash, other, hash] })
    expect(missing).toMatchObject({ status: 200, json: { missing: [hash, other] } })

    const first = await put(photo, hash)
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ sha256: hash, size: photo.length })
    expect(existsSync(join(test.dir.path, 'blobs', hash.slice(0, 2), hash))).toBe(true)
    const second = await put(photo, hash)
    expect(second.status).toBe(200)
    expect((await count(test.server, 'blobs'))).toBe(1)

    expect((await api(test.server, 'POST', '/v1/blobs/missing', token, { hashes: [hash, other] })).json).toEqual({ missing: [other] })
    const got = await fetch(`${test.server.url}/v1/blobs/${hash}`, { headers: { Authorization: `Bearer ${token}` } })
    expect(got.status).toBe(200)
    expect(got.headers.get('content-length')).toBe(String(photo.length))
    expect(Buffer.from(await got.arrayBuffer()).equals(photo)).toBe(true)
    expect(tempFiles()).toEqual([])
  })

  it('keeps teams apart: another team cannot read a blob it never uploaded', async () => {
    expect((await put(photo, hash)).status).toBe(201)
    const got = await fetch(`${test.server.url}/v1/blobs/${hash}`, { headers: { Authorization: `Bearer ${otherTeamToken}` } })
    expect(got.status).toBe(404)
    expect(await errorCode(got)).toBe('NOT_FOUND')
    expect((await api(test.server, 'POST', '/v1/blobs/missing', otherTeamToken, { hashes: [hash] })).json).toEqual({ missing: [hash] })
    // Uploading the same bytes gives team B its own entry (the file is shared by content).
    expect((await put(photo, hash, otherTeamToken)).status).toBe(201)
    expect((await count(test.server, 'blobs'))).toBe(2)
  })

  it('refuses bytes that do not match their hash, leaving no file', async () => {
    const response = await put(Buffer.from('tampered'), hash)
    expect(response.status).toBe(400)
    expect(await errorCode(response)).toBe('HASH_MISMATCH')
    expect((await count(test.server, 'blobs'))).toBe(0)
    expect(existsSync(join(test.dir.path, 'blobs', hash.slice(0, 2), hash))).toBe(false)
    expect(tempFiles()).toEqual([])
  })

  it('refuses bad names, missing tokens, bad missing-requests and unknown blobs', async () => {
    expect((await put(photo, 'photo.jpg')).status).toBe(400)
    expect((await put(photo, hash.toUpperCase())).status).toBe(400)
    expect((await put(photo, hash, 'A'.repeat(43))).status).toBe(401)
    expect((await api(test.server, 'POST', '/v1/blobs/missing', token, { hashes: ['xyz'] })).status).toBe(400)
    expect((await api(test.server, 'POST', '/v1/blobs/missing', token, '[')).status).toBe(400)
    const unknown = await fetch(`${test.server.url}/v1/blobs/${sha(Buffer.from('never'))}`, { headers: { Authorization: `Bearer ${token}` } })
    expect(unknown.status).toBe(404)
    expect((await count(test.server, 'blobs'))).toBe(0)
  })

  it('refuses oversized blobs, declared or streamed, keeping nothing', async () => {
    const big = Buffer.alloc(MAX_BLOB_BYTES + 1, 1)
    const declared = await put(big, sha(big))
    expect(declared.status).toBe(413)
    expect(await errorCode(declared)).toBe('TOO_LARGE')

    const chunk = Buffer.alloc(4 * 1024 * 1024, 2)
    const streamed = await rawRequest(test.server.url, {
      method: 'PUT',
      path: `/v1/blobs/${hash}`,
      headers: { Authorization: `Bearer ${token}` },
      chunks: Array.from({ length: 9 }, () => chunk),
    })
    expect(streamed.status).toBe(413)
    expect((await count(test.server, 'blobs'))).toBe(0)
    expect(tempFiles()).toEqual([])
    expect((await fetch(`${test.server.url}/v1/health`)).status).toBe(200)
  })
})
