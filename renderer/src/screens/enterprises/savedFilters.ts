import { z } from 'zod'
import { COOPERATION_STAGES } from '../../../../shared/schemas/enterprise'

/** What the enterprise list is narrowed by; every part is optional and they all apply together. */
export const EnterpriseFilter = z.object({
  query: z.string().max(200).default(''),
  stage: z.enum(COOPERATION_STAGES).optional(),
  /** Only enterprises not contacted for at least this many days (never contacted counts). */
  noContactDays: z.number().int().min(1).max(3650).optional(),
  /** Only enterprises with follow-ups still open. */
  openFollowUps: z.boolean().optional(),
})
export type EnterpriseFilter = z.infer<typeof EnterpriseFilter>

export const SavedFilter = z.object({ name: z.string().trim().min(1).max(40), filter: EnterpriseFilter })
export type SavedFilter = z.infer<typeof SavedFilter>

/** Kept on this computer only: a saved view is a person's habit, not team data. */
const STORAGE_KEY = 'fieldbook.enterprises.savedFilters'

/** The saved filters; a stored list that no longer parses (edited by hand, an older shape) is dropped item by item. */
export function loadSavedFilters(storage: Pick<Storage, 'getItem'> = localStorage): SavedFilter[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]')
    if (!Array.isArray(raw)) return []
    return raw.flatMap((item) => {
      const parsed = SavedFilter.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
  } catch {
    return []
  }
}

export function storeSavedFilters(filters: readonly SavedFilter[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(filters))
}

/** Days between two `YYYY-MM-DD` dates (calendar days, no time zone). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export interface FilterableRow {
  stage: string
  lastContact: string
  openFollowUps: number
  haystack: string
}

/** Whether a row of the list passes the filter on `today`; `query` is compared lower-cased. */
export function matchesFilter(row: FilterableRow, filter: EnterpriseFilter, today: string): boolean {
  const query = filter.query.trim().toLowerCase()
  if (query && !row.haystack.includes(query)) return false
  if (filter.stage && row.stage !== filter.stage) return false
  if (filter.openFollowUps && row.openFollowUps === 0) return false
  if (filter.noContactDays !== undefined && row.lastContact && daysBetween(row.lastContact, today) < filter.noContactDays) return false
  return true
}

export const isFiltering = (filter: EnterpriseFilter) =>
  Boolean(filter.query.trim()) || Boolean(filter.stage) || filter.noContactDays !== undefined || Boolean(filter.openFollowUps)
