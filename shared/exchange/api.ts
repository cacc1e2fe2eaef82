import { z } from 'zod'
import { FieldError } from '../errors'
import { Id } from '../schemas/common'

/** What a chosen file is for: an enterprise list (.xlsx / .csv) or a trip exchange file (.fbtrip). */
export const ImportPurpose = z.enum(['enterprises', 'trip'])
export type ImportPurpose = z.infer<typeof ImportPurpose>

/**
 * A file the user picked in the host's open dialog. The page only ever holds this opaque id: paths stay in the
 * core, so a page cannot make the core read a file the user did not choose.
 */
export const ChosenFile = z.object({ fileId: z.string(), fileName: z.string() })
export type ChosenFile = z.infer<typeof ChosenFile>
export const FileRef = z.object({ fileId: z.string().min(1).max(100) }).strict()

/** Enterprise fields an import can fill, plus one contact per row. */
export const IMPORT_FIELDS = [
  'name',
  'creditCode',
  'industry',
  'region',
  'address',
  'size',
  'website',
  'tags',
  'stage',
  'profile',
  'contactName',
  'contactTitle',
  'contactPhone',
  'contactEmail',
  'owner',
  'contactWechat',
] as const
export const ImportField = z.enum(IMPORT_FIELDS)
export type ImportField = z.infer<typeof ImportField>

/** field → index of the column it is read from (0-based); a field left out is not imported. */
export const ColumnMapping = z.partialRecord(ImportField, z.number().int().min(0).max(1000))
export type ColumnMapping = z.infer<typeof ColumnMapping>

export const EnterprisePreview = z.object({
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  /** csv only: utf-8, utf-8-bom, utf-16le, utf-16be or gb18030. */
  encoding: z.string(),
  sheetName: z.string(),
  headers: z.array(z.string()),
  /** The first rows after the header, as text, for the preview table. */
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: ColumnMapping,
})
export type EnterprisePreview = z.infer<typeof EnterprisePreview>

/**
 * What to do with a row that matches an enterprise already there (or an earlier row of the same file):
 * merge fills the empty fields only, overwrite replaces them with the file's non-empty values, skip leaves it,
 * create makes a second enterprise anyway.
 */
export const DUPLICATE_DECISIONS = ['merge', 'overwrite', 'skip', 'create'] as const
export const DuplicateDecision = z.enum(DUPLICATE_DECISIONS)
export type DuplicateDecision = z.infer<typeof DuplicateDecision>

export const EnterpriseImportRequest = z
  .object({
    fileId: z.string().min(1).max(100),
    mapping: ColumnMapping,
    /** Per duplicate, by its row number in the file; others get `defaultDecision`. */
    decisions: z.record(z.string().regex(/^\d{1,7}$/), DuplicateDecision).default({}),
    defaultDecision: DuplicateDecision.exclude(['create']).default('merge'),
    /** Read, check and report, writing nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict()
export type EnterpriseImportRequest = z.input<typeof EnterpriseImportRequest>

export const RefusedRow = z.object({ row: z.number().int(), name: z.string(), errors: z.array(FieldError) })
export type RefusedRow = z.infer<typeof RefusedRow>

export const DuplicateRow = z.object({
  row: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  matchedBy: z.enum(['creditCode', 'name']),
  /** An enterprise already in Fieldbook, or an earlier row of this file. */
  target: z.object({ kind: z.enum(['existing', 'file']), enterpriseId: z.string(), name: z.string(), row: z.number().int().optional() }),
  decision: DuplicateDecision,
  /** Fields the decision would change on the target. */
  changedFields: z.array(z.string()),
})
export type DuplicateRow = z.infer<typeof DuplicateRow>

/** Rows listed in a report are capped (refused and duplicates); the counts are always complete. */
export const REPORT_LIST_LIMIT = 500

export const EnterpriseImportReport = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  refused: z.number().int(),
  contactsCreated: z.number().int(),
  refusedRows: z.array(RefusedRow),
  duplicates: z.array(DuplicateRow),
  duplicateCount: z.number().int(),
  elapsedMs: z.number(),
})
export type EnterpriseImportReport = z.infer<typeof EnterpriseImportReport>

export const TableCounts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
export const TripImportReport = z.object({
  dryRun: z.boolean(),
  tripId: Id,
  title: z.string(),
  /** Per section of the file (enterprises, visits, …). */
  sections: z.record(z.string(), TableCounts),
  /** Enterprises of the file found here under another id (same credit code or name) and used instead. */
  enterprisesMatched: z.array(z.object({ fileId: Id, localId: Id, name: z.string() })),
  attachmentsStored: z.number().int(),
  changesWritten: z.number().int(),
})
export type TripImportReport = z.infer<typeof TripImportReport>

export const TripImportRequest = z.object({ fileId: z.string().min(1).max(100), dryRun: z.boolean().default(false) }).strict()

export const TABLE_EXPORTS = ['positions', 'surveys', 'enterprises', 'actions'] as const
export const TableExportKind = z.enum(TABLE_EXPORTS)
export type TableExportKind = z.infer<typeof TableExportKind>
export const SpreadsheetFormat = z.enum(['xlsx', 'csv'])
export type SpreadsheetFormat = z.infer<typeof SpreadsheetFormat>

export const TableExportRequest = z
  .object({
    kind: TableExportKind,
    format: SpreadsheetFormat,
    language: z.enum(['zh', 'en']),
    /** Only this trip's rows (positions, surveys, actions); every live row when left out. */
    tripId: Id.optional(),
  })
  .strict()
export type TableExportRequest = z.infer<typeof TableExportRequest>

export const ExportedFile = z.object({ fileName: z.string(), bytes: z.number().int(), rows: z.number().int() })
export type ExportedFile = z.infer<typeof ExportedFile>
