import Database from 'better-sqlite3'
import { join } from 'node:path'
import { openCore } from '../../electron/core/core'
import { buildCampaignDocument } from '../../electron/core/reports/campaign/export'
import { SAMPLE_TODAY } from '../../electron/core/sample/generator'
import { DATABASE_FILE } from '../../electron/core/store/store'
import type { CampaignFigures } from '../../shared/procedures/campaign'
import { DEFAULT_COLLEGE_PROFILE } from '../../shared/schemas/settings'
import type { ScaleFolder } from './scale'
import { addRow, formatMs, time } from './table'

const RUNS = 30

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** The tables the campaign screen's query reads, each counted: the floor any query over them pays. */
const COUNT_OF_READ_TABLES = `SELECT ${['visits', 'symposiums', 'attendees', 'trip_members', 'surveys', 'positions', 'agreements', 'actions', 'enterprises', 'staff', 'trips']
  .map((table) => `(SELECT COUNT(*) FROM ${table})`)
  .join(' + ')} AS n`

/**
 * The campaign screen's query (campaign.figures for the campaign year) over L, beside a COUNT(*) of the tables it
 * reads; and the ledger of that year exported to .xlsx, beside the query alone.
 */
export async function benchCampaign(folder: ScaleFolder): Promise<void> {
  const core = openCore({ dataDir: folder.dataDir, checkOutputs: false })
  const db = new Database(join(folder.dataDir, DATABASE_FILE), { readonly: true })
  try {
    const year = SAMPLE_TODAY.slice(0, 4)
    const input = { from: `${year}-01-01`, to: `${year}-12-31`, today: SAMPLE_TODAY }
    // The progress tab's query, as the screen opens: the figures without the ledger rows.
    const screenInput = { ...input, ledger: false }
    const samples: number[] = []
    // CPU time of this process beside the wall time: on a shared machine the wall time includes waiting for a core.
    const cpu: number[] = []
    const counts: number[] = []
    const count = db.prepare(COUNT_OF_READ_TABLES)
    let figures: CampaignFigures | undefined
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now()
      const cpuStart = process.cpuUsage()
      const result = await core.dispatch('campaign.figures', screenInput)
      samples.push(performance.now() - start)
      const used = process.cpuUsage(cpuStart)
      cpu.push((used.user + used.system) / 1000)
      if (!result.ok) throw new Error(`campaign.figures: ${JSON.stringify(result.error)}`)
      figures = result.value as CampaignFigures
      counts.push(time(() => count.get()).ms)
    }
    const p95 = percentile(samples, 95)
    addRow({
      name: `campaign screen query (progress tab) over L for ${year} (${figures!.totals.visits} enterprise visits, ${figures!.leaders.length} leaders; ${RUNS} runs)`,
      value: `p50 ${formatMs(percentile(samples, 50))}, p95 ${formatMs(p95)} (CPU p50 ${formatMs(percentile(cpu, 50))}, p95 ${formatMs(percentile(cpu, 95))})`,
      baseline: `COUNT(*) of the 11 tables it reads: p95 ${formatMs(percentile(counts, 95))}`,
      ratio: `${(p95 / percentile(counts, 95)).toFixed(1)}× COUNT (p95)`,
      goal: 'p95 < 100 ms',
      note: p95 < 100 ? '' : 'over goal',
    })

    // The ledger tab: the same figures with one row per person per enterprise visit and their follow-ups.
    const ledgerSamples: number[] = []
    let ledgerRows = 0
    for (let run = 0; run < 10; run++) {
      const start = performance.now()
      const result = await core.dispatch('campaign.figures', input)
      ledgerSamples.push(performance.now() - start)
      if (!result.ok) throw new Error(`campaign.figures: ${JSON.stringify(result.error)}`)
      ledgerRows = (result.value as CampaignFigures).ledger.length
    }
    addRow({
      name: `campaign ledger tab query over L for ${year} (${ledgerRows} ledger rows; 10 runs)`,
      value: `p50 ${formatMs(percentile(ledgerSamples, 50))}, p95 ${formatMs(percentile(ledgerSamples, 95))}`,
      baseline: `the progress tab's query: p50 ${formatMs(percentile(samples, 50))}`,
      ratio: `${(percentile(ledgerSamples, 50) / percentile(samples, 50)).toFixed(1)}× progress`,
      goal: '—',
      note: '',
    })

    const context = { dataDir: folder.dataDir, store: core.store, records: core.records }
    const exports: number[] = []
    let bytes = 0
    for (let run = 0; run < 3; run++) {
      const start = performance.now()
      const built = await buildCampaignDocument(context, DEFAULT_COLLEGE_PROFILE, { kind: 'ledger', ...input, language: 'zh', sheetPerLeader: true })
      exports.push(performance.now() - start)
      bytes = built.buffer.length
    }
    const exportMs = percentile(exports, 50)
    addRow({
      name: `campaign ledger of ${year} at L to .xlsx, one sheet per leader (${ledgerRows} rows, ${Math.round(bytes / 1024)} KB; median of 3)`,
      value: formatMs(exportMs),
      baseline: `the ledger query alone: ${formatMs(percentile(ledgerSamples, 50))}`,
      ratio: `${(exportMs / percentile(ledgerSamples, 50)).toFixed(1)}× query`,
      goal: '< 3 s',
      note: exportMs < 3000 ? '' : 'over goal',
    })
  } finally {
    db.close()
    core.close()
  }
}
