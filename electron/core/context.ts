import type { RecordServices } from './domain/registry'
import type { Store } from './store/store'

/** What every area's handlers may use. */
export interface CoreContext {
  readonly dataDir: string
  readonly store: Store
  readonly records: RecordServices
}
