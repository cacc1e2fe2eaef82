import {
  AlignmentType,
  ImageRun,
  BorderStyle,
  Footer,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx'
import type { ReportStyle } from './style'

/**
 * The building blocks every document kind is made of, each drawn in the given style: title, headings, body
 * paragraphs, quotes, tables, signature and page numbers. Document modules compose these and nothing else.
 */
export class Blocks {
  constructor(
    readonly style: ReportStyle,
    /** The college's logo; the official layout (GB/T 9704) has no place for one, so only the standard shows it. */
    private readonly logo?: Buffer,
  ) {}

  private run(text: string, options: Partial<IRunOptions> & { font?: string; size?: number } = {}): TextRun {
    const { font = this.style.fonts.body, size = this.style.sizes.body, ...rest } = options
    return new TextRun({
      text,
      font: { ascii: this.style.fonts.latin, hAnsi: this.style.fonts.latin, eastAsia: font, cs: font },
      size,
      characterSpacing: this.style.characterSpacing,
      // Without it LibreOffice may take a Japanese face for the Chinese text.
      language: DOCUMENT_LANGUAGE,
      ...rest,
    })
  }

  private spacing(lines = 1) {
    return { line: this.style.linePitch * lines, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
  }

  /**
   * The title, centred. `parts` are the pieces it may be broken between (词意完整: a line never ends inside a word);
   * they are packed greedily into lines that fit the text width.
   */
  title(parts: string | string[], subtitle?: string): Paragraph[] {
    const official = this.style.name === 'official'
    const logo = !official && this.logo ? [this.logoParagraph(this.logo)] : []
    const lines = titleLines(typeof parts === 'string' ? [parts] : parts, this.titleCapacity())
    const sub = subtitle
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: official ? this.spacing() : { before: 0, after: 240 },
            children: [this.run(subtitle, { font: this.style.fonts.heading2 })],
          }),
        ]
      : []
    return [
      ...logo,
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        // The official title sits on its own lines, with a blank line below it.
        spacing: official ? { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 } : { before: 0, after: subtitle ? 120 : 240 },
        children: lines.map((line, i) => this.run(line, { font: this.style.fonts.title, size: this.style.sizes.title, bold: !official, ...(i > 0 ? { break: 1 } : {}) })),
      }),
      ...sub,
      this.blank(),
    ]
  }

  /** How many title characters fit on one line (a Chinese character is one, a Latin letter about half). */
  private titleCapacity(): number {
    const textWidth = this.style.page.width - this.style.page.left - this.style.page.right
    return Math.floor(textWidth / (this.style.sizes.title * 10)) - 1
  }

  private logoParagraph(png: Buffer): Paragraph {
    const { width, height } = pngSize(png)
    // 48 px high on the page, whatever its shape.
    const scale = 48 / Math.max(1, height)
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 120 },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(width * scale), height: 48 } })],
    })
  }

  /** A centred line under the title (e.g. the college and date in a news brief). */
  subtitle(text: string): Paragraph {
    return new Paragraph({ alignment: AlignmentType.CENTER, spacing: this.spacing(), children: [this.run(text, { font: this.style.fonts.heading2 })] })
  }

  /** A sub-headline inside a news item: centred, bold, its parts on lines of their own. */
  subheading(parts: string[]): Paragraph {
    const official = this.style.name === 'official'
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      keepLines: true,
      spacing: official ? this.spacing() : { before: 240, after: 120 },
      children: parts.map((part, i) => this.run(part, { font: this.style.fonts.heading1, bold: !official, ...(i > 0 ? { break: 1 } : {}) })),
    })
  }

  blank(): Paragraph {
    return new Paragraph({ spacing: this.spacing(), children: [this.run('')] })
  }

  /** Level 1 一、 in 黑体; level 2 （一） in 楷体; levels 3 and 4 in the body font, level 3 bold. */
  heading(level: 1 | 2 | 3 | 4, label: string, text: string): Paragraph {
    const official = this.style.name === 'official'
    const font = level === 1 ? this.style.fonts.heading1 : level === 2 ? this.style.fonts.heading2 : this.style.fonts.heading3
    const size = level === 1 ? this.style.sizes.heading1 : level === 2 ? this.style.sizes.heading2 : this.style.sizes.body
    return new Paragraph({
      keepNext: true,
      spacing: official ? this.spacing() : { before: level === 1 ? 240 : 120, after: 80 },
      indent: { firstLine: this.style.firstLineIndent },
      children: [this.run(`${label}${official ? '' : ' '}${text}`, { font, size, bold: !official || level === 3 })],
    })
  }

  /** A body paragraph; `lead` is set in bold before the text (e.g. a speaker's name). */
  body(text: string, lead?: string): Paragraph {
    const children = lead ? [this.run(lead, { bold: true }), this.run(text)] : [this.run(text)]
    return new Paragraph({
      // The official layout keeps its 22-line grid on every page: no line is moved over to avoid a widow.
      widowControl: this.style.name !== 'official',
      alignment: this.style.name === 'official' ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
      spacing: this.style.name === 'official' ? this.spacing() : { line: 360, after: 120 },
      indent: { firstLine: this.style.firstLineIndent },
      children,
    })
  }

  /** A cited remark: the words in quotation marks, then who said them. */
  quote(text: string, speaker: string, language: 'zh' | 'en'): Paragraph {
    const open = language === 'zh' ? '“' : '“'
    const close = language === 'zh' ? '”' : '”'
    const said = language === 'zh' ? `${speaker}表示：` : `${speaker} said: `
    return this.body(`${open}${text}${close}`, said)
  }

  /**
   * A table with a repeated header row. Cell text is single-spaced 小四 outside the body's line grid; column widths
   * come from the content (no column narrower than its longest word or number), unless `widths` (fractions of the
   * text width) are given. A row `{ group: text }` spans the table: a group heading such as the enterprise's name.
   */
  table(headers: string[], rows: (string[] | { group: string })[], widths?: number[]): Table {
    const textWidth = this.style.page.width - this.style.page.left - this.style.page.right
    const cells = rows.filter((r): r is string[] => Array.isArray(r))
    const columns = widths
      ? widths.map((f) => Math.round(textWidth * f))
      : columnWidths(headers, cells, textWidth, this.style.sizes.table * 10, CELL_MARGIN * 2, this.style.name === 'official' ? SERIF_LATIN_EM : LATIN_EM)
    const numeric = headers.map((_, i) => cells.length > 0 && cells.every((row) => /^[\d,.\s–—%-]*$/.test(row[i] ?? '')))
    const paragraph = (line: string, header: boolean, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
      new Paragraph({
        style: TABLE_TEXT_STYLE,
        alignment,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [this.run(line, { size: this.style.sizes.table, bold: header, font: header ? this.style.fonts.heading1 : this.style.fonts.table, characterSpacing: 0, snapToGrid: false })],
      })
    const cell = (text: string, header: boolean, index: number, span = 1) =>
      new TableCell({
        width: { size: span > 1 ? textWidth : columns[index]!, type: WidthType.DXA },
        columnSpan: span,
        verticalAlign: VerticalAlign.CENTER,
        margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
        children: text
          .split('\n')
          .map((line) => paragraph(line, header || span > 1, header || numeric[index] ? AlignmentType.CENTER : AlignmentType.LEFT)),
      })
    const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
    return new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: columns,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, true, i)) }),
        ...rows.map((row) =>
          Array.isArray(row)
            ? new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, false, i)) })
            : new TableRow({ cantSplit: true, children: [cell(row.group, false, 0, headers.length)] }),
        ),
      ],
    })
  }

  /** A table's caption (表题): above the table, centred, kept on the same page as it. */
  tableCaption(text: string): Paragraph {
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      keepLines: true,
      spacing: this.style.name === 'official' ? this.spacing() : { before: 160, after: 60 },
      children: [this.run(text, { size: this.style.sizes.caption, font: this.style.fonts.heading1 })],
    })
  }

  /** A picture (chart or photo) scaled to the text width at most, centred. */
  figure(png: Buffer, size: { width: number; height: number }, type: 'png' | 'jpg' = 'png'): Paragraph {
    // docx sizes images in pixels at 96 dpi; the text width in twips / 15 gives pixels.
    const maxWidth = Math.floor((this.style.page.width - this.style.page.left - this.style.page.right) / 15)
    const scale = Math.min(1, maxWidth / size.width)
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type, data: png, transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) } })],
    })
  }

  caption(text: string): Paragraph {
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: this.style.name === 'official' ? this.spacing() : { before: 60, after: 160 },
      children: [this.run(text, { size: this.style.sizes.caption })],
    })
  }

  /**
   * Signature block. Official (GB/T 9704 7.3.5.2, not sealed): one blank line below the text, the signing body
   * right-aligned, the date on the next line 空二字 from the right with its first character two characters right of
   * the body's first; when the body is the shorter, it moves right instead. Standard: both right-aligned.
   */
  signature(lines: string[], date: string): Paragraph[] {
    const official = this.style.name === 'official'
    const char = this.style.sizes.body * 10 + this.style.characterSpacing
    const dateWidth = textWidthTwips(date, char)
    const bodyWidth = Math.max(0, ...lines.map((l) => textWidthTwips(l, char)))
    // Right indents: the date ends two characters from the right margin; the body starts two characters left of
    // the date, unless it is longer than the date and those two characters together.
    const dateIndent = official ? Math.max(2 * char, 2 * char + bodyWidth - 2 * char - dateWidth) : 0
    const bodyIndent = official ? Math.max(0, dateIndent + dateWidth + 2 * char - bodyWidth) : 0
    const right = (text: string, indent: number) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        keepNext: true,
        spacing: official ? this.spacing() : { before: 0, after: 0 },
        indent: { right: Math.round(indent) },
        children: [this.run(text)],
      })
    return [this.blank(), ...lines.map((l) => right(l, bodyIndent)), right(date, dateIndent)]
  }

  /** "— 1 —" in 宋体 四号, right on odd pages and left on even ones (official); a plain centred number otherwise. */
  footers(): { default: Footer; even?: Footer } {
    const number = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
      new Footer({
        children: [
          new Paragraph({
            alignment,
            indent: this.style.pageNumber.alternate ? { left: 280, right: 280 } : {},
            // Off the body's line grid and exactly one 14 pt line high: a footer taller than the bottom margin
            // leaves would push the 22nd body line to the next page.
            spacing: { line: this.style.sizes.pageNumber * 10, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            children: [
              new TextRun({
                snapToGrid: false,
                children: this.style.pageNumber.format === 'dash' ? ['— ', PageNumber.CURRENT, ' —'] : [PageNumber.CURRENT],
                font: { ascii: this.style.fonts.pageNumber, hAnsi: this.style.fonts.pageNumber, eastAsia: this.style.fonts.pageNumber },
                size: this.style.sizes.pageNumber,
                language: DOCUMENT_LANGUAGE,
              }),
            ],
          }),
        ],
      })
    if (!this.style.pageNumber.alternate) return { default: number(AlignmentType.CENTER) }
    return { default: number(AlignmentType.RIGHT), even: number(AlignmentType.LEFT) }
  }
}

