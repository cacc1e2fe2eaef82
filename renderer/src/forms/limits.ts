import type { InputProps } from 'antd'
import type { z } from 'zod'

interface Def {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  options?: z.ZodType[]
  element?: z.ZodType
  shape?: Record<string, z.ZodType>
}

/** The most characters a string schema (or the string inside defaults, pipes, unions and lists) takes. */
function stringMax(schema: z.ZodType | undefined): number | undefined {
  if (!schema) return undefined
  const def = (schema as unknown as { def: Def }).def
  switch (def.type) {
    case 'string': {
      const max = (schema as unknown as { maxLength: number | null }).maxLength
      return max ?? undefined
    }
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
      return stringMax(def.innerType)
    case 'pipe':
      return stringMax(def.in)
    case 'union': {
      const limits = (def.options ?? []).map(stringMax).filter((max): max is number => max !== undefined)
      return limits.length > 0 ? Math.max(...limits) : undefined
    }
    case 'array':
      return stringMax(def.element)
    default:
      return undefined
  }
}

/**
 * The length limit of a text field, read from the shared schema that checks it, so the counter a user sees
 * and the rule that rejects too long a text are one number.
 */
export function maxLengthOf(schema: z.ZodType, field?: string): number | undefined {
  if (field === undefined) return stringMax(schema)
  const def = (schema as unknown as { def: Def }).def
  const shape = def.type === 'object' ? def.shape : undefined
  return stringMax(shape?.[field])
}

/** Limits above this are for long texts (minutes, summaries): their counter shows only near the limit. */
const ALWAYS_COUNTED = 1000
const NEAR_LIMIT = 0.9

/**
 * An input's length counter for a schema field ("12 / 200"). It counts, it never cuts: a pasted text longer than
 * the limit is kept whole, the counter turns red and the schema's check flags the field, so nothing is dropped
 * without the user seeing it (an HTML maxlength would silently cut the paste).
 */
export function lengthCount(schema: z.ZodType, field?: string, options: { quiet?: boolean } = {}): InputProps['count'] {
  const max = maxLengthOf(schema, field)
  if (max === undefined) return { show: false }
  // Quiet: a cell in a table or a one-line quick add, where a counter on every row would be noise.
  if (max <= ALWAYS_COUNTED && !options.quiet) return { show: true, max }
  return { max, show: ({ count }) => (count >= max * NEAR_LIMIT ? `${count} / ${max}` : null) }
}
