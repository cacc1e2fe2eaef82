import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { ProcedureInput, ProcedureName } from '../../../shared/contract'
import { invoke } from './client'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data is local: a failure is not a flaky network, so do not retry it.
      queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  })
}

/**
 * Query keys start with the table they read, so a `data.changed` event can refresh exactly those. Queries
 * computed from several tables (dashboards, timelines, search) start with DERIVED and refresh on any change.
 */
export const DERIVED = 'derived'
export const queryKeys = {
  appInfo: ['app'] as const,
}

export function useProcedure<N extends ProcedureName>(name: N, input: ProcedureInput<N>, key: readonly unknown[]) {
  return useQuery({ queryKey: key, queryFn: () => invoke(name, input) })
}

/** A mutation of one procedure; the `data.changed` event refreshes whatever it touched. */
export function useProcedureMutation<N extends ProcedureName>(name: N) {
  return useMutation({ mutationFn: (input: ProcedureInput<N>) => invoke(name, input) })
}

/** A query computed from several tables, refreshed after any change. */
export function useDerived<N extends ProcedureName>(name: N, input: ProcedureInput<N>, enabled = true) {
  return useQuery({ queryKey: [DERIVED, name, input], queryFn: () => invoke(name, input), enabled })
}

/** Refreshes the queries of the tables the core reports as changed (our edits, and later, sync). */
export function useDataChangedEvents(): void {
  const client = useQueryClient()
  useEffect(
    () =>
      window.fieldbook.onEvent((event) => {
        if (event.type !== 'data.changed') return
        for (const table of event.tables) void client.invalidateQueries({ queryKey: [table] })
        void client.invalidateQueries({ queryKey: [DERIVED] })
      }),
    [client],
  )
}
