import { open } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'
import { DUPLICATE_DECISIONS, type EnterpriseImportReport, type ImportField, type TripImportReport } from '../../../shared/exchange/api'
import { BACKUP_FORMAT, MANIFEST_FILE, MANIFEST_MAX_BYTES } from '../backup/manifest'
import { ZipFileReader } from '../backup/zip'
import type { Core } from '../core'
import { previewEnterprises } from '../exchange/enterprise-import'
import { ExchangeService } from '../exchange/service'
import type { Command } from './command'
import { describeFieldError } from './field-errors'
import { usage } from './usage-error'
import { resolveRecord } from './lookup'

function serviceOf(core: Core): ExchangeService {
  return new ExchangeService({ dataDir: core.dataDir, store: core.store, records: core.records }, undefined, process.env['npm_package_version'] ?? '0.0.0')
}

/**
 * A trip file is a zip holding trip.json; an .xlsx and a Fieldbook backup (manifest.json saying so) are zips too,
 * so the entries decide.
 */
async function zipKind(path: string): Promise<'trip' | 'backup' | 'other'> {
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('FILE_NOT_FOUND', `Cannot read ${path}`)
  })
  try {
    const head = Buffer.alloc(4)
    await handle.read(head, 0, 4, 0)
    if (head.readUInt32LE(0) !== 0x04034b50) return 'other'
  } finally {
    await handle.close()
  }
  // Through the zip's directory with positioned reads: a backup of many gigabytes is never read whole.
  let reader: ZipFileReader | null = null
  try {
    reader = await ZipFileReader.open(path)
    if (reader.find('trip.json')) return 'trip'
    const manifest = reader.find(MANIFEST_FILE)
    if (!manifest || manifest.size > MANIFEST_MAX_BYTES) return 'other'
    return (JSON.parse((await reader.readAll(manifest)).toString('utf8')) as { format?: unknown }).format === BACKUP_FORMAT ? 'backup' : 'other'
  } catch {
    // A damaged zip named .fbtrip is reported by the trip import itself.
    return path.toLowerCase().endsWith('.fbtrip') ? 'trip' : 'other'
  } finally {
    await reader?.close()
  }
}

function tripSummary(report: TripImportReport): string {
  const lines = [`${report.dryRun ? 'Would import' : 'Imported'} trip "${report.title}" (${report.tripId})`]
  for (const [section, counts] of Object.entries(report.sections)) {
    if (counts.created + counts.updated === 0) continue
    lines.push(`  ${section.padEnd(16)} ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged`)
  }
  if (lines.length === 1) lines.push('  Nothing new: everything in the file is here already.')
  for (const match of report.enterprisesMatched) lines.push(`  Enterprise ${match.name} found here already; used it`)
  if (report.attachmentsStored > 0) lines.push(`  ${report.attachmentsStored} attachment file(s) stored`)
  return lines.join('\n')
}

