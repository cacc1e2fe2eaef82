import type { FieldbookEvent } from '../../shared/events'
import type { ClockDrift } from '../../shared/hlc'
import { createDispatcher, type Dispatch } from './dispatcher'
import { TripService } from './domain/trips'
import { SCHEMA_VERSION } from './store/migrations'
import { openStore, type Store } from './store/store'

export interface CoreOptions {
  dataDir: string
  /** better-sqlite3 binary for the running runtime; the app passes its Electron build. */
  nativeBinding?: string
  appVersion?: string
  wallClock?: () => number
  onClockDrift?: (drift: ClockDrift) => void
  /** Where unexpected failures are written; the user sees only a generic INTERNAL error. */
  log?: (error: unknown) => void
}

export interface Core {
  readonly dataDir: string
  readonly store: Store
  readonly trips: TripService
  readonly dispatch: Dispatch
  onEvent(listener: (event: FieldbookEvent) => void): () => void
  close(): void
}

/** Everything the app does below the window, runnable under plain Node. */
export function openCore(options: CoreOptions): Core {
  const store = openStore(options)
  const trips = new TripService(store)
  const listeners = new Set<(event: FieldbookEvent) => void>()
  store.onChange((tables) => {
    const event: FieldbookEvent = { type: 'data.changed', tables }
    for (const listener of listeners) listener(event)
  })

  const dispatch = createDispatcher({
    'app.info': () => ({
      version: options.appVersion ?? '0.0.0',
      dataDir: options.dataDir,
      schemaVersion: SCHEMA_VERSION,
      nodeId: store.nodeId,
    }),
    'trip.list': () => trips.list(),
    'trip.get': ({ id }) => trips.get(id),
    'trip.create': (input) => trips.create(input),
    'trip.update': ({ id, patch }) => trips.update(id, patch),
    'trip.delete': ({ id }) => trips.delete(id),
    'trip.restore': ({ id }) => trips.restore(id),
  }, options.log)

  return {
    dataDir: options.dataDir,
    store,
    trips,
    dispatch,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      listeners.clear()
      store.close()
    },
  }
}
