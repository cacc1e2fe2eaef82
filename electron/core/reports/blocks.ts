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
      ...rest,
    })
  }

  private spacing(lines = 1) {
    return { line: this.style.linePitch * lines, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
  }

  title(text: string): Paragraph[] {
    const official = this.style.name === 'official'
    const logo = !official && this.logo ? [this.logoParagraph(this.logo)] : []
    return [
      ...logo,
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // The official title sits on its own lines, with a blank line below it.
        spacing: official ? { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 } : { before: 0, after: 240 },
        children: [this.run(text, { font: this.style.fonts.title, size: this.style.sizes.title, bold: !official })],
      }),
      this.blank(),
    ]
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

  /** A table with a repeated header row; `widths` are fractions of the text width. */
  table(headers: string[], rows: string[][], widths?: number[]): Table {
    const textWidth = this.style.page.width - this.style.page.left - this.style.page.right
    const fractions = widths ?? headers.map(() => 1 / headers.length)
    const cell = (text: string, header: boolean, index: number) =>
      new TableCell({
        width: { size: Math.round(textWidth * fractions[index]!), type: WidthType.DXA },
        verticalAlign: VerticalAlign.CENTER,
        margins: { top: 40, bottom: 40, left: 80, right: 80 },
        children: text.split('\n').map(
          (line) =>
            new Paragraph({
              alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [this.run(line, { size: this.style.sizes.table, bold: header, font: header ? this.style.fonts.heading1 : this.style.fonts.body })],
            }),
        ),
      })
    const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
    return new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: fractions.map((f) => Math.round(textWidth * f)),
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, true, i)) }),
        ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, false, i)) })),
      ],
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

  /** Signature block, right-aligned: the signing body, then the date. */
  signature(lines: string[], date: string): Paragraph[] {
    const right = (text: string) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: this.style.name === 'official' ? this.spacing() : { before: 0, after: 0 },
        indent: { right: this.style.name === 'official' ? 640 * 2 : 0 },
        children: [this.run(text)],
      })
    return [this.blank(), ...lines.map(right), right(date)]
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
              }),
            ],
          }),
        ],
      })
    if (!this.style.pageNumber.alternate) return { default: number(AlignmentType.CENTER) }
    return { default: number(AlignmentType.RIGHT), even: number(AlignmentType.LEFT) }
  }
}

/** Width and height from a PNG's header (IHDR), without decoding it. */
function pngSize(png: Buffer): { width: number; height: number } {
  return png.length >= 24 ? { width: png.readUInt32BE(16), height: png.readUInt32BE(20) } : { width: 1, height: 1 }
}
