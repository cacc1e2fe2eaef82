import type { enterpriseFileProcedures } from '../../../shared/procedures/enterprise-file'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function enterpriseFileHandlers(_context: CoreContext): Pick<Handlers, keyof typeof enterpriseFileProcedures> {
  return {}
}
