import { contextBridge, ipcRenderer } from 'electron'
import type { FieldbookBridge } from '../../shared/bridge'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/channels'
import type { InvokeResult } from '../../shared/errors'
import type { FieldbookEvent } from '../../shared/events'

// Only the zod-free channels module: the sandboxed preload cannot load zod or the schemas.
export { EVENT_CHANNEL, INVOKE_CHANNEL }

export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * `window.fieldbook`: two functions and nothing else. The page never sees ipcRenderer or the IPC event (whose
 * `sender` would hand it ipcRenderer back).
 */
export function createBridge(ipc: BridgeIpc): FieldbookBridge {
  return {
    async invoke(name, input) {
      try {
        return (await ipc.invoke(INVOKE_CHANNEL, name, input)) as InvokeResult<unknown>
      } catch {
        // Main answers with results, never rejections; reaching here means no handler (startup failed).
        return { ok: false, error: { code: 'INTERNAL', message: 'Fieldbook did not answer the request.' } }
      }
    },
    onEvent(listener) {
      const forward = (_event: unknown, payload: unknown) => listener(payload as FieldbookEvent)
      ipc.on(EVENT_CHANNEL, forward)
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward)
      }
    },
  }
}

contextBridge.exposeInMainWorld('fieldbook', createBridge(ipcRenderer))
