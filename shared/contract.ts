import { z } from 'zod'
import { NoInput, procedure } from './procedures/define'
import { recordProcedures } from './procedures/records'
import { reportProcedures } from './procedures/reports'
import { tripOverviewProcedures } from './procedures/trip-overview'
import { enterpriseFileProcedures } from './procedures/enterprise-file'
import { minutesProcedures } from './procedures/minutes'
import { demandProcedures } from './procedures/demand'
import { attachmentsProcedures } from './procedures/attachments'
import { searchProcedures } from './procedures/search'
import { backupProcedures } from './procedures/backup'
import { syncProcedures } from './procedures/sync'
import { exchangeProcedures } from './procedures/exchange'
import { enterpriseIdentityProcedures } from './procedures/enterprise-identity'
import { diagnosticsProcedures } from './procedures/diagnostics'
import { updateProcedures } from './procedures/updates'
import { campaignProcedures } from './procedures/campaign'
import { relationshipProcedures } from './procedures/relationship'

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  nodeId: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const SampleInput = z.object({ language: z.enum(['zh', 'en']) }).strict()
export const SampleResult = z.object({ tripId: z.string(), title: z.string() })

/** Every procedure, by name (`noun.verb`); main, the core and the renderer all take their types from here. */
export const procedures = {
  'app.info': procedure(NoInput, AppInfo),
  /** Builds the sample trip (the reference trip of two enterprises) so a new user sees a full example. */
  'app.loadSample': procedure(SampleInput, SampleResult),
  ...recordProcedures,
  ...reportProcedures,
  ...tripOverviewProcedures,
  ...enterpriseFileProcedures,
  ...minutesProcedures,
  ...demandProcedures,
  ...attachmentsProcedures,
  ...searchProcedures,
  ...backupProcedures,
  ...syncProcedures,
  ...exchangeProcedures,
  ...enterpriseIdentityProcedures,
  ...diagnosticsProcedures,
  ...updateProcedures,
  ...campaignProcedures,
  ...relationshipProcedures,
} as const

export type Procedures = typeof procedures
export type ProcedureName = keyof Procedures
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>
export type ProcedureParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>
export type ProcedureOutput<N extends ProcedureName> = z.output<Procedures[N]['output']>

export const PROCEDURE_NAMES = Object.keys(procedures) as ProcedureName[]

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.hasOwn(procedures, name)
}

export { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels'
