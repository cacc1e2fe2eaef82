import { z } from 'zod'
import { Id, IdInput } from '../schemas/common'
import { CollegeProfile, ReportStyleName } from '../schemas/settings'
import { NoInput, procedure } from './define'

export const REPORT_KINDS = ['research-report', 'news-brief', 'talent-demand', 'enterprise-file'] as const
export const ReportKind = z.enum(REPORT_KINDS)
export type ReportKind = z.infer<typeof ReportKind>

/** The parts of a research report a user can leave out. */
export const REPORT_SECTIONS = ['situation', 'photos', 'results', 'demand', 'problems', 'nextSteps'] as const
export type ReportSection = (typeof REPORT_SECTIONS)[number]

/** What to export: the kind, its scope (a trip, an enterprise, or an enterprise within a trip), style and language. */
export const ReportRequest = z
  .object({
    kind: ReportKind,
    tripId: Id.optional(),
    enterpriseId: Id.optional(),
    style: ReportStyleName,
    language: z.enum(['zh', 'en']),
    /** Research report only: the sections to include (all when left out). */
    sections: z.array(z.enum(REPORT_SECTIONS)).min(1).optional(),
  })
  .strict()
  .refine((r) => (r.kind === 'enterprise-file' ? Boolean(r.enterpriseId) : r.kind === 'talent-demand' ? Boolean(r.tripId || r.enterpriseId) : Boolean(r.tripId)), {
    path: ['tripId'],
    params: { key: 'scopeRequired' },
  })
export type ReportRequest = z.infer<typeof ReportRequest>

/** What an export wants the user to check before the document goes out. */
export const EXPORT_WARNINGS = ['collegeProfileEmpty', 'untranslatedValues'] as const
export type ExportWarning = (typeof EXPORT_WARNINGS)[number]

export const ExportRecord = z.object({
  id: z.string(),
  kind: ReportKind,
  title: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  /** Only on the answer to an export, not in the history. */
  warnings: z.array(z.enum(EXPORT_WARNINGS)).optional(),
})
export type ExportRecord = z.infer<typeof ExportRecord>

export const reportProcedures = {
  /** Builds the document, asks where to save it (a native dialog in the app), writes it; null when cancelled. */
  'report.export': procedure(ReportRequest, ExportRecord.nullable()),
  'report.history': procedure(NoInput, z.array(ExportRecord)),
  /** Opens the folder of a past export; the path is looked up by id, never taken from the page. */
  'report.showInFolder': procedure(IdInput.extend({ id: z.string() }), z.object({ shown: z.boolean() })),
  'settings.getProfile': procedure(NoInput, CollegeProfile),
  'settings.updateProfile': procedure(CollegeProfile.omit({ logo: true }).partial().strict(), CollegeProfile),
  /** Sets the logo from an image file's bytes (scaled down and kept as PNG); '' removes it. */
  'settings.setLogo': procedure(z.object({ dataBase64: z.string().max(28_000_000) }).strict(), CollegeProfile),
}
