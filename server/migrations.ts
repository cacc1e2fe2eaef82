import type { Database } from 'better-sqlite3'
import type { Sql, SqlDb } from './sql'

/**
 * The server's own schema, for SQLite and PostgreSQL side by side: numbered, forward-only, each run in one
 * transaction. SQLite tracks the version in `PRAGMA user_version`, PostgreSQL in the `server_schema` table. Both
 * dialects describe the same tables and columns (a test compares them); they differ only where the databases do
 * (BIGINT sequences, WITHOUT ROWID, how a CHECK is changed). The server imports only shared/ and server/.
 */
export interface ServerMigration {
  version: number
  description: string
  sqlite: string
  postgres: string
}

const DEVICE_ROLES = "('admin', 'member', 'viewer')"


/**
 * Who did what to a team's membership, and which requests were refused: never contents, never tokens or codes.
 * actor: a device id, or 'admin' for the server's commands; details: JSON (a role, a name, a refusal's code).
 */
const AUDIT_TABLE = `
      CREATE TABLE audit (
        ID_COLUMN,
        team_id TEXT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT,
        device_id TEXT,
        details TEXT
      );
      CREATE INDEX audit_by_team ON audit (team_id, id);
`

/**
 * A push on PostgreSQL, run by the database in one statement: the round trips between the server and the database
 * are what a push waits for while it holds its team's lock, so taking the lock, looking up the batch, storing the
 * new changes and moving the head happen inside the database. It does what `ServerStore.push` does on SQLite:
 *
 * - `UPDATE teams … RETURNING head` locks the team's row: pushes to one team, from any server process, run one after
 *   the other, so seqs are assigned and committed in order and a reader never sees seq N+1 before N;
 * - every later statement takes a new snapshot (a VOLATILE function in READ COMMITTED), so a batch committed by
 *   another process while this one waited for the lock is found and its stored result answered;
 * - a change the team holds already, or that comes twice in the batch (same table, row and clock), is stored once;
 *   the others take the next seqs in the batch's order.
 *
 * The changes come as parallel arrays (one element per change; cells and base as JSON text, stored as sent).
 */
