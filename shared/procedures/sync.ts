import { z } from 'zod'
import { DeviceName } from '../sync/protocol'
import { ErrorCode } from '../errors'
import { Id } from '../schemas/common'
import { NoInput, procedure } from './define'

/** What the Sync screen shows; also what `sync.status` and the `sync.progress` event carry. */
export const SyncPhase = z.enum(['idle', 'pushing', 'pulling', 'blobs', 'offline', 'error'])
export type SyncPhase = z.infer<typeof SyncPhase>

export const SyncStatus = z.object({
  joined: z.boolean(),
  serverUrl: z.string(),
  teamName: z.string(),
  deviceName: z.string(),
  /** ISO time of the last sync that finished without an error, or ''. */
  lastSyncedAt: z.string(),
  /** Local changes not yet acknowledged by the server (change-log entries in the outbox). */
  pendingChanges: z.number().int().nonnegative(),
  /** Photos and files whose bytes the server does not have yet. */
  pendingBlobs: z.number().int().nonnegative(),
  /** Photos and files known from other devices whose bytes are not here yet. */
  missingBlobs: z.number().int().nonnegative(),
  phase: SyncPhase,
  /** During a pull: changes received so far and the server's head, for a progress bar. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
  /** The last failure, in a code the renderer translates; cleared by the next successful sync. */
  lastError: z.object({ code: ErrorCode, message: z.string(), at: z.string() }).optional(),
  /** How far another device's clock was ahead of ours, when more than a minute (reported, never blocking). */
  clockDriftMs: z.number().optional(),
  autoSync: z.boolean(),
  openConflicts: z.number().int().nonnegative(),
  /** The team made this device a viewer: it receives the team's changes; its own wait here, unsent. */
  readOnly: z.boolean().optional(),
  /**
   * The server refused this device's changes because this machine's clock runs ahead of the server's (kept until
   * a push goes through): how far ahead, and the server's time then, so the user can set the clock right.
   */
  clockAhead: z.object({ aheadMs: z.number(), serverTime: z.number(), maxDriftMs: z.number(), at: z.string() }).optional(),
})
export type SyncStatus = z.infer<typeof SyncStatus>

export const JoinInput = z
  .object({
    serverUrl: z.string().trim().min(1).max(500),
    inviteCode: z.string().trim().min(4).max(128),
    deviceName: z.string().trim().pipe(DeviceName),
    /** Plain http to a host other than this machine is refused unless this is set. */
    allowInsecure: z.boolean().default(false),
  })
  .strict()

export const SyncSummary = z.object({
  pushed: z.number().int(),
  pulled: z.number().int(),
  blobsUploaded: z.number().int(),
  blobsDownloaded: z.number().int(),
  conflicts: z.number().int(),
  durationMs: z.number(),
})
export type SyncSummary = z.infer<typeof SyncSummary>

/**
 * How a conflict is settled (shared/tables.ts declares each watched field's mode): `text` and `list` keep both
 * versions until someone picks or merges; `value` (a number, date or choice) was settled by the later edit and is
 * listed as changed on both devices, to confirm or switch.
 */
export const ConflictMode = z.enum(['text', 'list', 'value'])

/** Two values of one watched field written concurrently on two devices; both are kept until a user decides. */
export const Conflict = z.object({
  id: Id,
  table: z.string(),
  rowId: z.string(),
  column: z.string(),
  /** The record's kind (trip, enterprise, remark …) and a readable title, for the conflict list. */
  kind: z.string(),
  title: z.string(),
  mode: ConflictMode,
  /** The value now in the record (the merge winner) and the value it replaced, with who wrote each and when. */
  current: z.object({ value: z.string(), device: z.string(), at: z.string() }),
  other: z.object({ value: z.string(), device: z.string(), at: z.string() }),
  detectedAt: z.string(),
})
export type Conflict = z.infer<typeof Conflict>

export const ResolveConflictInput = z
  .object({
    id: Id,
    /** Keep the current value, take the other one, or write a merged text. */
    choice: z.enum(['current', 'other', 'merged']),
    merged: z.string().max(100000).optional(),
  })
  .strict()

/** One entry of a record's history: the fields changed together at one moment, by one device. */
export const HistoryEntry = z.object({
  at: z.string(),
  hlc: z.string(),
  device: z.string(),
  /** True when this device made the change. */
  local: z.boolean(),
  fields: z.array(z.object({ column: z.string(), value: z.union([z.string(), z.number()]), current: z.boolean() })),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const syncProcedures = {
  'sync.status': procedure(NoInput, SyncStatus),
  'sync.join': procedure(JoinInput, SyncStatus),
  /** Syncs once now and answers when done (or failed: the error is also kept in the status). */
  'sync.now': procedure(NoInput, SyncSummary),
  'sync.setAuto': procedure(z.object({ autoSync: z.boolean() }).strict(), SyncStatus),
  /** Forgets the server and team on this device; records stay. */
  'sync.leave': procedure(NoInput, SyncStatus),
  'conflicts.list': procedure(z.object({ includeResolved: z.boolean().default(false) }).strict(), z.array(Conflict)),
  'conflicts.resolve': procedure(ResolveConflictInput, z.object({ ok: z.literal(true) })),
  'history.ofRecord': procedure(z.object({ table: z.string().max(64), rowId: Id }).strict(), z.array(HistoryEntry)),
} as const
