import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import Database from 'better-sqlite3'

/** One line of the benchmark table: a figure beside a baseline measured in the same run. */
export interface BenchRow {
  name: string
  value: string
  baseline: string
  ratio: string
  goal: string
  /** Empty when the figure meets its goal; otherwise which step is slow and why (from a profile). */
  note?: string
}

const rows: BenchRow[] = []
const notes: string[] = []

export function addRow(row: BenchRow): void {
  rows.push(row)
  // Print as we go, so a long run shows progress and a crash keeps the figures so far.
  console.log(`  ${row.name}: ${row.value} — baseline ${row.baseline} (${row.ratio}; goal ${row.goal})${row.note ? ` — ${row.note}` : ''}`)
}

/** A paragraph printed under the table (profiles, caveats). */
export function addNote(text: string): void {
  notes.push(text)
}

export function time<T>(run: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint()
  const result = run()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}

export async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint()
  const result = await run()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}

/** Peak resident memory of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`
}

export function machineLine(): string {
  const db = new Database(':memory:')
  const sqlite = db.prepare('select sqlite_version() v').pluck().get() as string
  db.close()
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, SQLite ${sqlite}, ${process.platform} ${process.arch}`
}

const HEADER = ['measure', 'figure', 'baseline (same run)', 'ratio', 'goal', 'note']

function cells(r: BenchRow): string[] {
  return [r.name, r.value, r.baseline, r.ratio, r.goal, r.note ?? '']
}

/** Prints the whole table and writes docs/benchmarks.md with the machine and the command. */
export function printAndSave(options: { command: string; totalSeconds: number; path?: string }): void {
  const table = [HEADER, ...rows.map(cells)]
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
  console.log('')
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '))
  for (const note of notes) console.log(`\n${note}`)

  const escape = (cell: string) => cell.replaceAll('|', '\\|')
  const markdown = [
    '# Benchmarks',
    '',
    `Made by \`${options.command}\` on ${new Date().toISOString().slice(0, 10)} in ${options.totalSeconds.toFixed(0)} s: ${machineLine()}.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`),
    '',
    ...notes.flatMap((note) => [note, '']),
  ].join('\n')
  const path = options.path ?? 'docs/benchmarks.md'
  mkdirSync('docs', { recursive: true })
  writeFileSync(path, markdown)
  console.log(`\nWritten to ${path}`)
}
