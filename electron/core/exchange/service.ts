import { randomUUID } from 'node:crypto'
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError } from '../../../shared/errors'
import type {
  ChosenFile,
  EnterpriseImportReport,
  EnterpriseImportRequest,
  EnterprisePreview,
  ExportedFile,
  ImportPurpose,
  SpreadsheetFormat,
  TableExportRequest,
  TripImportReport,
} from '../../../shared/exchange/api'
import { TRIP_FILE_EXTENSION } from '../../../shared/exchange/format'
import type { CoreContext } from '../context'
import { safeFileName } from '../reports/file-name'
import { importEnterprises, previewEnterprises } from './enterprise-import'
import { sheetFor, writeSheet } from './table-export'
import { buildTripFile, importTripFile, MAX_TRIP_CONTENT_BYTES } from './trip-file'

export interface FileFilter {
  /** Shown in the dialog, in the user's language when the host knows it. */
  name: string
  extensions: string[]
}

/** What only the host can do: the native open and save dialogs (Electron's in the app, fakes in tests). */
export interface ExchangeHost {
  chooseOpenPath(filters: FileFilter[]): Promise<string | null>
  chooseSavePath(suggestedName: string, filters: FileFilter[]): Promise<string | null>
}

const OPEN_FILTERS: Record<ImportPurpose, FileFilter[]> = {
  enterprises: [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv', 'txt'] }],
  trip: [{ name: 'Fieldbook trip', extensions: [TRIP_FILE_EXTENSION] }],
}
const SAVE_FILTERS: Record<SpreadsheetFormat | 'trip', FileFilter[]> = {
  xlsx: [{ name: 'Excel', extensions: ['xlsx'] }],
  csv: [{ name: 'CSV (UTF-8)', extensions: ['csv'] }],
  trip: [{ name: 'Fieldbook trip', extensions: [TRIP_FILE_EXTENSION] }],
}
const EXPORT_NAMES = {
  positions: { zh: '岗位需求', en: 'positions' },
  surveys: { zh: '需求调研', en: 'surveys' },
  enterprises: { zh: '企业名录', en: 'enterprises' },
  actions: { zh: '跟进事项', en: 'follow-ups' },
} as const

/** At most this many chosen files are remembered; a page cannot make the core hold more. */
const MAX_CHOSEN_FILES = 50

/**
 * Imports and exports. Files to read are chosen in the host's dialog and known to the page only by an opaque
 * id: the page can never name a path for the core to read.
 */
export class ExchangeService {
  private readonly chosen = new Map<string, { path: string; purpose: ImportPurpose }>()

  constructor(
    private readonly context: CoreContext,
    private readonly host: ExchangeHost | undefined,
    private readonly appVersion: string,
  ) {}

  private requireHost(): ExchangeHost {
    if (!this.host) throw new AppError('EXPORT_FAILED', 'This Fieldbook cannot show file dialogs; use the command line.')
    return this.host
  }

  async chooseFile(purpose: ImportPurpose): Promise<ChosenFile | null> {
    const path = await this.requireHost().chooseOpenPath(OPEN_FILTERS[purpose])
    if (!path) return null
    const fileId = randomUUID()
    this.chosen.set(fileId, { path, purpose })
    if (this.chosen.size > MAX_CHOSEN_FILES) this.chosen.delete(this.chosen.keys().next().value!)
    return { fileId, fileName: basename(path) }
  }

  private pathOf(fileId: string, purpose: ImportPurpose): string {
    const file = this.chosen.get(fileId)
    if (!file || file.purpose !== purpose) throw new AppError('FILE_NOT_FOUND', 'Choose the file again.', { reason: 'notChosen' })
    return file.path
  }

  previewEnterprises(fileId: string): Promise<EnterprisePreview> {
    return previewEnterprises(this.pathOf(fileId, 'enterprises'))
  }

  importEnterprises(request: EnterpriseImportRequest): Promise<EnterpriseImportReport> {
    return importEnterprises(this.context, this.pathOf(request.fileId, 'enterprises'), request)
  }

  /** For the command line and tests, which name the file themselves. */
  importEnterprisesFrom(path: string, request: Omit<EnterpriseImportRequest, 'fileId'>): Promise<EnterpriseImportReport> {
    return importEnterprises(this.context, path, { ...request, fileId: basename(path).slice(0, 100) || 'file' })
  }

  async importTrip(fileId: string, dryRun: boolean): Promise<TripImportReport> {
    return this.importTripFrom(this.pathOf(fileId, 'trip'), dryRun)
  }

  async importTripFrom(path: string, dryRun = false): Promise<TripImportReport> {
    const size = await stat(path).then((info) => info.size, () => 0)
    if (size > MAX_TRIP_CONTENT_BYTES) {
      throw new AppError('IMPORT_INVALID', `${basename(path)} is larger than any trip file (${Math.ceil(size / 2 ** 20)} MB)`, { reason: 'tripTooLarge', fileName: basename(path), size })
    }
    const bytes = await readFile(path).catch(() => {
      throw new AppError('FILE_NOT_FOUND', `Cannot read ${path}`, { fileName: basename(path) })
    })
    return importTripFile(this.context, bytes, { dryRun, fileName: basename(path) })
  }

  async exportTrip(tripId: string): Promise<ExportedFile | null> {
    const title = this.context.records.trip.get(tripId)['title'] as string
    const path = await this.requireHost().chooseSavePath(`${safeFileName(title)}.${TRIP_FILE_EXTENSION}`, SAVE_FILTERS.trip)
    return path ? this.exportTripTo(tripId, path) : null
  }

  async exportTripTo(tripId: string, filePath: string): Promise<ExportedFile & { missingBlobs: number }> {
    const { bytes, missingBlobs } = await buildTripFile(this.context, tripId, this.appVersion)
    await writeAtomically(filePath, bytes)
    return { fileName: basename(filePath), bytes: bytes.length, rows: 1, missingBlobs }
  }

  async exportTable(request: TableExportRequest): Promise<ExportedFile | null> {
    const subject = request.tripId ? `${this.context.records.trip.get(request.tripId)['title'] as string}-` : ''
    const name = `${safeFileName(`${subject}${EXPORT_NAMES[request.kind][request.language]}`)}.${request.format}`
    const path = await this.requireHost().chooseSavePath(name, SAVE_FILTERS[request.format])
    return path ? this.exportTableTo(request, path) : null
  }

  async exportTableTo(request: TableExportRequest, filePath: string): Promise<ExportedFile> {
    const sheet = sheetFor(this.context, request)
    try {
      const bytes = await writeSheet(sheet, request.format, request.language, filePath)
      return { fileName: basename(filePath), bytes, rows: sheet.rows.length }
    } catch (error) {
      throw new AppError('EXPORT_FAILED', `Cannot write ${filePath}: ${(error as Error).message}`, { fileName: basename(filePath) })
    }
  }
}

async function writeAtomically(filePath: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${filePath}.${randomUUID().slice(0, 8)}.partial`
  try {
    await writeFile(temporary, bytes)
    await rename(temporary, filePath)
  } catch (error) {
    await rm(temporary, { force: true })
    throw new AppError('EXPORT_FAILED', `Cannot write ${filePath}: ${(error as Error).message}`, { fileName: basename(filePath) })
  }
}
