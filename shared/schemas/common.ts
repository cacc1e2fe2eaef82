import { z } from 'zod'

export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)

/** A calendar date as `YYYY-MM-DD`, checked to exist (no 31 February). */
export const IsoDate = z
  .string()
  .min(1, { abort: true })
  .refine(
  (text) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
    if (!match) return false
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const date = new Date(Date.UTC(year, month - 1, day))
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  },
  { params: { key: 'invalidDate' } },
)

export const shortText = (max = 200) => z.string().trim().max(max)
export const requiredText = (max = 200) => z.string().trim().min(1).max(max)

export const IdInput = z.object({ id: Id })
export type IdInput = z.infer<typeof IdInput>

/** What reading a record returns: its id, its fields and whether it is in the trash. */
export function record<F extends z.ZodRawShape>(fields: F) {
  return z.object({ id: Id, ...fields, deleted: z.boolean() })
}

export const OptionalId = z.union([z.literal(''), Id])
/** Integers people type: headcounts, positions, amounts in yuan. */
export const Count = z.number().int().min(0).max(1_000_000)
/** Money in whole yuan, up to a trillion. */
export const Amount = z.number().int().min(0).max(1_000_000_000_000)
