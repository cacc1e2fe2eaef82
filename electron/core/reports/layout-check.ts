import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'

/**
 * Measures a .docx as it prints: LibreOffice converts it to PDF and poppler reports where every word landed. The
 * figures are the ones GB/T 9704-2012 fixes for an official document, so a template change that moves them is
 * seen in a number rather than by eye.
 */
export interface LayoutReport {
  file: string
  pages: number
  pageSizeMm: { width: number; height: number }
  /** Where the text lies on the fullest page, measured from the paper's edges (mm). */
  marginsMm: { top: number; left: number; right: number }
  /** Most body lines on one page, and most characters on one body line. */
  linesPerPage: number
  charactersPerLine: number
  /** Gap between the text block's lower edge (the bottom margin) and the top of the page number, per page (mm). */
  pageNumberGapMm: number[]
  /** Page numbers as printed ("— 1 —"). */
  pageNumbers: string[]
  fonts: string[]
  /** The lines of the title as broken on the page. */
  titleLines: string[]
  /** Table captions (表N / Table N): whether the table follows on the same page; figure captions (图N / Figure N). */
  tableCaptions: { label: string; page: number; keptWithTable: boolean }[]
  figureCaptions: { label: string; page: number }[]
  /** Smallest distance between two lines of small (table) text: single-spaced 小四 is under 20 pt. */
  tableLinePitchPt: number | null
}

interface Line {
  text: string
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}

const PT_PER_MM = 72 / 25.4
const mm = (pt: number) => Math.round((pt / PT_PER_MM) * 10) / 10

/** The bottom margin of the official layout: the text block's lower edge sits this far above the paper's (mm). */
export const OFFICIAL_BOTTOM_MARGIN_MM = 35

function pagesOf(xml: string): { width: number; height: number; lines: Line[] }[] {
  const pages: { width: number; height: number; lines: Line[] }[] = []
  for (const page of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: Line[] = []
    for (const line of page[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...line[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]!))
      lines.push({ text: words.join(' '), xMin: Number(line[1]), yMin: Number(line[2]), xMax: Number(line[3]), yMax: Number(line[4]) })
    }
    lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)
    pages.push({ width: Number(page[1]), height: Number(page[2]), lines })
  }
  return pages
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}

const PAGE_NUMBER = /^[—–-]?\s*\d+\s*[—–-]?$/
const TABLE_CAPTION = /^(表\s*\d+|Table \d+\.)/
const FIGURE_CAPTION = /^(图\s*\d+|Figure \d+\.)/

