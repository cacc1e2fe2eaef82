/**
 * Page and type settings of a document style. Sizes in half-points (docx), lengths in twips (1/20 pt).
 * The official style follows GB/T 9704-2012 (党政机关公文格式).
 */
export interface ReportStyle {
  name: 'official' | 'standard'
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number }
  /** Exact line pitch of body text; with the page grid this gives 22 lines per page in the official style. */
  linePitch: number
  /** Character spacing of body text in twips (negative tightens). */
  characterSpacing: number
  fonts: { body: string; title: string; heading1: string; heading2: string; heading3: string; pageNumber: string; latin: string; table: string }
  sizes: { body: number; title: number; heading1: number; heading2: number; table: number; pageNumber: number; caption: number }
  /** First-line indent of body paragraphs: two characters. */
  firstLineIndent: number
  pageNumber: { format: 'dash' | 'plain'; alternate: boolean }
  /** Distance from the page's bottom edge to the page number's line (twips). */
  footer: number
}

const MM = 56.7 // twips per millimetre
const A4 = { width: 11906, height: 16838 }

export const OFFICIAL_STYLE: ReportStyle = {
  name: 'official',
  page: { ...A4, top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
  linePitch: 579,
  characterSpacing: -5,
  fonts: {
    body: '仿宋_GB2312',
    title: '方正小标宋简体',
    heading1: '黑体',
    heading2: '楷体_GB2312',
    heading3: '仿宋_GB2312',
    pageNumber: '宋体',
    latin: 'Times New Roman',
    // Table text in 仿宋 小四, as the body.
    table: '仿宋_GB2312',
  },
  // 三号 16 pt body and headings, 二号 22 pt title, 四号 14 pt page numbers.
  sizes: { body: 32, title: 44, heading1: 32, heading2: 32, table: 24, pageNumber: 28, caption: 28 },
  firstLineIndent: 640,
  pageNumber: { format: 'dash', alternate: true },
  // GB/T 9704 7.5: the page number's line sits 7 mm below the text block (35 mm bottom margin, one 14 pt line;
  // the glyphs' box starts about 0.7 mm below the line's top, as measured by check-layout).
  footer: Math.round(35 * MM - 7.7 * MM - 14 * 20),
}

export const STANDARD_STYLE: ReportStyle = {
  name: 'standard',
  page: { ...A4, top: Math.round(25 * MM), bottom: Math.round(25 * MM), left: Math.round(25 * MM), right: Math.round(25 * MM) },
  linePitch: 400,
  characterSpacing: 0,
  fonts: {
    body: 'Noto Sans CJK SC',
    title: 'Noto Sans CJK SC',
    heading1: 'Noto Sans CJK SC',
    heading2: 'Noto Sans CJK SC',
    heading3: 'Noto Sans CJK SC',
    pageNumber: 'Noto Sans CJK SC',
    latin: 'Calibri',
    table: 'Noto Sans CJK SC',
  },
  sizes: { body: 22, title: 36, heading1: 28, heading2: 24, table: 20, pageNumber: 18, caption: 20 },
  firstLineIndent: 0,
  pageNumber: { format: 'plain', alternate: false },
  footer: Math.round(12 * MM),
}

export function styleByName(name: 'official' | 'standard'): ReportStyle {
  return name === 'official' ? OFFICIAL_STYLE : STANDARD_STYLE
}
