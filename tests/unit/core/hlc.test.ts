import { describe, expect, it } from 'vitest'
import { formatHlc, HybridLogicalClock, parseHlc } from '../../../shared/hlc'

const NODE_A = 'aaaaaaaaaaaaaaaa'
const NODE_B = 'bbbbbbbbbbbbbbbb'

describe('hybrid logical clock', () => {
  it('round-trips through its fixed-width text form', () => {
    const ts = { millis: 1_747_353_600_000, counter: 42, node: NODE_A }
    const text = formatHlc(ts)
    expect(text).toMatch(/^[0-9a-f]{12}-002a-a{16}$/)
    expect(parseHlc(text)).toEqual(ts)
  })

  it('issues strictly increasing values even when the wall clock stands still or goes back', () => {
    let wall = 1_000_000
    const clock = new HybridLogicalClock(NODE_A, null, () => wall)
    const seen: string[] = []
    for (let i = 0; i < 5; i++) seen.push(clock.now())
    wall -= 50_000 // the user fixes their clock backwards
    for (let i = 0; i < 5; i++) seen.push(clock.now())
    expect([...seen].sort()).toEqual(seen)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('moves past a received value a little ahead, as far as it is', () => {
    const wall = 10_000_000
    const clock = new HybridLogicalClock(NODE_A, null, () => wall, 60_000)
    const remote = formatHlc({ millis: wall + 30_000, counter: 7, node: NODE_B })
    clock.receive(remote)
    expect(parseHlc(clock.now())).toEqual({ millis: wall + 30_000, counter: 9, node: NODE_A })
  })

  it('follows a received value far ahead only up to the drift limit past its own wall clock, and reports it', () => {
    const drifts: number[] = []
    let wall = 10_000_000
    const clock = new HybridLogicalClock(NODE_A, null, () => wall, 60_000, (d) => drifts.push(d.aheadMs))
    const remote = formatHlc({ millis: wall + 365 * 86_400_000, counter: 7, node: NODE_B })
    clock.receive(remote)
    clock.receive(remote)
    const next = parseHlc(clock.now())
    expect(next.millis).toBe(wall + 60_000)
    expect(drifts).toEqual([365 * 86_400_000, 365 * 86_400_000])
    // Later, as the wall clock moves on, the clock follows the wall clock again.
    wall += 120_000
    expect(parseHlc(clock.now())).toEqual({ millis: wall, counter: 0, node: NODE_A })
  })

  it('is set back to a floor after the wall clock was corrected, and goes on from there', () => {
    const wall = 10_000_000
    const clock = new HybridLogicalClock(NODE_A, formatHlc({ millis: wall + 365 * 86_400_000, counter: 3, node: NODE_A }), () => wall)
    const floor = formatHlc({ millis: wall - 5_000, counter: 2, node: NODE_B })
    clock.rewind(floor)
    expect(parseHlc(clock.now())).toEqual({ millis: wall, counter: 0, node: NODE_A })
    clock.rewind(formatHlc({ millis: wall + 10, counter: 2, node: NODE_B }))
    expect(parseHlc(clock.now())).toEqual({ millis: wall + 10, counter: 3, node: NODE_A })
  })

  it('borrows the next millisecond when the counter would overflow', () => {
    const wall = 5_000
    const clock = new HybridLogicalClock(NODE_A, formatHlc({ millis: wall, counter: 0xffff, node: NODE_A }), () => wall)
    expect(parseHlc(clock.now())).toEqual({ millis: wall + 1, counter: 0, node: NODE_A })
  })

  it('resumes from the persisted value', () => {
    const persisted = formatHlc({ millis: 9_999_999, counter: 3, node: NODE_A })
    const clock = new HybridLogicalClock(NODE_A, persisted, () => 1)
    expect(clock.now() > persisted).toBe(true)
  })

  it('refuses a malformed node id or clock text', () => {
    expect(() => new HybridLogicalClock('xyz', null)).toThrow()
    expect(() => parseHlc('not-a-clock')).toThrow()
  })
})