/** Measures a PDF already converted (see checkLayout). */
export function measurePdf(pdf: string, file = basename(pdf)): LayoutReport {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 })
  const pages = pagesOf(xml)
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
  const report: LayoutReport = {
    file,
    pages: pages.length,
    pageSizeMm: { width: mm(pages[0]?.width ?? 0), height: mm(pages[0]?.height ?? 0) },
    marginsMm: { top: 0, left: 0, right: 0 },
    linesPerPage: 0,
    charactersPerLine: 0,
    pageNumberGapMm: [],
    pageNumbers: [],
    fonts: [...new Set(fonts)],
    titleLines: [],
    tableCaptions: [],
    figureCaptions: [],
    tableLinePitchPt: null,
  }
  let fullest: Line[] = []
  const smallPitches: number[] = []
  pages.forEach((page, index) => {
    const blockBottom = page.height - OFFICIAL_BOTTOM_MARGIN_MM * PT_PER_MM
    // The page number is the last line below the text block.
    const numberLine = [...page.lines].reverse().find((l) => l.yMin >= blockBottom - 2 && PAGE_NUMBER.test(l.text.replace(/\s+/g, '')))
    if (numberLine) {
      report.pageNumbers.push(numberLine.text)
      report.pageNumberGapMm.push(mm(numberLine.yMin - blockBottom))
    }
    const body = page.lines.filter((l) => l !== numberLine)
    // Body lines are those at body size (about 16 pt high); distinct baselines count once.
    const bodyLines = body.filter((l) => l.yMax - l.yMin > 17 && l.yMax - l.yMin < 24)
    const rows = new Set(bodyLines.map((l) => Math.round(l.yMax)))
    if (rows.size > report.linesPerPage) {
      report.linesPerPage = rows.size
      fullest = bodyLines
    }
    // Characters as the grid counts them: a Chinese character is one, a digit or Latin letter half; a mark hanging
    // past the right edge at the end of a line (LibreOffice's hanging punctuation) is not counted.
    const count = (text: string) => [...text.replace(/\s+/g, '').replace(/[，。、；：！？”）》]$/, '')].reduce((n, c) => n + (/[\u2e80-\uffef]/.test(c) ? 1 : 0.5), 0)
    for (const l of bodyLines) report.charactersPerLine = Math.max(report.charactersPerLine, Math.round(count(l.text)))
    if (index === 0) {
      report.titleLines = body.filter((l) => l.yMax - l.yMin >= 24).map((l) => l.text.replace(/\s+/g, ''))
    }
    const centre = page.width / 2
    body.forEach((line, i) => {
      const text = line.text.replace(/\s+/g, ' ').trim()
      // A caption is a centred line of its own, not a body line that happens to start with 表2 (…调研表2份).
      if (Math.abs((line.xMin + line.xMax) / 2 - centre) > 20 || line.xMax - line.xMin > page.width * 0.6) return
      const label = /^(表\s*\d+|Table \d+|图\s*\d+|Figure \d+)/.exec(text)?.[1]?.replace(/\s+/g, text.startsWith('表') || text.startsWith('图') ? '' : ' ')
      if (TABLE_CAPTION.test(text) && label) report.tableCaptions.push({ label, page: index + 1, keptWithTable: i + 1 < body.length })
      else if (FIGURE_CAPTION.test(text) && label) report.figureCaptions.push({ label, page: index + 1 })
    })
    // Small text (table cells): the distance from each line to the next one below it in the same column.
    const small = body.filter((l) => l.yMax - l.yMin <= 16.5 && l.yMax - l.yMin >= 10)
    for (const line of small) {
      const below = small
        .filter((o) => o.yMax - line.yMax > 5 && o.xMin < line.xMax && o.xMax > line.xMin)
        .reduce<number | null>((best, o) => (best === null || o.yMax - line.yMax < best ? o.yMax - line.yMax : best), null)
      if (below !== null) smallPitches.push(below)
    }
  })
  if (fullest.length) {
    const width = pages[0]!.width
    report.marginsMm = {
      top: mm(Math.min(...fullest.map((l) => l.yMin))),
      left: mm(Math.min(...fullest.map((l) => l.xMin))),
      right: mm(width - Math.max(...fullest.map((l) => l.xMax))),
    }
  }
  report.tableLinePitchPt = smallPitches.length ? Math.round(Math.min(...smallPitches) * 10) / 10 : null
  return report
}

/** Converts the .docx with LibreOffice (in a profile of its own) and measures the PDF. */
export function checkLayout(docxPath: string): LayoutReport {
  const input = resolve(docxPath)
  if (!existsSync(input)) throw new AppError('FILE_NOT_FOUND', `There is no file ${input}`, { filePath: input })
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-layout-'))
  try {
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], { stdio: 'pipe', timeout: 180_000 })
    } catch (error) {
      throw new AppError('EXPORT_FAILED', `LibreOffice could not convert ${input} to PDF: ${(error as Error).message}`)
    }
    const pdf = join(dir, `${basename(input).replace(/\.docx$/i, '')}.pdf`)
    if (!existsSync(pdf)) throw new AppError('EXPORT_FAILED', `LibreOffice did not make a PDF of ${input}; is it a Word document?`)
    return measurePdf(pdf, input)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
