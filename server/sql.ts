import type Database from 'better-sqlite3'
import pg from 'pg'

/**
 * The few database operations the server's storage needs, the same over SQLite and PostgreSQL. Statements are
 * written once, with `?` placeholders, in the SQL both understand (`ON CONFLICT DO NOTHING`, `RETURNING`,
 * `substr`, `length`); the PostgreSQL side numbers the placeholders.
 */
export type Dialect = 'sqlite' | 'postgres'
/** An array binds as a PostgreSQL array (its functions take a batch's columns so); SQLite binds none. */
export type SqlValue = string | number | null | readonly (string | null)[]
export type Row = Record<string, unknown>

export interface Sql {
  readonly dialect: Dialect
  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>
  get<T = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined>
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface SqlDb extends Sql {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. SQLite's starts as a
   * writer at once (BEGIN IMMEDIATE), so two transactions never deadlock upgrading a read lock.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A unique constraint refused the row (either database's way of saying so). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * better-sqlite3 is synchronous, but the storage awaits between statements: without a lock, another request's
 * statement could run inside an open transaction. One queue orders transactions and single statements alike.
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const
  private queue: Promise<unknown> = Promise.resolve()
  private readonly direct: Sql

  constructor(readonly db: Database.Database) {
    // Statements are prepared once: the same few texts run on every request.
    const statements = new Map<string, Database.Statement>()
    const prepare = (sql: string) => {
      let statement = statements.get(sql)
      if (!statement) {
        if (statements.size >= 500) statements.clear()
        statement = db.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    }
    this.direct = {
      dialect: 'sqlite',
      all: <T>(sql: string, params: SqlValue[] = []) => Promise.resolve(prepare(sql).all(...params) as T[]),
      get: <T>(sql: string, params: SqlValue[] = []) => Promise.resolve(prepare(sql).get(...params) as T | undefined),
      run: (sql: string, params: SqlValue[] = []) => Promise.resolve(prepare(sql).run(...params).changes),
      exec: (sql: string) => Promise.resolve(void db.exec(sql)),
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work)
    this.queue = result.catch(() => undefined)
    return result
  }

  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.exclusive(() => this.direct.all<T>(sql, params))
  }

  get<T = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return this.exclusive(() => this.direct.get<T>(sql, params))
  }

  run(sql: string, params?: SqlValue[]): Promise<number> {
    return this.exclusive(() => this.direct.run(sql, params))
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => this.direct.exec(sql))
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        const result = await work(this.direct)
        this.db.exec('COMMIT')
        return result
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw error
      }
    })
  }

  async close(): Promise<void> {
    await this.queue
    if (this.db.open) this.db.close()
  }
}

/** `?` placeholders numbered as PostgreSQL wants them (the server's statements hold no `?` inside literals). */
function numbered(sql: string): string {
  let index = 0
  return sql.replace(/\?/g, () => `$${++index}`)
}

// BIGINT (seq, head) comes back as a number: sequences stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

function queryable(client: pg.Pool | pg.PoolClient): Sql {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: SqlValue[] = []) => (await client.query({ text: numbered(sql), values: params, types })).rows as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) => (await client.query({ text: numbered(sql), values: params, types })).rows[0] as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => (await client.query({ text: numbered(sql), values: params, types })).rowCount ?? 0,
    exec: async (sql: string) => void (await client.query(sql)),
  }
}

export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const
  readonly pool: pg.Pool
  private readonly direct: Sql

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 10_000 })
    // An idle connection the database closed (a restart) is dropped from the pool; the next query opens another.
    this.pool.on('error', () => {})
    this.direct = queryable(this.pool)
  }

  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.direct.all<T>(sql, params)
  }

  get<T = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params)
  }

  run(sql: string, params?: SqlValue[]): Promise<number> {
    return this.direct.run(sql, params)
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql)
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    // A connection that failed to roll back is broken: the pool closes it instead of lending it out again.
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      try {
        const result = await work(queryable(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
        throw error
      }
    } finally {
      client.release(broken)
    }
  }

  private ended: Promise<void> | undefined

  close(): Promise<void> {
    return (this.ended ??= this.pool.end())
  }
}
