import Database from 'better-sqlite3'
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../shared/errors'
import type { JoinResponse, PushRequest, PushResponse, TeamResponse, WireChange } from '../shared/sync/protocol'
import { checkCell, columnKind } from '../shared/tables'
import { badRequest, HttpError, notFound } from './errors'
import { migrateServerDb } from './migrations'

export type Role = 'admin' | 'member'

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
}

/** The device a request's token belongs to: every request's team comes from here. */
export interface AuthenticatedDevice {
  id: string
  teamId: string
  name: string
  role: Role
  lastSeenAt: string | null
}

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
}

export const DEFAULT_INVITE_DAYS = 7
/** No 0/O, 1/I/L: codes are read aloud and typed on phones. */
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const HEADS_FILE = 'server-heads.json'
const LAST_SEEN_RESOLUTION_MS = 60_000

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
  }
}

export interface StoreOptions {
  dataDir: string
  /** Wall clock in ms (tests move it to expire invites). */
  now?: () => number
}

/**
 * The server's storage: `<dataDir>/server.db` (WAL, synchronous FULL) and content-addressed blob files. Used by the
 * HTTP server and, on the same files, by the admin commands (WAL lets both open it at once).
 */
export class ServerStore {
  readonly db: Database.Database
  readonly dataDir: string
  readonly blobDir: string
  private readonly now: () => number

  constructor(options: StoreOptions) {
    this.dataDir = resolve(options.dataDir)
    this.blobDir = join(this.dataDir, 'blobs')
    this.now = options.now ?? Date.now
    mkdirSync(this.dataDir, { recursive: true })
    this.db = new Database(join(this.dataDir, 'server.db'))
    try {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = FULL')
      this.db.pragma('foreign_keys = ON')
      this.db.pragma('busy_timeout = 5000')
      migrateServerDb(this.db)
      this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)").run(randomUUID())
    } catch (error) {
      this.db.close()
      throw error
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private iso(): string {
    return new Date(this.now()).toISOString()
  }

  private statement(sql: string) {
    return this.db.prepare(sql)
  }

  // ── epoch ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Random id of this storage's history; a new one after a restore tells clients the server forgot changes. */
  epoch(): string {
    return (this.statement("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value
  }

  rotateEpoch(): string {
    const epoch = randomUUID()
    this.statement("UPDATE meta SET value = ? WHERE key = 'epoch'").run(epoch)
    return epoch
  }

  /** Each team's newest seq. */
  heads(): Record<string, number> {
    const rows = this.statement('SELECT id, head FROM teams').all() as { id: string; head: number }[]
    return Object.fromEntries(rows.map((row) => [row.id, row.head]))
  }

  /**
   * The side file remembers each team's head after every push commit. A server.db copied back by hand from an
   * older backup has smaller heads than the file: then the epoch changes, as `restore` would have done.
   * Returns true when that happened.
   */
  detectRollback(): boolean {
    const file = join(this.dataDir, HEADS_FILE)
    let rolledBack = false
    if (existsSync(file)) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { epoch?: string; heads?: Record<string, number> }
        const heads = this.heads()
        if (saved.epoch === this.epoch()) {
          rolledBack = Object.entries(saved.heads ?? {}).some(([team, head]) => (heads[team] ?? 0) < head)
        }
      } catch {
        // A damaged side file says nothing; it is rewritten below.
      }
    }
    if (rolledBack) this.rotateEpoch()
    this.writeHeads()
    return rolledBack
  }

  /** Written after a commit (never before), atomically by rename. */
  writeHeads(): void {
    const file = join(this.dataDir, HEADS_FILE)
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify({ epoch: this.epoch(), heads: this.heads() }))
    renameSync(temp, file)
  }

  // ── administration ─────────────────────────────────────────────────────────────────────────────────────────

  /** A team by exact name or id. */
  findTeam(ref: string): TeamInfo {
    const row = this.statement('SELECT * FROM teams WHERE name = ? OR id = ?').get(ref, ref) as TeamRow | undefined
    if (!row) throw notFound(`No team named ${JSON.stringify(ref)}`)
    return { id: row.id, name: row.name, head: row.head, createdAt: row.created_at }
  }

  listTeams(): TeamInfo[] {
    const rows = this.statement('SELECT * FROM teams ORDER BY created_at, name').all() as TeamRow[]
    return rows.map((row) => ({ id: row.id, name: row.name, head: row.head, createdAt: row.created_at }))
  }

  /** A new team and its first invite, for the admin's own device. */
  createTeam(name: string): { team: TeamInfo; invite: InviteInfo } {
    const trimmed = name.trim()
    if (!trimmed || trimmed.length > 100) throw badRequest('A team name has 1 to 100 characters')
    return this.db.transaction(() => {
      if (this.statement('SELECT 1 FROM teams WHERE name = ?').get(trimmed)) {
        throw new HttpError(409, 'BAD_REQUEST', `A team named ${JSON.stringify(trimmed)} exists already`)
      }
      const team: TeamInfo = { id: randomUUID(), name: trimmed, head: 0, createdAt: this.iso() }
      this.statement('INSERT INTO teams (id, name, head, created_at) VALUES (?, ?, 0, ?)').run(team.id, team.name, team.createdAt)
      return { team, invite: this.createInvite(team.id, { role: 'admin' }) }
    })()
  }

