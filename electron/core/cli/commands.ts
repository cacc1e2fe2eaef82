import type { Core } from '../core'
import type { Trip } from '../../../shared/schemas/trip'
import { AppError, type InvokeResult } from '../../../shared/errors'

/** What a command may read from the command line (node:util parseArgs options). */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; description: string }>

export interface Command {
  name: string
  summary: string
  usage: string
  options: OptionSpec
  run(core: Core, values: Record<string, unknown>, positionals: string[]): Promise<Record<string, unknown>>
  /** The human-readable form; `--json` prints the object instead. */
  format(result: Record<string, unknown>): string
}

async function call(core: Core, name: string, input: unknown): Promise<unknown> {
  const result: InvokeResult<unknown> = await core.dispatch(name, input)
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details)
  return result.value
}

function tripLine(trip: Trip): string {
  const regions = trip.regions.length > 0 ? `  [${trip.regions.join(', ')}]` : ''
  return `${trip.id}  ${trip.startDate} – ${trip.endDate}  ${trip.status.padEnd(9)}  ${trip.title}${regions}`
}

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
]
