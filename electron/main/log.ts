import { join } from 'node:path'
import log from 'electron-log/node'

export const LOG_FILE = 'main.log'
/** A busy day of syncing writes well under this; the previous file is kept as main.old.log. */
const MAX_LOG_BYTES = 2 * 1024 * 1024

export type AppLog = typeof log

/**
 * The app's log file, <userData>/logs/main.log: start-ups, failures and what the user would otherwise only see
 * as "something went wrong". It never holds record contents; "Export diagnostics" attaches it.
 */
export function openAppLog(logsDir: string, options: { console: boolean }): { log: AppLog; file: string } {
  const file = join(logsDir, LOG_FILE)
  log.transports.file.resolvePathFn = () => file
  log.transports.file.maxSize = MAX_LOG_BYTES
  log.transports.file.level = 'info'
  log.transports.console.level = options.console ? 'info' : false
  // Unhandled failures in main go to the file too, without electron-log's own dialog.
  log.errorHandler.startCatching({ showDialog: false })
  return { log, file }
}
