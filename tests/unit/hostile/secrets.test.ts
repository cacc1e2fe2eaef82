import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { copyFileSync, readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../../electron/core/core'
import type { SecretSealer } from '../../../electron/core/sync/state'
import { tempDir } from '../../helpers/temp'
import { exchangeOf } from '../exchange/helpers'
import { joinDevice, openDevice, startTeamServer, type Device, type TeamServer } from '../sync/helpers'

/** A key store like the OS's: AES-GCM under a key only this "computer" holds. */
function keyStore(key = randomBytes(32)): SecretSealer & { key: Buffer } {
  return {
    key,
    available: () => true,
    seal(secret) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
      decipher.setAuthTag(bytes.subarray(12, 28))
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

describe('the sync token is kept with the key store', () => {
  let team: TeamServer
  const devices: Device[] = []
  afterEach(async () => {
    devices.splice(0).forEach((d) => d.close())
    await team?.cleanup()
  })

  it('is stored sealed, still syncs, and a copy of the database on another computer cannot use it', async () => {
    team = await startTeamServer()
    const sealer = keyStore()
    const device = openDevice('王老师的笔记本', { secretSealer: sealer })
    devices.push(device)
    await joinDevice(device, team)
    const trip = await device.ok('trip.create', { title: '皖苏调研', startDate: '2025-05-12', endDate: '2025-05-16' })
    await device.ok('sync.now', {})
    const stored = device.core.store.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }
    expect(stored.value).toMatch(/^sealed:v1:/)
    const token = sealer.open(stored.value.slice('sealed:v1:'.length))
    expect(token.length).toBeGreaterThan(20)
    expect(JSON.stringify(device.core.store.db.prepare('SELECT * FROM sync_state').all())).not.toContain(token)
    // A trip file carries records only: no token, sealed or not, and no server address.
    const tripFile = join(device.dir, 'trip.fbtrip')
    await exchangeOf(device.core).exportTripTo(trip.id, tripFile)
    const tripJson = strFromU8(unzipSync(readFileSync(tripFile))['trip.json']!)
    expect(tripJson).not.toContain(token)
    expect(tripJson).not.toContain('sealed:v1:')
    expect(tripJson).not.toContain(team.server.url)

    // The database file copied to another computer (another key): not joined there, nothing sent in this one's name.
    device.core.store.db.pragma('wal_checkpoint(TRUNCATE)')
    const elsewhere = tempDir('fieldbook-elsewhere-')
    try {
      copyFileSync(join(device.dir, 'fieldbook.db'), join(elsewhere.path, 'fieldbook.db'))
      const copy = openCore({ dataDir: elsewhere.path, secretSealer: keyStore() })
      expect(copy.sync.status()).toMatchObject({ joined: false })
      copy.close()
    } finally {
      elsewhere.cleanup()
    }
  })

  it('seals a token an earlier version kept in plain text when the workspace opens', async () => {
    const dir = tempDir('fieldbook-plain-token-')
    try {
      const plain = openCore({ dataDir: dir.path })
      plain.store.db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?), (?, ?)').run('token', 'plain-token-of-old', 'serverUrl', 'http://127.0.0.1:1')
      plain.close()
      const sealer = keyStore()
      const sealed = openCore({ dataDir: dir.path, secretSealer: sealer })
      const value = (sealed.store.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }).value
      expect(value).toMatch(/^sealed:v1:/)
      expect(sealer.open(value.slice('sealed:v1:'.length))).toBe('plain-token-of-old')
      expect(sealed.sync.status()).toMatchObject({ joined: true })
      sealed.close()
    } finally {
      dir.cleanup()
    }
  })
})
