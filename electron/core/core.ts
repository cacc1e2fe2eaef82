import { resolve } from 'node:path'
import type { FieldbookEvent } from '../../shared/events'
import type { ClockDrift } from '../../shared/hlc'
import { createDispatcher, type Dispatch } from './dispatcher'
import { createRecordServices, type RecordServices } from './domain/registry'
import { loadSampleTrip } from './sample/reference-trip'
import { recordHandlers } from './handlers/records'
import { reportHandlers } from './handlers/reports'
import { ReportService, type ReportHost } from './reports/export'
import { tripOverviewHandlers } from './handlers/trip-overview'
import { enterpriseFileHandlers } from './handlers/enterprise-file'
import { minutesHandlers } from './handlers/minutes'
import { demandHandlers } from './handlers/demand'
import { attachmentsHandlers } from './handlers/attachments'
import { searchHandlers } from './handlers/search'
import { SearchIndex } from './search/search-index'
import { backupHandlers } from './handlers/backup'
import { BackupService, type BackupHost } from './backup/service'
import { syncHandlers } from './handlers/sync'
import { exchangeHandlers } from './handlers/exchange'
import { campaignHandlers } from './handlers/campaign'
import { relationshipHandlers } from './handlers/relationship'
import type { ExchangeHost } from './exchange/service'
import { exportDiagnostics, type DiagnosticsHost } from './diagnostics'
import { updateHandlers, type UpdateHost } from './updates'
import { SyncClient } from './sync/client'
import { SyncScheduler } from './sync/scheduler'
import type { SecretSealer } from './sync/state'
import type { CoreContext } from './context'
import { SCHEMA_VERSION } from './store/migrations'
import { openStore, type Store } from './store/store'
import { linkMembersToStaffOnce } from './domain/campaign-staff'

export interface CoreOptions {
  dataDir: string
  /** better-sqlite3 binary for the running runtime; the app passes its Electron build. */
  nativeBinding?: string
  appVersion?: string
  wallClock?: () => number
  onClockDrift?: (drift: ClockDrift) => void
  /** Where unexpected failures are written; the user sees only a generic INTERNAL error. */
  log?: (error: unknown) => void
  /**
   * Check every result against its output schema (on by default, so tests catch a broken contract). The app
   * turns it off: a record synced from a newer version must still be shown, not fail the whole list.
   */
  checkOutputs?: boolean
  /** Where shipped assets live (the chart font); the repository's resources/ by default. */
  resourcesDir?: string
  /** Native dialogs for exports: Electron's in the app, a temporary folder in tests. */
  reportHost?: ReportHost
  /** The bundled report worker (the app's out/main/report-worker.js); from the sources it is found by itself. */
  reportWorkerFile?: string
  /** Native save and open dialogs for backups: Electron's in the app, fakes in tests. */
  backupHost?: BackupHost
  /** Automatic backups into <dataDir>/backups on the user's schedule. The app turns it on; tests and the CLI leave it off. */
  autoBackup?: boolean
  /** Sync by itself when joined (on open, every minute, after edits settle). The app turns it on; tests leave it off. */
  autoSync?: boolean
  /** For tests: the fetch the sync client uses. */
  syncFetch?: typeof fetch
  /** Keeps the sync token with the operating system's key store: Electron's safeStorage in the app. */
  secretSealer?: SecretSealer
  /** Native open and save dialogs for imports and spreadsheet exports: Electron's in the app, fakes in tests. */
  exchangeHost?: ExchangeHost
  /** Fill a search index that needs it (after an upgrade) in steps after opening, with progress events (the app). */
  searchRebuildInBackground?: boolean
  /** The app's dialogs, log files and runtime versions for "Export diagnostics"; absent in tests and the CLI. */
  diagnosticsHost?: DiagnosticsHost
  /** The packaged app's updater (electron-updater); absent in tests, the CLI and development builds. */
  updateHost?: UpdateHost
}

