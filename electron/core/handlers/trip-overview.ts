import type { tripOverviewProcedures } from '../../../shared/procedures/trip-overview'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { tripDashboard } from '../domain/dashboard'

export function tripOverviewHandlers(context: CoreContext): Pick<Handlers, keyof typeof tripOverviewProcedures> {
  return {
    'trip.dashboard': (input) => {
      // An unknown trip is NOT_FOUND rather than a page of zeros.
      context.records.trip.get(input.tripId)
      return tripDashboard(context.store, input)
    },
  }
}
