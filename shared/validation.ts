import type { z } from 'zod'
import { AppError, type FieldError } from './errors'

/** Every key `toFieldErrors` can produce, plus those named by the schemas' refinements; each is translated. */
export const FIELD_ERROR_KEYS = [
  'required',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooBig',
  'invalidType',
  'invalidFormat',
  'invalidChoice',
  'invalid',
  'invalidDate',
  'endBeforeStart',
  'invalidCreditCode',
  'maxBelowMin',
  'needsOptions',
  'duplicateQuestion',
  'notFound',
  'scopeRequired',
  'notAnImage',
  'invalidPhone',
  'nextStepNeeded',
] as const

/** The value the input holds at a zod issue's path (undefined where the path leads nowhere). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)

/**
 * Turns zod issues into translation keys, so the renderer can show each error on its field in the
 * user's language. Custom refinements name their key in `params.key`. Given the input, a field left empty is
 * `required` whatever rule it failed (an unchosen enterprise fails the id format, but what it lacks is a choice).
 */
export function toFieldErrors(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.map((issue): FieldError => {
    const path = issue.path.map(String).join('.')
    const namedKey = issue.code === 'custom' && typeof issue.params?.['key'] === 'string'
    if (input !== undefined && issue.code !== 'too_big' && !namedKey && issue.path.length > 0 && isEmpty(valueAt(input, issue.path))) {
      return { path, key: 'required' }
    }
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return { path, key: 'required' }
        return { path, key: issue.origin === 'string' ? 'tooShort' : 'tooSmall', params: { min: Number(issue.minimum) } }
      case 'too_big':
        return { path, key: issue.origin === 'string' ? 'tooLong' : 'tooBig', params: { max: Number(issue.maximum) } }
      case 'invalid_type':
        return { path, key: issue.input === undefined ? 'required' : 'invalidType' }
      case 'invalid_format':
        return { path, key: 'invalidFormat' }
      case 'invalid_value':
        return { path, key: 'invalidChoice' }
      case 'custom': {
        const key = typeof issue.params?.['key'] === 'string' ? issue.params['key'] : 'invalid'
        return { path, key }
      }
      default:
        return { path, key: 'invalid' }
    }
  })
}

export function validationError(error: z.ZodError, input?: unknown): AppError {
  const fieldErrors = toFieldErrors(error, input)
  const fields = [...new Set(fieldErrors.map((e) => e.path || '(input)'))].join(', ')
  return new AppError('VALIDATION', `Some fields are not valid: ${fields}`, { fieldErrors })
}

/** Parses with the schema or throws a VALIDATION AppError listing every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw validationError(result.error, input)
  return result.data
}
