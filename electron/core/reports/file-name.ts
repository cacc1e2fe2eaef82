/** File systems allow 255 bytes in a name (ext4, APFS); this leaves room for an extension. */
const MAX_NAME_BYTES = 200
/** The end of a title says what the document is ("– 新闻稿", "research report"): a shortened name keeps it. */
const KEPT_TAIL = 16

/** The characters of `characters`, from the start, that fit in `budget` bytes of UTF-8. */
function fitting(characters: string[], budget: number): string {
  let taken = ''
  let bytes = 0
  for (const character of characters) {
    bytes += Buffer.byteLength(character)
    if (bytes > budget) break
    taken += character
  }
  return taken
}

/**
 * A file name any system accepts, keeping Chinese: no path separators or reserved characters, and short enough in
 * bytes (a long Chinese title is three bytes a character): a long one keeps its start and its end around "…".
 */
export function safeFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('')
  const cleaned = printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (Buffer.byteLength(cleaned) <= MAX_NAME_BYTES) return cleaned || 'Fieldbook'
  const characters = [...cleaned]
  const tail = characters.slice(-KEPT_TAIL).join('')
  const head = fitting(characters, MAX_NAME_BYTES - Buffer.byteLength(tail) - Buffer.byteLength('…'))
  return `${head.trimEnd()}…${tail.trimStart()}`
}
