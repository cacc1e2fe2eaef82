import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { createRecordServices } from '../domain/registry'
import { openReadOnlyStore } from '../store/store'
import { ReportService } from './export'
import type { ReportJob, ReportWorkerMessage } from './report-job'

/**
 * Builds one document off the main thread: reads the workspace through its own read-only connection, packs
 * the .docx and hands the bytes back, so neither the main process nor the window waits on it.
 */
const job = workerData as ReportJob
const post = (message: ReportWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer)

try {
  post({ type: 'progress', stage: 'reading' })
  const store = openReadOnlyStore(job)
  try {
    const reports = new ReportService({ dataDir: job.dataDir, store, records: createRecordServices(store) }, job.resourcesDir)
    const built = await reports.build(job.request, (stage) => post({ type: 'progress', stage }))
    const bytes = new Uint8Array(built.buffer.buffer, built.buffer.byteOffset, built.buffer.byteLength).slice()
    post({ type: 'done', buffer: bytes, title: built.title, fileName: built.fileName, warnings: built.warnings }, [bytes.buffer])
  } finally {
    store.close()
  }
} catch (error) {
  post({ type: 'failed', code: error instanceof AppError ? error.code : 'EXPORT_FAILED', message: (error as Error).message })
}
