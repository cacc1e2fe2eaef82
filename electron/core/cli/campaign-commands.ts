import { resolve } from 'node:path'
import { CAMPAIGN_EXPORT_KINDS, type CampaignFigures } from '../../../shared/procedures/campaign'
import { buildCampaignDocument, writeExport } from '../reports/campaign/export'
import type { Command } from './command'
import { call } from './lookup'
import { usage } from './usage-error'
import { localToday } from '../local-date'


const DATE = /^\d{4}-\d{2}-\d{2}$/
function period(values: Record<string, unknown>): { from?: string; to?: string; today: string } {
  for (const key of ['from', 'to', 'today'] as const) {
    if (values[key] !== undefined && !DATE.test(String(values[key]))) throw usage(`--${key} must be a date as YYYY-MM-DD`)
  }
  return {
    ...(values['from'] ? { from: String(values['from']) } : {}),
    ...(values['to'] ? { to: String(values['to']) } : {}),
    today: values['today'] ? String(values['today']) : localToday(),
  }
}

const PERIOD_OPTIONS = {
  from: { type: 'string', description: 'First day of the period, YYYY-MM-DD (default: the campaign settings’ period)' },
  to: { type: 'string', description: 'Last day of the period, included' },
  today: { type: 'string', description: 'The day to count from (the current week, the default year); default: today' },
} as const

export const CAMPAIGN_COMMANDS: Command[] = [
  {
    name: 'campaign',
    summary: 'Show the employer visits campaign: totals, each leader’s visits against the quota, by month',
    usage: 'campaign [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
    options: { ...PERIOD_OPTIONS },
    run: async (core, values) => ({ figures: await call<CampaignFigures>(core, 'campaign.figures', period(values)) }),
    format: ({ figures }) => {
      const f = figures as CampaignFigures
      const t = f.totals
      const lines = [
        `Period              ${f.period.from} – ${f.period.to}`,
        `Enterprises visited ${t.enterprisesVisited} (${t.newEnterprises} new)`,
        `Enterprise visits   ${t.visits} (${t.siteVisits} site visits, ${t.symposiums} symposiums)`,
        `New positions       ${t.positions.total} (${t.positions.jobs} jobs, ${t.positions.internships} internships)`,
        `Committed by agreements ${t.positions.committedByAgreements} (counted apart)`,
        `Agreements          ${t.agreements.total}; order-class students ${t.orderClassStudents}`,
        '',
        'Leaders',
        ...f.leaders.map((l) => `  ${l.name.padEnd(8)} ${l.level.padEnd(10)} ${String(l.visits).padStart(4)}${l.quota ? ` / ${l.quota}` : ''}  last ${l.lastVisit || '—'}`),
        '',
        'By month',
        ...f.months.map((m) => `  ${m.month}  ${String(m.visits).padStart(4)} visits  ${String(m.jobs + m.internships).padStart(5)} positions  ${m.agreements} agreements`),
      ]
      return lines.join('\n')
    },
  },
  {
    name: 'export-campaign',
    summary: 'Write the campaign ledger (.xlsx), the weekly report or the period summary (.docx)',
    usage: 'export-campaign --kind ledger|weekly|summary [--from … --to …] [--lang zh|en] [--sheet-per-leader] --out FILE',
    options: {
      kind: { type: 'string', description: 'ledger, weekly or summary' },
      ...PERIOD_OPTIONS,
      lang: { type: 'string', description: 'zh (default) or en' },
      'sheet-per-leader': { type: 'boolean', description: 'Ledger: one more sheet per leader' },
      out: { type: 'string', description: 'Where to write the file' },
    },
    run: async (core, values) => {
      const kind = values['kind']
      if (typeof kind !== 'string' || !(CAMPAIGN_EXPORT_KINDS as readonly string[]).includes(kind)) throw usage(`Choose the document with --kind ${CAMPAIGN_EXPORT_KINDS.join(', ')}`)
      if (values['lang'] !== undefined && values['lang'] !== 'zh' && values['lang'] !== 'en') throw usage('--lang must be zh or en')
      if (typeof values['out'] !== 'string' || !values['out']) throw usage(`Say where to write the file with --out FILE.${kind === 'ledger' ? 'xlsx' : 'docx'}`)
      const profile = await call<Parameters<typeof buildCampaignDocument>[1]>(core, 'settings.getProfile', {})
      const built = await buildCampaignDocument({ dataDir: core.dataDir, store: core.store, records: core.records }, profile, {
        kind,
        language: values['lang'] ?? 'zh',
        sheetPerLeader: values['sheet-per-leader'] === true,
        ...period(values),
      })
      const filePath = resolve(values['out'])
      writeExport(filePath, built.buffer)
      return { file: filePath, title: built.title, bytes: built.buffer.length }
    },
    format: ({ file, bytes }) => `Wrote ${String(file)} (${String(bytes)} bytes)`,
  },
]
