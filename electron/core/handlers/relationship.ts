import type { relationshipProcedures } from '../../../shared/procedures/relationship'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { logInteraction, relationshipSummary } from '../domain/relationship'

export function relationshipHandlers(context: CoreContext): Pick<Handlers, keyof typeof relationshipProcedures> {
  const { store, records } = context
  return {
    'enterprise.summary': ({ enterpriseId, today }) => relationshipSummary(store, enterpriseId, today),
    'interaction.log': (input: unknown) => logInteraction(store, records, input),
  }
}