/** Latin and Chinese text in one run: the language of each, so the right faces are chosen. */
export const DOCUMENT_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const

/** The paragraph style of table cells; packDocument takes it off the line grid (docx cannot say so itself). */
export const TABLE_TEXT_STYLE = 'TableText'
const CELL_MARGIN = 60

/** Display width of text in twips for a font whose Chinese character is `char` twips wide (Latin about half). */
export function textWidthTwips(text: string, char: number, latin = LATIN_EM): number {
  let width = 0
  let previous: boolean | null = null
  for (const c of text) {
    const cjk = /[\u2e80-\uffef]/.test(c)
    width += cjk ? char : c === ' ' ? char * 0.32 : char * latin
    // Word and LibreOffice put a quarter of a character between Chinese and Latin text (2025年7月).
    if (c !== ' ' && previous !== null && previous !== cjk) width += char * 0.25
    if (c !== ' ') previous = cjk
  }
  return width
}

/** Latin letters at about 0.62 em: the widest of the sans faces LibreOffice may substitute (DejaVu Sans). */
const LATIN_EM = 0.62
/** Times New Roman (and Liberation Serif in its place) is narrower. */
const SERIF_LATIN_EM = 0.55

/** A title's pieces packed into lines of at most `capacity` characters; a piece longer than a line is cut. */
export function titleLines(parts: string[], capacity: number): string[] {
  const width = (text: string) => textWidthTwips(text, 1)
  const lines: string[] = []
  let current = ''
  for (const part of parts.filter(Boolean)) {
    if (current && width(current + part) > capacity) {
      lines.push(current.trim())
      current = ''
    }
    let rest = part
    while (width(rest) > capacity) {
      let cut = 0
      while (cut < rest.length && width(rest.slice(0, cut + 1)) <= capacity) cut++
      // Latin text breaks at a space, never inside a word.
      const space = rest.lastIndexOf(' ', cut)
      if (space > 0 && /[A-Za-z]/.test(rest[cut] ?? '')) cut = space + 1
      lines.push(rest.slice(0, cut).trim())
      rest = rest.slice(cut)
    }
    current += rest
  }
  if (current.trim()) lines.push(current.trim())
  return lines
}

