import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { TABLE_TEXT_STYLE } from './blocks'
import { fontTableWithFallbacks } from './font-fallbacks'

/**
 * What the docx package cannot write, added to the packed file in one pass: the fonts' fallbacks in the font table,
 * and table cell paragraphs taken off the body's line grid (<w:snapToGrid w:val="0"/>), so 小四 cell text is
 * single-spaced rather than stretched to the 三号 grid. Pictures are stored as they are (JPEG and PNG are already
 * compressed; deflating them again only costs time).
 */
export function finishDocx(docx: Buffer, fonts: readonly string[]): Buffer {
  const files = unzipSync(docx)
  const table = files['word/fontTable.xml']
  if (table) files['word/fontTable.xml'] = strToU8(fontTableWithFallbacks(strFromU8(table), fonts))
  const document = files['word/document.xml']
  if (document) {
    const marker = `<w:pStyle w:val="${TABLE_TEXT_STYLE}"/>`
    files['word/document.xml'] = strToU8(strFromU8(document).replaceAll(marker, `${marker}<w:snapToGrid w:val="0"/>`))
  }
  const zippable: Zippable = {}
  for (const [name, data] of Object.entries(files)) zippable[name] = name.startsWith('word/media/') ? [data, { level: 0 }] : data
  return Buffer.from(zipSync(zippable, { level: 6 }))
}
