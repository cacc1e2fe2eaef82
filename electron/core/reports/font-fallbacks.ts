import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

/**
 * The Chinese official fonts are not on every machine: 仿宋_GB2312 and 楷体_GB2312 come with government
 * installs, 方正小标宋简体 is commercial. Word reads a font's `w:altName` from the document's font table and uses
 * it when the font is missing, so each one names the closest font every Windows has.
 */
export const FONT_FALLBACKS: Record<string, string> = {
  '仿宋_GB2312': '仿宋',
  '楷体_GB2312': '楷体',
  '方正小标宋简体': '宋体',
  '黑体': 'SimHei',
  '宋体': 'SimSun',
}

function fontEntry(name: string, altName: string): string {
  // charset 86 is GB2312; the family and pitch help Word pick a similar face when neither font exists.
  return `<w:font w:name="${name}"><w:altName w:val="${altName}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`
}

/** The font table (word/fontTable.xml) with the fallbacks of the given fonts added. */
export function fontTableWithFallbacks(xml: string, fonts: readonly string[]): string {
  const entries = [...new Set(fonts)].filter((font) => FONT_FALLBACKS[font]).map((font) => fontEntry(font, FONT_FALLBACKS[font]!))
  if (entries.length === 0) return xml
  return xml.includes('</w:fonts>') ? xml.replace('</w:fonts>', `${entries.join('')}</w:fonts>`) : xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${entries.join('')}</w:fonts>`)
}

/** Adds the fallbacks of the fonts a document uses to its font table (word/fontTable.xml). */
export function withFontFallbacks(docx: Buffer, fonts: readonly string[]): Buffer {
  const files = unzipSync(docx)
  const table = files['word/fontTable.xml']
  if (!table) return docx
  files['word/fontTable.xml'] = strToU8(fontTableWithFallbacks(strFromU8(table), fonts))
  return Buffer.from(zipSync(files, { level: 6 }))
}
