import { net } from 'electron'
import { openCore } from '../core/core'
import { keySealer } from '../core/sync/key-sealer'
import { serveCoreProcess, type FromCore, type ToCore } from './core-channel'

/*
 * The core's own process (Electron's utility process, started by main): opens the data with what main sent and
 * answers main's invokes. Sync goes over Chromium's network stack here too (Electron's `net` works in a utility
 * process: the system's proxy and certificate store). Dialogs, the file manager and the updater are asked of main.
 */

interface ParentPort {
  on(event: 'message', listener: (event: { data: ToCore }) => void): void
  postMessage(message: FromCore): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (!parentPort) throw new Error('core-process.js runs only as a utility process started by Fieldbook')

serveCoreProcess(
  { post: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)) },
  ({ options, hosts, log }) =>
    openCore({
      dataDir: options.dataDir,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      appVersion: options.appVersion,
      // No output checks in the app: a record synced from a newer version must still show, not fail its list.
      checkOutputs: false,
      log: (error) => log(error instanceof Error ? (error.stack ?? error.message) : String(error)),
      ...(options.sealingKey ? { secretSealer: keySealer(Buffer.from(options.sealingKey, 'base64')) } : {}),
      autoSync: true,
      syncFetch: ((input, init) => net.fetch(input as string, init)) as typeof fetch,
      resourcesDir: options.resourcesDir,
      reportWorkerFile: options.reportWorkerFile,
      reportHost: hosts.reportHost,
      backupHost: hosts.backupHost,
      autoBackup: true,
      searchRebuildInBackground: true,
      exchangeHost: hosts.exchangeHost,
      updateHost: hosts.updateHost,
      diagnosticsHost: { ...hosts.diagnosticsHost, logFiles: options.logFiles, runtime: options.runtime },
    }),
  (code) => process.exit(code),
)
