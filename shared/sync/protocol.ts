import { z } from 'zod'
import { HLC_PATTERN } from '../hlc'
import { hasReservedKey } from './check-change'

/**
 * The sync protocol between a Fieldbook install and the team's server (docs/architecture.md, "Sync"). Both sides parse every
 * body with these schemas. Paths are under `/v1`; every request but health and join carries
 * `Authorization: Bearer <device token>`, and the team always comes from the token, never from the body.
 */
export const SYNC_PROTOCOL_VERSION = 1

/** Largest request body the server reads; a push larger than this is split by the client. */
export const MAX_JSON_BODY_BYTES = 8 * 1024 * 1024
/** Largest attachment blob (the app refuses larger files on import). */
export const MAX_BLOB_BYTES = 30 * 1024 * 1024
/** Changes per push batch and per pull page the client asks for; the server caps pull pages at MAX_PULL_LIMIT. */
export const PUSH_BATCH_CHANGES = 2000
export const MAX_PULL_LIMIT = 5000

export const Hlc = z.string().regex(HLC_PATTERN)
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)
export const CellValue = z.union([z.string(), z.number()])

/**
 * One entry of a row's change log: the fields of one row changed together at one clock value. `base` holds, per
 * field, the clock of the value the editor saw when making the change (absent for a field that had none); a
 * receiver whose current clock for that field is neither `base` nor this change saw a concurrent edit.
 */
export const WireChange = z
  .object({
    hlc: Hlc,
    table: z.string().min(1).max(64),
    rowId: z.string().min(1).max(64),
    cells: z.record(z.string().min(1).max(64), CellValue),
    base: z.record(z.string(), Hlc).optional(),
  })
  .strict()
export type WireChange = z.infer<typeof WireChange>

/** A change as the server hands it out, with its place in the team's order and the device that sent it. */
export const PulledChange = WireChange.extend({ seq: z.number().int().positive(), device: z.string() })
export type PulledChange = z.infer<typeof PulledChange>

export const HealthResponse = z.object({
  ok: z.literal(true),
  protocol: z.number().int(),
  version: z.string(),
  /** The server's storage, checked with a query before answering (503 UNAVAILABLE when it does not answer). */
  database: z.enum(['sqlite', 'postgres']).optional(),
})

/**
 * A device's role in its team: an admin administers it (invites, roles, names, revocations), a member pushes and
 * pulls, a viewer (a leader or an auditor) pulls only; its pushes and uploads are refused with 403 FORBIDDEN.
 */
export const DeviceRole = z.enum(['admin', 'member', 'viewer'])
export type DeviceRole = z.infer<typeof DeviceRole>

/**
 * Bidirectional controls (U+202E reverses what follows: "‮txt.exe") and other invisible controls would let a device
 * name disguise who changed what in every teammate's history.
 */
const DISGUISING_CHARACTERS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u
export const DeviceName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !DISGUISING_CHARACTERS.test(name), { params: { key: 'disguisingCharacters' }, message: 'A device name cannot hold control or direction characters' })

