import type { minutesProcedures } from '../../../shared/procedures/minutes'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function minutesHandlers(_context: CoreContext): Pick<Handlers, keyof typeof minutesProcedures> {
  return {}
}
