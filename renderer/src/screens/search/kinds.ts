import type { SearchKind } from '../../../../shared/procedures/search'
import { enterprisePath, recordPath } from '../../routes'

/** The kinds of record as users think of them: a symposium's remarks and attendees belong to "symposiums". */
export const CATEGORIES = {
  trips: ['trip', 'member', 'itinerary', 'questionnaire'],
  enterprises: ['enterprise', 'contact', 'interaction'],
  visits: ['visit', 'visitStop'],
  symposiums: ['symposium', 'attendee', 'remark'],
  agreements: ['agreement'],
  surveys: ['survey', 'position'],
  followUps: ['action'],
  notes: ['note'],
  attachments: ['attachment'],
} as const satisfies Record<string, readonly SearchKind[]>
export type Category = keyof typeof CATEGORIES
export const CATEGORY_NAMES = Object.keys(CATEGORIES) as Category[]

export function categoryOf(kind: SearchKind): Category {
  return CATEGORY_NAMES.find((category) => (CATEGORIES[category] as readonly string[]).includes(kind)) ?? 'notes'
}

/** Where a found or trashed record opens; an attachment opens the record it belongs to. */
export function locationOf(item: { kind: SearchKind; id: string; tripId: string; enterpriseId: string; parentId: string; parentKind: string }): string {
  if (item.kind === 'attachment') {
    if (item.parentKind === 'enterprise') return enterprisePath(item.parentId, 'files')
    return recordPath({ kind: item.parentKind, id: item.parentId, tripId: item.tripId || undefined, enterpriseId: item.enterpriseId || undefined })
  }
  return recordPath({
    kind: item.kind,
    id: item.id,
    tripId: item.tripId || undefined,
    enterpriseId: item.enterpriseId || undefined,
    parentId: item.parentId || undefined,
  })
}
