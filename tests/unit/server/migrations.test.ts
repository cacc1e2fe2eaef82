import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION, sqliteSchemaVersion } from '../../../server/migrations'
import { ServerStore } from '../../../server/store'
import { tempDir } from '../../helpers/temp'

describe('server migrations on SQLite', () => {
  it('brings a server.db of the first version forward, keeping teams, devices and invites, and then allows viewers', async () => {
    const dir = tempDir('fieldbook-server-migrate-')
    try {
      const db = new Database(join(dir.path, 'server.db'))
      db.exec(SERVER_MIGRATIONS[0]!.sqlite)
      db.pragma('user_version = 1')
      db.exec(`
        INSERT INTO meta VALUES ('epoch', 'e-1');
        INSERT INTO teams VALUES ('t1', '皖苏调研组', 2, '2025-05-16T00:00:00.000Z');
        INSERT INTO invites VALUES ('hash', 't1', 'member', '2025-05-16T00:00:00.000Z', '2099-01-01T00:00:00.000Z', NULL, NULL);
        INSERT INTO devices VALUES ('d1', 't1', '王老师', 'aaaaaaaaaaaaaaaa', 'tokenhash', 'admin', '2025-05-16T00:00:00.000Z', NULL, '2025-05-17T00:00:00.000Z');
      `)
      expect(() => db.prepare("UPDATE devices SET role = 'viewer'").run()).toThrow(/CHECK/)
      db.close()

      const store = await ServerStore.open({ dataDir: dir.path })
      try {
        expect(sqliteSchemaVersion(store.sqlite!)).toBe(SERVER_SCHEMA_VERSION)
        expect(await store.epoch()).toBe('e-1')
        expect(await store.listDevices('皖苏调研组')).toEqual([
          expect.objectContaining({ id: 'd1', name: '王老师', role: 'admin', lastSeenAt: '2025-05-17T00:00:00.000Z', version: null }),
        ])
        expect(await store.sql.all('SELECT code_hash, role FROM invites')).toEqual([{ code_hash: 'hash', role: 'member' }])
        expect(store.sqlite!.pragma('foreign_key_check')).toEqual([])
        const invite = await store.createInvite('皖苏调研组', { role: 'viewer' })
        const joined = await store.join({ inviteCode: invite.code, deviceName: '督导', nodeId: 'bbbbbbbbbbbbbbbb' })
        expect(joined.role).toBe('viewer')
      } finally {
        await store.close()
      }

      // A database from a newer server is refused rather than written to.
      const newer = new Database(join(dir.path, 'server.db'))
      newer.pragma(`user_version = ${SERVER_SCHEMA_VERSION + 1}`)
      newer.close()
      await expect(ServerStore.open({ dataDir: dir.path })).rejects.toThrow(/newer than this server/)
    } finally {
      dir.cleanup()
    }
  })
})