  createInvite(teamRef: string, options: { role?: Role; days?: number } = {}): InviteInfo {
    const team = this.findTeam(teamRef)
    const role = options.role ?? 'member'
    const days = options.days ?? DEFAULT_INVITE_DAYS
    if (!Number.isFinite(days) || days <= 0 || days > 365) throw badRequest('An invite lasts more than 0 and at most 365 days')
    const code = newInviteCode()
    const expiresAt = new Date(this.now() + days * 86_400_000).toISOString()
    this.statement('INSERT INTO invites (code_hash, team_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      sha256Hex(normalizeInviteCode(code)),
      team.id,
      role,
      this.iso(),
      expiresAt,
    )
    return { code, team: { id: team.id, name: team.name }, role, expiresAt }
  }

  listDevices(teamRef: string): DeviceInfo[] {
    const team = this.findTeam(teamRef)
    const rows = this.statement('SELECT * FROM devices WHERE team_id = ? ORDER BY created_at, id').all(team.id) as DeviceRow[]
    return rows.map(deviceInfo)
  }

  /** Revokes a device by id (or an unambiguous start of it, at least 6 characters); its token stops working. */
  revokeDevice(ref: string): DeviceInfo {
    const trimmed = ref.trim()
    let rows = this.statement('SELECT * FROM devices WHERE id = ?').all(trimmed) as DeviceRow[]
    if (rows.length === 0 && trimmed.length >= 6) {
      rows = this.statement("SELECT * FROM devices WHERE substr(id, 1, length(?)) = ? LIMIT 2").all(trimmed, trimmed) as DeviceRow[]
    }
    if (rows.length === 0) throw notFound(`No device ${JSON.stringify(trimmed)}`)
    if (rows.length > 1) throw badRequest(`More than one device starts with ${JSON.stringify(trimmed)}; give the whole id`)
    const row = rows[0]!
    if (!row.revoked_at) {
      row.revoked_at = this.iso()
      this.statement('UPDATE devices SET revoked_at = ? WHERE id = ?').run(row.revoked_at, row.id)
    }
    return deviceInfo(row)
  }

  // ── protocol ───────────────────────────────────────────────────────────────────────────────────────────────

