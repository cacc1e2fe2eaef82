/**
 * Hybrid logical clock: 48-bit wall milliseconds, a 16-bit counter and the install's node id, written as a
 * fixed-width string (`mmmmmmmmmmmm-cccc-nnnnnnnnnnnnnnnn`) so that string order is clock order, with the node
 * id breaking ties. A remote clock far ahead of ours is reported and followed only up to the drift limit: one
 * machine with a wrong date must not drag every other machine's clock into the future with it.
 */
export interface HlcTimestamp {
  millis: number
  counter: number
  node: string
}

export const HLC_PATTERN = /^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/
/** How far ahead of a server's (or this machine's) wall clock a clock may run before it is refused or bounded. */
export const DEFAULT_MAX_CLOCK_DRIFT_MS = 5 * 60_000
const MAX_COUNTER = 0xffff
const MAX_MILLIS = 2 ** 48 - 1

/** Throws for a part out of range: a clock written must read back as the same clock, in the same width. */
export function formatHlc(ts: HlcTimestamp): string {
  if (!Number.isInteger(ts.millis) || ts.millis < 0 || ts.millis > MAX_MILLIS) throw new Error(`Clock milliseconds out of range: ${ts.millis}`)
  if (!Number.isInteger(ts.counter) || ts.counter < 0 || ts.counter > MAX_COUNTER) throw new Error(`Clock counter out of range: ${ts.counter}`)
  if (!isNodeId(ts.node)) throw new Error(`Not a node id: ${ts.node}`)
  return `${ts.millis.toString(16).padStart(12, '0')}-${ts.counter.toString(16).padStart(4, '0')}-${ts.node}`
}

export function parseHlc(text: string): HlcTimestamp {
  if (!HLC_PATTERN.test(text)) throw new Error(`Not a clock value: ${text}`)
  return {
    millis: parseInt(text.slice(0, 12), 16),
    counter: parseInt(text.slice(13, 17), 16),
    node: text.slice(18),
  }
}

export function isNodeId(text: string): boolean {
  return /^[0-9a-f]{16}$/.test(text)
}

export interface ClockDrift {
  /** How far the remote clock is ahead of our wall clock, in milliseconds. */
  aheadMs: number
  remote: string
}

export class HybridLogicalClock {
  private last: { millis: number; counter: number }

  constructor(
    readonly node: string,
    last: string | null,
    private readonly wallClock: () => number = Date.now,
    /** Remote clocks further ahead than this are reported through `onDrift`. */
    private readonly maxDriftMs = DEFAULT_MAX_CLOCK_DRIFT_MS,
    private readonly onDrift: (drift: ClockDrift) => void = () => {},
  ) {
    if (!isNodeId(node)) throw new Error(`Not a node id: ${node}`)
    this.last = last ? lastIssued(last) : { millis: 0, counter: 0 }
  }

  private formattedMillis = { millis: -1, text: '' }

  /** The last value issued or seen, for persisting. */
  current(): string {
    // Issued thousands of times per batch within one millisecond: its hex part is formatted once.
    if (this.formattedMillis.millis !== this.last.millis) {
      this.formattedMillis = { millis: this.last.millis, text: this.last.millis.toString(16).padStart(12, '0') }
    }
    return `${this.formattedMillis.text}-${this.last.counter.toString(16).padStart(4, '0')}-${this.node}`
  }

  /** A new timestamp for a local event. */
  now(): string {
    this.advance(0, 0)
    return this.current()
  }

  /**
   * Moves the clock past a timestamp received from another node, but never more than the drift limit beyond this
   * machine's wall clock: a remote clock further ahead is reported and followed only that far. (The server refuses
   * such clocks; this keeps one that slipped through, or an old server's, from poisoning this node's clock.)
   */
  receive(remote: string): void {
    const r = parseHlc(remote)
    const wall = this.wallClock()
    const limit = wall + this.maxDriftMs
    if (r.millis > limit) {
      this.onDrift({ aheadMs: r.millis - wall, remote })
      this.advance(limit, 0)
      return
    }
    this.advance(r.millis, r.counter)
  }

  /**
   * Sets the clock back to `floor` (the newest clock that stays valid here), or to zero: after this machine's
   * wall clock was corrected, the changes it stamped in the future are stamped again from here on.
   */
  rewind(floor: string | null): void {
    const parsed = floor ? parseHlc(floor) : null
    this.last = parsed ? { millis: parsed.millis, counter: parsed.counter } : { millis: 0, counter: 0 }
  }

  /** The drift limit this clock keeps to when it receives. */
  get driftLimitMs(): number {
    return this.maxDriftMs
  }

  private advance(remoteMillis: number, remoteCounter: number): void {
    const wall = Math.min(this.wallClock(), MAX_MILLIS)
    const millis = Math.max(wall, this.last.millis, remoteMillis)
    let counter: number
    if (millis === this.last.millis && millis === remoteMillis) counter = Math.max(this.last.counter, remoteCounter) + 1
    else if (millis === this.last.millis) counter = this.last.counter + 1
    else if (millis === remoteMillis) counter = remoteCounter + 1
    else counter = 0
    // A counter overflow borrows the next millisecond rather than failing; at the last millisecond the clock
    // stays at its largest value (reached only through a forged clock): it never grows past its fixed width.
    if (counter <= MAX_COUNTER) this.last = { millis, counter }
    else this.last = millis < MAX_MILLIS ? { millis: millis + 1, counter: 0 } : { millis: MAX_MILLIS, counter: MAX_COUNTER }
  }
}

/**
 * The last clock a workspace saved. One that an earlier version let overflow its width (13 hex digits of
 * milliseconds, after a forged clock) is read as the largest clock, so the workspace still opens.
 */
function lastIssued(text: string): { millis: number; counter: number } {
  if (/^[0-9a-f]{13,}-[0-9a-f]+-[0-9a-f]{16}$/.test(text)) return { millis: MAX_MILLIS, counter: MAX_COUNTER }
  const parsed = parseHlc(text)
  return { millis: parsed.millis, counter: parsed.counter }
}
