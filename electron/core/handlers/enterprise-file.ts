import type { enterpriseFileProcedures } from '../../../shared/procedures/enterprise-file'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { enterpriseDemandHistory, enterpriseOverview, enterpriseTimeline } from '../domain/enterprise-file'

export function enterpriseFileHandlers(context: CoreContext): Pick<Handlers, keyof typeof enterpriseFileProcedures> {
  const { store, records } = context
  return {
    // `get` answers NOT_FOUND for an id that names no enterprise, rather than an empty file that looks real.
    'enterprise.timeline': ({ enterpriseId }) => {
      records.enterprise.get(enterpriseId)
      return enterpriseTimeline(store, enterpriseId)
    },
    'enterprise.demandHistory': ({ enterpriseId }) => {
      records.enterprise.get(enterpriseId)
      return enterpriseDemandHistory(store, enterpriseId)
    },
    'enterprise.overview': () => enterpriseOverview(store),
  }
}
