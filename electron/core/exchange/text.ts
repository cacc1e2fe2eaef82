import { AppError } from '../../../shared/errors'

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030'

/**
 * Decodes a text file whatever Chinese office produced it: a byte-order mark says UTF-8 or UTF-16; bytes that
 * are valid UTF-8 are UTF-8; anything else is taken as GB18030 (a superset of GBK and GB2312, what Excel on a
 * Chinese Windows saves as "CSV").
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

/**
 * A CSV is text: no NUL bytes, and (decoded) hardly any control characters or undecodable sequences. Anything
 * else (a photo or an archive renamed .csv) is refused before it can be read as thousands of garbage rows.
 */
export function assertLooksLikeText(bytes: Uint8Array, text: string, fileName: string): void {
  const sample = bytes.subarray(0, 64 * 1024)
  const utf16 = bytes[0] === 0xff || bytes[0] === 0xfe
  if (!utf16 && sample.includes(0)) throw notText(fileName)
  let odd = 0
  const head = text.slice(0, 64 * 1024)
  for (const char of head) {
    const code = char.charCodeAt(0)
    if ((code < 32 && char !== '\n' && char !== '\r' && char !== '\t') || char === '\ufffd' || (code >= 0x80 && code < 0xa0)) odd++
  }
  if (head.length > 0 && odd / head.length > 0.01) throw notText(fileName)
}

function notText(fileName: string): AppError {
  return new AppError('IMPORT_INVALID', `${fileName} is not a text (CSV) file.`, { reason: 'notText', fileName })
}
