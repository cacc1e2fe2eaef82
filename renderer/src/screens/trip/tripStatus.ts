import type { Trip } from '../../../../shared/schemas/trip'

/** Tag colours of a trip's status, the same in the list and on the trip's screen. */
export const TRIP_STATUS_COLORS: Record<Trip['status'], string> = {
  planned: 'blue',
  ongoing: 'green',
  completed: 'default',
  archived: 'default',
}

/** Whole days from start to end, both included. */
export function tripDays(trip: Pick<Trip, 'startDate' | 'endDate'>): number {
  const start = Date.parse(`${trip.startDate}T00:00:00Z`)
  const end = Date.parse(`${trip.endDate}T00:00:00Z`)
  return Math.round((end - start) / 86_400_000) + 1
}
