import { z } from 'zod'
import { NoInput, procedure } from './define'

export const DiagnosticsExported = z.object({
  filePath: z.string(),
  bytes: z.number(),
  /** How many log files went in (none on a first start before anything was logged). */
  logFiles: z.number(),
})
export type DiagnosticsExported = z.infer<typeof DiagnosticsExported>

export const diagnosticsProcedures = {
  /** Versions, data-folder figures and the log file in one zip for a support request; never record contents. */
  'app.exportDiagnostics': procedure(NoInput, DiagnosticsExported.nullable()),
}
