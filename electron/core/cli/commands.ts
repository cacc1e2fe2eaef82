import type { Trip } from '../../../shared/schemas/trip'
import { resolve } from 'node:path'
import { REPORT_KINDS, ReportRequest, type ExportWarning } from '../../../shared/procedures/reports'
import { REPORT_STYLES } from '../../../shared/schemas/settings'
import { GENERATE_COMMANDS } from './generate-commands'
import { SYNC_COMMANDS } from './sync-commands'
import { BACKUP_COMMANDS } from './backup-commands'
import { EXCHANGE_COMMANDS } from './exchange-commands'
import { ENTERPRISE_COMMANDS } from './enterprise-commands'
import { LAYOUT_COMMANDS } from './layout-commands'
import { CAMPAIGN_COMMANDS } from './campaign-commands'
import { usage } from './usage-error'
import { call, resolveRecord } from './lookup'
import type { Command } from './command'

/** What each export warning asks the user to check, for the command line. */
const EXPORT_WARNING_TEXT: Record<ExportWarning, string> = {
  collegeProfileEmpty: 'the college profile is empty, so the document says "学校" / "the college" where the college\'s name belongs (set it in Settings)',
  untranslatedValues: 'some records are written in Chinese and appear as they are in this English document',
}

function tripLine(trip: Trip): string {
  const regions = trip.regions.length > 0 ? `  [${trip.regions.join(', ')}]` : ''
  return `${trip.id}  ${trip.startDate} – ${trip.endDate}  ${trip.status.padEnd(9)}  ${trip.title}${regions}`
}


const oneOf = (value: unknown, allowed: readonly string[]): boolean => typeof value === 'string' && allowed.includes(value)

export const COMMANDS: Command[] = [
  {
    name: 'sample',
    summary: 'Load the sample trip (two enterprises in Anhui and Jiangsu) and print its id and title',
    usage: 'sample [--lang zh|en]',
    options: { lang: { type: 'string', description: 'Language of the sample: zh (default) or en' } },
    run: async (core, values) => ({ trip: await call(core, 'app.loadSample', { language: values['lang'] ?? 'zh' }) }),
    format: ({ trip }) => {
      const { tripId, title } = trip as { tripId: string; title: string }
      return `${tripId}  ${title}`
    },
  },
  {
    name: 'info',
    summary: 'Show the data folder, its data version and this install’s node id',
    usage: 'info',
    options: {},
    run: async (core) => ({ info: await call(core, 'app.info', {}) }),
    format: ({ info }) =>
      Object.entries(info as Record<string, unknown>)
        .map(([key, value]) => `${key.padEnd(14)} ${String(value)}`)
        .join('\n'),
  },
  {
    name: 'export-report',
    summary: 'Write a Word document: research-report, news-brief, talent-demand or enterprise-file',
    usage: 'export-report --kind KIND (--trip TRIP | --enterprise ENTERPRISE) --style official|standard --lang zh|en --out FILE.docx',
    options: {
      kind: { type: 'string', description: 'research-report, news-brief, talent-demand or enterprise-file' },
      trip: { type: 'string', description: 'The trip, by id or title' },
      enterprise: { type: 'string', description: 'The enterprise, by id or name (enterprise-file; narrows talent-demand)' },
      style: { type: 'string', description: 'official (GB/T 9704, default) or standard' },
      lang: { type: 'string', description: 'zh (default) or en' },
      out: { type: 'string', description: 'Where to write the .docx' },
    },
    run: async (core, values) => {
      if (!oneOf(values['kind'], REPORT_KINDS)) throw usage(`Choose the document with --kind ${REPORT_KINDS.join(', ')}`)
      if (values['style'] !== undefined && !oneOf(values['style'], REPORT_STYLES)) throw usage('--style must be official or standard')
      if (values['lang'] !== undefined && !oneOf(values['lang'], ['zh', 'en'])) throw usage('--lang must be zh or en')
      if (typeof values['out'] !== 'string' || !values['out']) throw usage('Say where to write the document with --out FILE.docx')
      const request = ReportRequest.parse({
        kind: values['kind'],
        style: values['style'] ?? 'official',
        language: values['lang'] ?? 'zh',
        ...(values['trip'] ? { tripId: resolveRecord(core, 'trip', values['trip']).id } : {}),
        ...(values['enterprise'] ? { enterpriseId: resolveRecord(core, 'enterprise', values['enterprise']).id } : {}),
      })
      const record = await core.reports.exportTo(request, resolve(values['out']))
      return { export: { ...record, filePath: resolve(values['out']) } }
    },
    format: ({ export: record }) => {
      const { filePath, bytes, warnings = [] } = record as { filePath: string; bytes: number; warnings?: ExportWarning[] }
      return [`Wrote ${filePath} (${Math.round(bytes / 1024)} KB)`, ...warnings.map((w) => `Check before it goes out: ${EXPORT_WARNING_TEXT[w]}`)].join('\n')
    },
  },
  {
    name: 'trips',
    summary: 'List the trips (newest first)',
    usage: 'trips',
    options: {},
    run: async (core) => ({ trips: await call(core, 'trip.list', {}) }),
    format: ({ trips }) => {
      const list = trips as Trip[]
      return list.length === 0 ? 'No trips yet.' : list.map(tripLine).join('\n')
    },
  },
  {
    name: 'trip-create',
    summary: 'Create a trip',
    usage: 'trip-create --title TITLE --start YYYY-MM-DD --end YYYY-MM-DD [--region R]... [--purpose TEXT] [--status planned|ongoing|completed|archived]',
    options: {
      title: { type: 'string', description: 'Trip title' },
      start: { type: 'string', description: 'First day, YYYY-MM-DD' },
      end: { type: 'string', description: 'Last day, YYYY-MM-DD' },
      region: { type: 'string', multiple: true, description: 'A region visited; repeat for several' },
      purpose: { type: 'string', description: 'Why the trip is made' },
      status: { type: 'string', description: 'planned (default), ongoing, completed or archived' },
    },
    run: async (core, values) => ({
      trip: await call(core, 'trip.create', {
        title: values['title'] ?? '',
        startDate: values['start'] ?? '',
        endDate: values['end'] ?? '',
        regions: values['region'] ?? [],
        purpose: values['purpose'] ?? '',
        ...(values['status'] ? { status: values['status'] } : {}),
      }),
    }),
    format: ({ trip }) => `Created ${tripLine(trip as Trip)}`,
  },
  ...GENERATE_COMMANDS,
  ...SYNC_COMMANDS,
  ...BACKUP_COMMANDS,
  ...EXCHANGE_COMMANDS,
  ...ENTERPRISE_COMMANDS,
  ...LAYOUT_COMMANDS,
  ...CAMPAIGN_COMMANDS,
]
