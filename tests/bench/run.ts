import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { openCore } from '../../electron/core/core'
import { packDocument, researchReportContent } from '../../electron/core/reports/research-report'
import { OFFICIAL_STYLE } from '../../electron/core/reports/style'
import { loadPhotos, readTripData } from '../../electron/core/reports/trip-data'
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

/** Peak resident memory of this process so far, in MB (the kernel's high-water mark). */
function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

/**
 * Exporting a trip of 100 enterprises with 100 photos: the whole export (read, photos, charts, layout, pack)
 * beside Packer.toBuffer alone on the same document.
 */
async function benchExport(): Promise<void> {
  const dir = tempDir('fieldbook-bench-export-')
  const core = openCore({ dataDir: dir.path })
  const records = core.records
  const trip = records.trip.create({ title: '百家企业调研（基准）', startDate: '2025-05-01', endDate: '2025-06-30', regions: ['安徽', '江苏', '浙江'] })
  records.member.create({ tripId: trip.id, name: '寇德林', position: '董事长', isLeader: true })
  for (let i = 0; i < 100; i++) {
    const day = `2025-05-${String(1 + (i % 28)).padStart(2, '0')}`
    const enterprise = records.enterprise.create({ name: `第${i + 1}号智能制造有限公司`, region: '江苏苏州', industry: '智能制造' })
    const visit = records.visit.create({ tripId: trip.id, enterpriseId: enterprise.id, date: day, title: '参观生产线' })
    records.visitStop.create({ visitId: visit.id, place: '装配车间', observation: '自动化程度高，需要设备维护和质量检测人员。'.repeat(3) })
    const symposium = records.symposium.create({ tripId: trip.id, enterpriseId: enterprise.id, date: day, presidedBy: '总经理', topics: ['人才培养'], consensus: ['共建实习基地'] })
    const speaker = records.attendee.create({ symposiumId: symposium.id, side: 'enterprise', name: `经理${i}`, title: '总经理' })
    records.remark.create({ symposiumId: symposium.id, speakerId: speaker.id, text: '希望学校多培养懂设备、肯扎根一线的技术工人。', isQuote: i % 10 === 0 })
    const survey = records.survey.create({ tripId: trip.id, enterpriseId: enterprise.id, date: day })
    records.position.create({ surveyId: survey.id, title: '设备维护技术员', headcount: 3 + (i % 5), majors: ['机电一体化技术'] })
    records.agreement.create({ tripId: trip.id, enterpriseId: enterprise.id, title: `实习基地协议${i + 1}`, kind: 'employment_base', status: 'signed', signedDate: day })
    // A phone-sized photo (2000 × 1500, about 1 MB) per visit.
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer()
    const added = await core.dispatch('attachment.add', { ownerKind: 'visit', ownerId: visit.id, fileName: `visit-${i + 1}.jpg`, dataBase64: photo.toString('base64'), caption: `第${i + 1}家企业生产线` })
    if (!added.ok) throw new Error(JSON.stringify(added.error))
  }

  const before = peakRssMb()
  const request = { kind: 'research-report', tripId: trip.id, style: 'official', language: 'zh' } as const
  const whole = await timeAsync(() => core.reports.build(request))
  const afterExport = peakRssMb()

  // The same document, packed again without reading, photos or charts: Packer.toBuffer alone.
  const data = readTripData(records, trip.id)
  data.photos = await loadPhotos(core.store.db, dir.path, data.visits.map((v) => v.visit.id))
  const content = researchReportContent(data, { style: OFFICIAL_STYLE, language: 'zh', signedBy: '调研组', chartFont: 'resources/fonts/NotoSansSC-Subset.otf' })
  const packOnly = await timeAsync(() => packDocument(content, OFFICIAL_STYLE, 'bench'))
  core.close()
  dir.cleanup()

  rows.push({
    name: 'export: research report of 100 enterprises with 100 photos',
    value: `${whole.ms.toFixed(0)} ms, ${(whole.result.buffer.length / 2 ** 20).toFixed(1)} MB .docx, peak RSS ${afterExport} MB (${before} MB before)`,
    baseline: `Packer.toBuffer of the same document: ${packOnly.ms.toFixed(0)} ms`,
    ratio: `${(whole.ms / packOnly.ms).toFixed(1)}× pack`,
    goal: '< 5 s and < 600 MB',
  })
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint()
  const result = await run()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
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
await benchExport()
printAndSave()
