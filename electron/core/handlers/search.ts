import type { searchProcedures } from '../../../shared/procedures/search'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { SearchIndex } from '../search/search-index'
import { Trash } from '../search/trash'

/** Installs the search index on the write path (active from the moment the core opens) and serves search and trash. */
export function searchHandlers(context: CoreContext): Pick<Handlers, keyof typeof searchProcedures> {
  const index = new SearchIndex(context.store)
  index.install()
  index.rebuildIfEmpty()
  const trash = new Trash(context.store, context.records)
  return {
    'search.query': (input) => index.query(input),
    'trash.list': () => trash.list(),
    'trash.restore': ({ kind, id }) => trash.restore(kind, id),
  }
}
