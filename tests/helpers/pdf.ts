import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

/** Converts several .docx files in one LibreOffice run (starting it is the slow part); returns PDF paths by name. */
export function docxFilesToPdf(files: Record<string, Buffer>): { pdfs: Record<string, string>; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-pdf-'))
  const inputs = Object.entries(files).map(([name, docx]) => {
    const input = join(dir, `${name}.docx`)
    writeFileSync(input, docx)
    return input
  })
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...inputs], {
    stdio: 'pipe',
    timeout: 300_000,
  })
  const pdfs = Object.fromEntries(Object.keys(files).map((name) => [name, join(dir, `${name}.pdf`)]))
  return { pdfs, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Converts a .docx to PDF with LibreOffice, in its own profile folder so runs never share state. */
export function docxToPdf(docx: Buffer, name = 'report'): { pdf: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-pdf-'))
  const input = join(dir, `${name}.docx`)
  writeFileSync(input, docx)
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
    { stdio: 'pipe', timeout: 120_000 },
  )
  return { pdf: join(dir, `${basename(input, '.docx')}.pdf`), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function pdfInfo(pdf: string): { pages: number; widthPt: number; heightPt: number } {
  const text = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const pages = Number(/Pages:\s+(\d+)/.exec(text)?.[1])
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(text)
  return { pages, widthPt: Number(size?.[1]), heightPt: Number(size?.[2]) }
}

/** The text of each page (form feeds split pages in pdftotext's output). */
export function pdfPages(pdf: string, layout = false): string[] {
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' })
  return text.split('\f').slice(0, -1)
}

export function pdfFonts(pdf: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/)
    // name type [encoding…] emb sub uni object ID: emb is the 5th field from the end.
    return { name: columns[0]!, embedded: columns.at(-5) === 'yes' }
  })
}

/** Renders the PDF's pages to PNG files (for looking at them) and returns their paths. */
export function pdfToPngs(pdf: string, outPrefix: string, resolution = 60): string[] {
  execFileSync('pdftoppm', ['-png', '-r', String(resolution), pdf, outPrefix])
  const pages = pdfInfo(pdf).pages
  const width = String(pages).length
  return Array.from({ length: pages }, (_, i) => `${outPrefix}-${String(i + 1).padStart(width, '0')}.png`)
}

export function readPdf(pdf: string): Buffer {
  return readFileSync(pdf)
}
