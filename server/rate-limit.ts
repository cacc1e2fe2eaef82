/**
 * A sliding-window limit per key (the remote address for joins): at most `max` attempts in `windowMs`. Keys are
 * forgotten once their window has passed, and the table is bounded so a flood of addresses cannot fill memory.
 * Kept here rather than taken from rate-limiter-flexible: its memory store reads Date.now and sets timers, so it
 * cannot follow the server's `now` (tests move that clock), and its windows are fixed rather than sliding.
 */
export class RateLimiter {
  private readonly attempts = new Map<string, number[]>()

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts an attempt; returns 0 when allowed, else the seconds until the next attempt is allowed. */
  attempt(key: string): number {
    const now = this.now()
    const recent = (this.attempts.get(key) ?? []).filter((at) => now - at < this.windowMs)
    if (recent.length >= this.max) {
      this.attempts.set(key, recent)
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000))
    }
    recent.push(now)
    this.attempts.delete(key)
    this.attempts.set(key, recent)
    if (this.attempts.size > this.maxKeys) this.prune(now)
    return 0
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((at) => now - at >= this.windowMs)) this.attempts.delete(key)
    }
    // Still too many: drop the least recently used keys (Map keeps insertion order; attempts re-insert).
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= this.maxKeys) break
      this.attempts.delete(key)
    }
  }
}
