import { existsSync } from 'node:fs'
import { AppError } from '../../../shared/errors'
import { BlobsMissingResponse } from '../../../shared/sync/protocol'
import { sha256, type BlobStore } from '../attachments/blob-store'
import type { Store } from '../store/store'
import type { Transport } from './transport'

const MISSING_QUERY_CHUNK = 1000
const FIRST_RETRY_MS = 30_000
const LONGEST_RETRY_MS = 6 * 60 * 60_000

export interface BlobCounts {
  /** Files here that the server does not hold yet. */
  pending: number
  /** Files other devices attached whose bytes are not here yet. */
  missing: number
}

/**
 * The bytes of photos and files, apart from the rows: row sync never waits for them. Every attachment row's hash
 * gets an entry; files here go up if the server lacks them, files not here come down (hash-checked) once some
 * device has uploaded them. A failure is retried later with a growing wait.
 */
export class BlobQueue {
  constructor(
    private readonly store: Store,
    readonly blobs: BlobStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Notices attachment rows added since the last look, and files that arrived here by other ways. A row whose
   * hash is not a SHA-256 (written by a broken or hostile peer) gets an entry that says so and is never fetched
   * or looked up on disk: one bad row must not stop the queue, or the status, for every other file. Files no
   * live attachment needs any more (deleted while still missing) leave the queue.
   */
  discover(): void {
    this.store
      .statement(
        `INSERT INTO blob_sync (hash, here, on_server, last_error) SELECT DISTINCT hash, 0, 0,
           CASE WHEN length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*' THEN '' ELSE '${INVALID_HASH_ERROR}' END
         FROM attachments
         WHERE hash <> '' AND deleted = 0 AND NOT EXISTS (SELECT 1 FROM blob_sync b WHERE b.hash = attachments.hash)`,
      )
      .run()
    this.store
      .statement('DELETE FROM blob_sync WHERE here = 0 AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.hash = blob_sync.hash AND a.deleted = 0)')
      .run()
    const absent = this.store.statement('SELECT hash FROM blob_sync WHERE here = 0').pluck().all() as string[]
    const arrived = absent.filter((hash) => isBlobHash(hash) && existsSync(this.blobs.pathOf(hash)))
    const mark = this.store.statement('UPDATE blob_sync SET here = 1, attempts = 0, retry_at = 0 WHERE hash = ?')
    if (arrived.length > 0) this.store.db.transaction(() => arrived.forEach((hash) => mark.run(hash)))()
  }

  /** Attachments whose file cannot come here, with the reason (a hash that is not one, or the last failure). */
  problems(): { hash: string; error: string }[] {
    this.discover()
    return this.store.statement("SELECT hash, last_error AS error FROM blob_sync WHERE here = 0 AND last_error <> '' ORDER BY hash").all() as {
      hash: string
      error: string
    }[]
  }

  counts(): BlobCounts {
    this.discover()
    const row = this.store
      .statement('SELECT sum(here = 1 AND on_server = 0) AS pending, sum(here = 0) AS missing FROM blob_sync')
      .get() as { pending: number | null; missing: number | null }
    return { pending: row.pending ?? 0, missing: row.missing ?? 0 }
  }

  /** After joining a team (or a server restore) nothing is known to be on the server. */
  forgetServer(): void {
    this.store.statement('UPDATE blob_sync SET on_server = 0, attempts = 0, retry_at = 0').run()
  }

  /**
   * One pass: uploads then downloads whatever is due. Returns what moved; an unreachable server ends the pass
   * (thrown), a single file's failure only delays that file.
   */
  async run(
    transport: Transport,
    onProgress: () => void = () => {},
    { upload = true }: { upload?: boolean } = {},
  ): Promise<{ uploaded: number; downloaded: number }> {
    this.discover()
    const now = this.now()
    let uploaded = 0
    let downloaded = 0

    // A viewer uploads nothing: its files wait here like its changes.
    const toUpload = !upload ? [] : this.store
      .statement('SELECT hash FROM blob_sync WHERE here = 1 AND on_server = 0 AND retry_at <= ? ORDER BY hash')
      .pluck()
      .all(now)
      .filter(isBlobHash) as string[]
    for (let i = 0; i < toUpload.length; i += MISSING_QUERY_CHUNK) {
      const chunk = toUpload.slice(i, i + MISSING_QUERY_CHUNK)
      const { missing } = await transport.json('POST', '/v1/blobs/missing', BlobsMissingResponse, { hashes: chunk })
      const missingSet = new Set(missing)
      const held = chunk.filter((hash) => !missingSet.has(hash))
      this.store.db.transaction(() => held.forEach((hash) => this.markOnServer(hash)))()
      for (const hash of chunk.filter((h) => missingSet.has(h))) {
        let bytes: Buffer
        try {
          bytes = await this.blobs.get(hash)
        } catch {
          // The file went missing or was damaged here: download it again like any missing file.
          this.store.statement('UPDATE blob_sync SET here = 0 WHERE hash = ?').run(hash)
          continue
        }
        try {
          await transport.putBlob(hash, bytes)
          this.markOnServer(hash)
          uploaded++
          onProgress()
        } catch (error) {
          if (isUnreachable(error)) throw error
          this.failed(hash, error)
        }
      }
    }

    const toDownload = this.store
      .statement('SELECT hash FROM blob_sync WHERE here = 0 AND retry_at <= ? ORDER BY hash')
      .pluck()
      .all(now)
      .filter(isBlobHash) as string[]
    for (const hash of toDownload) {
      try {
        const bytes = await transport.getBlob(hash)
        if (bytes === null) {
          this.failed(hash, new Error('not on the server yet'))
          continue
        }
        if (sha256(bytes) !== hash) {
          this.failed(hash, new Error('the bytes received do not match their hash'))
          continue
        }
        await this.blobs.put(bytes)
        this.store.statement('UPDATE blob_sync SET here = 1, on_server = 1, attempts = 0, retry_at = 0, last_error = ? WHERE hash = ?').run('', hash)
        downloaded++
        onProgress()
      } catch (error) {
        if (isUnreachable(error)) throw error
        this.failed(hash, error)
      }
    }
    return { uploaded, downloaded }
  }

  private markOnServer(hash: string): void {
    this.store.statement("UPDATE blob_sync SET on_server = 1, attempts = 0, retry_at = 0, last_error = '' WHERE hash = ?").run(hash)
  }

  private failed(hash: string, error: unknown): void {
    const row = this.store.statement('SELECT attempts FROM blob_sync WHERE hash = ?').get(hash) as { attempts: number } | undefined
    const attempts = (row?.attempts ?? 0) + 1
    const wait = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20))
    this.store
      .statement('UPDATE blob_sync SET attempts = ?, retry_at = ?, last_error = ? WHERE hash = ?')
      .run(attempts, this.now() + wait, error instanceof Error ? error.message : String(error), hash)
  }

  /** Makes every waiting file due now ("Sync now" should not wait out a back-off). */
  retryNow(): void {
    this.store.statement('UPDATE blob_sync SET retry_at = 0 WHERE retry_at > 0').run()
  }
}

const INVALID_HASH_ERROR = 'not a valid attachment hash'
const isBlobHash = (hash: unknown): hash is string => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)

function isUnreachable(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'SYNC_UNREACHABLE' || error.code === 'SYNC_REVOKED')
}