export interface Core {
  readonly dataDir: string
  readonly store: Store
  readonly records: RecordServices
  readonly reports: ReportService
  readonly dispatch: Dispatch
  readonly sync: SyncClient
  onEvent(listener: (event: FieldbookEvent) => void): () => void
  close(): void
}

/** Everything the app does below the window, runnable under plain Node. */
export function openCore(options: CoreOptions): Core {
  const store = openStore(options)
  linkMembersToStaffOnce(store)
  const records = createRecordServices(store)
  const listeners = new Set<(event: FieldbookEvent) => void>()

  const context: CoreContext = { dataDir: options.dataDir, store, records }
  const emit = (event: FieldbookEvent) => {
    for (const listener of listeners) listener(event)
  }
  store.onChange((tables) => emit({ type: 'data.changed', tables }))
  const sync = new SyncClient({
    store,
    dataDir: options.dataDir,
    onStatusChange: () => {
      if (listeners.size > 0) emit({ type: 'sync.progress', status: sync.status() })
    },
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
    ...(options.syncFetch ? { fetch: options.syncFetch } : {}),
    ...(options.secretSealer ? { secretSealer: options.secretSealer } : {}),
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
  })
  const syncScheduler = options.autoSync ? new SyncScheduler(sync, store, { log: options.log }) : undefined
  const reports = new ReportService(context, options.resourcesDir ?? resolve('resources'), options.reportHost, options.nativeBinding, (request, stage) =>
    emit({ type: 'export.progress', kind: request.kind, stage }),
    options.reportWorkerFile,
  )
  // The search index follows every write from now on. One that needs filling (after an upgrade) is filled at once,
  // or in the app in steps after opening, with progress, so the app answers meanwhile.
  const search = new SearchIndex(store)
  search.install()
  if (options.searchRebuildInBackground) {
    const log = options.log ?? console.error
    setImmediate(() => {
      search.rebuildInSteps((progress) => emit({ type: 'search.rebuild', ...progress })).catch((error: unknown) => log(error))
    })
  } else search.rebuildIfEmpty()
  const backups = new BackupService(context, { host: options.backupHost, appVersion: options.appVersion ?? '0.0.0', nativeBinding: options.nativeBinding, log: options.log, quiesce: (task) => sync.whilePaused(task) })
  const dispatch = createDispatcher(
    {
      'app.info': () => ({
        version: options.appVersion ?? '0.0.0',
        dataDir: options.dataDir,
        schemaVersion: SCHEMA_VERSION,
        nodeId: store.nodeId,
      }),
      'app.loadSample': ({ language }) => store.db.transaction(() => loadSampleTrip(records, language))(),
      ...recordHandlers(records),
      ...reportHandlers(reports),
      ...tripOverviewHandlers(context),
      ...enterpriseFileHandlers(context),
      ...minutesHandlers(context),
      ...demandHandlers(context),
      ...attachmentsHandlers(context),
      ...searchHandlers(context, search),
      ...backupHandlers(backups),
      ...syncHandlers(sync, syncScheduler),
      ...exchangeHandlers(context, options.exchangeHost, options.appVersion),
      ...updateHandlers(context, options.updateHost, options.appVersion ?? '0.0.0'),
      'app.exportDiagnostics': () =>
        exportDiagnostics(context, options.diagnosticsHost, { appVersion: options.appVersion ?? '0.0.0', schemaVersion: SCHEMA_VERSION }),
      ...campaignHandlers(context, reports, options.reportHost),
      ...relationshipHandlers(context),
    },
    { log: options.log, checkOutputs: options.checkOutputs },
  )
  syncScheduler?.start()
  if (options.autoBackup) backups.start()

  return {
    dataDir: options.dataDir,
    store,
    records,
    reports,
    dispatch,
    sync,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      listeners.clear()
      syncScheduler?.stop()
      backups.stop()
      sync.close()
      store.close()
    },
  }
}
