import { z } from 'zod'

/** Every failure that crosses the bridge carries one of these codes; the renderer translates them. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNKNOWN_PROCEDURE',
  'FORBIDDEN_SENDER',
  'UNKNOWN_FIELD',
  'DB_NEWER_VERSION',
  'DB_OPEN_FAILED',
  'EXPORT_FAILED',
  /** A backup file that is damaged, truncated, fails its checksums or is not a Fieldbook backup. */
  'BACKUP_INVALID',
  /** A backup (or trip file) written by a newer Fieldbook. */
  'BACKUP_NEWER_VERSION',
  /** A restore could not finish; everything it had moved was put back (the safety copy is in backups/). */
  'RESTORE_FAILED',
  /** An import file that cannot be read as what it claims to be. */
  'IMPORT_INVALID',
  'FILE_NOT_FOUND',
  /** Sync: the server cannot be reached (offline, wrong address). */
  'SYNC_UNREACHABLE',
  /** Sync: the invite code is unknown, already used or expired. */
  'SYNC_INVITE_INVALID',
  /** Sync: this device's access was revoked by the team admin. */
  'SYNC_REVOKED',
  /** Sync: this data folder has not joined a team yet. */
  'SYNC_NOT_JOINED',
  /** Sync: plain HTTP to a host that is not this machine. */
  'SYNC_INSECURE',
  /** Sync: the server refused or failed a request. */
  'SYNC_FAILED',
  /** Sync: the server refused this device's changes because this machine's clock runs ahead of the server's. */
  'SYNC_CLOCK_AHEAD',
  /** Sync: the team made this device a viewer; it receives changes, the server takes none from it. */
  'SYNC_READ_ONLY',
  /**
   * An enterprise being created (or given a credit code) is one that already has a file: details `{ enterpriseId,
   * name, by: 'creditCode' | 'name' }`. Creating anyway is an explicit choice (`allowDuplicate`).
   */
  'ENTERPRISE_DUPLICATE',
  /** "Export diagnostics" could not write its file. */
  'DIAGNOSTICS_FAILED',
  /** The update address could not be reached or gave no usable update. */
  'UPDATE_FAILED',
  'INTERNAL',
] as const

export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

export const FieldError = z.object({
  /** Dotted path of the field, e.g. `endDate` or `regions.2`. */
  path: z.string(),
  /** Translation key under `validation.` in the renderer, e.g. `required`. */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type FieldError = z.infer<typeof FieldError>

export const ErrorDetails = z
  .object({ fieldErrors: z.array(FieldError).optional() })
  .catchall(z.unknown())
export type ErrorDetails = z.infer<typeof ErrorDetails>

export const AppErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  details: ErrorDetails.optional(),
})
export type AppErrorData = z.infer<typeof AppErrorData>

/** Thrown inside the core and the server; turned into `{ ok: false, error }` at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }
