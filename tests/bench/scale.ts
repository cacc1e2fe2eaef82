import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openCore, type Core } from '../../electron/core/core'
import { SAMPLE_TODAY, type GenerateSummary } from '../../electron/core/sample/generator'
import { DATABASE_FILE } from '../../electron/core/store/store'
import { addRow, formatMs, time } from './table'

/** The L data set, generated once per run and shared by every measure at scale. */
export interface ScaleFolder {
  dataDir: string
  summary: GenerateSummary & { peakRssMb: number }
}

/**
 * Generates the L data set through the real CLI (`generate --size L`) in a child process, so its peak RSS is
 * the generator's own and not this process's.
 */
export function generateL(dataDir = join(process.env['TMPDIR'] ?? '/tmp', `fieldbook-bench-L-${process.pid}`)): ScaleFolder {
  rmSync(dataDir, { recursive: true, force: true })
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', 'generate', '--size', 'L', '--data-dir', dataDir, '--json'], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  })
  if (child.status !== 0) throw new Error(`generate --size L failed: ${child.stderr}`)
  const { generated } = JSON.parse(child.stdout) as { generated: ScaleFolder['summary'] }
  const rows = Object.values(generated.counts).reduce((sum, n) => sum + n, 0)
  addRow({
    name: `generate L (${rows.toLocaleString('en')} records, ${generated.distinctPhotos} distinct photos) through applyChanges with the search index on`,
    value: `${(generated.ms / 1000).toFixed(1)} s, ${Math.round((generated.changes / generated.ms) * 1000).toLocaleString('en')} changes/s, peak RSS ${generated.peakRssMb} MB`,
    baseline: `${generated.changes.toLocaleString('en')} field changes`,
    ratio: '—',
    goal: 'bench < 10 min; RSS < 600 MB',
    note: generated.peakRssMb < 600 ? '' : 'peak RSS over 600 MB',
  })
  return { dataDir, summary: generated }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function stats(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

function median(samples: number[]): number {
  return stats(samples).p50
}

async function dispatchOk<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input)
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`)
  return result.value as T
}

/** Opening the L folder as the app does: open, migrations check, the search index check, the first dashboard. */
async function benchOpen(folder: ScaleFolder): Promise<void> {
  const opens: number[] = []
  const raws: number[] = []
  for (let run = 0; run < 5; run++) {
    const start = performance.now()
    const core = openCore({ dataDir: folder.dataDir, checkOutputs: false })
    const trips = await dispatchOk<{ id: string }[]>(core, 'trip.list', {})
    await dispatchOk(core, 'trip.dashboard', { tripId: trips[0]!.id, today: SAMPLE_TODAY })
    opens.push(performance.now() - start)
    core.close()

    const raw = time(() => {
      const db = new Database(join(folder.dataDir, DATABASE_FILE))
      db.prepare('SELECT COUNT(*) FROM trips').get()
      db.close()
    })
    raws.push(raw.ms)
  }
  const ms = median(opens)
  addRow({
    name: 'open the L data folder: open, migrations check, trip list, first dashboard (median of 5; first run in brackets)',
    value: `${formatMs(ms)} (${formatMs(opens[0]!)})`,
    baseline: `better-sqlite3 open + COUNT(*) of trips: ${formatMs(median(raws))}`,
    ratio: `${(ms / median(raws)).toFixed(1)}× raw`,
    goal: '< 300 ms',
    note: ms < 300 ? '' : 'over goal: see the open profile below the table',
  })
}

/** Terms that occur in the generated data: Chinese of 3 to 6 characters (the trigram index), of 1 and 2 (the per-character index), English. */
export const CHINESE_TERMS = [
  '订单班', '工业机器人', '设备维护', '就业基地', '现代学徒制', '质量检测', '产业导师', '智能科技', '技术工人', '招聘会', '产业学院',
  '数字化转型', '班组长', '机电一体化', '岗前培训',
]
/** What users type on the road: trades, places, one character on the way to a word. */
export const SHORT_CHINESE_TERMS = ['焊工', '电工', '实习', '数控', '苏州', '实训', '倒班', '汇润', '岗位', '培训', '工', '班']
export const ENGLISH_TERMS = ['PLC', 'MES', 'CNC', 'ERP', 'SMT', 'AGV', 'drawings', 'maintenance', 'Robotics', 'Suzhou']
const SEARCH_RUNS = 5

/** search.query over L, p50 and p95 per kind of term, beside a LIKE scan of the main text columns. */
async function benchSearch(core: Core, db: Database.Database): Promise<void> {
  const like = db.prepare(
    `SELECT (SELECT COUNT(*) FROM remarks WHERE text LIKE @p) + (SELECT COUNT(*) FROM positions WHERE title LIKE @p OR skills LIKE @p)
       + (SELECT COUNT(*) FROM enterprises WHERE name LIKE @p OR industry LIKE @p) + (SELECT COUNT(*) FROM actions WHERE title LIKE @p)
       + (SELECT COUNT(*) FROM visit_stops WHERE observation LIKE @p) AS n`,
  )
  const missing: string[] = []
  for (const [language, terms] of [
    ['Chinese, 3–6 characters', CHINESE_TERMS],
    ['Chinese, 1–2 characters', SHORT_CHINESE_TERMS],
    ['English', ENGLISH_TERMS],
  ] as const) {
    const samples: number[] = []
    const likeSamples: number[] = []
    let hits = 0
    for (const q of terms) {
      for (let run = 0; run < SEARCH_RUNS; run++) {
        const start = performance.now()
        const result = await dispatchOk<{ total: number }>(core, 'search.query', { q })
        samples.push(performance.now() - start)
        if (run === 0) {
          hits += result.total
          if (result.total === 0) missing.push(q)
        }
        likeSamples.push(time(() => like.get({ p: `%${q}%` })).ms)
      }
    }
    const ours = stats(samples)
    const base = stats(likeSamples)
    addRow({
      name: `search.query over L: ${terms.length} ${language} terms × ${SEARCH_RUNS} (${hits.toLocaleString('en')} hits in all)`,
      value: `p50 ${formatMs(ours.p50)}, p95 ${formatMs(ours.p95)}`,
      baseline: `LIKE '%term%' count over remarks, positions, enterprises, actions, stops: p50 ${formatMs(base.p50)}, p95 ${formatMs(base.p95)}`,
      ratio: `${(ours.p95 / base.p95).toFixed(2)}× LIKE (p95)`,
      goal: 'p95 < 30 ms',
      note: ours.p95 < 30 ? '' : 'over goal: see the search profile below the table',
    })
  }
  if (missing.length > 0) throw new Error(`Search terms with no hits in the L data: ${missing.join(', ')}`)
}

/** The biggest trip's dashboard and the busiest enterprise's timeline, beside COUNT(*) of the tables they read. */
async function benchQueries(core: Core, db: Database.Database): Promise<void> {
  const trip = db
    .prepare('SELECT trip_id AS id, COUNT(*) AS n FROM surveys s JOIN positions p ON p.survey_id = s.id GROUP BY trip_id ORDER BY n DESC LIMIT 1')
    .get() as { id: string; n: number }
  const enterprise = db
    .prepare(
      `SELECT enterprise_id AS id, COUNT(*) AS n FROM (SELECT enterprise_id FROM visits UNION ALL SELECT enterprise_id FROM symposiums
       UNION ALL SELECT enterprise_id FROM surveys UNION ALL SELECT enterprise_id FROM actions UNION ALL SELECT enterprise_id FROM agreements)
       GROUP BY enterprise_id ORDER BY n DESC LIMIT 1`,
    )
    .get() as { id: string; n: number }
  const counts = db.prepare(
    `SELECT (SELECT COUNT(*) FROM visits) + (SELECT COUNT(*) FROM symposiums) + (SELECT COUNT(*) FROM agreements)
       + (SELECT COUNT(*) FROM surveys) + (SELECT COUNT(*) FROM positions) + (SELECT COUNT(*) FROM actions) + (SELECT COUNT(*) FROM remarks) AS n`,
  )
  const countMs = median(Array.from({ length: 10 }, () => time(() => counts.get()).ms))

  const measure = async (name: string, input: unknown) => {
    const samples: number[] = []
    for (let run = 0; run < 10; run++) {
      const start = performance.now()
      await dispatchOk(core, name, input)
      samples.push(performance.now() - start)
    }
    return stats(samples)
  }
  const dashboard = await measure('trip.dashboard', { tripId: trip.id, today: SAMPLE_TODAY })
  addRow({
    name: `trip.dashboard of the largest trip at L (${trip.n} positions) × 10`,
    value: `p50 ${formatMs(dashboard.p50)}, p95 ${formatMs(dashboard.p95)}`,
    baseline: `COUNT(*) of the 7 tables it reads (whole tables): ${formatMs(countMs)}`,
    ratio: `${(dashboard.p50 / countMs).toFixed(2)}× COUNT`,
    goal: '< 50 ms',
    note: dashboard.p95 < 50 ? '' : 'over goal: see the query profile below the table',
  })
  const timeline = await measure('enterprise.timeline', { enterpriseId: enterprise.id })
  addRow({
    name: `enterprise.timeline of the busiest enterprise at L (${enterprise.n} records) × 10`,
    value: `p50 ${formatMs(timeline.p50)}, p95 ${formatMs(timeline.p95)}`,
    baseline: `COUNT(*) of the 7 tables it reads (whole tables): ${formatMs(countMs)}`,
    ratio: `${(timeline.p50 / countMs).toFixed(2)}× COUNT`,
    goal: '< 50 ms',
    note: timeline.p95 < 50 ? '' : 'over goal: see the query profile below the table',
  })
  const overview = await measure('enterprise.overview', {})
  addRow({
    name: 'enterprise.overview (the enterprise list) at L, 2,000 enterprises × 10',
    value: `p50 ${formatMs(overview.p50)}, p95 ${formatMs(overview.p95)}`,
    baseline: `COUNT(*) of the 7 tables: ${formatMs(countMs)}`,
    ratio: `${(overview.p50 / countMs).toFixed(2)}× COUNT`,
    goal: '(feeds the list below)',
  })
}

/** Every measure over the L folder that runs in this process. */
export async function benchScale(folder: ScaleFolder): Promise<void> {
  if (!existsSync(join(folder.dataDir, DATABASE_FILE))) throw new Error(`No data in ${folder.dataDir}`)
  await benchOpen(folder)
  // As the app runs: outputs are not re-checked against their schemas (see CoreOptions.checkOutputs).
  const core = openCore({ dataDir: folder.dataDir, checkOutputs: false })
  const db = new Database(join(folder.dataDir, DATABASE_FILE), { readonly: true })
  try {
    await benchSearch(core, db)
    await benchQueries(core, db)
  } finally {
    db.close()
    core.close()
  }
}
