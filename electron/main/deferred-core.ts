import type { InvokeResult } from '../../shared/errors'
import type { Dispatch } from '../core/dispatcher'

/**
 * The window is shown before the core has opened (loading its modules and the database takes about a second),
 * so the invoke handler is registered at once and every call waits here until the core is there. The page's
 * first call is its start-up screen's, which therefore ends exactly when the data can be read.
 */
export interface DeferredDispatch {
  dispatch: Dispatch
  /** The core's dispatch, once it opened. */
  open(dispatch: Dispatch): void
  /** The core could not open: main tells the user and quits; waiting calls get an answer instead of hanging. */
  fail(error: unknown): void
  readonly isOpen: boolean
}

export function deferredDispatch(): DeferredDispatch {
  let resolveCore!: (dispatch: Dispatch | null) => void
  const core = new Promise<Dispatch | null>((resolve) => (resolveCore = resolve))
  let isOpen = false
  return {
    async dispatch(name, input): Promise<InvokeResult<unknown>> {
      const dispatch = await core
      if (!dispatch) return { ok: false, error: { code: 'INTERNAL', message: 'Fieldbook could not open its data.' } }
      return dispatch(name, input)
    },
    open(dispatch) {
      isOpen = true
      resolveCore(dispatch)
    },
    fail() {
      resolveCore(null)
    },
    get isOpen() {
      return isOpen
    },
  }
}
