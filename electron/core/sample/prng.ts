/**
 * A small seeded random source (mulberry32): the same seed gives the same sequence on every machine, so a
 * generated data set — ids included — is the same each time it is made.
 */
export class Prng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /** `count` distinct items (or all of them when fewer), in random order. */
  some<T>(list: readonly T[], count: number): T[] {
    const copy = [...list]
    const out: T[] = []
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!)
    return out
  }

  /** An index in [0, n) skewed towards 0: a few key partners get most of the visits, as in real files. */
  skewedIndex(n: number, power = 2.2): number {
    return Math.min(n - 1, Math.floor(n * this.next() ** power))
  }

  hex(digits: number): string {
    let out = ''
    while (out.length < digits) out += Math.floor(this.next() * 0x10000).toString(16).padStart(4, '0')
    return out.slice(0, digits)
  }
}

/**
 * A UUIDv7-shaped id from the generator: the 48-bit millisecond time the record was "made", then random bits
 * from the seeded source, with the version (7) and variant bits set, so ids still sort by creation time and
 * match the Id pattern of the schemas.
 */
export function seededId(prng: Prng, ms: number): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12)
  const variant = (8 + prng.int(0, 3)).toString(16)
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${prng.hex(3)}-${variant}${prng.hex(3)}-${prng.hex(12)}`
}
