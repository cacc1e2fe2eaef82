import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { strFromU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { afterEach, beforeEach } from 'vitest'
import type { BackupHost } from '../../../electron/core/backup/service'
import { openCore, type Core, type CoreOptions } from '../../../electron/core/core'
import { tempDir } from '../../helpers/temp'

/** Temporary data folders and the cores opened on them: everything still open is closed and removed after each test. */
export function useWorkspaces(prefix: string) {
  let dirs: ReturnType<typeof tempDir>[] = []
  let cores: Core[] = []
  beforeEach(() => {
    dirs = []
    cores = []
  })
  afterEach(() => {
    for (const core of cores) core.close()
    for (const dir of dirs) dir.cleanup()
  })
  return {
    folder(): string {
      const dir = tempDir(prefix)
      dirs.push(dir)
      return dir.path
    },
    open(dataDir: string, options: Omit<CoreOptions, 'dataDir'> = {}): Core {
      const core = openCore({ dataDir, appVersion: '1.2.3', ...options })
      cores.push(core)
      return core
    },
    close(core: Core): void {
      core.close()
      cores = cores.filter((c) => c !== core)
    },
  }
}

export const FIXTURES = join(import.meta.dirname, '../../fixtures/attachments')
export const fixture = (name: string) => readFileSync(join(FIXTURES, name))

/** A host whose dialogs answer with what the test sets. */
export function fakeHost(): BackupHost & { savePath: string | null; openPath: string | null; shown: string[] } {
  const host = {
    savePath: null as string | null,
    openPath: null as string | null,
    shown: [] as string[],
    chooseSavePath: async () => host.savePath,
    chooseOpenPath: async () => host.openPath,
    showInFolder: (path: string) => void host.shown.push(path),
  }
  return host
}

/** Every file under a folder with the SHA-256 of its bytes, for "nothing changed" checks. */
export function folderHashes(root: string, skip: (relative: string) => boolean = () => false): Record<string, string> {
  const result: Record<string, string> = {}
  if (!existsSync(root)) return result
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const relative = join(entry.parentPath, entry.name).slice(root.length + 1)
    if (skip(relative)) continue
    result[relative] = createHash('sha256').update(readFileSync(join(entry.parentPath, entry.name))).digest('hex')
  }
  return result
}

/** The attachments of a data folder: entry path → SHA-256 of the bytes (thumbnails are a cache, left out). */
export function attachmentHashes(dataDir: string): Record<string, string> {
  return folderHashes(join(dataDir, 'attachments'), (relative) => relative.startsWith('thumbs'))
}

/** Tables whose rows are the user's data (and the local ones that travel with it), row by row. */
export function dumpTables(db: Database.Database, options: { withMeta?: boolean } = {}): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    // The search index's shadow tables follow its rows; meta holds the clock, which only moves forward.
    .filter((name) => !name.startsWith('search_index') && (options.withMeta || name !== 'meta'))
  const dump: Record<string, unknown[]> = {}
  for (const table of tables) dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()
  return dump
}

export function dumpFile(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true })
  try {
    return dumpTables(db)
  } finally {
    db.close()
  }
}

/** A backup's entries, changed by `edit`, zipped again: for manifests and files that lie. */
export function rewriteBackup(bytes: Uint8Array, edit: (entries: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void): Uint8Array {
  const entries = unzipSync(bytes)
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>
  edit(entries, manifest)
  entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest))
  return zipSync(entries as Zippable, { level: 0 })
}
