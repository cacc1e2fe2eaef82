import type { FieldbookBridge } from '../../shared/bridge'

declare global {
  interface Window {
    fieldbook: FieldbookBridge
  }
}
