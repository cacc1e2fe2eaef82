import { z } from 'zod'

/** Everything main tells the renderer travels on one channel as one of these. */
export const FieldbookEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data.changed'), tables: z.array(z.string()) }),
])
export type FieldbookEvent = z.infer<typeof FieldbookEvent>
