import { AppError } from '../../../shared/errors'
import type { Store } from '../store/store'
import type { SyncClient } from './client'

export interface SchedulerOptions {
  /** A round this often while the app is open. */
  intervalMs?: number
  /** A round this long after the last edit, so typing does not sync on every keystroke. */
  settleMs?: number
  /** The first round after opening. */
  startDelayMs?: number
  /** Failed rounds wait this long, doubling up to `longestBackoffMs`. */
  firstBackoffMs?: number
  longestBackoffMs?: number
  log?: (error: unknown) => void
}

/**
 * Automatic sync: on opening, on an interval, and when edits settle, one round at a time (a request during a
 * round asks for one more after it), backing off while offline. Only when joined and the user left it on.
 * Timers are unref'd so they never keep a process alive, and all cleared on stop.
 */
export class SyncScheduler {
  private readonly intervalMs: number
  private readonly settleMs: number
  private readonly startDelayMs: number
  private readonly firstBackoffMs: number
  private readonly longestBackoffMs: number
  private timer: NodeJS.Timeout | undefined
  private interval: NodeJS.Timeout | undefined
  private unsubscribe: (() => void) | undefined
  private running = false
  private again = false
  private failures = 0
  private waitUntil = 0
  private stopped = true

  constructor(
    private readonly client: SyncClient,
    private readonly store: Store,
    private readonly options: SchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 60_000
    this.settleMs = options.settleMs ?? 5_000
    this.startDelayMs = options.startDelayMs ?? 1_000
    this.firstBackoffMs = options.firstBackoffMs ?? 5_000
    this.longestBackoffMs = options.longestBackoffMs ?? 5 * 60_000
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribe = this.store.onChange(() => {
      // Changes written by a pull are not edits; a user's edit during a round gets one more round after it.
      if (!this.client.applyingRemote) this.soon(this.settleMs)
    })
    this.interval = setInterval(() => void this.trigger(), this.intervalMs)
    this.interval.unref()
    this.soon(this.startDelayMs)
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    clearInterval(this.interval)
    this.unsubscribe?.()
    this.timer = this.interval = this.unsubscribe = undefined
  }

  /** After joining or turning auto sync on: a round right away, forgetting any back-off. */
  kick(): void {
    this.failures = 0
    this.waitUntil = 0
    this.soon(0)
  }

  private soon(ms: number): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.trigger(), ms)
    this.timer.unref()
  }

  private enabled(): boolean {
    return !this.stopped && !this.client.isClosed && this.client.state.joined && this.client.state.settings().autoSync
  }

  private async trigger(): Promise<void> {
    if (!this.enabled()) return
    if (this.running) {
      this.again = true
      return
    }
    if (Date.now() < this.waitUntil) {
      // Offline: try again when the back-off ends, not on every edit.
      this.soon(this.waitUntil - Date.now())
      return
    }
    this.running = true
    try {
      await this.client.sync()
      this.failures = 0
      this.waitUntil = 0
    } catch (error) {
      this.failures++
      this.waitUntil = Date.now() + Math.min(this.longestBackoffMs, this.firstBackoffMs * 2 ** Math.min(this.failures - 1, 16))
      if (!(error instanceof AppError)) this.options.log?.(error)
    } finally {
      this.running = false
      if (this.again) {
        this.again = false
        this.soon(0)
      }
    }
  }
}
