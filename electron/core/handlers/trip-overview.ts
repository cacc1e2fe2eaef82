import type { tripOverviewProcedures } from '../../../shared/procedures/trip-overview'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function tripOverviewHandlers(_context: CoreContext): Pick<Handlers, keyof typeof tripOverviewProcedures> {
  return {}
}