/**
 * Column widths from the content: each column gets at least its longest unbreakable piece (a Latin word, a
 * number, four Chinese characters of a header), and the rest of the width goes where the text is longest.
 */
export function columnWidths(headers: string[], rows: string[][], total: number, char: number, margin: number, latin = LATIN_EM): number[] {
  // Chinese characters are exactly one em in every face; the Latin estimate already errs wide.
  const width = (text: string) => textWidthTwips(text, char, latin) + 20
  // A short Chinese cell (达成共识, 500万元, 2025年7月, 工业机器人运维工程师) is one word; a longer one, or Latin text, may break between words and
  // between Chinese characters, so its longest Latin word (or number) is what must fit.
  const short = width('中文四字') * 2.7
  const unbreakable = (cell: string): string[] => {
    if (!/[\u2e80-\uffef]/.test(cell)) return cell.split(/\s+/)
    if (width(cell) <= short) return [cell]
    // A list breaks after its marks (机电一体化技术、电气自动化技术); a piece still too long, anywhere.
    return cell
      .split(/(?<=[、，,；;])|(?=[（(])/)
      .flatMap((piece) => (width(piece) <= short ? [piece] : piece.split(/\s+|(?<=[\u2e80-\uffef])(?=[\u2e80-\uffef])/)))
  }
  // Headers are bold: a little wider again.
  const least = headers.map((header, i) => {
    const cells = rows.map((r) => r[i] ?? '')
    // A header may wrap before a bracket: 月薪 / （元）.
    return Math.max(...header.split(/(?=[（(])/).flatMap(unbreakable).map((h) => width(h) * 1.15), ...cells.flatMap((cell) => cell.split('\n').flatMap(unbreakable).map(width))) + margin
  })
  const wanted = headers.map((header, i) => {
    const cells = [header, ...rows.map((r) => r[i] ?? '')]
    return Math.max(...cells.flatMap((cell) => cell.split('\n').map(width))) + margin
  })
  const floor = least.reduce((a, b) => a + b, 0)
  if (floor >= total) {
    // Too wide: the widest columns give up room (their text wraps), short ones (numbers, dates, statuses) keep theirs.
    const keep = width('中文四字') + margin
    const give = least.map((w) => Math.max(0, w - keep))
    const giveSum = give.reduce((a, b) => a + b, 0)
    const deficit = floor - total
    if (giveSum > deficit) return least.map((w, i) => Math.floor(w - (give[i]! / giveSum) * deficit))
    return least.map((w) => Math.floor((w / floor) * total))
  }
  const extra = wanted.map((w, i) => Math.max(0, w - least[i]!))
  const extraSum = extra.reduce((a, b) => a + b, 0)
  const spare = total - floor
  const widths = least.map((w, i) => (extraSum === 0 ? w + spare / headers.length : w + Math.min(extra[i]!, (extra[i]! / extraSum) * spare)))
  // Whatever is left when every column has what it wants is shared out evenly.
  const left = total - widths.reduce((a, b) => a + b, 0)
  return widths.map((w) => Math.floor(w + left / headers.length))
}

/** Width and height from a PNG's header (IHDR), without decoding it. */
function pngSize(png: Buffer): { width: number; height: number } {
  return png.length >= 24 ? { width: png.readUInt32BE(16), height: png.readUInt32BE(20) } : { width: 1, height: 1 }
}
