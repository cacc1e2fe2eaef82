import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { ProcedureInput, ProcedureOutput } from '../../../../shared/contract'
import type { syncProcedures, SyncStatus } from '../../../../shared/procedures/sync'
import { invoke } from '../../api/client'
import { DERIVED } from '../../api/queries'

export type SyncProcedureName = keyof typeof syncProcedures

/** Calls a sync procedure; failures arrive as ApiError with a SYNC_* code the screens translate. */
export function invokeSync<N extends SyncProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  return invoke(name, input)
}

/** Under DERIVED: a local edit changes the count of changes waiting, so any data change refreshes the status. */
export const SYNC_STATUS_KEY = [DERIVED, 'sync.status'] as const
/** Conflicts come from several tables and change with any sync: refreshed on every data change (DERIVED). */
export const CONFLICTS_KEY = [DERIVED, 'conflicts.list'] as const

/**
 * The sync status: read once from `sync.status`, then kept current by the `sync.progress` events the core
 * sends whenever the phase, the counts or the last error change.
 */
export function useSyncStatus() {
  const client = useQueryClient()
  useEffect(
    () =>
      window.fieldbook.onEvent((event) => {
        if (event.type !== 'sync.progress') return
        const before = client.getQueryData<SyncStatus>(SYNC_STATUS_KEY)
        client.setQueryData(SYNC_STATUS_KEY, event.status)
        if (before?.openConflicts !== event.status.openConflicts) void client.invalidateQueries({ queryKey: CONFLICTS_KEY })
      }),
    [client],
  )
  return useQuery({ queryKey: SYNC_STATUS_KEY, queryFn: () => invokeSync('sync.status', {}) })
}

export function useConflicts(enabled = true) {
  return useQuery({ queryKey: CONFLICTS_KEY, queryFn: () => invokeSync('conflicts.list', {}), enabled })
}

/** True while a sync round runs: the "Sync now" button waits for it. */
export function isSyncing(status: SyncStatus | undefined): boolean {
  return status?.phase === 'pushing' || status?.phase === 'pulling' || status?.phase === 'blobs'
}
