import type { demandProcedures } from '../../../shared/procedures/demand'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function demandHandlers(_context: CoreContext): Pick<Handlers, keyof typeof demandProcedures> {
  return {}
}
