import Database from 'better-sqlite3'
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../shared/errors'
import type { DeviceRole, JoinResponse, PushRequest, PushResponse, TeamResponse, WireChange } from '../shared/sync/protocol'
import { checkCell, columnKind } from '../shared/tables'
import { badRequest, HttpError, notFound } from './errors'
import { migrateServerDb } from './migrations'
import { isUniqueViolation, PostgresDb, SqliteDb, type Dialect, type Sql, type SqlDb } from './sql'

/** admin: administers the team; member: pushes and pulls; viewer: pulls only (a leader or an auditor). */
export type Role = DeviceRole
export const ROLES: readonly Role[] = ['admin', 'member', 'viewer']

export interface TeamInfo {
  id: string
  name: string
  head: number
  createdAt: string
}

export interface InviteInfo {
  /** The code to hand to a person; shown once, stored only as a hash. */
  code: string
  team: { id: string; name: string }
  role: Role
  expiresAt: string
}

export interface DeviceInfo {
  id: string
  teamId: string
  name: string
  nodeId: string
  role: Role
  createdAt: string
  lastSeenAt: string | null
  revokedAt: string | null
  /** The app version the device last reported, when it did. */
  version: string | null
}

/** The device a request's token belongs to: every request's team comes from here. */
export interface AuthenticatedDevice {
  id: string
  teamId: string
  name: string
  /** The install's HLC node id: the clocks of the changes it pushes carry it. */
  nodeId: string
  role: Role
  lastSeenAt: string | null
  version: string | null
}

export interface AuditEntry {
  id: number
  teamId: string | null
  at: string
  action: AuditAction
  /** A device id, or 'admin' for the server's own commands. */
  actor: string | null
  /** The device acted upon (joined, revoked, renamed, given a role). */
  deviceId: string | null
  details: Record<string, unknown> | null
}

/**
 * What the audit log records. Never contents, tokens or invite codes: a refusal keeps its code and path, a
 * rename the new name.
 */
export type AuditAction =
  | 'team.create'
  | 'invite.create'
  | 'device.join'
  | 'device.revoke'
  | 'device.role'
  | 'device.rename'
  | 'server.restore'
  | 'request.refused'

/** Who acts: a device of the team (over HTTP) or the administrator at the server (its commands). */
export type Actor = { device: AuthenticatedDevice } | 'admin'

interface TeamRow {
  id: string
  name: string
  head: number
  created_at: string
}

interface DeviceRow {
  id: string
  team_id: string
  name: string
  node_id: string
  role: Role
  created_at: string
  last_seen_at: string | null
  revoked_at: string | null
  version: string | null
}

export const DEFAULT_INVITE_DAYS = 7
/** How long the audit log keeps an entry unless the operator chooses otherwise (--audit-days). */
export const DEFAULT_AUDIT_DAYS = 365
/** No 0/O, 1/I/L: codes are read aloud and typed on phones. */
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const HEADS_FILE = 'server-heads.json'
const HEADS_FILE_INTERVAL_MS = 1000
const LAST_SEEN_RESOLUTION_MS = 60_000
/** Rows per statement when a batch is looked up and inserted (9 parameters a row, within both databases' limits). */
const CHUNK = 500

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

/** Upper-case, without spaces or dashes, so `k7qx m2pd` and `K7QX-M2PD` are the same code. */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '')
}

function newInviteCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

function deviceInfo(row: DeviceRow): DeviceInfo {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    nodeId: row.node_id,
    role: row.role,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    version: row.version,
  }
}

const teamInfo = (row: TeamRow): TeamInfo => ({ id: row.id, name: row.name, head: row.head, createdAt: row.created_at })

export interface StoreOptions {
  /** The SQLite database and the blobs (SQLite), or the blobs only (PostgreSQL: a folder every process shares). */
  dataDir: string
  /** A `postgres://` connection string: the records live in PostgreSQL instead of `<dataDir>/server.db`. */
  database?: string
  /** Wall clock in ms (tests move it to expire invites). */
  now?: () => number
  /** PostgreSQL connections this process keeps at most. */
  poolSize?: number
}

/** The backend a set of options chooses, as the logs and health name it. */
export const backendOf = (options: Pick<StoreOptions, 'database'>): Dialect => (options.database ? 'postgres' : 'sqlite')

