import type { ExportWarning, ReportRequest } from '../../../shared/procedures/reports'

/**
 * What the report service and its worker thread (report-worker.ts) send each other. Kept apart from both, so
 * the worker imports the service without the service importing the worker.
 */
export interface ReportJob {
  dataDir: string
  nativeBinding?: string | undefined
  resourcesDir: string
  request: ReportRequest
}

export type ReportStage = 'reading' | 'building' | 'packing'

export type ReportWorkerMessage =
  | { type: 'progress'; stage: ReportStage }
  | { type: 'done'; buffer: Uint8Array; title: string; fileName: string; warnings: ExportWarning[] }
  | { type: 'failed'; code: string; message: string }
