import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { parse } from 'csv-parse'
import type { Row } from 'exceljs'
import { AppError } from '../../../shared/errors'
import { readFile } from 'node:fs/promises'
import { loadExcel } from '../load-on-first-use'
import { assertLooksLikeText, decodeText } from './text'

/** A spreadsheet larger than this is refused with a clear message instead of filling the memory. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024
/** Rows beyond this are refused: an enterprise list, even a province's, is far smaller. */
export const MAX_IMPORT_ROWS = 200_000

export interface TableRow {
  /** The row number a spreadsheet program shows (1 = the first line). */
  row: number
  cells: string[]
  /** Columns holding a formula saved without its value (written by a program that does not calculate): unreadable. */
  uncachedFormulas?: number[]
}

export interface TableSource {
  format: 'xlsx' | 'csv'
  encoding: string
  sheetName: string
  /** Every row, streamed; empty rows are left out. */
  rows(): AsyncGenerator<TableRow>
}

function invalid(reason: string, message: string, fileName: string): AppError {
  return new AppError('IMPORT_INVALID', message, { reason, fileName })
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('FILE_NOT_FOUND', `Cannot read ${path}`, { fileName: basename(path) })
  })
  try {
    const buffer = Buffer.alloc(count)
    const { bytesRead } = await handle.read(buffer, 0, count, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Opens an enterprise list, telling its kind from its bytes, never from its name: a zip is read as .xlsx,
 * an old binary .xls or an image is refused with its reason, anything else must be text and is read as CSV.
 */
export async function openTable(path: string): Promise<TableSource> {
  const fileName = basename(path)
  const size = (await stat(path).catch(() => null))?.size
  if (size === undefined) throw new AppError('FILE_NOT_FOUND', `Cannot read ${path}`, { fileName })
  if (size > MAX_IMPORT_BYTES) {
    throw invalid('tooLarge', `${fileName} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, fileName)
  }
  if (size === 0) throw invalid('empty', `${fileName} is empty.`, fileName)
  const head = await firstBytes(path, 8)
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return xlsxSource(path, fileName)
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw invalid('oldExcel', `${fileName} is an old Excel 97–2003 file; save it as .xlsx or .csv first.`, fileName)
  }
  return csvSource(path, fileName)
}

async function csvSource(path: string, fileName: string): Promise<TableSource> {
  const bytes = await readFile(path)
  const { text, encoding } = decodeText(bytes)
  assertLooksLikeText(bytes, text, fileName)
  const delimiter = guessDelimiter(text)
  return {
    format: 'csv',
    encoding,
    sheetName: '',
    async *rows() {
      const parser = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, bom: true })
      let row = 0
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          row++
          if (row > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName)
          const cells = record.map((cell) => cell.trim())
          if (cells.some((cell) => cell !== '')) yield { row, cells }
        }
      } catch (error) {
        if (error instanceof AppError) throw error
        throw invalid('unreadable', `${fileName} cannot be read as CSV near row ${row + 1}: ${(error as Error).message}`, fileName)
      }
    },
  }
}

function tooManyRows(fileName: string): AppError {
  return invalid('tooManyRows', `${fileName} has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into smaller files.`, fileName)
}

/** Comma, tab or semicolon: whichever the first line (outside quotes) has most of. */
function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0]])
  let quoted = false
  for (const char of text.slice(0, 10_000)) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0] : ','
}

/** A formula cell whose file holds no calculated value: what it shows cannot be known without calculating it. */
export function isUncachedFormula(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const cell = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown }
  return (cell.formula !== undefined || cell.sharedFormula !== undefined) && (cell.result === undefined || cell.result === null)
}

/**
 * A cell as the text a user sees: dates as YYYY-MM-DD, formulas by their cached result (one without a result is
 * empty here and reported by the reader), rich text flattened; never an object's "[object Object]".
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)))
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; hyperlink?: string; error?: string }
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('').trim()
    if ('result' in v) return cellText(v.result)
    if (isUncachedFormula(v)) return ''
    if (v.text !== undefined) return cellText(v.text)
    if (v.hyperlink) return v.hyperlink
    if (v.error) return ''
    return ''
  }
  return String(value).trim()
}

async function xlsxSource(path: string, fileName: string): Promise<TableSource> {
  const broken = (error: unknown) =>
    error instanceof AppError ? error : invalid('notSpreadsheet', `${fileName} is not an Excel (.xlsx) workbook: ${(error as Error).message}`, fileName)
  // The sheet name is only known once the stream reaches it; the first rows() call fills it in.
  const source: TableSource = {
    format: 'xlsx',
    encoding: '',
    sheetName: '',
    async *rows() {
      const ExcelJS = await loadExcel()
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
        sharedStrings: 'cache',
        worksheets: 'emit',
        hyperlinks: 'ignore',
        styles: 'cache',
        entries: 'emit',
      })
      let sawSheet = false
      try {
        for await (const worksheet of reader) {
          sawSheet = true
          source.sheetName = (worksheet as unknown as { name?: string }).name ?? ''
          for await (const row of worksheet as AsyncIterable<Row>) {
            if (row.number > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName)
            const values = row.values as unknown[]
            const cells: string[] = []
            const uncachedFormulas: number[] = []
            for (let column = 1; column < values.length; column++) {
              if (isUncachedFormula(values[column])) uncachedFormulas.push(column - 1)
              cells.push(cellText(values[column]))
            }
            if (uncachedFormulas.length > 0) yield { row: row.number, cells, uncachedFormulas }
            else if (cells.some((cell) => cell !== '')) yield { row: row.number, cells }
          }
          // Only the first sheet is read: a workbook's other sheets are notes, lookups or pivot tables.
          break
        }
      } catch (error) {
        throw broken(error)
      }
      if (!sawSheet) throw invalid('notSpreadsheet', `${fileName} has no worksheet.`, fileName)
    },
  }
  return source
}
