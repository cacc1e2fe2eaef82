import { z } from 'zod'
import { Id, IdInput } from '../schemas/common'

/** A procedure: its input and output schemas. Declared once; main, the core and the renderer take its types. */
export function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

export const NoInput = z.object({}).strict()

type Crud<K extends string, R extends z.ZodType, I extends z.ZodType, P extends z.ZodType, F extends z.ZodType> = {
  [N in `${K}.list`]: { input: F; output: z.ZodArray<R> }
} & { [N in `${K}.get` | `${K}.delete` | `${K}.restore`]: { input: typeof IdInput; output: R } } & {
  [N in `${K}.create`]: { input: I; output: R }
} & { [N in `${K}.update`]: { input: z.ZodObject<{ id: typeof Id; patch: P }>; output: R } }

/** The six procedures of a record kind: list (with its filter), get, create, update, delete (to trash), restore. */
export function crud<K extends string, R extends z.ZodType, I extends z.ZodType, P extends z.ZodType, F extends z.ZodType>(
  kind: K,
  schemas: { record: R; input: I; patch: P; filter: F },
): Crud<K, R, I, P, F> {
  return {
    [`${kind}.list`]: procedure(schemas.filter, z.array(schemas.record)),
    [`${kind}.get`]: procedure(IdInput, schemas.record),
    [`${kind}.create`]: procedure(schemas.input, schemas.record),
    [`${kind}.update`]: procedure(z.object({ id: Id, patch: schemas.patch }), schemas.record),
    [`${kind}.delete`]: procedure(IdInput, schemas.record),
    [`${kind}.restore`]: procedure(IdInput, schemas.record),
  } as Crud<K, R, I, P, F>
}
