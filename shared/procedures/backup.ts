import { z } from 'zod'
import { NoInput, procedure } from './define'

/**
 * Why a backup file was refused, in `error.details.reason` of a BACKUP_INVALID error; the renderer translates it.
 * empty: a 0-byte file; notZip: not a zip at all (a photo renamed, say); truncated: cut short (an interrupted
 * copy); damaged / checksum: bytes changed; noManifest / notBackup: a zip, but not one Fieldbook wrote;
 * badManifest: its manifest is unreadable; missingFile: a listed file is absent; notDatabase / versionMismatch:
 * the database inside is unreadable or not what the manifest says; unsupported: a zip feature backups never use;
 * invalidRecords: a record or clock the check of every received change refuses; tooLarge: an entry declared larger than such a file can be, or compressed far beyond what a backup's files allow.
 */
export const BACKUP_REFUSALS = [
  'empty',
  'notZip',
  'truncated',
  'damaged',
  'unsupported',
  'noManifest',
  'notBackup',
  'badManifest',
  'missingFile',
  'checksum',
  'notDatabase',
  'versionMismatch',
  'tooLarge',
  'invalidRecords',
] as const
export type BackupRefusal = (typeof BACKUP_REFUSALS)[number]

/** The automatic backups into the data folder's backups/: on by default, every day, the last 7 kept. */
export const BackupSchedule = z.object({
  enabled: z.boolean(),
  frequency: z.enum(['daily', 'weekly']),
  keep: z.number().int().min(1).max(100),
})
export type BackupSchedule = z.infer<typeof BackupSchedule>
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { enabled: true, frequency: 'daily', keep: 7 }

/** A backup just written. */
export const BackupCreated = z.object({
  fileName: z.string(),
  filePath: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  attachments: z.number(),
})
export type BackupCreated = z.infer<typeof BackupCreated>

/** A backup in the data folder's backups/: automatic, or the safety copy made before a restore. */
export const StoredBackup = z.object({
  name: z.string(),
  kind: z.enum(['auto', 'safety', 'other']),
  bytes: z.number(),
  createdAt: z.string(),
})
export type StoredBackup = z.infer<typeof StoredBackup>

export const BackupList = z.object({
  folder: z.string(),
  backups: z.array(StoredBackup),
  /** The last automatic backup that failed (cleared by the next one that works). */
  lastAutoError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
})
export type BackupList = z.infer<typeof BackupList>

/** A backup checked in full and ready to restore: what it holds, and a token that names it for `backup.restore`. */
export const BackupSummary = z.object({
  token: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number(),
  trips: z.number(),
  enterprises: z.number(),
  /** Records of every kind not in the trash. */
  records: z.number(),
  attachments: z.number(),
  /** Photos that were already damaged when the backup was made; left out of the restore. */
  skippedAttachments: z.number(),
})
export type BackupSummary = z.infer<typeof BackupSummary>

export const RestoreResult = z.object({
  restored: BackupSummary.omit({ token: true }),
  /** The safety copy of the data as it was just before, in backups/. */
  safetyCopy: z.string(),
})
export type RestoreResult = z.infer<typeof RestoreResult>

const StoredName = z.string().min(1).max(200)

export const backupProcedures = {
  /** Asks where to save (a native dialog in the app) and writes a backup there; null when cancelled. */
  'backup.create': procedure(z.object({ language: z.enum(['zh', 'en']) }).strict(), BackupCreated.nullable()),
  'backup.list': procedure(NoInput, BackupList),
  /**
   * Checks a backup in full without changing anything: one the user picks (a native open dialog) or one in
   * backups/ by its name. Null when the dialog is cancelled.
   */
  'backup.inspect': procedure(z.object({ name: StoredName.optional() }).strict(), BackupSummary.nullable()),
  /** Restores the inspected backup: checks it again, keeps a safety copy of the current data, then swaps. */
  'backup.restore': procedure(z.object({ token: z.string().min(1).max(100) }).strict(), RestoreResult),
  /** Opens the file manager at a backup in backups/ (or the folder itself when no name is given). */
  'backup.showInFolder': procedure(z.object({ name: StoredName.optional() }).strict(), z.object({ shown: z.boolean() })),
  'backup.getSchedule': procedure(NoInput, BackupSchedule),
  'backup.setSchedule': procedure(BackupSchedule.partial().strict(), BackupSchedule),
} as const
