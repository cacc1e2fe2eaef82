import type { syncProcedures } from '../../../shared/procedures/sync'
import type { Handlers } from '../dispatcher'
import type { SyncClient } from '../sync/client'
import type { SyncScheduler } from '../sync/scheduler'

export function syncHandlers(sync: SyncClient, scheduler?: SyncScheduler): Pick<Handlers, keyof typeof syncProcedures> {
  return {
    'sync.status': () => sync.status(),
    'sync.join': async (input) => {
      const status = await sync.join(input)
      scheduler?.kick()
      return status
    },
    'sync.now': () => sync.sync({ manual: true }),
    'sync.setAuto': ({ autoSync }) => {
      const status = sync.setAuto(autoSync)
      if (autoSync) scheduler?.kick()
      return status
    },
    'sync.leave': () => sync.leave(),
    'conflicts.list': ({ includeResolved }) => sync.conflicts.list(includeResolved),
    'conflicts.resolve': (input) => {
      sync.conflicts.resolve(input)
      return { ok: true as const }
    },
    'history.ofRecord': ({ table, rowId }) => sync.history(table, rowId),
  }
}
