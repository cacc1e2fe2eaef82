import type { Database } from 'better-sqlite3'
import { AppError } from '../../../shared/errors'

/**
 * Numbered, forward-only, additive. Every synced table ends with `clocks`, the JSON object {column: hlc} of its
 * fields' clocks, written by the store's write path only. Synced tables never lose or rename a column (an older peer may still send
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

      -- Every change ever applied or received, winners and losers alike: one entry per row and clock value,
      -- holding the fields changed at that moment as a JSON object {column: value}. outbox = 1 while a local
      -- change waits to be pushed. The per-field clocks of a row live in its own \`clocks\` column.
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY,
        hlc TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        cells TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('local', 'remote')),
        outbox INTEGER NOT NULL DEFAULT 0 CHECK (outbox IN (0, 1))
      ) STRICT;
      -- One index serves both: a change received twice is stored once, and a record's history is a range scan.
      CREATE UNIQUE INDEX change_log_identity ON change_log (tbl, row_id, hlc);
      CREATE INDEX change_log_outbox ON change_log (seq) WHERE outbox = 1;

      CREATE TABLE trips (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        purpose TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        regions TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'planned',
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX trips_by_start ON trips (deleted, start_date);
    `,
  },
  {
    version: 2,
    description: 'field records: group, itinerary, enterprises, visits, symposiums, agreements, surveys, follow-ups',
    // No foreign keys between synced rows: a row whose parent has not arrived yet (a partial sync, a server
    // restored from backup) must still be stored, never block sync. The domain layer checks parents on create.
    sql: `
      CREATE TABLE trip_members (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        is_leader INTEGER NOT NULL DEFAULT 0,
        sort_key REAL NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX trip_members_by_trip ON trip_members (trip_id);

      CREATE TABLE itinerary (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        day TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX itinerary_by_trip ON itinerary (trip_id);
      CREATE INDEX itinerary_by_enterprise ON itinerary (enterprise_id);

      CREATE TABLE enterprises (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        credit_code TEXT NOT NULL DEFAULT '',
        industry TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        size TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        stage TEXT NOT NULL DEFAULT 'prospect',
        profile TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX enterprises_by_credit_code ON enterprises (credit_code) WHERE credit_code <> '';

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        enterprise_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX contacts_by_enterprise ON contacts (enterprise_id);

      CREATE TABLE visits (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        participant_ids TEXT NOT NULL DEFAULT '[]',
        summary TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX visits_by_trip ON visits (trip_id);
      CREATE INDEX visits_by_enterprise ON visits (enterprise_id);

      CREATE TABLE visit_stops (
        id TEXT PRIMARY KEY,
        visit_id TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        observation TEXT NOT NULL DEFAULT '',
        sort_key REAL NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX visit_stops_by_visit ON visit_stops (visit_id);

      CREATE TABLE symposiums (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        presided_by TEXT NOT NULL DEFAULT '',
        topics TEXT NOT NULL DEFAULT '[]',
        consensus TEXT NOT NULL DEFAULT '[]',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX symposiums_by_trip ON symposiums (trip_id);
      CREATE INDEX symposiums_by_enterprise ON symposiums (enterprise_id);

      CREATE TABLE attendees (
        id TEXT PRIMARY KEY,
        symposium_id TEXT NOT NULL DEFAULT '',
        side TEXT NOT NULL DEFAULT 'enterprise',
        name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        member_id TEXT NOT NULL DEFAULT '',
        contact_id TEXT NOT NULL DEFAULT '',
        sort_key REAL NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX attendees_by_symposium ON attendees (symposium_id);

      CREATE TABLE remarks (
        id TEXT PRIMARY KEY,
        symposium_id TEXT NOT NULL DEFAULT '',
        speaker_id TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        is_quote INTEGER NOT NULL DEFAULT 0,
        spoken_at TEXT NOT NULL DEFAULT '',
        sort_key REAL NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX remarks_by_symposium ON remarks (symposium_id, sort_key);

      CREATE TABLE agreements (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'other',
        status TEXT NOT NULL DEFAULT 'consensus',
        signed_date TEXT NOT NULL DEFAULT '',
        parties TEXT NOT NULL DEFAULT '',
        amount_yuan REAL NOT NULL DEFAULT 0,
        positions REAL NOT NULL DEFAULT 0,
        term_start TEXT NOT NULL DEFAULT '',
        term_end TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        terms TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX agreements_by_trip ON agreements (trip_id);
      CREATE INDEX agreements_by_enterprise ON agreements (enterprise_id);

      CREATE TABLE questionnaires (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        questions TEXT NOT NULL DEFAULT '[]',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX questionnaires_by_trip ON questionnaires (trip_id);

      CREATE TABLE surveys (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        respondent TEXT NOT NULL DEFAULT '',
        respondent_title TEXT NOT NULL DEFAULT '',
        answers TEXT NOT NULL DEFAULT '{}',
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX surveys_by_trip ON surveys (trip_id);
      CREATE INDEX surveys_by_enterprise ON surveys (enterprise_id);

      CREATE TABLE positions (
        id TEXT PRIMARY KEY,
        survey_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        headcount REAL NOT NULL DEFAULT 0,
        kind TEXT NOT NULL DEFAULT 'employment',
        majors TEXT NOT NULL DEFAULT '[]',
        skills TEXT NOT NULL DEFAULT '',
        certificates TEXT NOT NULL DEFAULT '',
        education TEXT NOT NULL DEFAULT '',
        pay_min REAL NOT NULL DEFAULT 0,
        pay_max REAL NOT NULL DEFAULT 0,
        start_timing TEXT NOT NULL DEFAULT '',
        sort_key REAL NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX positions_by_survey ON positions (survey_id);

      CREATE TABLE actions (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        due_date TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        linked_kind TEXT NOT NULL DEFAULT '',
        linked_id TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX actions_by_trip ON actions (trip_id);
      CREATE INDEX actions_by_due ON actions (deleted, status, due_date);

      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        trip_id TEXT NOT NULL DEFAULT '',
        enterprise_id TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'note',
        text TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX notes_by_trip ON notes (trip_id);
      CREATE INDEX notes_by_enterprise ON notes (enterprise_id);

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        owner_kind TEXT NOT NULL DEFAULT '',
        owner_id TEXT NOT NULL DEFAULT '',
        hash TEXT NOT NULL DEFAULT '',
        size REAL NOT NULL DEFAULT 0,
        mime TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL DEFAULT '',
        caption TEXT NOT NULL DEFAULT '',
        width REAL NOT NULL DEFAULT 0,
        height REAL NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX attachments_by_owner ON attachments (owner_id);
      CREATE INDEX attachments_by_hash ON attachments (hash);

      -- Derived, local only: rebuilt from the tables above, never synced. Trigram matches Chinese substrings.
      CREATE VIRTUAL TABLE search_index USING fts5 (
        kind UNINDEXED,
        row_id UNINDEXED,
        trip_id UNINDEXED,
        enterprise_id UNINDEXED,
        title,
        body,
        tokenize = 'trigram'
      );
    `,
  },
  {
    version: 3,
    description: 'local settings and export history; follow-ups by enterprise',
    // Local to this laptop, never synced: the college profile used by documents, and the files exported here.
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE exports (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        file_path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX exports_by_time ON exports (created_at);

      -- The enterprise timeline looks up its follow-ups.
      CREATE INDEX actions_by_enterprise ON actions (enterprise_id);
    `,
  },
  {
    version: 4,
    description: 'sync client: server and cursor, push batches, conflicts, blob queue, changes this version cannot store',
    // Local to this laptop, never synced.
    sql: `
      -- The server, team, token, epoch and pull cursor of this workspace, and the sync preferences.
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- A push batch id is chosen for a run of outbox entries and kept here before it is sent, so a retry after
      -- a lost reply sends the same id and the server answers with its stored result instead of applying twice.
      CREATE TABLE sync_batches (
        id TEXT PRIMARY KEY,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      -- Two values of one text field written concurrently on two devices. The field holds the merge winner; the
      -- other value stays here (and in the change log) until someone picks or merges.
      CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col TEXT NOT NULL,
        winner_value TEXT NOT NULL,
        winner_hlc TEXT NOT NULL,
        loser_value TEXT NOT NULL,
        loser_hlc TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT
      ) STRICT;
      -- Both devices see the same pair; a pair seen again (a replayed page, a re-pull) is recorded once.
      CREATE UNIQUE INDEX conflicts_identity ON conflicts (tbl, row_id, col, winner_hlc, loser_hlc);
      CREATE INDEX conflicts_open ON conflicts (tbl, row_id, col) WHERE resolved_at IS NULL;

      -- Attachment bytes, apart from the rows: here = the file is in this data folder, on_server = the server
      -- confirmed it holds it. Failures wait until retry_at (ms) and back off.
      CREATE TABLE blob_sync (
        hash TEXT PRIMARY KEY,
        here INTEGER NOT NULL DEFAULT 0,
        on_server INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        retry_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT ''
      ) STRICT, WITHOUT ROWID;

      -- Received fields this version has no column for (a newer peer's) or cannot store: kept, not applied, so
      -- sync goes on and a later version can still find them.
      CREATE TABLE sync_skipped (
        hlc TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        cells TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id, hlc)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    description: 'search: a per-character index for one- and two-character words, entries numbered by creation time',
    // Local and derived, never synced; the search index fills both tables (and renumbers search_index) the first
    // time a data folder from an older version is opened.
    sql: `
      -- Trigrams cannot serve words under three characters (焊工, 实习). Here every CJK character is a word of its
      -- own, then the pair it starts (the text is written "焊 焊工 工"), so 焊 and 焊工 are single words of the
      -- index. It stores no text (search_index does) and shares search_index's rowids.
      CREATE VIRTUAL TABLE search_index_chars USING fts5 (
        title,
        body,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );

      -- Which index entry (rowid of both tables) a record has, and where it belongs. The entry numbers are the
      -- kind, then the record's creation time, so one kind's matches are a range and newest first is rowid order.
      CREATE TABLE search_index_entries (
        entry INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        row_id TEXT NOT NULL,
        trip_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        parent_kind TEXT NOT NULL,
        parent_id TEXT NOT NULL
      );
      CREATE UNIQUE INDEX search_index_entries_by_row ON search_index_entries (row_id, kind);
      -- A search within a trip or an enterprise checks the matches against that trip's entries of each kind.
      CREATE INDEX search_index_entries_by_trip ON search_index_entries (trip_id);
      CREATE INDEX search_index_entries_by_enterprise ON search_index_entries (enterprise_id);
    `,
  },
  {
    version: 6,
    description: 'staff directory: our people across trips, trip members linked to them; visits and symposiums by date',
    // Existing trip members are linked to (or create) their staff record the first time the upgraded folder is
    // opened, through the write path so the links sync: see linkMembersToStaff in domain/campaign-staff.ts.
    sql: `
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL DEFAULT 'other',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX staff_by_name ON staff (name);

      -- Who of ours went is already explicit per visit (participant_ids) and symposium (school-side attendees'
      -- member_id); the member now names the person, so one person's visits add up across trips.
      ALTER TABLE trip_members ADD COLUMN staff_id TEXT NOT NULL DEFAULT '';
      CREATE INDEX trip_members_by_staff ON trip_members (staff_id);

      -- The campaign reads a period's visits, symposiums and surveys by their date.
      CREATE INDEX visits_by_date ON visits (date);
      CREATE INDEX symposiums_by_date ON symposiums (date);
      CREATE INDEX surveys_by_date ON surveys (date);
    `,
  },
  {
    version: 7,
    description: 'relationship record: contacts logged with an enterprise, contacts\' WeChat and primary flag, the enterprise owner',
    sql: `
      -- One contact with an enterprise (记一笔往来): channel, date, who of ours, with whom, what, next step.
      CREATE TABLE interactions (
        id TEXT PRIMARY KEY,
        enterprise_id TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT 'phone',
        date TEXT NOT NULL DEFAULT '',
        our_side TEXT NOT NULL DEFAULT '',
        contact_id TEXT NOT NULL DEFAULT '',
        their_side TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        next_step TEXT NOT NULL DEFAULT '',
        action_id TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        clocks TEXT NOT NULL DEFAULT '{}'
      );
      -- The file's summary and the list read an enterprise's latest contact.
      CREATE INDEX interactions_by_enterprise ON interactions (enterprise_id, date);

      ALTER TABLE contacts ADD COLUMN wechat TEXT NOT NULL DEFAULT '';
      ALTER TABLE contacts ADD COLUMN is_primary INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE enterprises ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    version: 8,
    description: "enterprises: the enterprise's WeChat official account",
    sql: `
      ALTER TABLE enterprises ADD COLUMN wechat_account TEXT NOT NULL DEFAULT '';
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
