import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushResponse } from '../../../shared/sync/protocol';
import { PullResponse } from '../../../shared/sync/protocol'
import { migrateServerDb } from '../../../server/migrations'
import { PostgresDb, SqliteDb } from '../../../server/sql'
import { ServerStore } from '../../../server/store'
import { serveProcess, stopProcess } from '../../helpers/server-process'
import { tempDir } from '../../helpers/temp'
import { freshDatabase, POSTGRES_URL } from './backends'
import { change, nodeId } from './helpers'

const suite = POSTGRES_URL ? describe : describe.skip
const skipped = POSTGRES_URL ? '' : ' [skipped: FIELDBOOK_TEST_POSTGRES is not set]'

/** A server process as an operator starts it, on PostgreSQL with a shared blob folder. */
async function call<T>(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, json: (await response.json()) as T }
}

suite(`two server processes on one PostgreSQL${skipped}`, () => {
  const blobs = tempDir('fieldbook-shared-blobs-')
  let database: Awaited<ReturnType<typeof freshDatabase>>
  const servers: { child: ChildProcess; url: string }[] = []
  beforeAll(async () => {
    database = await freshDatabase()
    // Both start at once on an empty database: the migration lock lets one migrate, the other wait.
    servers.push(...(await Promise.all([serveProcess(['--data-dir', blobs.path, '--database', database.url]), serveProcess(['--data-dir', blobs.path, '--database', database.url])])))
  }, 60_000)
  afterAll(async () => {
    for (const server of servers) {
      await stopProcess(server.child)
    }
    await database?.drop()
    blobs.cleanup()
  })

  it('devices pushing to both at once converge, with gap-free sequences seen by every reader', { timeout: 120_000 }, async () => {
    const admin = await ServerStore.open({ dataDir: blobs.path, database: database.url })
    const { team } = await admin.createTeam('两校联合调研')
    const DEVICES = 6
    const BATCHES = 12
    const devices: { token: string; node: string; url: string }[] = []
    for (let i = 0; i < DEVICES; i++) {
      const url = servers[i % 2]!.url
      const node = nodeId()
      const invite = await admin.createInvite(team.id)
      const joined = await call<{ token: string }>(url, 'POST', '/v1/join', undefined, { inviteCode: invite.code, deviceName: `设备${i}`, nodeId: node })
      expect(joined.status).toBe(200)
      devices.push({ token: joined.json.token, node, url })
    }

    // A reader follows the log from both processes while the pushes commit: every page continues the cursor.
    let pushing = true
    const pageViolations: string[] = []
    const follow = async (url: string, token: string) => {
      let cursor = 0
      let pages = 0
      while (pushing || pages === 0) {
        const page = PullResponse.parse((await call(url, 'GET', `/v1/pull?after=${cursor}&limit=7`, token)).json)
        page.changes.forEach((pulled, index) => {
          if (pulled.seq !== cursor + index + 1) pageViolations.push(`after ${cursor} got seq ${pulled.seq} at ${index}`)
        })
        cursor = page.cursor
        pages += 1
      }
      return cursor
    }
    const readers = [follow(servers[0]!.url, devices[0]!.token), follow(servers[1]!.url, devices[1]!.token)]

    let millis = 1_750_000_000_000
    const push = async (device: (typeof devices)[number], index: number) => {
      const changes = Array.from({ length: 3 }, (_, k) =>
        change(device.node, ++millis, 'notes', `${device.node}-${index}-${k}`, { text: `第${index}批第${k}条` }),
      )
      const batch = { batchId: randomUUID(), changes }
      // Every other batch is sent to both processes at the same moment (a retry racing the original), the others
      // again afterwards: one copy is applied, the other answered from the stored result, nothing stored twice.
      const other = servers.find((server) => server.url !== device.url)!.url
      const answers =
        index % 2 === 0
          ? await Promise.all([call<PushResponse>(device.url, 'POST', '/v1/push', device.token, batch), call<PushResponse>(other, 'POST', '/v1/push', device.token, batch)])
          : [await call<PushResponse>(device.url, 'POST', '/v1/push', device.token, batch), await call<PushResponse>(other, 'POST', '/v1/push', device.token, batch)]
      expect(answers.map((answer) => answer.status)).toEqual([200, 200])
      expect(answers.map((answer) => answer.json.replayed).sort()).toEqual([false, true])
      expect(answers[1]!.json).toMatchObject({ accepted: answers[0]!.json.accepted, seq: answers[0]!.json.seq })
    }
    await Promise.all(devices.map(async (device, d) => {
      for (let b = 0; b < BATCHES; b++) await push(device, d * 1000 + b)
    }))
    pushing = false
    await Promise.all(readers)
    expect(pageViolations).toEqual([])

    const total = DEVICES * BATCHES * 3
    const seqs = (await admin.sql.all<{ seq: number }>('SELECT seq FROM changes WHERE team_id = ? ORDER BY seq', [team.id])).map((row) => row.seq)
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect((await admin.findTeam(team.id)).head).toBe(total)

    // Every device, through either process, ends with the same log in the same order.
    const logs: string[][] = []
    for (const [index, device] of devices.entries()) {
      const url = servers[index % 2 === 0 ? 1 : 0]!.url
      const hlcs: string[] = []
      let cursor = 0
      for (;;) {
        const page = PullResponse.parse((await call(url, 'GET', `/v1/pull?after=${cursor}&limit=50`, device.token)).json)
        hlcs.push(...page.changes.map((pulled) => `${pulled.seq}:${pulled.hlc}`))
        cursor = page.cursor
        if (cursor >= page.head) break
      }
      logs.push(hlcs)
    }
    expect(logs[0]).toHaveLength(total)
    for (const log of logs) expect(log).toEqual(logs[0])
    await admin.close()
  })
})