/**
 * The server's storage over either database: the embedded default `<dataDir>/server.db` (WAL, synchronous FULL;
 * the admin commands open the same file beside a running server), or PostgreSQL, which several server processes
 * share. Blob bytes are content-addressed files under `<dataDir>/blobs`, the same for both.
 */
export class ServerStore {
  readonly dataDir: string
  readonly blobDir: string
  readonly dialect: Dialect
  /** The PostgreSQL connection string, when that is the backend (the admin's tools use the same). */
  readonly databaseUrl: string | undefined
  private readonly now: () => number

  private constructor(
    readonly sql: SqlDb,
    options: StoreOptions,
  ) {
    this.dataDir = resolve(options.dataDir)
    this.blobDir = join(this.dataDir, 'blobs')
    this.dialect = sql.dialect
    this.databaseUrl = options.database
    this.now = options.now ?? Date.now
  }

  /** Opens (and migrates) the storage the options name. */
  static async open(options: StoreOptions): Promise<ServerStore> {
    const dataDir = resolve(options.dataDir)
    mkdirSync(dataDir, { recursive: true })
    let sql: SqlDb
    if (options.database) {
      sql = new PostgresDb(options.database, { max: options.poolSize ?? 10 })
    } else {
      const db = new Database(join(dataDir, 'server.db'))
      try {
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = FULL')
        db.pragma('foreign_keys = ON')
        db.pragma('busy_timeout = 5000')
      } catch (error) {
        db.close()
        throw error
      }
      sql = new SqliteDb(db)
    }
    try {
      await migrateServerDb(sql)
      await sql.run("INSERT INTO meta (key, value) VALUES ('epoch', ?) ON CONFLICT (key) DO NOTHING", [randomUUID()])
    } catch (error) {
      await sql.close()
      throw error
    }
    return new ServerStore(sql, options)
  }

  /** The SQLite database itself (backup, restore, tests); undefined on PostgreSQL. */
  get sqlite(): Database.Database | undefined {
    return this.sql instanceof SqliteDb ? this.sql.db : undefined
  }

  async close(): Promise<void> {
    if (this.headsTimer) {
      clearTimeout(this.headsTimer)
      this.headsTimer = undefined
      if (this.sqlite?.open) this.writeHeads()
    }
    await this.sql.close()
  }

  private iso(): string {
    return new Date(this.now()).toISOString()
  }

  /** Throws when the database does not answer (the health endpoint). */
  async ping(): Promise<void> {
    await this.sql.get('SELECT 1 AS ok')
  }

