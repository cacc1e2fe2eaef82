import type { exchangeProcedures } from '../../../shared/procedures/exchange'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { ExchangeService, type ExchangeHost } from '../exchange/service'

export function exchangeHandlers(
  context: CoreContext,
  host?: ExchangeHost,
  appVersion = '0.0.0',
): Pick<Handlers, keyof typeof exchangeProcedures> {
  const exchange = new ExchangeService(context, host, appVersion)
  return {
    'exchange.chooseFile': ({ purpose }) => exchange.chooseFile(purpose),
    'exchange.previewEnterprises': ({ fileId }) => exchange.previewEnterprises(fileId),
    'exchange.importEnterprises': (request) => exchange.importEnterprises(request),
    'exchange.importTrip': ({ fileId, dryRun }) => exchange.importTrip(fileId, dryRun),
    'exchange.exportTrip': ({ tripId }) => exchange.exportTrip(tripId),
    'exchange.exportTable': (request) => exchange.exportTable(request),
  }
}
