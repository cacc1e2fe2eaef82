import type { enterpriseFileProcedures } from '../../../shared/procedures/enterprise-file'
import type { enterpriseIdentityProcedures } from '../../../shared/procedures/enterprise-identity'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { enterpriseDemandHistory, enterpriseOverview, enterpriseTimeline } from '../domain/enterprise-file'
import { mergeEnterprises } from '../domain/enterprise-merge'
import { localToday } from '../local-date'

export function enterpriseFileHandlers(
  context: CoreContext,
): Pick<Handlers, keyof typeof enterpriseFileProcedures | keyof typeof enterpriseIdentityProcedures> {
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
    // The latest contact is one on or before this computer's today: a visit planned for next week is not one yet.
    'enterprise.overview': () => enterpriseOverview(store, localToday()),
    'enterprise.merge': (input) => mergeEnterprises(context, input),
  }
}