export const JoinRequest = z
  .object({
    inviteCode: z.string().min(4).max(128),
    deviceName: DeviceName,
    /** The install's HLC node id, so history can name who made a change. */
    nodeId: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict()
export const JoinResponse = z.object({
  token: z.string(),
  deviceId: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  role: DeviceRole,
  /** Changes when the server's storage is restored from a backup: clients then push everything again. */
  epoch: z.string(),
})
export type JoinResponse = z.infer<typeof JoinResponse>

/**
 * A change as a device pushes it: at least one cell, and no `__proto__` key (which JSON.parse keeps as an own key
 * and a record parser would drop without a word). Pulled pages stay lenient: one odd change must not stop a page.
 */
const PushedChange = WireChange.extend({
  cells: z
    .unknown()
    .refine((cells) => !hasReservedKey(cells), 'A cell key is reserved')
    .pipe(WireChange.shape.cells.refine((cells) => Object.keys(cells).length > 0, 'A change has no cells')),
  base: z
    .unknown()
    .refine((base) => !hasReservedKey(base), 'A base key is reserved')
    .pipe(z.record(z.string(), Hlc))
    .optional(),
}).strict()

export const PushRequest = z
  .object({
    /** Chosen by the client; the same batch sent again returns the stored result and applies nothing twice. */
    batchId: z.uuid(),
    changes: z.array(PushedChange).max(PUSH_BATCH_CHANGES * 2),
  })
  .strict()
export type PushRequest = z.infer<typeof PushRequest>
export const PushResponse = z.object({
  /** Changes newly stored; one the server already held (same table, row and hlc) is not stored or counted again. */
  accepted: z.number().int().nonnegative(),
  /** The team's sequence after this batch. */
  seq: z.number().int().nonnegative(),
  epoch: z.string(),
  /** True when this batch id had been applied before. */
  replayed: z.boolean(),
})
export type PushResponse = z.infer<typeof PushResponse>

/** `GET /v1/pull?after=SEQ&limit=N` */
/** A sequence number as plain decimal digits: `0x10`, `1e3` or ` 16` are refused rather than coerced. */
const SeqText = z.union([z.number(), z.string().regex(/^(0|[1-9][0-9]{0,14})$/).transform(Number)]).pipe(z.number().int().nonnegative())
export const PullQuery = z.object({
  after: SeqText,
  limit: z.coerce.number().int().positive().max(MAX_PULL_LIMIT).default(1000),
})
export const PullResponse = z.object({
  changes: z.array(PulledChange),
  /** The cursor to ask from next: the seq of the last change in this page, or `after` when it is empty. */
  cursor: z.number().int().nonnegative(),
  /** The team's newest seq; the client is caught up when its cursor reaches it. */
  head: z.number().int().nonnegative(),
  epoch: z.string(),
})
export type PullResponse = z.infer<typeof PullResponse>

/** `POST /v1/blobs/missing`: which of these the server does not hold yet. */
export const BlobsMissingRequest = z.object({ hashes: z.array(Sha256).max(10000) }).strict()
export const BlobsMissingResponse = z.object({ missing: z.array(Sha256) })
// `PUT /v1/blobs/:sha256` with the raw bytes (application/octet-stream): 201 stored, 200 already held,
// 400 HASH_MISMATCH when the bytes do not hash to the name. `GET /v1/blobs/:sha256` returns the bytes or 404.

/**
 * Every error answer: `{ error: { code, message } }` with one of these codes and a fitting 4xx/5xx status:
 * 400 BAD_REQUEST (malformed JSON, wrong shape, a value of the wrong kind for its column), 400 UNKNOWN_FIELD
 * (a table or column not in shared/tables.ts; the whole batch is refused), 400 HASH_MISMATCH, 401 UNAUTHORIZED
 * (no or unknown token), 401 TOKEN_REVOKED, 403 INVITE_INVALID (unknown, used or expired), 404 NOT_FOUND,
 * 413 TOO_LARGE, 429 RATE_LIMITED (with Retry-After), 503 UNAVAILABLE (shutting down or busy: retry), 500 INTERNAL;
 * for a push, 400 INVALID_VALUE (a value its field's schema refuses, a malformed clock, row id or hash; details:
 * `InvalidValueDetails`; the whole batch is refused), 403 FOREIGN_NODE (a change whose clock's node id is not the
 * sending device's) and 409 CLOCK_AHEAD (a clock further ahead of the server's time than its drift limit; details:
 * `ClockAheadDetails`). Nothing of a refused batch is stored.
 */
export const SERVER_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'TOKEN_REVOKED',
  'INVITE_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'TOO_LARGE',
  'RATE_LIMITED',
  'UNKNOWN_FIELD',
  'HASH_MISMATCH',
  'INVALID_VALUE',
  'FOREIGN_NODE',
  'CLOCK_AHEAD',
  'UNAVAILABLE',
  'INTERNAL',
] as const
export const ServerErrorBody = z.object({
  error: z.object({ code: z.enum(SERVER_ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
})
export type ServerErrorBody = z.infer<typeof ServerErrorBody>

/** The details of a 400 INVALID_VALUE: the first change of the batch that was refused, and why. */
export const InvalidValueDetails = z.object({
  table: z.string(),
  column: z.string().optional(),
  rowId: z.string().optional(),
  reason: z.string(),
})
export type InvalidValueDetails = z.infer<typeof InvalidValueDetails>

/** The details of a 409 CLOCK_AHEAD, so the device can tell its user how far its clock is off. */
export const ClockAheadDetails = z.object({
  /** The server's wall clock when it refused, in milliseconds since the epoch. */
  serverTime: z.number(),
  /** The furthest-ahead clock of the batch. */
  clock: z.string(),
  aheadMs: z.number(),
  maxDriftMs: z.number(),
})
export type ClockAheadDetails = z.infer<typeof ClockAheadDetails>

/** `GET /v1/team`: the team and its devices, so history can name who made a change (by the clock's node id). */
export const TeamResponse = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  devices: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nodeId: z.string(),
      revoked: z.boolean(),
      role: DeviceRole.optional(),
      lastSeenAt: z.string().nullable().optional(),
      /** The app version the device reported in its `Fieldbook-Version` header, when it did. */
      version: z.string().nullable().optional(),
    }),
  ),
  epoch: z.string(),
})
export type TeamResponse = z.infer<typeof TeamResponse>

/** Header a client may send with its app version; the team's device list shows it. */
export const CLIENT_VERSION_HEADER = 'fieldbook-version'
/** `POST /v1/devices/:id` (admins only): another role and/or name for a device of the team. */
export const DeviceUpdateRequest = z
  .object({ role: DeviceRole.optional(), name: z.string().trim().min(1).max(200).optional() })
  .strict()
  .refine((body) => body.role !== undefined || body.name !== undefined, { message: 'Give a role or a name' })
export type DeviceUpdateRequest = z.infer<typeof DeviceUpdateRequest>
