import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openStore } from '../../electron/core/store/store'
import type { ChangeInput } from '../../electron/core/store/store'
import { newId } from '../../electron/core/ids'
import { tempDir } from '../helpers/temp'

/**
 * `npm run bench`: each figure beside a baseline measured in the same run on the same machine, printed as one
 * table and written to docs/benchmarks.md.
 */
interface Row {
  name: string
  value: string
  baseline: string
  ratio: string
  goal: string
}

const rows: Row[] = []

function time<T>(run: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint()
  const result = run()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}

/** Remarks as typed in a symposium: 6 fields each plus the tombstone. */
function remarkRows(count: number) {
  const symposiumId = newId()
  return Array.from({ length: count }, (_, i) => ({
    id: newId(),
    symposium_id: symposiumId,
    speaker_id: newId(),
    text: `第${i}条发言：企业最缺的是懂设备、肯扎根一线的技术工人 (remark ${i})`,
    is_quote: i % 10 === 0 ? 1 : 0,
    spoken_at: '2025-05-16T15:05:00+08:00',
    sort_key: i,
  }))
}

function benchWritePath(count: number): void {
  const records = remarkRows(count)
  const fieldsPerRecord = Object.keys(records[0]!).length - 1 + 1 // fields other than id, plus `deleted`

  const rawDir = tempDir('fieldbook-bench-raw-')
  const raw = new Database(join(rawDir.path, 'raw.db'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.exec(`CREATE TABLE remarks (id TEXT PRIMARY KEY, symposium_id TEXT, speaker_id TEXT, text TEXT, is_quote INTEGER,
    spoken_at TEXT, sort_key REAL, deleted INTEGER NOT NULL DEFAULT 0)`)
  const insert = raw.prepare(
    'INSERT INTO remarks (id, symposium_id, speaker_id, text, is_quote, spoken_at, sort_key, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  )
  const rawRun = time(() =>
    raw.transaction(() => {
      for (const r of records) insert.run(r.id, r.symposium_id, r.speaker_id, r.text, r.is_quote, r.spoken_at, r.sort_key)
    })(),
  )
  raw.close()
  rawDir.cleanup()

  const dir = tempDir('fieldbook-bench-store-')
  const store = openStore({ dataDir: dir.path })
  const changes: ChangeInput[] = []
  for (const { id, ...fields } of records) {
    for (const [column, value] of Object.entries(fields)) changes.push({ table: 'remarks', rowId: id, column, value })
    changes.push({ table: 'remarks', rowId: id, column: 'deleted', value: 0 })
  }
  const ours = time(() => store.applyChanges(changes))
  store.close()
  dir.cleanup()

  const perSecond = (changes.length / ours.ms) * 1000
  const rawPerSecond = ((count * fieldsPerRecord) / rawRun.ms) * 1000
  rows.push({
    name: `write path: ${count.toLocaleString('en')} records × ${fieldsPerRecord} fields through applyChanges`,
    value: `${Math.round(perSecond).toLocaleString('en')} changes/s (${ours.ms.toFixed(0)} ms)`,
    baseline: `raw inserts in one transaction: ${Math.round(rawPerSecond).toLocaleString('en')} fields/s (${rawRun.ms.toFixed(0)} ms)`,
    ratio: `${(ours.ms / rawRun.ms).toFixed(1)}× raw`,
    goal: '≥ 100,000 changes/s, within 5× raw',
  })
}

function printAndSave(): void {
  const header = ['measure', 'figure', 'baseline (same run)', 'ratio', 'goal']
  const table = [header, ...rows.map((r) => [r.name, r.value, r.baseline, r.ratio, r.goal])]
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '))

  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, SQLite ${new Database(':memory:').prepare('select sqlite_version() v').pluck().get()}`
  const markdown = [
    '# Benchmarks',
    '',
    `Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${[r.name, r.value, r.baseline, r.ratio, r.goal].join(' | ')} |`),
    '',
  ].join('\n')
  mkdirSync('docs', { recursive: true })
  writeFileSync('docs/benchmarks.md', markdown)
}

benchWritePath(20_000)
printAndSave()
