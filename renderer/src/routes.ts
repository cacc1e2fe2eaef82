/** Where each kind of record is shown, so search results, timelines and links all open the same screen. */
export interface RecordLocation {
  kind: string
  id: string
  tripId?: string | undefined
  enterpriseId?: string | undefined
  /** The record a child row belongs to: the symposium of a remark, the survey of a position, the visit of a stop. */
  parentId?: string | undefined
}

/** The tabs of a trip's screen, in order; `overview` is the dashboard. */
export const TRIP_TABS = ['overview', 'group', 'itinerary', 'visits', 'symposiums', 'agreements', 'surveys', 'questionnaire', 'followUps', 'notes'] as const
export type TripTab = (typeof TRIP_TABS)[number]

export const tripPath = (tripId: string, tab: TripTab = 'overview') => `/trips/${tripId}${tab === 'overview' ? '' : `/${tab}`}`
export const enterprisePath = (enterpriseId: string, tab?: string) => `/enterprises/${enterpriseId}${tab ? `/${tab}` : ''}`

export function recordPath(location: RecordLocation): string {
  const { kind, id, tripId, enterpriseId, parentId } = location
  switch (kind) {
    case 'trip':
      return tripPath(id)
    case 'enterprise':
      return enterprisePath(id)
    case 'contact':
      return enterprisePath(enterpriseId ?? parentId ?? '', 'contacts')
    case 'interaction':
      return enterprisePath(enterpriseId ?? parentId ?? '', 'timeline')
    case 'visit':
      return `/visits/${id}`
    case 'visitStop':
      return `/visits/${parentId}`
    case 'symposium':
      return `/symposiums/${id}`
    case 'attendee':
    case 'remark':
      return `/symposiums/${parentId}`
    case 'agreement':
      return `/agreements/${id}`
    case 'survey':
      return `/surveys/${id}`
    case 'position':
      return `/surveys/${parentId}`
    case 'member':
      return tripPath(tripId ?? '', 'group')
    case 'itinerary':
      return tripPath(tripId ?? '', 'itinerary')
    case 'questionnaire':
      return tripPath(tripId ?? '', 'questionnaire')
    case 'action':
      return tripId ? tripPath(tripId, 'followUps') : '/follow-ups'
    case 'staff':
      return '/campaign/staff'
    case 'note':
      return tripId ? tripPath(tripId, 'notes') : enterprisePath(enterpriseId ?? '', 'history')
    default:
      return '/'
  }
}
