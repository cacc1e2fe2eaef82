import type { InvokeResult } from './errors'
import type { FieldbookEvent } from './events'

/** The only thing the preload exposes to the page, as `window.fieldbook`. */
export interface FieldbookBridge {
  invoke(name: string, input: unknown): Promise<InvokeResult<unknown>>
  /** Subscribes to main's events; returns the unsubscribe function. */
  onEvent(listener: (event: FieldbookEvent) => void): () => void
}
