import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'

export const ATTACHMENTS_FOLDER = 'attachments'
const HASH_PATTERN = /^[0-9a-f]{64}$/
const TEMP_SUFFIX = '.tmp'
/** A temporary file older than this was left by a crash, not by a write still running. */
const STALE_TEMP_MS = 60 * 60_000

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export interface BlobStoreOptions {
  /** Called after the bytes are written and checked, before the rename: tests make it fail to prove nothing is left behind. */
  beforeRename?: (tempPath: string) => void | Promise<void>
}

/**
 * Files named by the SHA-256 of their bytes, in `<dataDir>/attachments/ab/abcdef…` (the first two hex digits
 * as a folder, so no folder grows huge). Writing is idempotent (the same bytes are one file) and atomic: the
 * bytes go to a temporary name, are read back and checked against their hash, flushed, then renamed into place,
 * so a crash or a full disk never leaves a partial file under a real name.
 */
export class BlobStore {
  readonly root: string

  constructor(
    dataDir: string,
    private readonly options: BlobStoreOptions = {},
  ) {
    this.root = join(dataDir, ATTACHMENTS_FOLDER)
  }

  /** The path of a hash; anything but 64 hex digits is refused, so no name can point outside the folder. */
  pathOf(hash: string): string {
    if (!HASH_PATTERN.test(hash)) throw new AppError('VALIDATION', `Not a SHA-256 hash: ${hash}`)
    return join(this.root, hash.slice(0, 2), hash)
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(hash))).isFile()
    } catch {
      return false
    }
  }

  /** Stores the bytes (once) and returns their hash. A file already there is checked and replaced if damaged. */
  async put(bytes: Uint8Array): Promise<{ hash: string; size: number; created: boolean }> {
    const hash = sha256(bytes)
    const path = this.pathOf(hash)
    if (await this.holds(path, hash)) return { hash, size: bytes.length, created: false }
    await writeAtomically(path, bytes, hash, this.options.beforeRename)
    return { hash, size: bytes.length, created: true }
  }

  /** The bytes of a hash, checked: a damaged or missing file is reported, never returned. */
  async get(hash: string): Promise<Buffer> {
    let bytes: Buffer
    try {
      bytes = await readFile(this.pathOf(hash))
    } catch {
      throw new AppError('NOT_FOUND', 'The file of this attachment is not on this computer (yet).', { reason: 'blobMissing', hash })
    }
    if (sha256(bytes) !== hash) {
      throw new AppError('NOT_FOUND', 'The file of this attachment is damaged on this computer.', { reason: 'blobMissing', hash })
    }
    return bytes
  }

  private async holds(path: string, hash: string): Promise<boolean> {
    try {
      return sha256(await readFile(path)) === hash
    } catch {
      return false
    }
  }

  /** Removes temporary files a crash left behind. */
  async sweep(now = Date.now()): Promise<number> {
    let removed = 0
    let folders: string[]
    try {
      folders = await readdir(this.root)
    } catch {
      return 0
    }
    for (const folder of folders) {
      let names: string[]
      try {
        names = await readdir(join(this.root, folder))
      } catch {
        continue
      }
      for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
        const path = join(this.root, folder, name)
        try {
          if (now - (await stat(path)).mtimeMs > STALE_TEMP_MS) {
            await unlink(path)
            removed++
          }
        } catch {
          // Gone already, or not ours to remove: nothing to do.
        }
      }
    }
    return removed
  }
}

/**
 * Writes `bytes` to `path` through a temporary file in the same folder (a rename is atomic only within one file
 * system), checking them against `hash` when given. On any failure the temporary file is removed.
 */
export async function writeAtomically(
  path: string,
  bytes: Uint8Array,
  hash?: string,
  beforeRename?: (tempPath: string) => void | Promise<void>,
): Promise<void> {
  const folder = join(path, '..')
  await mkdir(folder, { recursive: true })
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`
  try {
    const file = await open(temp, 'wx')
    try {
      await file.writeFile(bytes)
      await file.sync()
    } finally {
      await file.close()
    }
    if (hash !== undefined && sha256(await readFile(temp)) !== hash) {
      throw new AppError('INTERNAL', `The file written for ${hash} does not match its hash`)
    }
    await beforeRename?.(temp)
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  await syncFolder(folder)
}

/** Makes the rename itself durable; folders cannot be opened for syncing on Windows, where this is skipped. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Not supported here; the file itself was flushed.
  }
}
