import type { Database } from 'better-sqlite3'
import { AppError } from '../../../shared/errors'

/**
 * Numbered, forward-only, additive. Synced tables never lose or rename a column (an older peer may still send
 * it), and every synced column is nullable or has a default, because a row's fields can arrive one by one.
 * Foreign keys between synced rows are deferred, so a batch may carry a child before its parent.
 */
export interface Migration {
  version: number
  description: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'change log, clocks and trips',
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Per-field clocks of a row, as a JSON object {column: hlc}: one read and one write per row touched.
      CREATE TABLE row_clock (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        clocks TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id)
      ) WITHOUT ROWID;

      -- Every change ever applied or received, winners and losers alike. outbox = 1 while a local change
      -- waits to be pushed.
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY,
        hlc TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col TEXT NOT NULL,
        value ANY,
        source TEXT NOT NULL CHECK (source IN ('local', 'remote')),
        won INTEGER NOT NULL CHECK (won IN (0, 1)),
        outbox INTEGER NOT NULL DEFAULT 0 CHECK (outbox IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX change_log_identity ON change_log (hlc, tbl, row_id, col);
      CREATE INDEX change_log_row ON change_log (tbl, row_id);
      CREATE INDEX change_log_outbox ON change_log (seq) WHERE outbox = 1;

      CREATE TABLE trips (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        purpose TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        regions TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'planned',
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      );
      CREATE INDEX trips_by_start ON trips (deleted, start_date);
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

export function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Brings the database up to `target`, each step in its own transaction with its version number. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): number {
  const current = schemaVersionOf(db)
  if (current > target) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `This data was written by a newer version of Fieldbook (data version ${current}, this app understands up to ${target}). Update Fieldbook to open it.`,
      { dataVersion: current, appVersion: target },
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
  return schemaVersionOf(db)
}
