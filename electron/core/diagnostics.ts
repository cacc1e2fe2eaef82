import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync, rmSync } from 'node:fs'
import { arch, cpus, platform, release, totalmem } from 'node:os'
import { basename, join } from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { AppError } from '../../shared/errors'
import type { DiagnosticsExported } from '../../shared/procedures/diagnostics'
import type { CoreContext } from './context'

/** What the app hands the core for "Export diagnostics": its dialogs, its log files and its runtime. */
export interface DiagnosticsHost {
  chooseSavePath(suggestedName: string): Promise<string | null>
  showInFolder(path: string): void
  /** The log files, newest first; missing ones are skipped. */
  logFiles: readonly string[]
  /** Electron, Chromium, Node and V8 versions. */
  runtime: Readonly<Record<string, string | undefined>>
}

/** A log longer than this is cut to its end: the last days are what a support request is about. */
const MAX_LOG_BYTES = 1024 * 1024

interface FolderFigures {
  files: number
  bytes: number
}

function folderFigures(path: string): FolderFigures {
  const figures = { files: 0, bytes: 0 }
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    figures.files++
    try {
      figures.bytes += statSync(join(entry.parentPath, entry.name)).size
    } catch {
      // Removed while counting (a finished export's temporary file): not part of the figures.
    }
  }
  return figures
}

/**
 * The figures a support request needs and nothing a user wrote: versions, the system, the size of each part
 * of the data folder (files are counted, never named), the number of rows per table and the sync state's
 * shape (joined or not, the server's host, how much waits to be sent). No record contents, names, tokens or
 * file names.
 */
export function collectDiagnostics(context: CoreContext, options: { appVersion: string; schemaVersion: number; runtime: DiagnosticsHost['runtime'] }) {
  const dataFolder: Record<string, FolderFigures> = {}
  for (const entry of readdirSync(context.dataDir, { withFileTypes: true })) {
    const path = join(context.dataDir, entry.name)
    if (entry.isDirectory()) dataFolder[`${entry.name}/`] = folderFigures(path)
    else if (entry.isFile()) dataFolder[entry.name] = { files: 1, bytes: statSync(path).size }
  }
  const db = context.store.db
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  const rows: Record<string, number> = {}
  for (const { name } of tables) {
    try {
      rows[name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n
    } catch {
      // Virtual tables of the search index answer COUNT(*) slowly or not at all; their size is in the file.
    }
  }
  return {
    createdAt: new Date().toISOString(),
    app: { version: options.appVersion, schemaVersion: options.schemaVersion },
    runtime: { ...options.runtime, node: process.versions.node },
    system: { platform: platform(), release: release(), arch: arch(), cpus: cpus().length, memoryBytes: totalmem() },
    database: {
      journalMode: db.pragma('journal_mode', { simple: true }),
      pageSize: db.pragma('page_size', { simple: true }),
      pageCount: db.pragma('page_count', { simple: true }),
      freePages: db.pragma('freelist_count', { simple: true }),
    },
    dataFolder,
    rows,
  }
}

export function suggestedDiagnosticsName(now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '')
  return `Fieldbook-diagnostics-${stamp}.zip`
}

function logTail(file: string): Uint8Array | null {
  if (!existsSync(file)) return null
  const bytes = readFileSync(file)
  return bytes.length > MAX_LOG_BYTES ? bytes.subarray(bytes.length - MAX_LOG_BYTES) : bytes
}

/**
 * Writes diagnostics.json and the log files into one zip where the user chooses (null when they cancel), so
 * it can be attached to a support request as it is. Written beside and renamed: never half a file.
 */
export async function exportDiagnostics(
  context: CoreContext,
  host: DiagnosticsHost | undefined,
  options: { appVersion: string; schemaVersion: number },
): Promise<DiagnosticsExported | null> {
  if (!host) throw new AppError('DIAGNOSTICS_FAILED', 'Diagnostics can only be exported from the app.')
  const filePath = await host.chooseSavePath(suggestedDiagnosticsName(new Date()))
  if (filePath === null) return null
  const partial = `${filePath}.partial`
  try {
    const diagnostics = collectDiagnostics(context, { ...options, runtime: host.runtime })
    const files: Zippable = { 'diagnostics.json': strToU8(`${JSON.stringify(diagnostics, null, 2)}\n`) }
    for (const log of host.logFiles) {
      const tail = logTail(log)
      if (tail) files[`logs/${basename(log)}`] = tail
    }
    const zip = zipSync(files, { level: 6 })
    writeFileSync(partial, zip)
    renameSync(partial, filePath)
    host.showInFolder(filePath)
    return { filePath, bytes: zip.length, logFiles: Object.keys(files).length - 1 }
  } catch (error) {
    rmSync(partial, { force: true })
    throw new AppError('DIAGNOSTICS_FAILED', `The diagnostics could not be written to ${filePath}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