const PUSH_FUNCTION = `
      CREATE FUNCTION fieldbook_push(
        p_team TEXT, p_batch TEXT, p_device TEXT, p_at TEXT,
        p_hlc TEXT[], p_tbl TEXT[], p_row TEXT[], p_cells TEXT[], p_base TEXT[]
      ) RETURNS TABLE (accepted BIGINT, seq BIGINT, epoch TEXT, replayed BOOLEAN)
      LANGUAGE plpgsql VOLATILE AS $push$
      #variable_conflict use_column
      DECLARE
        v_head BIGINT;
        v_epoch TEXT;
        v_stored TEXT;
        v_accepted BIGINT;
      BEGIN
        UPDATE teams SET head = head WHERE id = p_team RETURNING head INTO v_head;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no team %', p_team USING ERRCODE = 'no_data_found';
        END IF;
        SELECT value INTO v_epoch FROM meta WHERE key = 'epoch';
        SELECT result INTO v_stored FROM batches WHERE team_id = p_team AND batch_id = p_batch;
        IF FOUND THEN
          RETURN QUERY SELECT (v_stored::jsonb ->> 'accepted')::BIGINT, (v_stored::jsonb ->> 'seq')::BIGINT, v_epoch, TRUE;
          RETURN;
        END IF;
        INSERT INTO changes (team_id, seq, hlc, tbl, row_id, cells, base, device_id, batch_id)
          SELECT p_team, v_head + row_number() OVER (ORDER BY fresh.ord), fresh.hlc, fresh.tbl, fresh.row_id, fresh.cells, fresh.base, p_device, p_batch
          FROM (
            SELECT DISTINCT ON (given.tbl, given.row_id, given.hlc) given.*
            FROM unnest(p_hlc, p_tbl, p_row, p_cells, p_base) WITH ORDINALITY AS given (hlc, tbl, row_id, cells, base, ord)
            WHERE NOT EXISTS (
              SELECT 1 FROM changes held
              WHERE held.team_id = p_team AND held.tbl = given.tbl AND held.row_id = given.row_id AND held.hlc = given.hlc
            )
            ORDER BY given.tbl, given.row_id, given.hlc, given.ord
          ) AS fresh;
        GET DIAGNOSTICS v_accepted = ROW_COUNT;
        v_head := v_head + v_accepted;
        IF v_accepted > 0 THEN
          UPDATE teams SET head = v_head WHERE id = p_team;
        END IF;
        INSERT INTO batches (team_id, batch_id, device_id, result, created_at)
          VALUES (p_team, p_batch, p_device, format('{"accepted":%s,"seq":%s}', v_accepted, v_head), p_at);
        RETURN QUERY SELECT v_accepted, v_head, v_epoch, FALSE;
      END
      $push$;
`

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    version: 1,
    description: 'teams, invites, devices, change log, batches, blobs',
    sqlite: `
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
    postgres: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- head: the team's newest change seq, assigned in the push transaction (strictly increasing, gap-free).
      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        head BIGINT NOT NULL DEFAULT 0,
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
        seq BIGINT NOT NULL,
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
      );

      -- Which team holds which blob; the bytes are files under blobs/ab/<sha256>, shared by content.
      CREATE TABLE blobs (
        team_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        path TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (team_id, sha256)
      );
    `,
  },
  {
    version: 2,
    description: 'viewer role, device app version, audit log',
    // SQLite cannot change a CHECK in place: the two tables are copied into new ones with the wider check.
    sqlite: `
      CREATE TABLE invites_v2 (
        code_hash TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams (id),
        role TEXT NOT NULL CHECK (role IN ${DEVICE_ROLES}),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by TEXT
      );
      INSERT INTO invites_v2 SELECT code_hash, team_id, role, created_at, expires_at, used_at, used_by FROM invites;
      DROP TABLE invites;
      ALTER TABLE invites_v2 RENAME TO invites;
      CREATE INDEX invites_by_team ON invites (team_id);

      CREATE TABLE devices_v2 (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams (id),
        name TEXT NOT NULL,
        node_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ${DEVICE_ROLES}),
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_seen_at TEXT,
        version TEXT
      );
      INSERT INTO devices_v2 (id, team_id, name, node_id, token_hash, role, created_at, revoked_at, last_seen_at)
        SELECT id, team_id, name, node_id, token_hash, role, created_at, revoked_at, last_seen_at FROM devices;
      DROP TABLE devices;
      ALTER TABLE devices_v2 RENAME TO devices;
      CREATE INDEX devices_by_team ON devices (team_id);

      ${AUDIT_TABLE.replace('ID_COLUMN', 'id INTEGER PRIMARY KEY')}
    `,
    postgres: `
      ALTER TABLE invites DROP CONSTRAINT invites_role_check;
      ALTER TABLE invites ADD CONSTRAINT invites_role_check CHECK (role IN ${DEVICE_ROLES});
      ALTER TABLE devices DROP CONSTRAINT devices_role_check;
      ALTER TABLE devices ADD CONSTRAINT devices_role_check CHECK (role IN ${DEVICE_ROLES});
      ALTER TABLE devices ADD COLUMN version TEXT;

      ${AUDIT_TABLE.replace('ID_COLUMN', 'id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY')}
    `,
  },
  {
    version: 3,
    description: 'PostgreSQL: a push in one round trip (fieldbook_push)',
    // SQLite runs in the server's own process: a statement costs no round trip, so its push stays in store.ts.
    sqlite: '-- nothing to change on SQLite',
    postgres: PUSH_FUNCTION,
  },
]

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1]!.version

/** The schema version a SQLite server database has (0: none yet). */
export function sqliteSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

function tooNew(current: number): Error {
  return new Error(`The server database is at schema version ${current}, newer than this server (${SERVER_SCHEMA_VERSION}); update the server`)
}

// Any constant: every server process takes this lock while migrating, so two starting at once migrate once.
const MIGRATION_LOCK = 7_413_190_219

async function postgresVersion(tx: Sql): Promise<number> {
  await tx.exec('CREATE TABLE IF NOT EXISTS server_schema (version INTEGER NOT NULL)')
  const row = await tx.get<{ version: number }>('SELECT max(version) AS version FROM server_schema')
  return row?.version ?? 0
}

/** Brings the database to the newest version, each migration in its own transaction; refuses a newer one. */
export async function migrateServerDb(db: SqlDb): Promise<void> {
  for (const migration of SERVER_MIGRATIONS) {
    await db.transaction(async (tx) => {
      let current: number
      if (tx.dialect === 'postgres') {
        await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK])
        current = await postgresVersion(tx)
      } else {
        current = (await tx.get<{ user_version: number }>('PRAGMA user_version'))!.user_version
      }
      if (current > SERVER_SCHEMA_VERSION) throw tooNew(current)
      if (migration.version <= current) return
      await tx.exec(tx.dialect === 'postgres' ? migration.postgres : migration.sqlite)
      if (tx.dialect === 'postgres') await tx.run('INSERT INTO server_schema (version) VALUES (?)', [migration.version])
      else await tx.exec(`PRAGMA user_version = ${migration.version}`)
    })
  }
}
