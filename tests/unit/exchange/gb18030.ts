/**
 * Node can decode GB18030 but not encode it. The two-byte part (GBK: every common Chinese character) is built
 * here by decoding each code once, which is enough to write the files Chinese offices save as "CSV".
 */
let table: Map<string, number[]> | undefined

export function encodeGb18030(text: string): Uint8Array {
  if (!table) {
    table = new Map()
    const decoder = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const char = decoder.decode(new Uint8Array([lead, trail]))
        if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail])
      }
    }
  }
  const bytes: number[] = []
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0))
    else {
      const pair = table.get(char)
      if (!pair) throw new Error(`No GBK code for ${char}`)
      bytes.push(...pair)
    }
  }
  return new Uint8Array(bytes)
}

/** A valid unified social credit code from a number (the check character computed). */
export { creditCodeCheckChar } from '../../../shared/schemas/enterprise'
