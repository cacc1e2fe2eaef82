import { z } from 'zod'
import { DATABASE_FILE } from '../store/store'

export const BACKUP_FORMAT = 'fieldbook-backup'
export const BACKUP_FORMAT_VERSION = 1
export const MANIFEST_FILE = 'manifest.json'
/** The manifest lists every attachment: even 100,000 of them stay well below this. */
export const MANIFEST_MAX_BYTES = 64 * 1024 * 1024
export const BACKUP_EXTENSION = '.fbbackup'

/** The database and the attachments, by their path inside the zip; nothing else is ever extracted. */
export const ATTACHMENT_ENTRY = /^attachments\/([0-9a-f]{2})\/([0-9a-f]{64})$/

export const ManifestFile = z.object({
  path: z.string().refine((path) => path === DATABASE_FILE || isAttachmentEntry(path)),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type ManifestFile = z.infer<typeof ManifestFile>

/** What the zip's manifest.json declares: the format, who wrote it and every file with its size and SHA-256. */
export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  nodeId: z.string(),
  files: z
    .array(ManifestFile)
    .refine((files) => files.filter((f) => f.path === DATABASE_FILE).length === 1, { message: 'exactly one database' })
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, { message: 'paths are unique' }),
})
export type BackupManifest = z.infer<typeof BackupManifest>

/** An attachment's entry is `attachments/ab/<hash>` with `ab` the hash's first two digits. */
export function isAttachmentEntry(path: string): boolean {
  const match = ATTACHMENT_ENTRY.exec(path)
  return match !== null && match[2]!.startsWith(match[1]!)
}
