import { AppError, type InvokeResult } from '../../../shared/errors'
import type { Core } from '../core'
import { usage } from './usage-error'

/** Calls a procedure as the app would; its failure becomes the command's error. */
export async function call<T = unknown>(core: Core, name: string, input: unknown): Promise<T> {
  const result: InvokeResult<unknown> = await core.dispatch(name, input)
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details)
  return result.value as T
}

/** A trip or enterprise named on the command line by its id, its exact name, or a part of the name only it has. */
export function resolveRecord(core: Core, kind: 'trip' | 'enterprise', given: unknown): { id: string; name: string } {
  if (typeof given !== 'string' || !given.trim()) throw usage(`Name the ${kind} with --${kind} <id or name>`)
  const field = kind === 'trip' ? 'title' : 'name'
  const all = core.records[kind].list().map((r) => ({ id: r.id, name: String(r[field]) }))
  const exact = all.find((r) => r.id === given || r.name === given)
  if (exact) return exact
  const partial = all.filter((r) => r.name.includes(given))
  if (partial.length === 1) return partial[0]!
  if (partial.length === 0) throw new AppError('NOT_FOUND', `No ${kind} matches "${given}"`)
  throw new AppError('VALIDATION', `"${given}" matches ${partial.length} ${kind}s: ${partial.map((r) => r.name).join(', ')}`)
}
