import type { searchProcedures } from '../../../shared/procedures/search'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import type { SearchIndex } from '../search/search-index'
import { Trash } from '../search/trash'

/** Serves search (from the index `openCore` installed on the write path) and the trash. */
export function searchHandlers(context: CoreContext, index: SearchIndex): Pick<Handlers, keyof typeof searchProcedures> {
  const trash = new Trash(context.store, context.records)
  return {
    'search.query': (input) => index.query(input),
    'trash.list': () => trash.list(),
    'trash.restore': ({ kind, id }) => trash.restore(kind, id),
  }
}
