import { describe } from 'vitest'
import type { ServerStore } from '../../../server/store'
import type { SqlValue } from '../../../server/sql'
import { throwawayDatabase } from '../../helpers/server-process'

/**
 * The server's suites run on both storage backends. PostgreSQL needs a cluster: FIELDBOOK_TEST_POSTGRES is a
 * connection string to it (a role that may create databases); every test server gets a fresh database of its own.
 * Without it the PostgreSQL suites are reported as skipped, except in CI, where a missing database fails the run.
 */
export type Backend = 'sqlite' | 'postgres'
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgres']
export const POSTGRES_URL = process.env['FIELDBOOK_TEST_POSTGRES'] || undefined

if (!POSTGRES_URL && process.env['CI'] === 'true') {
  throw new Error('CI runs the server suites on PostgreSQL too: set FIELDBOOK_TEST_POSTGRES (.ci/run starts a cluster)')
}

/** `describe` once per backend; the PostgreSQL one skipped (and saying so) when no cluster is configured. */
export function describeBackends(name: string, suite: (backend: Backend) => void): void {
  for (const backend of BACKENDS) {
    const missing = backend === 'postgres' && !POSTGRES_URL
    const title = `${name} [${backend}${missing ? ': skipped, FIELDBOOK_TEST_POSTGRES is not set' : ''}]`
    ;(missing ? describe.skip : describe)(title, () => suite(backend))
  }
}

/** A new empty database on the test cluster; `drop` removes it (closing what still holds it). */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!POSTGRES_URL) throw new Error('FIELDBOOK_TEST_POSTGRES is not set')
  return throwawayDatabase(POSTGRES_URL, 'fieldbook_test')
}

/** Where a test server of this backend keeps its records: nothing extra for SQLite, a fresh database otherwise. */
export async function storageFor(backend: Backend): Promise<{ database?: string; drop(): Promise<void> }> {
  if (backend === 'sqlite') return { drop: async () => {} }
  const database = await freshDatabase()
  return { database: database.url, drop: database.drop }
}

/** Rows of a query on the server's own database, whichever it is (the SQL both understand). */
export function serverRows<T = Record<string, unknown>>(store: ServerStore, sql: string, params: SqlValue[] = []): Promise<T[]> {
  return store.sql.all<T>(sql, params)
}
