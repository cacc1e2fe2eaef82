import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract'
import type { InvokeResult } from '../../shared/errors'
import type { FieldbookEvent } from '../../shared/events'
import type { Dispatch } from '../core/dispatcher'
import type { SenderFrame } from './security'

export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null
}

export interface InvokeRegistry {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/**
 * The single IPC entry. The sender is checked before anything else; the dispatcher parses the input and never
 * throws, and a failure here is still returned as a result so nothing throws across the bridge.
 */
export function registerInvokeHandler(
  ipcMain: InvokeRegistry,
  dispatch: Dispatch,
  isTrusted: (frame: SenderFrame | null) => boolean,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name, input): Promise<InvokeResult<unknown>> => {
    let trusted = false
    try {
      // Read at once: the frame becomes null if it navigates away while the call is in flight.
      trusted = isTrusted(event.senderFrame)
    } catch {
      trusted = false
    }
    if (!trusted) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This page may not call Fieldbook.' } }
    }
    try {
      return await dispatch(name, input)
    } catch (error) {
      console.error(error)
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Fieldbook; nothing was changed.' } }
    }
  })
  return () => ipcMain.removeHandler(INVOKE_CHANNEL)
}

export interface EventSink {
  isDestroyed(): boolean
  send(channel: string, ...args: unknown[]): void
}

/** Core events go to the window on the one event channel; a closed window is skipped, not an error. */
export function forwardEvents(
  subscribe: (listener: (event: FieldbookEvent) => void) => () => void,
  webContents: EventSink,
): () => void {
  return subscribe((event) => {
    if (webContents.isDestroyed()) return
    try {
      webContents.send(EVENT_CHANNEL, event)
    } catch (error) {
      // The window may be torn down between the check and the send during shutdown.
      console.error('Could not forward an event to the window', error)
    }
  })
}
