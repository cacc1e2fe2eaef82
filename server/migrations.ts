import type { Database } from 'better-sqlite3'

/**
 * The server's own schema: numbered, forward-only, tracked in `PRAGMA user_version`, each run in one transaction
 * (the same style as the app's store, but separate: the server imports only shared/ and server/).
 */
export interface ServerMigration {
  version: number
  description: string
  sql: string
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    version: 1,
    description: 'teams, invites, devices, change log, batches, blobs',
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- head: the team's newest change seq, assigned in the push transaction (strictly increasing, gap-free).
      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        head INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );

      -- Codes are stored as sha256 only; single use (used_at), expiring.
      CREATE TABLE invites (
        code_hash TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams (id),
        role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by TEXT
      );
      CREATE INDEX invites_by_team ON invites (team_id);

      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams (id),
        name TEXT NOT NULL,
        node_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_seen_at TEXT
      );
      CREATE INDEX devices_by_team ON devices (team_id);

      -- One entry per pushed change (the fields of one row changed at one clock value), in the team's order.
      -- The same (row, clock) pushed twice, e.g. when clients push again after a restore, is stored once.
      CREATE TABLE changes (
        team_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        cells TEXT NOT NULL,
        base TEXT,
        device_id TEXT NOT NULL,
        batch_id TEXT NOT NULL
      );
      CREATE UNIQUE INDEX changes_by_seq ON changes (team_id, seq);
      CREATE UNIQUE INDEX changes_identity ON changes (team_id, tbl, row_id, hlc);

      -- Idempotency: a batch id seen again answers its stored result and applies nothing.
      CREATE TABLE batches (
        team_id TEXT NOT NULL,
        batch_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (team_id, batch_id)
      ) WITHOUT ROWID;

      -- Which team holds which blob; the bytes are files under blobs/ab/<sha256>, shared by content.
      CREATE TABLE blobs (
        team_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        path TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (team_id, sha256)
      ) WITHOUT ROWID;
    `,
  },
]

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1]!.version

/** Brings the database to the newest version; refuses one written by a newer server. */
export function migrateServerDb(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SERVER_SCHEMA_VERSION) {
    throw new Error(
      `server.db is at schema version ${current}, newer than this server (${SERVER_SCHEMA_VERSION}); update the server`,
    )
  }
  for (const migration of SERVER_MIGRATIONS) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
