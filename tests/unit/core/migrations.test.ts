import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../electron/core/store/migrations'
import { SYNCED_TABLES } from '../../../electron/core/store/tables'
import { tempDir } from '../../helpers/temp'

type Db = Database.Database

function schemaOf(db: Db): string {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[]
  return rows.map((r) => `-- ${r.type} ${r.name}\n${(r.sql ?? '').replace(/\s+/g, ' ').trim()};`).join('\n') + '\n'
}

function columnsOf(db: Db, table: string): { name: string; notnull: number; dflt_value: unknown }[] {
  return db.prepare(`SELECT name, "notnull", dflt_value FROM pragma_table_info(?)`).all(table) as never
}

describe('migrations', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => (dir = tempDir()))
  afterEach(() => dir.cleanup())

  it('are numbered upwards from 1, the data version being the last one', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect(versions[0]).toBe(1)
    // A number may be left out (kept for a change made elsewhere), never repeated or out of order.
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
    expect(SCHEMA_VERSION).toBe(versions.at(-1))
  })

  it('replayed one release at a time give the same schema as the recorded one', async () => {
    const file = join(dir.path, 'stepwise.db')
    for (const { version: target } of MIGRATIONS) {
      const db = new Database(file)
      expect(migrate(db, MIGRATIONS, target)).toBe(target)
      db.close()
    }
    const stepwise = new Database(file)
    const fresh = new Database(':memory:')
    migrate(fresh)
    expect(schemaOf(stepwise)).toBe(schemaOf(fresh))
    await expect(schemaOf(fresh)).toMatchFileSnapshot('../../fixtures/schema.sql')
    stepwise.close()
    fresh.close()
  })

  it('only add to synced tables: no column is ever dropped or renamed, and each can arrive on its own', () => {
    const db = new Database(':memory:')
    let previous = new Map<string, string[]>()
    for (const migration of MIGRATIONS) {
      migrate(db, MIGRATIONS, migration.version)
      const now = new Map<string, string[]>()
      for (const table of Object.keys(SYNCED_TABLES)) {
        const columns = columnsOf(db, table)
        if (columns.length === 0) continue
        now.set(table, columns.map((c) => c.name))
        for (const column of columns) {
          if (column.name === 'id') continue
          // A row can be created by any single field, so every other column needs a default or must allow null.
          expect(column.notnull === 0 || column.dflt_value !== null, `${table}.${column.name}`).toBe(true)
        }
      }
      for (const [table, columns] of previous) {
        expect(now.get(table), `migration ${migration.version} keeps ${table}`).toEqual(expect.arrayContaining(columns))
      }
      previous = now
    }
    db.close()
  })

  it('have a real column for every synced field the write path accepts', () => {
    const db = new Database(':memory:')
    migrate(db)
    for (const [table, spec] of Object.entries(SYNCED_TABLES)) {
      const names = columnsOf(db, table).map((c) => c.name)
      expect(names).toEqual(expect.arrayContaining(['id', ...Object.keys(spec)]))
    }
    db.close()
  })

  it('roll back a failing step as a whole, leaving the version where it was', () => {
    const db = new Database(':memory:')
    const broken = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, description: 'broken', sql: 'CREATE TABLE half_done (x); SELECT nonsense FROM nowhere;' },
    ]
    expect(() => migrate(db, broken, SCHEMA_VERSION + 1)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 })
    db.close()
  })
})