/** The tables and columns each backend's migrations create: name, whether NOT NULL, and the kind of value. */
type Schema = Record<string, Record<string, { notNull: boolean; kind: string }>>

const kind = (type: string) => (/int/i.test(type) ? 'integer' : /text|char/i.test(type) ? 'text' : type.toLowerCase())

suite(`server schema on both backends${skipped}`, () => {
  it('the migrations create the same tables, columns, kinds and NOT NULLs on SQLite and PostgreSQL', async () => {
    const dir = tempDir('fieldbook-schema-')
    const sqlite = new SqliteDb(new Database(join(dir.path, 'server.db')))
    const database = await freshDatabase()
    const postgres = new PostgresDb(database.url, { max: 2 })
    try {
      await migrateServerDb(sqlite)
      await migrateServerDb(postgres)
      // Migrating again is a no-op on both.
      await migrateServerDb(sqlite)
      await migrateServerDb(postgres)

      const fromSqlite: Schema = {}
      const tables = await sqlite.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      for (const { name } of tables) {
        const columns = await sqlite.all<{ name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info(${name})`)
        fromSqlite[name] = Object.fromEntries(columns.map((c) => [c.name, { notNull: c.notnull === 1 || c.pk > 0, kind: kind(c.type) }]))
      }
      const fromPostgres: Schema = {}
      const columns = await postgres.all<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'server_schema' ORDER BY table_name, ordinal_position",
      )
      for (const c of columns) {
        fromPostgres[c.table_name] ??= {}
        fromPostgres[c.table_name]![c.column_name] = { notNull: c.is_nullable === 'NO', kind: kind(c.data_type) }
      }
      expect(Object.keys(fromPostgres).sort()).toEqual(Object.keys(fromSqlite).sort())
      expect(fromPostgres).toEqual(fromSqlite)
      expect(Object.keys(fromSqlite)).toContain('audit')

      const indexes = async (db: SqliteDb | PostgresDb, sql: string) => (await db.all<{ name: string }>(sql)).map((row) => row.name).sort()
      expect(await indexes(postgres, "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'")).toEqual(
        await indexes(sqlite, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'"),
      )
    } finally {
      await sqlite.close()
      await postgres.close()
      await database.drop()
      dir.cleanup()
    }
  })
})