  /** Exchanges a single-use invite code for a device token (returned once, stored as its hash). */
  join(request: { inviteCode: string; deviceName: string; nodeId: string }): JoinResponse {
    const codeHash = sha256Hex(normalizeInviteCode(request.inviteCode))
    return this.db.transaction(() => {
      const invite = this.statement('SELECT * FROM invites WHERE code_hash = ?').get(codeHash) as
        | { team_id: string; role: Role; expires_at: string; used_at: string | null }
        | undefined
      if (!invite || invite.used_at || Date.parse(invite.expires_at) <= this.now()) {
        throw new HttpError(403, 'INVITE_INVALID', 'This invite code is unknown, used already or expired')
      }
      const team = this.findTeam(invite.team_id)
      const token = randomBytes(32).toString('base64url')
      const deviceId = randomUUID()
      const at = this.iso()
      this.statement(
        'INSERT INTO devices (id, team_id, name, node_id, token_hash, role, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(deviceId, team.id, request.deviceName.trim() || request.deviceName, request.nodeId, sha256Hex(token), invite.role, at, at)
      this.statement('UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?').run(at, deviceId, codeHash)
      return { token, deviceId, team: { id: team.id, name: team.name }, role: invite.role, epoch: this.epoch() }
    })()
  }

  /** The device of an `Authorization: Bearer` header: 401 UNAUTHORIZED when absent or unknown, TOKEN_REVOKED. */
  authenticate(authorization: string | undefined): AuthenticatedDevice {
    const match = /^Bearer\s+([A-Za-z0-9_-]{10,200})\s*$/.exec(authorization ?? '')
    if (!match) throw new HttpError(401, 'UNAUTHORIZED', 'A device token is required (Authorization: Bearer …)')
    const row = this.statement('SELECT * FROM devices WHERE token_hash = ?').get(sha256Hex(match[1]!)) as DeviceRow | undefined
    if (!row) throw new HttpError(401, 'UNAUTHORIZED', 'Unknown device token')
    if (row.revoked_at) throw new HttpError(401, 'TOKEN_REVOKED', 'This device was removed from the team')
    return { id: row.id, teamId: row.team_id, name: row.name, role: row.role, lastSeenAt: row.last_seen_at }
  }

  /** Records when a device was last heard from, at most once a minute (a write per request would be waste). */
  touchDevice(device: AuthenticatedDevice): void {
    const now = this.now()
    if (device.lastSeenAt && now - Date.parse(device.lastSeenAt) < LAST_SEEN_RESOLUTION_MS) return
    this.statement('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(new Date(now).toISOString(), device.id)
  }

  /**
   * Applies a batch in one transaction: every change is checked against the synced tables first (one bad change
   * refuses the whole batch), each new change gets the next seq, and the result is stored under the batch id.
   * A change the team already holds (same table, row and clock) is not stored twice.
   */
  push(device: AuthenticatedDevice, request: PushRequest): PushResponse {
    request.changes.forEach(checkChange)
    const result = this.db.transaction((): Omit<PushResponse, 'epoch'> => {
      const stored = this.statement('SELECT result FROM batches WHERE team_id = ? AND batch_id = ?').get(device.teamId, request.batchId) as
        | { result: string }
        | undefined
      if (stored) return { ...(JSON.parse(stored.result) as { accepted: number; seq: number }), replayed: true }
      let head = (this.statement('SELECT head FROM teams WHERE id = ?').get(device.teamId) as { head: number }).head
      const exists = this.statement('SELECT 1 FROM changes WHERE team_id = ? AND tbl = ? AND row_id = ? AND hlc = ?')
      const insert = this.statement(
        'INSERT INTO changes (team_id, seq, hlc, tbl, row_id, cells, base, device_id, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      let accepted = 0
      for (const change of request.changes) {
        if (exists.get(device.teamId, change.table, change.rowId, change.hlc)) continue
        head += 1
        accepted += 1
        insert.run(
          device.teamId,
          head,
          change.hlc,
          change.table,
          change.rowId,
          JSON.stringify(change.cells),
          change.base ? JSON.stringify(change.base) : null,
          device.id,
          request.batchId,
        )
      }
      this.statement('UPDATE teams SET head = ? WHERE id = ?').run(head, device.teamId)
      this.statement('INSERT INTO batches (team_id, batch_id, device_id, result, created_at) VALUES (?, ?, ?, ?, ?)').run(
        device.teamId,
        request.batchId,
        device.id,
        JSON.stringify({ accepted, seq: head }),
        this.iso(),
      )
      return { accepted, seq: head, replayed: false }
    })()
    if (!result.replayed && result.accepted > 0) this.writeHeads()
    return { ...result, epoch: this.epoch() }
  }

  /**
   * One page of the team's changes after `after`, as JSON text: the stored cells are already JSON, so the page is
   * assembled without parsing them again.
   */
  pullJson(device: AuthenticatedDevice, after: number, limit: number): string {
    const rows = this.statement(
      'SELECT seq, hlc, tbl, row_id, cells, base, device_id FROM changes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ).all(device.teamId, after, limit) as {
      seq: number
      hlc: string
      tbl: string
      row_id: string
      cells: string
      base: string | null
      device_id: string
    }[]
    const head = (this.statement('SELECT head FROM teams WHERE id = ?').get(device.teamId) as { head: number }).head
    const changes = rows.map(
      (row) =>
        `{"seq":${row.seq},"hlc":${JSON.stringify(row.hlc)},"table":${JSON.stringify(row.tbl)},"rowId":${JSON.stringify(row.row_id)},` +
        `"cells":${row.cells}${row.base ? `,"base":${row.base}` : ''},"device":${JSON.stringify(row.device_id)}}`,
    )
    const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq : after
    return `{"changes":[${changes.join(',')}],"cursor":${cursor},"head":${head},"epoch":${JSON.stringify(this.epoch())}}`
  }

  team(device: AuthenticatedDevice): TeamResponse {
    const team = this.findTeam(device.teamId)
    const rows = this.statement('SELECT * FROM devices WHERE team_id = ? ORDER BY created_at, id').all(team.id) as DeviceRow[]
    return {
      team: { id: team.id, name: team.name },
      devices: rows.map((row) => ({ id: row.id, name: row.name, nodeId: row.node_id, revoked: row.revoked_at !== null })),
      epoch: this.epoch(),
    }
  }

  // ── blobs ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Where a blob's bytes live, whoever uploaded them first. */
  blobFile(sha256: string): string {
    return join(this.blobDir, sha256.slice(0, 2), sha256)
  }

  /** The team's copy of a blob, or undefined when the team does not hold it (or its file went missing). */
  findBlob(device: AuthenticatedDevice, sha256: string): { path: string; size: number } | undefined {
    const row = this.statement('SELECT size FROM blobs WHERE team_id = ? AND sha256 = ?').get(device.teamId, sha256) as
      | { size: number }
      | undefined
    const path = this.blobFile(sha256)
    return row && existsSync(path) ? { path, size: row.size } : undefined
  }

  missingBlobs(device: AuthenticatedDevice, hashes: string[]): string[] {
    return [...new Set(hashes)].filter((hash) => !this.findBlob(device, hash))
  }

  /** Notes that the team holds a verified blob; false when it did already. */
  addBlob(device: AuthenticatedDevice, sha256: string, size: number): boolean {
    const info = this.statement('INSERT OR IGNORE INTO blobs (team_id, sha256, size, path, created_at) VALUES (?, ?, ?, ?, ?)').run(
      device.teamId,
      sha256,
      size,
      join(sha256.slice(0, 2), sha256),
      this.iso(),
    )
    return info.changes > 0
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
