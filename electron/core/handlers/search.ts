import type { searchProcedures } from '../../../shared/procedures/search'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function searchHandlers(_context: CoreContext): Pick<Handlers, keyof typeof searchProcedures> {
  return {}
}