function enterpriseSummary(report: EnterpriseImportReport, mapping: Partial<Record<ImportField, number>>, headers: string[]): string {
  const lines = [
    `${report.dryRun ? 'Checked' : 'Imported'} ${report.fileName}: ${report.rows} rows in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    `  columns: ${Object.entries(mapping).map(([field, index]) => `${field} ← "${headers[index!] ?? index}"`).join(', ')}`,
    `  ${report.created} ${report.dryRun ? 'to create' : 'created'}, ${report.merged} merged into existing, ${report.skipped} skipped, ${report.refused} refused`,
  ]
  if (report.contactsCreated > 0) lines.push(`  ${report.contactsCreated} contact(s) ${report.dryRun ? 'to add' : 'added'}`)
  for (const d of report.duplicates.slice(0, 20)) {
    const target = d.target.kind === 'existing' ? `existing "${d.target.name}"` : `row ${d.target.row} "${d.target.name}"`
    lines.push(`  row ${d.row} "${d.name}" is ${target} (same ${d.matchedBy === 'creditCode' ? 'credit code' : 'name'}): ${d.decision}`)
  }
  for (const refused of report.refusedRows.slice(0, 50)) {
    lines.push(`  row ${refused.row} refused: ${refused.errors.map((e) => `${e.path}: ${describeFieldError(e)}`).join('; ')}`)
  }
  if (report.refused > 50) lines.push(`  … and ${report.refused - 50} more refused rows (use --json for the list)`)
  return lines.join('\n')
}

export const EXCHANGE_COMMANDS: Command[] = [
  {
    name: 'import',
    summary: 'Import a trip file (.fbtrip) or an enterprise list (.xlsx or .csv in UTF-8 or GB18030)',
    usage: 'import FILE [--dry-run] [--duplicates merge|overwrite|skip]',
    options: {
      'dry-run': { type: 'boolean', description: 'Check and report, write nothing' },
      duplicates: { type: 'string', description: 'Enterprise lists: what to do with duplicates: merge (fill empty fields, default), overwrite or skip' },
    },
    run: async (core, values, positionals) => {
      const [file, ...extra] = positionals
      if (!file || extra.length > 0) throw usage('Name one file to import: import FILE')
      // Checked before the file is read, so a typo is reported as such whatever the file holds.
      const decision = (values['duplicates'] as string | undefined) ?? 'merge'
      if (!(DUPLICATE_DECISIONS as readonly string[]).includes(decision) || decision === 'create') {
        throw usage('--duplicates must be merge, overwrite or skip')
      }
      const path = resolve(file)
      const dryRun = values['dry-run'] === true
      const service = serviceOf(core)
      const kind = await zipKind(path)
      if (kind === 'trip') return { kind: 'trip', trip: await service.importTripFrom(path, dryRun) }
      if (kind === 'backup') {
        throw new AppError('IMPORT_INVALID', `${basename(path)} is a Fieldbook backup (a whole data folder), not a trip file or an enterprise list. Use \`restore ${basename(path)}\` to bring it back.`, {
          reason: 'isBackup',
          fileName: basename(path),
        })
      }
      const preview = await previewEnterprises(path)
      if (preview.suggestedMapping.name === undefined) {
        throw new AppError('IMPORT_INVALID', `No column of ${preview.fileName} looks like the enterprise name (headers: ${preview.headers.join(', ')}). Name it 企业名称 or Name.`, {
          reason: 'noNameColumn',
        })
      }
      const report = await service.importEnterprisesFrom(path, { mapping: preview.suggestedMapping, defaultDecision: decision as 'merge', dryRun })
      return { kind: 'enterprises', encoding: preview.encoding, headers: preview.headers, mapping: preview.suggestedMapping, enterprises: report }
    },
    format: (result) =>
      result['kind'] === 'trip'
        ? tripSummary(result['trip'] as TripImportReport)
        : enterpriseSummary(result['enterprises'] as EnterpriseImportReport, result['mapping'] as Record<string, number>, result['headers'] as string[]),
  },
  {
    name: 'export-trip',
    summary: 'Write a trip with its enterprises, records and attachments to one .fbtrip file',
    usage: 'export-trip --trip TRIP --out FILE.fbtrip',
    options: {
      trip: { type: 'string', description: 'The trip, by id or title' },
      out: { type: 'string', description: 'Where to write the .fbtrip file' },
    },
    run: async (core, values) => {
      if (typeof values['out'] !== 'string' || !values['out']) throw usage('Say where to write the file with --out FILE.fbtrip')
      const tripId = resolveRecord(core, 'trip', values['trip']).id
      const filePath = resolve(values['out'])
      const written = await serviceOf(core).exportTripTo(tripId, filePath)
      return { export: { tripId, filePath, bytes: written.bytes, missingAttachments: written.missingBlobs } }
    },
    format: ({ export: written }) => {
      const { filePath, bytes, missingAttachments } = written as { filePath: string; bytes: number; missingAttachments: number }
      const missing = missingAttachments > 0 ? `\n${missingAttachments} attachment file(s) are not on this computer yet and were left out.` : ''
      return `Wrote ${filePath} (${Math.max(1, Math.round(bytes / 1024))} KB)${missing}`
    },
  },
]
