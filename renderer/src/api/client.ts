import { AppErrorData, type ErrorCode, type FieldError } from '../../../shared/errors'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/contract'

/** A failure reported by the core, with its code for translation and field errors for forms. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly fieldErrors: FieldError[]
  /** Everything else the core said about the failure (e.g. `reason` of a refused file). */
  readonly details: AppErrorData['details']

  constructor(data: AppErrorData) {
    super(data.message)
    this.name = 'ApiError'
    this.code = data.code
    this.fieldErrors = data.details?.fieldErrors ?? []
    this.details = data.details
  }
}

/** Calls a procedure through `window.fieldbook`; resolves with its value or throws an ApiError. */
export async function invoke<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  let result: Awaited<ReturnType<Window['fieldbook']['invoke']>>
  try {
    result = await window.fieldbook.invoke(name, input)
  } catch (error) {
    // The bridge itself failed (the main process went away): report it like any other failure.
    throw new ApiError({ code: 'INTERNAL', message: String(error) })
  }
  if (result.ok) return result.value as ProcedureOutput<N>
  const parsed = AppErrorData.safeParse(result.error)
  throw new ApiError(parsed.success ? parsed.data : { code: 'INTERNAL', message: 'Malformed error from the core' })
}
