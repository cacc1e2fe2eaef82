import { z } from 'zod'
import { IdInput } from './schemas/common'
import { Trip, TripInput, TripUpdateInput } from './schemas/trip'

/** A procedure is declared once here; main, the core and the renderer all take its types from this table. */
function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  nodeId: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const procedures = {
  'app.info': procedure(z.object({}).strict(), AppInfo),
  'trip.list': procedure(z.object({}).strict(), z.array(Trip)),
  'trip.get': procedure(IdInput, Trip),
  'trip.create': procedure(TripInput, Trip),
  'trip.update': procedure(TripUpdateInput, Trip),
  'trip.delete': procedure(IdInput, Trip),
  'trip.restore': procedure(IdInput, Trip),
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