  // ── epoch ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Random id of this storage's history; a new one after a restore tells clients the server forgot changes. */
  async epoch(sql: Sql = this.sql): Promise<string> {
    return (await sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'"))!.value
  }

  /** A new epoch (after a restore); recorded in every team's audit log. */
  async rotateEpoch(reason: string): Promise<string> {
    const epoch = randomUUID()
    await this.sql.transaction(async (tx) => {
      await tx.run("UPDATE meta SET value = ? WHERE key = 'epoch'", [epoch])
      await this.auditAllTeams(tx, 'server.restore', { reason })
    })
    if (this.dialect === 'sqlite') this.writeHeads()
    return epoch
  }

  /** Each team's newest seq. */
  async heads(): Promise<Record<string, number>> {
    const rows = await this.sql.all<{ id: string; head: number }>('SELECT id, head FROM teams')
    return Object.fromEntries(rows.map((row) => [row.id, row.head]))
  }

  /**
   * Notices a database put back from an older copy without `restore`, and changes the epoch as `restore` would
   * have. SQLite: the side file beside server.db remembers each team's head after every push commit; a server.db
   * copied back by hand has smaller heads. PostgreSQL: the database records which database and table it was
   * written in (their object ids); `pg_restore` recreates them, so a restored database names other ones.
   * Returns true when the epoch changed.
   */
  async detectRollback(): Promise<boolean> {
    return this.dialect === 'postgres' ? this.detectPostgresRestore() : this.detectSqliteRollback()
  }

  private async detectSqliteRollback(): Promise<boolean> {
    const file = join(this.dataDir, HEADS_FILE)
    let rolledBack = false
    if (existsSync(file)) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { epoch?: string; heads?: Record<string, number> }
        const heads = await this.heads()
        if (saved.epoch === (await this.epoch())) {
          rolledBack = Object.entries(saved.heads ?? {}).some(([team, head]) => (heads[team] ?? 0) < head)
        }
      } catch {
        // A damaged side file says nothing; it is rewritten below.
      }
    }
    if (rolledBack) await this.rotateEpoch('server.db older than its last push')
    this.writeHeads()
    return rolledBack
  }

  private async detectPostgresRestore(): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      // The epoch row's lock: two processes starting on a restored database change the epoch once.
      await tx.get("SELECT value FROM meta WHERE key = 'epoch' FOR UPDATE")
      const here = await tx.get<{ identity: string }>(
        "SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text || ':' || 'changes'::regclass::oid::text AS identity",
      )
      const saved = await tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'identity'")
      if (saved?.value === here!.identity) return false
      await tx.run("INSERT INTO meta (key, value) VALUES ('identity', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [here!.identity])
      if (!saved) return false
      await tx.run("UPDATE meta SET value = ? WHERE key = 'epoch'", [randomUUID()])
      await this.auditAllTeams(tx, 'server.restore', { reason: 'database restored from a dump' })
      return true
    })
  }

  private headsTimer: NodeJS.Timeout | undefined

  /**
   * After a push commits: the side file is rewritten at most once a second (and when the store closes), not after
   * every push, whose latency it would double. Heads a second old still reveal a copy from an older backup.
   */
  private headsChanged(): void {
    if (this.dialect !== 'sqlite' || this.headsTimer) return
    this.headsTimer = setTimeout(() => {
      this.headsTimer = undefined
      if (this.sqlite?.open) this.writeHeads()
    }, HEADS_FILE_INTERVAL_MS)
    this.headsTimer.unref()
  }

  /** SQLite only: written after a commit (never before), atomically by rename. */
  writeHeads(): void {
    const db = this.sqlite
    if (!db) return
    const epoch = (db.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value
    const heads = Object.fromEntries((db.prepare('SELECT id, head FROM teams').all() as { id: string; head: number }[]).map((r) => [r.id, r.head]))
    const file = join(this.dataDir, HEADS_FILE)
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify({ epoch, heads }))
    renameSync(temp, file)
  }

  // ── audit ──────────────────────────────────────────────────────────────────────────────────────────────────

  async audit(
    entry: { teamId: string | null; action: AuditAction; actor: Actor | null; deviceId?: string | null; details?: Record<string, unknown> },
    sql: Sql = this.sql,
  ): Promise<void> {
    const actor = entry.actor === null ? null : entry.actor === 'admin' ? 'admin' : entry.actor.device.id
    await sql.run('INSERT INTO audit (team_id, at, action, actor, device_id, details) VALUES (?, ?, ?, ?, ?, ?)', [
      entry.teamId,
      this.iso(),
      entry.action,
      actor,
      entry.deviceId ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
    ])
  }

  private async auditAllTeams(sql: Sql, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    for (const { id } of await sql.all<{ id: string }>('SELECT id FROM teams')) await this.audit({ teamId: id, action, actor: 'admin', details }, sql)
  }

  /**
   * Removes audit entries older than `days` days (the retention an operator chose); returns how many went. Entries
   * are stamped with ISO times in UTC, which sort as text.
   */
  async trimAudit(days: number): Promise<number> {
    if (!(days > 0)) throw new Error(`The audit retention is a positive number of days, not ${days}`)
    const before = new Date(this.now() - days * 24 * 60 * 60_000).toISOString()
    return this.sql.run('DELETE FROM audit WHERE at < ?', [before])
  }

  /** The team's audit log, oldest first (the newest `limit` entries). */
  async auditLog(teamRef: string, limit = 1000): Promise<AuditEntry[]> {
    const team = await this.findTeam(teamRef)
    const rows = await this.sql.all<{
      id: number
      team_id: string | null
      at: string
      action: AuditAction
      actor: string | null
      device_id: string | null
      details: string | null
    }>('SELECT * FROM audit WHERE team_id = ? ORDER BY id DESC LIMIT ?', [team.id, limit])
    return rows.reverse().map((row) => ({
      id: Number(row.id),
      teamId: row.team_id,
      at: row.at,
      action: row.action,
      actor: row.actor,
      deviceId: row.device_id,
      details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    }))
  }

  // ── administration ─────────────────────────────────────────────────────────────────────────────────────────

  /** A team by exact name or id. */
  async findTeam(ref: string, sql: Sql = this.sql): Promise<TeamInfo> {
    const row = await sql.get<TeamRow>('SELECT * FROM teams WHERE name = ? OR id = ?', [ref, ref])
    if (!row) throw notFound(`No team named ${JSON.stringify(ref)}`)
    return teamInfo(row)
  }

  async listTeams(): Promise<TeamInfo[]> {
    return (await this.sql.all<TeamRow>('SELECT * FROM teams ORDER BY created_at, name')).map(teamInfo)
  }

  /** A new team and its first invite, for the admin's own device. */
  async createTeam(name: string): Promise<{ team: TeamInfo; invite: InviteInfo }> {
    const trimmed = name.trim()
    if (!trimmed || trimmed.length > 100) throw badRequest('A team name has 1 to 100 characters')
    const exists = () => new HttpError(409, 'BAD_REQUEST', `A team named ${JSON.stringify(trimmed)} exists already`)
    try {
      return await this.sql.transaction(async (tx) => {
        if (await tx.get('SELECT 1 AS found FROM teams WHERE name = ?', [trimmed])) throw exists()
        const team: TeamInfo = { id: randomUUID(), name: trimmed, head: 0, createdAt: this.iso() }
        await tx.run('INSERT INTO teams (id, name, head, created_at) VALUES (?, ?, 0, ?)', [team.id, team.name, team.createdAt])
        await this.audit({ teamId: team.id, action: 'team.create', actor: 'admin', details: { name: team.name } }, tx)
        return { team, invite: await this.createInviteIn(tx, team, { role: 'admin' }, 'admin') }
      })
    } catch (error) {
      // Another process created it between our check and insert.
      if (isUniqueViolation(error)) throw exists()
      throw error
    }
  }

  async createInvite(teamRef: string, options: { role?: Role; days?: number } = {}, actor: Actor = 'admin'): Promise<InviteInfo> {
    return this.sql.transaction(async (tx) => this.createInviteIn(tx, await this.findTeam(teamRef, tx), options, actor))
  }

  private async createInviteIn(tx: Sql, team: TeamInfo, options: { role?: Role; days?: number }, actor: Actor): Promise<InviteInfo> {
    const role = options.role ?? 'member'
    if (!ROLES.includes(role)) throw badRequest(`A role is one of ${ROLES.join(', ')}`)
    const days = options.days ?? DEFAULT_INVITE_DAYS
    if (!Number.isFinite(days) || days <= 0 || days > 365) throw badRequest('An invite lasts more than 0 and at most 365 days')
    const code = newInviteCode()
    const expiresAt = new Date(this.now() + days * 86_400_000).toISOString()
    await tx.run('INSERT INTO invites (code_hash, team_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      sha256Hex(normalizeInviteCode(code)),
      team.id,
      role,
      this.iso(),
      expiresAt,
    ])
    await this.audit({ teamId: team.id, action: 'invite.create', actor, details: { role, expiresAt } }, tx)
    return { code, team: { id: team.id, name: team.name }, role, expiresAt }
  }

  async listDevices(teamRef: string): Promise<DeviceInfo[]> {
    const team = await this.findTeam(teamRef)
    return (await this.sql.all<DeviceRow>('SELECT * FROM devices WHERE team_id = ? ORDER BY created_at, id', [team.id])).map(deviceInfo)
  }

  /**
   * A device by id, or an unambiguous start of it (at least 6 characters); within one team when `teamId` is given
   * (a team's admin never reaches another team's devices).
   */
  private async findDevice(tx: Sql, ref: string, teamId?: string): Promise<DeviceRow> {
    const trimmed = ref.trim()
    const inTeam = teamId === undefined ? '' : ' AND team_id = ?'
    const scope = teamId === undefined ? [] : [teamId]
    let rows = await tx.all<DeviceRow>(`SELECT * FROM devices WHERE id = ?${inTeam}`, [trimmed, ...scope])
    if (rows.length === 0 && trimmed.length >= 6) {
      rows = await tx.all<DeviceRow>(`SELECT * FROM devices WHERE substr(id, 1, length(?)) = ?${inTeam} LIMIT 2`, [trimmed, trimmed, ...scope])
    }
    if (rows.length === 0) throw notFound(`No device ${JSON.stringify(trimmed)}`)
    if (rows.length > 1) throw badRequest(`More than one device starts with ${JSON.stringify(trimmed)}; give the whole id`)
    return rows[0]!
  }

  /** Revokes a device by id (or an unambiguous start of it); its token stops working. */
  async revokeDevice(ref: string, actor: Actor = 'admin'): Promise<DeviceInfo> {
    return this.sql.transaction(async (tx) => {
      const row = await this.findDevice(tx, ref, actor === 'admin' ? undefined : actor.device.teamId)
      if (!row.revoked_at) {
        row.revoked_at = this.iso()
        await tx.run('UPDATE devices SET revoked_at = ? WHERE id = ?', [row.revoked_at, row.id])
        await this.audit({ teamId: row.team_id, action: 'device.revoke', actor, deviceId: row.id }, tx)
      }
      return deviceInfo(row)
    })
  }

  /** Gives a device another role. The team keeps at least one active admin. */
  async setRole(ref: string, role: Role, actor: Actor = 'admin'): Promise<DeviceInfo> {
    if (!ROLES.includes(role)) throw badRequest(`A role is one of ${ROLES.join(', ')}`)
    return this.sql.transaction(async (tx) => {
      const row = await this.findDevice(tx, ref, actor === 'admin' ? undefined : actor.device.teamId)
      if (row.role === role) return deviceInfo(row)
      if (row.role === 'admin' && !row.revoked_at) {
        const admins = await tx.get<{ n: number }>(
          "SELECT CAST(count(*) AS INTEGER) AS n FROM devices WHERE team_id = ? AND role = 'admin' AND revoked_at IS NULL",
          [row.team_id],
        )
        if (admins!.n <= 1) throw new HttpError(409, 'FORBIDDEN', 'The team keeps at least one admin; make another device admin first')
      }
      await tx.run('UPDATE devices SET role = ? WHERE id = ?', [role, row.id])
      await this.audit({ teamId: row.team_id, action: 'device.role', actor, deviceId: row.id, details: { from: row.role, to: role } }, tx)
      return deviceInfo({ ...row, role })
    })
  }

  async renameDevice(ref: string, name: string, actor: Actor = 'admin'): Promise<DeviceInfo> {
    const trimmed = name.trim()
    if (!trimmed || trimmed.length > 200) throw badRequest('A device name has 1 to 200 characters')
    return this.sql.transaction(async (tx) => {
      const row = await this.findDevice(tx, ref, actor === 'admin' ? undefined : actor.device.teamId)
      await tx.run('UPDATE devices SET name = ? WHERE id = ?', [trimmed, row.id])
      await this.audit({ teamId: row.team_id, action: 'device.rename', actor, deviceId: row.id, details: { from: row.name, to: trimmed } }, tx)
      return deviceInfo({ ...row, name: trimmed })
    })
  }

  // ── protocol ───────────────────────────────────────────────────────────────────────────────────────────────

  /** Exchanges a single-use invite code for a device token (returned once, stored as its hash). */
  async join(request: { inviteCode: string; deviceName: string; nodeId: string }): Promise<JoinResponse> {
    const codeHash = sha256Hex(normalizeInviteCode(request.inviteCode))
    return this.sql.transaction(async (tx) => {
      const at = this.iso()
      // Marking the invite used is the claim: of two joins with one code, in one process or two, one wins.
      const deviceId = randomUUID()
      const claimed = await tx.run(
        'UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
        [at, deviceId, codeHash, at],
      )
      if (claimed === 0) throw new HttpError(403, 'INVITE_INVALID', 'This invite code is unknown, used already or expired')
      const invite = (await tx.get<{ team_id: string; role: Role }>('SELECT team_id, role FROM invites WHERE code_hash = ?', [codeHash]))!
      const team = await this.findTeam(invite.team_id, tx)
      const token = randomBytes(32).toString('base64url')
      const name = request.deviceName.trim() || request.deviceName
      await tx.run(
        'INSERT INTO devices (id, team_id, name, node_id, token_hash, role, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [deviceId, team.id, name, request.nodeId, sha256Hex(token), invite.role, at, at],
      )
      await this.audit({ teamId: team.id, action: 'device.join', actor: null, deviceId, details: { name, role: invite.role } }, tx)
      return { token, deviceId, team: { id: team.id, name: team.name }, role: invite.role, epoch: await this.epoch(tx) }
    })
  }

  /**
   * The device of an `Authorization: Bearer` header: 401 UNAUTHORIZED when absent or unknown, TOKEN_REVOKED.
   * `seen` learns the device before a refusal, so the refusal can be logged against its team.
   */
  async authenticate(authorization: string | undefined, seen?: (device: { teamId: string; id: string }) => void): Promise<AuthenticatedDevice> {
    const match = /^Bearer\s+([A-Za-z0-9_-]{10,200})\s*$/.exec(authorization ?? '')
    if (!match) throw new HttpError(401, 'UNAUTHORIZED', 'A device token is required (Authorization: Bearer …)')
    const row = await this.sql.get<DeviceRow>('SELECT * FROM devices WHERE token_hash = ?', [sha256Hex(match[1]!)])
    if (!row) throw new HttpError(401, 'UNAUTHORIZED', 'Unknown device token')
    seen?.({ teamId: row.team_id, id: row.id })
    if (row.revoked_at) throw new HttpError(401, 'TOKEN_REVOKED', 'This device was removed from the team')
    return { id: row.id, teamId: row.team_id, name: row.name, nodeId: row.node_id, role: row.role, lastSeenAt: row.last_seen_at, version: row.version }
  }

  /**
   * Records when a device was last heard from, at most once a minute (a write per request would be waste), and
   * the app version it reports.
   */
  async touchDevice(device: AuthenticatedDevice, version?: string): Promise<void> {
    const now = this.now()
    const newVersion = version !== undefined && version !== device.version
    if (!newVersion && device.lastSeenAt && now - Date.parse(device.lastSeenAt) < LAST_SEEN_RESOLUTION_MS) return
    await this.sql.run('UPDATE devices SET last_seen_at = ?, version = ? WHERE id = ?', [new Date(now).toISOString(), version ?? device.version, device.id])
  }

  /**
   * Applies a batch in one transaction: every change is checked against the synced tables first (one bad change
   * refuses the whole batch), each new change gets the next seq, and the result is stored under the batch id.
   * A change the team already holds (same table, row and clock) is not stored twice.
   *
   * The transaction starts by locking the team's row (`UPDATE … RETURNING`), so pushes to one team, from any
   * number of server processes, run one after the other: seqs are assigned and committed in the same order, and a
   * reader never sees seq N+1 before N. A batch sent again, even to another process, finds its stored result.
   */
  async push(device: AuthenticatedDevice, request: PushRequest): Promise<PushResponse> {
    request.changes.forEach(checkChange)
    if (this.dialect === 'postgres') return this.pushPostgres(device, request)
    const result = await this.sql.transaction(async (tx): Promise<PushResponse> => {
      const locked = (await tx.get<{ head: number; epoch: string }>(
        "UPDATE teams SET head = head WHERE id = ? RETURNING head, (SELECT value FROM meta WHERE key = 'epoch') AS epoch",
        [device.teamId],
      ))!
      let head = locked.head
      const epoch = locked.epoch
      // A statement of its own, after the lock: PostgreSQL reads with a snapshot taken when the statement starts,
      // so only now does it see the same batch committed by another process while this one waited.
      const stored = await tx.get<{ result: string }>('SELECT result FROM batches WHERE team_id = ? AND batch_id = ?', [device.teamId, request.batchId])
      if (stored) return { ...(JSON.parse(stored.result) as { accepted: number; seq: number }), epoch, replayed: true }
      // Changes the team holds already (or that come twice in this batch) are left out; the others take the next
      // seqs in order. Under the team's lock nobody else inserts for the team, so the inserts cannot collide.
      const identity = (c: { tbl: string; row_id: string; hlc: string }) => `${c.tbl}\u0000${c.row_id}\u0000${c.hlc}`
      const seen = new Set<string>()
      for (let start = 0; start < request.changes.length; start += CHUNK) {
        const chunk = request.changes.slice(start, start + CHUNK)
        const held = await tx.all<{ tbl: string; row_id: string; hlc: string }>(
          `SELECT tbl, row_id, hlc FROM changes WHERE team_id = ? AND (tbl, row_id, hlc) IN (VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')})`,
          [device.teamId, ...chunk.flatMap((c) => [c.table, c.rowId, c.hlc])],
        )
        for (const row of held) seen.add(identity(row))
      }
      const fresh = request.changes.filter((c) => {
        const key = identity({ tbl: c.table, row_id: c.rowId, hlc: c.hlc })
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
      for (let start = 0; start < fresh.length; start += CHUNK) {
        const chunk = fresh.slice(start, start + CHUNK)
        await tx.run(
          `INSERT INTO changes (team_id, seq, hlc, tbl, row_id, cells, base, device_id, batch_id) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((change, index) => [
            device.teamId,
            head + start + index + 1,
            change.hlc,
            change.table,
            change.rowId,
            JSON.stringify(change.cells),
            change.base ? JSON.stringify(change.base) : null,
            device.id,
            request.batchId,
          ]),
        )
      }
      const accepted = fresh.length
      head += accepted
      if (accepted > 0) await tx.run('UPDATE teams SET head = ? WHERE id = ?', [head, device.teamId])
      await tx.run('INSERT INTO batches (team_id, batch_id, device_id, result, created_at) VALUES (?, ?, ?, ?, ?)', [
        device.teamId,
        request.batchId,
        device.id,
        JSON.stringify({ accepted, seq: head }),
        this.iso(),
      ])
      return { accepted, seq: head, epoch, replayed: false }
    })
    if (!result.replayed && result.accepted > 0) this.headsChanged()
    return result
  }

  /**
   * The same push on PostgreSQL in one statement outside an explicit transaction (see `fieldbook_push` in
   * migrations.ts): the team's lock is held while the database works and commits, never while a round trip to this
   * process is under way.
   */
  private async pushPostgres(device: AuthenticatedDevice, request: PushRequest): Promise<PushResponse> {
    const changes = request.changes
    const row = (await this.sql.get<{ accepted: number; seq: number; epoch: string; replayed: boolean }>(
      'SELECT accepted, seq, epoch, replayed FROM fieldbook_push(?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        device.teamId,
        request.batchId,
        device.id,
        this.iso(),
        changes.map((change) => change.hlc),
        changes.map((change) => change.table),
        changes.map((change) => change.rowId),
        changes.map((change) => JSON.stringify(change.cells)),
        changes.map((change) => (change.base ? JSON.stringify(change.base) : null)),
      ],
    ))!
    return { accepted: row.accepted, seq: row.seq, epoch: row.epoch, replayed: row.replayed }
  }

  /**
   * One page of the team's changes after `after`, as JSON text: the stored cells are already JSON, so the page is
   * assembled without parsing them again.
   */
  async pullJson(device: AuthenticatedDevice, after: number, limit: number): Promise<string> {
    if (this.dialect === 'postgres') return this.pullJsonPostgres(device, after, limit)
    // The head and epoch come with the page, in the same statement: on PostgreSQL one round trip instead of two,
    // and read in the page's snapshot, so the head is never behind it.
    const rows = await this.sql.all<{
      seq: number
      hlc: string
      tbl: string
      row_id: string
      cells: string
      base: string | null
      device_id: string
      head: number
      epoch: string
    }>(
      `SELECT seq, hlc, tbl, row_id, cells, base, device_id, (SELECT head FROM teams WHERE id = ?) AS head, (SELECT value FROM meta WHERE key = 'epoch') AS epoch
       FROM changes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      [device.teamId, device.teamId, after, limit],
    )
    // An empty page carries no head: read it on its own (after the page, so never behind it).
    const state =
      rows[0] ??
      (await this.sql.get<{ head: number; epoch: string }>(
        "SELECT head, (SELECT value FROM meta WHERE key = 'epoch') AS epoch FROM teams WHERE id = ?",
        [device.teamId],
      ))!
    const changes = rows.map(
      (row) =>
        `{"seq":${row.seq},"hlc":${JSON.stringify(row.hlc)},"table":${JSON.stringify(row.tbl)},"rowId":${JSON.stringify(row.row_id)},` +
        `"cells":${row.cells}${row.base ? `,"base":${row.base}` : ''},"device":${JSON.stringify(row.device_id)}}`,
    )
    const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq : after
    return `{"changes":[${changes.join(',')}],"cursor":${cursor},"head":${state.head},"epoch":${JSON.stringify(state.epoch)}}`
  }

  /**
   * The same page on PostgreSQL, written by the database: one row holding the changes already joined as JSON text
   * (the stored cells are JSON; texts are quoted by `to_json`), with the head and epoch read in the same snapshot.
   * A page of a thousand changes then costs this process one string instead of a thousand rows to decode.
   */
  private async pullJsonPostgres(device: AuthenticatedDevice, after: number, limit: number): Promise<string> {
    const page = (await this.sql.get<{ changes: string; cursor: number | null; head: number; epoch: string }>(
      `SELECT coalesce(string_agg(
                '{"seq":' || seq || ',"hlc":' || to_json(hlc) || ',"table":' || to_json(tbl) || ',"rowId":' || to_json(row_id) ||
                ',"cells":' || cells || coalesce(',"base":' || base, '') || ',"device":' || to_json(device_id) || '}',
                ',' ORDER BY seq), '') AS changes,
              max(seq) AS cursor,
              (SELECT head FROM teams WHERE id = ?) AS head,
              (SELECT value FROM meta WHERE key = 'epoch') AS epoch
       FROM (SELECT seq, hlc, tbl, row_id, cells, base, device_id FROM changes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?) AS page`,
      [device.teamId, device.teamId, after, limit],
    ))!
    return `{"changes":[${page.changes}],"cursor":${page.cursor ?? after},"head":${page.head},"epoch":${JSON.stringify(page.epoch)}}`
  }

  async team(device: AuthenticatedDevice): Promise<TeamResponse> {
    const team = await this.findTeam(device.teamId)
    const rows = await this.sql.all<DeviceRow>('SELECT * FROM devices WHERE team_id = ? ORDER BY created_at, id', [team.id])
    return {
      team: { id: team.id, name: team.name },
      devices: rows.map((row) => ({
        id: row.id,
        name: row.name,
        nodeId: row.node_id,
        revoked: row.revoked_at !== null,
        role: row.role,
        lastSeenAt: row.last_seen_at,
        version: row.version,
      })),
      epoch: await this.epoch(),
    }
  }

  // ── blobs ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Where a blob's bytes live, whoever uploaded them first. */
  blobFile(sha256: string): string {
    return join(this.blobDir, sha256.slice(0, 2), sha256)
  }

  /** The team's copy of a blob, or undefined when the team does not hold it (or its file went missing). */
  async findBlob(device: AuthenticatedDevice, sha256: string): Promise<{ path: string; size: number } | undefined> {
    const row = await this.sql.get<{ size: number }>('SELECT size FROM blobs WHERE team_id = ? AND sha256 = ?', [device.teamId, sha256])
    const path = this.blobFile(sha256)
    return row && existsSync(path) ? { path, size: row.size } : undefined
  }

  async missingBlobs(device: AuthenticatedDevice, hashes: string[]): Promise<string[]> {
    const unique = [...new Set(hashes)]
    const held = new Set<string>()
    for (let start = 0; start < unique.length; start += CHUNK) {
      const chunk = unique.slice(start, start + CHUNK)
      const rows = await this.sql.all<{ sha256: string }>(
        `SELECT sha256 FROM blobs WHERE team_id = ? AND sha256 IN (${chunk.map(() => '?').join(', ')})`,
        [device.teamId, ...chunk],
      )
      for (const row of rows) held.add(row.sha256)
    }
    // A blob whose file went missing is asked for again.
    return unique.filter((hash) => !held.has(hash) || !existsSync(this.blobFile(hash)))
  }

  /** Notes that the team holds a verified blob; false when it did already. */
  async addBlob(device: AuthenticatedDevice, sha256: string, size: number): Promise<boolean> {
    const inserted = await this.sql.run(
      'INSERT INTO blobs (team_id, sha256, size, path, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (team_id, sha256) DO NOTHING',
      [device.teamId, sha256, size, join(sha256.slice(0, 2), sha256), this.iso()],
    )
    return inserted > 0
  }
}

/** UNKNOWN_FIELD for a table or column the synced tables lack, BAD_REQUEST for a value of the wrong kind. */
function checkChange(change: WireChange, index: number): void {
  try {
    for (const [column, value] of Object.entries(change.cells)) checkCell(change.table, column, value)
    for (const column of Object.keys(change.base ?? {})) {
      if (!columnKind(change.table, column)) throw new AppError('UNKNOWN_FIELD', `Unknown field ${change.table}.${column}`)
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    const details = { index, ...(error.details as object | undefined) }
    if (error.code === 'UNKNOWN_FIELD') throw new HttpError(400, 'UNKNOWN_FIELD', `Change ${index}: ${error.message}`, details)
    throw badRequest(`Change ${index}: ${error.message}`, details)
  }
}
