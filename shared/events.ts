import { z } from 'zod'
import { SyncStatus } from './procedures/sync'

/** Everything main tells the renderer travels on one channel as one of these. */
export const FieldbookEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data.changed'), tables: z.array(z.string()) }),
  /** A document being built: read the data, lay it out, pack the .docx. */
  z.object({ type: z.literal('export.progress'), kind: z.string(), stage: z.enum(['reading', 'building', 'packing']) }),
  /** The sync status whenever it changes (phase, progress, pending counts, errors). */
  z.object({ type: z.literal('sync.progress'), status: SyncStatus }),
  /** The search index being filled in steps after an upgrade: rows indexed so far of all, and when it is complete. */
  z.object({ type: z.literal('search.rebuild'), done: z.number().int(), total: z.number().int(), finished: z.boolean() }),
])
export type FieldbookEvent = z.infer<typeof FieldbookEvent>
