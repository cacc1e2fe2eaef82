import type { searchProcedures } from '../../../shared/procedures/search'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { SearchIndex, type RebuildProgress } from '../search/search-index'
import { Trash } from '../search/trash'

/**
 * Installs the search index on the write path (active from the moment the core opens) and serves search and
 * trash. An index that needs filling (after an upgrade) is filled at once, or, given `inBackground`, in steps
 * after the core has opened, reporting its progress, so the app answers meanwhile.
 */
export function searchHandlers(
  context: CoreContext,
  inBackground?: { onProgress: (progress: RebuildProgress) => void; log: (error: unknown) => void },
): Pick<Handlers, keyof typeof searchProcedures> {
  const index = new SearchIndex(context.store)
  index.install()
  if (inBackground) {
    setImmediate(() => {
      index.rebuildInSteps(inBackground.onProgress).catch((error: unknown) => inBackground.log(error))
    })
  } else index.rebuildIfEmpty()
  const trash = new Trash(context.store, context.records)
  return {
    'search.query': (input) => index.query(input),
    'trash.list': () => trash.list(),
    'trash.restore': ({ kind, id }) => trash.restore(kind, id),
  }
}
