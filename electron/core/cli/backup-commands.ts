import { statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { AppError, type InvokeResult } from '../../../shared/errors'
import type { BackupWritten } from '../backup/create'
import { restoreDataDir } from '../backup/restore'
import { BackupService } from '../backup/service'
import type { RestoreResult } from '../../../shared/procedures/backup'
import type { TripDashboard } from '../../../shared/procedures/trip-overview'
import type { Core } from '../core'
import type { Command } from './command'
import { usage } from './usage-error'
import { resolveRecord } from './lookup'
import { localToday } from '../local-date'

const service = (core: Core) => new BackupService(core, { appVersion: process.env['npm_package_version'] ?? '0.0.0' })

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`



export const BACKUP_COMMANDS: Command[] = [
  {
    name: 'backup',
    summary: 'Write a backup (the database, every attachment and a manifest with checksums) to one .fbbackup file',
    usage: 'backup --out FILE.fbbackup',
    options: { out: { type: 'string', description: 'Where to write the backup' } },
    run: async (core, values) => {
      if (typeof values['out'] !== 'string' || !values['out']) throw usage('Say where to write the backup with --out FILE.fbbackup')
      const written: BackupWritten = await service(core).backupTo(resolve(values['out']))
      return { backup: written }
    },
    format: ({ backup }) => {
      const { filePath, bytes, attachments } = backup as BackupWritten
      return `Wrote ${filePath} (${megabytes(bytes)}, ${attachments} attachment${attachments === 1 ? '' : 's'})`
    },
  },
  {
    name: 'restore',
    summary: 'Check a backup file in full, keep a safety copy of the current data in backups/, then restore the backup',
    usage: 'restore FILE.fbbackup',
    options: {},
    run: async (core, _values, positionals) => {
      if (positionals.length !== 1) throw usage('Name one backup file: restore FILE.fbbackup')
      const result: RestoreResult = await service(core).restoreFile(resolve(positionals[0]!))
      return { ...result, safetyCopyPath: join(core.dataDir, 'backups', result.safetyCopy) }
    },
    // A damaged database, or one from a newer version, is exactly when a restore is needed.
    runOnUnopenable: async (dataDir, _values, positionals) => {
      if (positionals.length !== 1) throw usage('Name one backup file: restore FILE.fbbackup')
      const file = resolve(positionals[0]!)
      const outcome = await restoreDataDir(dataDir, file, { appVersion: process.env['npm_package_version'] ?? '0.0.0' })
      const restored = { ...outcome.summary, fileName: basename(file), bytes: statSync(file).size }
      return { restored, safetyCopy: basename(outcome.safetyCopy), safetyCopyPath: outcome.safetyCopy }
    },
    format: (result) => {
      const { restored, safetyCopyPath } = result as RestoreResult & { safetyCopyPath: string }
      return [
        `Restored ${restored.fileName} (made ${restored.createdAt} by Fieldbook ${restored.appVersion})`,
        `  ${restored.trips} trips, ${restored.enterprises} enterprises, ${restored.records} records, ${restored.attachments} attachments`,
        `The data as it was before is kept in ${safetyCopyPath}`,
      ].join('\n')
    },
  },
  {
    name: 'stats',
    summary: 'Print a trip’s figures (the dashboard: enterprises visited, agreements, positions, surveys…)',
    usage: 'stats --trip TRIP',
    options: { trip: { type: 'string', description: 'The trip, by id or title (or a part of the title only it has)' } },
    run: async (core, values) => {
      const { id, name: title } = resolveRecord(core, 'trip', values['trip'])
      const trip = { id, title }
      const result: InvokeResult<unknown> = await core.dispatch('trip.dashboard', { tripId: trip.id, today: localToday() })
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details)
      return { trip, dashboard: result.value }
    },
    format: (result) => {
      const { trip, dashboard: d } = result as { trip: { id: string; title: string }; dashboard: TripDashboard }
      const rows: [string, string | number][] = [
        ['Trip', `${trip.title} (${trip.id})`],
        ['Enterprises visited', d.enterprisesVisited],
        ['Site visits', d.siteVisits],
        ['Symposiums', d.symposiums],
        ['Agreements', `${d.agreements.total} (${d.agreements.signed} signed, ${d.agreements.amountYuan} yuan)`],
        [
          'Positions',
          `${d.positions.total} (surveys: ${d.positions.fromSurveys.employment} employment + ${d.positions.fromSurveys.internship} internship; committed in agreements, not added: ${d.positions.fromAgreements})`,
        ],
        ['Surveys', `${d.surveys.total} (${d.surveys.complete} complete)`],
        ['Follow-ups open', `${d.followUps.open} (${d.followUps.overdue} overdue)`],
        ['Quotes', d.quotes],
      ]
      return rows.map(([label, value]) => `${label.padEnd(20)} ${value}`).join('\n')
    },
  },
]
