import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { openCore, type Core, type CoreOptions } from '../../electron/core/core'
import type { AppErrorData } from '../../shared/errors'
import { tempDir } from './temp'

/** What most procedures return: a record with an id and whatever else. */
export type Row = Record<string, unknown> & { id: string }

/** Calls a procedure that must succeed and returns its value (throws with the error otherwise). */
export async function dispatchOk<T = Row>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input)
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

/** Calls a procedure that must fail (asserted) and returns its error. */
export async function dispatchFailure(core: Core, name: string, input: unknown): Promise<AppErrorData> {
  const result = await core.dispatch(name, input)
  expect(result.ok, `${name} should fail`).toBe(false)
  if (result.ok) throw new Error(`${name} should have failed`)
  return result.error
}

export type TempCoreOptions = Omit<CoreOptions, 'dataDir'>

export interface TempCore {
  /** The open core (inside tests and hooks registered after `useTempCore`). */
  readonly core: Core
  /** Its data folder. */
  readonly dir: string
  /** Closes the core and opens a new one on the same folder with these options (closed at the end like the first). */
  reopen(options?: TempCoreOptions): Core
  ok<T = Row>(name: string, input: unknown): Promise<T>
  failure(name: string, input: unknown): Promise<AppErrorData>
}

/**
 * A core on a fresh temporary folder: opened before each test (or once for the file or suite with `once`),
 * closed and removed after. Returns accessors, since the core changes between tests.
 */
export function useTempCore(options: TempCoreOptions & { once?: boolean } = {}): TempCore {
  const { once = false, ...coreOptions } = options
  let dir: ReturnType<typeof tempDir> | undefined
  let core: Core | undefined
  const current = (): Core => {
    if (!core) throw new Error('useTempCore: the core is only open inside tests')
    return core
  }
  ;(once ? beforeAll : beforeEach)(() => {
    dir = tempDir()
    core = openCore({ dataDir: dir.path, ...coreOptions })
  })
  ;(once ? afterAll : afterEach)(() => {
    core?.close()
    dir?.cleanup()
    core = undefined
    dir = undefined
  })
  return {
    get core() {
      return current()
    },
    get dir() {
      if (!dir) throw new Error('useTempCore: the folder only exists inside tests')
      return dir.path
    },
    reopen(reopenOptions = {}) {
      const dataDir = current().dataDir
      current().close()
      core = openCore({ dataDir, ...reopenOptions })
      return core
    },
    ok: <T = Row>(name: string, input: unknown) => dispatchOk<T>(current(), name, input),
    failure: (name, input) => dispatchFailure(current(), name, input),
  }
}

/** The reference trip's backbone, bare: the trip and the two enterprises it visits. */
export async function referenceTrip(core: Core): Promise<{ trip: Row; qicai: Row; huirun: Row }> {
  const trip = await dispatchOk(core, 'trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
  const qicai = await dispatchOk(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
  const huirun = await dispatchOk(core, 'enterprise.create', { name: '汇润集团（苏州）' })
  return { trip, qicai, huirun }
}
