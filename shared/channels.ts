/** IPC channel names, apart from the contract so the sandboxed preload can import them without zod. */
export const INVOKE_CHANNEL = 'fieldbook:invoke'
export const EVENT_CHANNEL = 'fieldbook:event'
