import { join } from 'node:path'
import Database from 'better-sqlite3'
import { newId } from '../../electron/core/ids'
import { openStore } from '../../electron/core/store/store'
import type { ChangeInput } from '../../electron/core/store/store'
import { tempDir } from '../helpers/temp'
import { addRow, time } from './table'

/** Remarks as typed in a symposium: 6 fields each plus the tombstone. */
export function remarkRows(count: number) {
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

export function remarkChanges(records: ReturnType<typeof remarkRows>): ChangeInput[] {
  const changes: ChangeInput[] = []
  for (const { id, ...fields } of records) {
    for (const [column, value] of Object.entries(fields)) changes.push({ table: 'remarks', rowId: id, column, value })
    changes.push({ table: 'remarks', rowId: id, column: 'deleted', value: 0 })
  }
  return changes
}

/** Raw better-sqlite3 inserts of the same records in one transaction: the floor for the write path. */
export function rawInsertMs(records: ReturnType<typeof remarkRows>): number {
  const rawDir = tempDir('fieldbook-bench-raw-')
  const raw = new Database(join(rawDir.path, 'raw.db'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.exec(`CREATE TABLE remarks (id TEXT PRIMARY KEY, symposium_id TEXT, speaker_id TEXT, text TEXT, is_quote INTEGER,
    spoken_at TEXT, sort_key REAL, deleted INTEGER NOT NULL DEFAULT 0)`)
  const insert = raw.prepare(
    'INSERT INTO remarks (id, symposium_id, speaker_id, text, is_quote, spoken_at, sort_key, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  )
  const { ms } = time(() =>
    raw.transaction(() => {
      for (const r of records) insert.run(r.id, r.symposium_id, r.speaker_id, r.text, r.is_quote, r.spoken_at, r.sort_key)
    })(),
  )
  raw.close()
  rawDir.cleanup()
  return ms
}

/** Field changes per second through store.applyChanges beside raw inserts of the same records. */
export function benchWritePath(count = 20_000): void {
  const records = remarkRows(count)
  const fieldsPerRecord = Object.keys(records[0]!).length - 1 + 1 // fields other than id, plus `deleted`
  const rawMs = rawInsertMs(records)

  const dir = tempDir('fieldbook-bench-store-')
  const store = openStore({ dataDir: dir.path })
  const changes = remarkChanges(records)
  const ours = time(() => store.applyChanges(changes))
  store.close()
  dir.cleanup()

  const perSecond = (changes.length / ours.ms) * 1000
  const rawPerSecond = ((count * fieldsPerRecord) / rawMs) * 1000
  const ratio = ours.ms / rawMs
  addRow({
    name: `write path: ${count.toLocaleString('en')} records × ${fieldsPerRecord} fields through applyChanges`,
    value: `${Math.round(perSecond).toLocaleString('en')} changes/s (${ours.ms.toFixed(0)} ms)`,
    baseline: `raw inserts in one transaction: ${Math.round(rawPerSecond).toLocaleString('en')} fields/s (${rawMs.toFixed(0)} ms)`,
    ratio: `${ratio.toFixed(1)}× raw`,
    goal: '≥ 100,000 changes/s, within 5× raw',
    note: perSecond >= 100_000 && ratio <= 5 ? '' : 'over 5× raw: see the write-path profile below the table',
  })
}
