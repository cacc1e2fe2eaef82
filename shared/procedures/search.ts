import { z } from 'zod'
import { Id } from '../schemas/common'
import { NoInput, procedure } from './define'
import { RECORD_TABLES } from './records'

/** Every kind of record that can be searched or sit in the trash: the record kinds plus attachments. */
export const SEARCH_KINDS = [...(Object.keys(RECORD_TABLES) as (keyof typeof RECORD_TABLES)[]), 'attachment'] as const
export const SearchKind = z.enum(SEARCH_KINDS)
export type SearchKind = z.infer<typeof SearchKind>

/**
 * Highlights in titles and snippets are wrapped in these private-use characters (stripped from indexed text),
 * so the renderer can turn them into <mark> elements without ever treating text as HTML.
 */
export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

export const SearchQuery = z.object({
  q: z.string().max(200),
  tripId: Id.optional(),
  enterpriseId: Id.optional(),
  kinds: z.array(SearchKind).max(SEARCH_KINDS.length).optional(),
  /** Most results returned per kind; the counts are always complete. */
  limit: z.number().int().min(1).max(200).default(20),
})
export type SearchQuery = z.input<typeof SearchQuery>

export const SearchHit = z.object({
  kind: SearchKind,
  id: Id,
  tripId: z.string(),
  enterpriseId: z.string(),
  /** The record a child row belongs to (a remark's symposium, an attachment's owner), or ''. */
  parentId: z.string(),
  /** The owner's kind for an attachment (its parent), otherwise ''. */
  parentKind: z.string(),
  /** With MARK_START/MARK_END around the matches. */
  title: z.string(),
  snippet: z.string(),
  /** What the parent is called (a remark's symposium, a position's survey), plain text. */
  parentLabel: z.string(),
  tripTitle: z.string(),
  enterpriseName: z.string(),
})
export type SearchHit = z.infer<typeof SearchHit>

export const SearchResults = z.object({
  q: z.string(),
  total: z.number().int(),
  groups: z.array(z.object({ kind: SearchKind, count: z.number().int(), hits: z.array(SearchHit) })),
})
export type SearchResults = z.infer<typeof SearchResults>

export const TrashItem = z.object({
  kind: SearchKind,
  id: Id,
  label: z.string(),
  tripId: z.string(),
  tripTitle: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  parentId: z.string(),
  parentKind: z.string(),
  parentLabel: z.string(),
  /** The parent is in the trash too: restoring this alone will not show it again. */
  parentDeleted: z.boolean(),
  /** Milliseconds since 1970, from the clock of the `deleted` field. */
  deletedAt: z.number(),
})
export type TrashItem = z.infer<typeof TrashItem>

export const searchProcedures = {
  'search.query': procedure(SearchQuery, SearchResults),
  /** Records in the trash across every kind, newest first. */
  'trash.list': procedure(NoInput, z.array(TrashItem)),
  'trash.restore': procedure(z.object({ kind: SearchKind, id: Id }).strict(), z.object({ kind: SearchKind, id: Id })),
} as const
