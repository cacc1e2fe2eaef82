import { AppError, type InvokeResult } from '../../shared/errors'
import {
  isProcedureName,
  procedures,
  type ProcedureName,
  type ProcedureOutput,
  type ProcedureParsedInput,
} from '../../shared/contract'
import { validationError } from '../../shared/validation'

export type Handlers = {
  [N in ProcedureName]: (input: ProcedureParsedInput<N>) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>
}

export type Dispatch = (name: unknown, input: unknown) => Promise<InvokeResult<unknown>>

/**
 * The one entry to the core from outside (IPC in the app, Playwright's binding in tests, the CLI). It parses
 * the input with the procedure's schema, calls the handler, checks the output (unless told not to), and never
 * throws.
 */
export function createDispatcher(
  handlers: Handlers,
  options: { log?: ((error: unknown) => void) | undefined; checkOutputs?: boolean | undefined } = {},
): Dispatch {
  const log = options.log ?? console.error
  const checkOutputs = options.checkOutputs ?? true
  return async (name, input) => {
    if (!isProcedureName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: `Unknown procedure ${String(name)}` } }
    }
    const { input: inputSchema, output: outputSchema } = procedures[name]
    const parsed = inputSchema.safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, input ?? {}).toData() }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      const result = await handler(parsed.data)
      const value = checkOutputs ? outputSchema.parse(result) : result
      return { ok: true, value }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() }
      log(error)
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Fieldbook; nothing was changed.' } }
    }
  }
}
