import { z } from 'zod'
import { Id } from '../schemas/common'
import { procedure } from './define'

export const EnterpriseMergeInput = z.object({ keepId: Id, mergeId: Id }).strict()

export const EnterpriseMergeResult = z.object({
  keptId: Id,
  /** The merged file, now in the trash. */
  mergedId: Id,
  /** How many rows of each table were moved to the kept file (trashed ones included). */
  moved: z.record(z.string(), z.number().int()),
  /** Profile fields of the kept file that were empty and were filled from the merged one. */
  filledFields: z.array(z.string()),
})
export type EnterpriseMergeResult = z.infer<typeof EnterpriseMergeResult>

/** Two files of one enterprise made into one. */
export const enterpriseIdentityProcedures = {
  'enterprise.merge': procedure(EnterpriseMergeInput, EnterpriseMergeResult),
}
