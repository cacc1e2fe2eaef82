import type { attachmentsProcedures } from '../../../shared/procedures/attachments'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function attachmentsHandlers(_context: CoreContext): Pick<Handlers, keyof typeof attachmentsProcedures> {
  return {}
}
