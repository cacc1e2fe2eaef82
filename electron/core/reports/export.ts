import { randomUUID } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import type { ExportRecord, ExportWarning, ReportRequest } from '../../../shared/procedures/reports'
import { CollegeProfile, DEFAULT_COLLEGE_PROFILE } from '../../../shared/schemas/settings'
import type { CoreContext } from '../context'
import { loadOnFirstUse, loadSharp } from '../load-on-first-use'
import type { ReportJob, ReportStage, ReportWorkerMessage } from './report-job'
import { safeFileName } from './file-name'

/** The document builders (docx, the charts' echarts and resvg), loaded with the first export. */
export const loadReportBuilder = loadOnFirstUse(() => import('./build'))

/** What only the host can do: a native save dialog and the file manager (Electron in the app). */
export interface ReportHost {
  chooseSavePath(suggestedName: string): Promise<string | null>
  showInFolder(filePath: string): void
}

export class ReportService {
  constructor(
    private readonly context: CoreContext,
    private readonly resourcesDir: string,
    private readonly host?: ReportHost,
    /** The better-sqlite3 binary the worker must load too (Electron's, in the app). */
    private readonly nativeBinding?: string,
    private readonly onProgress?: (request: ReportRequest, stage: ReportStage) => void,
    private readonly workerFile?: string,
  ) {}

  profile(): CollegeProfile {
    const row = this.context.store.db.prepare("SELECT value FROM settings WHERE key = 'collegeProfile'").get() as { value: string } | undefined
    const parsed = CollegeProfile.safeParse(row ? { ...DEFAULT_COLLEGE_PROFILE, ...JSON.parse(row.value) } : DEFAULT_COLLEGE_PROFILE)
    return parsed.success ? parsed.data : DEFAULT_COLLEGE_PROFILE
  }

  /** Keeps the logo small: at most 480 × 160 px, as PNG, whatever was chosen. */
  async setLogo(dataBase64: string): Promise<CollegeProfile> {
    if (!dataBase64) return this.updateProfile({ logo: '' })
    let png: Buffer
    try {
      const sharp = await loadSharp()
      png = await sharp(Buffer.from(dataBase64, 'base64'), { failOn: 'error' })
        .rotate()
        .resize(480, 160, { fit: 'inside', withoutEnlargement: true })
        .png()
        .toBuffer()
    } catch {
      throw new AppError('VALIDATION', 'The logo is not an image that can be read', { fieldErrors: [{ path: 'logo', key: 'notAnImage' }] })
    }
    return this.updateProfile({ logo: png.toString('base64') })
  }

  updateProfile(patch: Partial<CollegeProfile>): CollegeProfile {
    const next = CollegeProfile.parse({ ...this.profile(), ...patch })
    this.context.store.db
      .prepare("INSERT INTO settings (key, value) VALUES ('collegeProfile', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(next))
    return next
  }

  /** Builds the document in memory: its bytes, its title and a file name to suggest. */
  async build(
    request: ReportRequest,
    onProgress: (stage: 'building' | 'packing') => void = () => {},
  ): Promise<{ buffer: Buffer; title: string; fileName: string; warnings: ExportWarning[] }> {
    const { buildReport } = await loadReportBuilder()
    return buildReport(this.context, this.resourcesDir, this.profile(), request, onProgress)
  }

  /**
   * Builds the document in a worker thread (reading through its own read-only connection), so the main
   * process keeps answering the window while a large report is packed.
   */
  buildOffThread(request: ReportRequest): Promise<{ buffer: Buffer; title: string; fileName: string; warnings: ExportWarning[] }> {
    const job: ReportJob = { dataDir: this.context.dataDir, nativeBinding: this.nativeBinding, resourcesDir: this.resourcesDir, request }
    // The app names its bundled worker (report-worker.js beside the main bundle). From the sources (tests, the
    // command line) the worker is TypeScript, loaded through tsx's loader registered inside the worker.
    const worker = this.workerFile
      ? new Worker(this.workerFile, { workerData: job })
      : new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./report-worker.ts', import.meta.url).href)}) })`,
          { eval: true, workerData: job },
        )
    return new Promise((resolvePromise, reject) => {
      let settled = false
      worker.on('message', (message: ReportWorkerMessage) => {
        if (message.type === 'progress') this.onProgress?.(request, message.stage)
        else if (message.type === 'done') {
          settled = true
          resolvePromise({ buffer: Buffer.from(message.buffer), title: message.title, fileName: message.fileName, warnings: message.warnings })
        } else {
          settled = true
          reject(new AppError(message.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'EXPORT_FAILED', message.message))
        }
      })
      worker.on('error', (error) => {
        settled = true
        reject(new AppError('EXPORT_FAILED', `Building the document failed: ${error.message}`))
      })
      worker.on('exit', (code) => {
        if (!settled) reject(new AppError('EXPORT_FAILED', `Building the document stopped (exit code ${code})`))
      })
    })
  }

  /** Writes the document to `filePath` through a temporary file, so a failed export never leaves half a file. */
  async exportTo(request: ReportRequest, filePath: string): Promise<ExportRecord> {
    const { buffer, title, warnings } = await this.buildOffThread(request)
    const temporary = `${filePath}.${randomUUID().slice(0, 8)}.partial`
    try {
      writeFileSync(temporary, buffer)
      renameSync(temporary, filePath)
    } catch (error) {
      rmSync(temporary, { force: true })
      throw new AppError('EXPORT_FAILED', `Cannot write ${filePath}: ${(error as Error).message}`, { filePath })
    }
    const record: ExportRecord = { id: randomUUID(), kind: request.kind, title, fileName: basename(filePath), bytes: buffer.length, createdAt: new Date().toISOString() }
    this.context.store.db
      .prepare('INSERT INTO exports (id, kind, title, file_path, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.id, record.kind, record.title, filePath, record.bytes, record.createdAt)
    return warnings.length ? { ...record, warnings } : record
  }

  /** Asks the host where to save; null when the user cancels the dialog. */
  async export(request: ReportRequest): Promise<ExportRecord | null> {
    if (!this.host) throw new AppError('EXPORT_FAILED', 'This Fieldbook cannot show a save dialog; use the command line with --out.')
    const { fileName } = await this.nameOf(request)
    const filePath = await this.host.chooseSavePath(fileName)
    return filePath ? this.exportTo(request, filePath) : null
  }

  private async nameOf(request: ReportRequest): Promise<{ fileName: string }> {
    const records = this.context.records
    const subject =
      request.kind === 'enterprise-file' || (request.kind === 'talent-demand' && request.enterpriseId)
        ? (records.enterprise.get(request.enterpriseId!)['name'] as string)
        : (records.trip.get(request.tripId!)['title'] as string)
    const { documentTitle } = await loadReportBuilder()
    return { fileName: `${safeFileName(documentTitle(request.kind, subject, request.language))}.docx` }
  }

  history(): ExportRecord[] {
    const rows = this.context.store.db
      .prepare('SELECT id, kind, title, file_path, bytes, created_at FROM exports ORDER BY created_at DESC LIMIT 50')
      .all() as { id: string; kind: ExportRecord['kind']; title: string; file_path: string; bytes: number; created_at: string }[]
    return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, fileName: basename(r.file_path), bytes: r.bytes, createdAt: r.created_at }))
  }

  showInFolder(id: string): boolean {
    const row = this.context.store.db.prepare('SELECT file_path FROM exports WHERE id = ?').get(id) as { file_path: string } | undefined
    if (!row) throw new AppError('NOT_FOUND', `No export ${id}`)
    if (!this.host) return false
    this.host.showInFolder(row.file_path)
    return true
  }
}
