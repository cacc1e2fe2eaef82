import { createHash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
import yauzl from 'yauzl'
import yazl from 'yazl'

/** Files are read a megabyte at a time: a backup of gigabytes of photos never sits in memory. */
const CHUNK = 1024 * 1024
/**
 * More entries than a backup can hold: the manifest (at most 64 MB, about 200 bytes a file) lists at most a few
 * hundred thousand. A directory declaring more is refused before it is read.
 */
export const MAX_ZIP_ENTRIES = 400_000

/** Why a file cannot be read as a zip; the restore turns it into a BACKUP_INVALID reason. */
export class ZipFormatError extends Error {
  constructor(
    readonly reason: 'empty' | 'notZip' | 'truncated' | 'unsupported' | 'damaged' | 'tooLarge',
    message: string,
  ) {
    super(message)
  }
}

/**
 * A zip written entry by entry to a file (yazl: ZIP64 whenever an entry, an offset or the number of entries
 * needs it). Each entry is read from its source only while it is being written, so a backup of gigabytes of
 * photos holds one chunk of one photo in memory at a time.
 */
export class ZipFileWriter {
  private readonly zip = new yazl.ZipFile()
  private readonly out: WriteStream
  private failure: Error | null = null
  /** Rejects what `add` or `end` is waiting for; one at a time, so nothing piles up over tens of thousands of entries. */
  private rejectWaiting: ((error: Error) => void) | null = null
  private closed = false

  constructor(path: string) {
    this.out = createWriteStream(path, { flags: 'wx' })
    this.zip.on('error', this.fail)
    this.zip.outputStream.on('error', this.fail)
    this.out.on('error', this.fail)
    this.out.on('close', () => (this.closed = true))
    this.zip.outputStream.pipe(this.out)
  }

  /** Records the first failure (of a source, the zip or the file) and stops the wait in progress. */
  private readonly fail = (error: Error) => {
    this.failure ??= error
    this.rejectWaiting?.(this.failure)
  }

  /** Waits for `start` to call its `resolve`, or for a failure. */
  private wait(start: (resolve: () => void) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise<void>((resolve, reject) => {
      this.rejectWaiting = reject
      start(resolve)
    }).finally(() => (this.rejectWaiting = null))
  }

  get bytesWritten(): number {
    return this.out.bytesWritten
  }

  /**
   * Adds one entry from chunks (read as they are needed) and returns its size and SHA-256 once all of it has
   * been handed to the zip. `compress` for text and the database; photos are already compressed and are stored
   * as they are.
   */
  async add(name: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { compress: boolean; mtime: Date }): Promise<{ size: number; sha256: string }> {
    const hash = createHash('sha256')
    let size = 0
    await this.wait((consumed) => {
      async function* counted() {
        for await (const chunk of chunks) {
          hash.update(chunk)
          size += chunk.length
          yield chunk
        }
        consumed()
      }
      this.zip.addReadStreamLazy(name, { mtime: options.mtime, compress: options.compress }, (callback) => {
        const stream = Readable.from(counted())
        // A source that cannot be read (a photo removed meanwhile) fails the backup, never the process.
        stream.on('error', this.fail)
        callback(null, stream)
      })
    })
    return { size, sha256: hash.digest('hex') }
  }

  /** Writes the central directory and waits until the file is complete and closed. */
  async end(): Promise<void> {
    await this.wait((written) => {
      this.out.once('close', written)
      this.zip.end()
    })
  }

  /** Stops writing after a failure and closes the file (the caller removes it). */
  async abort(): Promise<void> {
    this.zip.outputStream.unpipe(this.out)
    if (this.closed) return
    await new Promise<void>((resolve) => {
      this.out.once('close', resolve)
      this.out.destroy()
    })
  }
}

/** The chunks of a file on disk, read a megabyte at a time. */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    // A buffer no larger than what is left: tens of thousands of small files must not each allocate a megabyte.
    let left = (await handle.stat()).size
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, left)))
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) return
      left -= bytesRead
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    await handle.close()
  }
}

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflate. */
  method: number
  crc: number
  compressedSize: number
  size: number
}

/**
 * Reads a zip through its central directory (yauzl, ZIP64 included): the directory is read first, each entry
 * then extracted one chunk at a time and checked against the size and CRC the directory declares. Anything out
 * of place is refused with a reason rather than guessed at: no end record, a directory pointing past the end,
 * an entry name that is absolute or climbs out with `..`, more entries than a backup can hold.
 */
export class ZipFileReader {
  /** By name: a manifest of tens of thousands of files looks each one up. The first entry of a name wins. */
  private readonly byName = new Map<string, ZipEntry>()

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly raw: Map<ZipEntry, yauzl.Entry>,
    readonly entries: ZipEntry[],
  ) {
    for (const entry of entries) if (!this.byName.has(entry.name)) this.byName.set(entry.name, entry)
  }

  static async open(path: string, options: { maxEntries?: number } = {}): Promise<ZipFileReader> {
    const maxEntries = options.maxEntries ?? MAX_ZIP_ENTRIES
    const head = Buffer.alloc(4)
    const handle = await open(path, 'r')
    let size: number
    try {
      size = (await handle.stat()).size
      await handle.read(head, 0, 4, 0)
    } finally {
      await handle.close()
    }
    if (size === 0) throw new ZipFormatError('empty', 'The file is empty')
    const startsLikeZip = head.readUInt32LE(0) === 0x04034b50
    let zip: yauzl.ZipFile
    try {
      zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true }, (error, file) => (error ? reject(error) : resolve(file))),
      )
    } catch (error) {
      throw openError(error as Error, startsLikeZip)
    }
    try {
      if (zip.entryCount > maxEntries) throw new ZipFormatError('tooLarge', `The zip declares ${zip.entryCount} entries; a backup holds at most ${maxEntries}`)
      const raw = new Map<ZipEntry, yauzl.Entry>()
      const entries = await new Promise<ZipEntry[]>((resolve, reject) => {
        const list: ZipEntry[] = []
        zip.on('entry', (entry: yauzl.Entry) => {
          const mine: ZipEntry = {
            name: entry.fileName,
            method: entry.compressionMethod,
            crc: entry.crc32,
            compressedSize: entry.compressedSize,
            size: entry.uncompressedSize,
          }
          raw.set(mine, entry)
          list.push(mine)
          zip.readEntry()
        })
        zip.on('end', () => resolve(list))
        zip.on('error', reject)
        zip.readEntry()
      })
      return new ZipFileReader(zip, raw, entries)
    } catch (error) {
      zip.close()
      if (error instanceof ZipFormatError) throw error
      throw directoryError(error as Error)
    }
  }

  find(name: string): ZipEntry | undefined {
    return this.byName.get(name)
  }

  /**
   * The entry's bytes, uncompressed, chunk by chunk. Stops with `damaged` when they do not add up to the size
   * or CRC the directory declares, so a damaged entry is never taken for a complete one.
   */
  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const raw = this.raw.get(entry)
    if (!raw) throw new Error(`${entry.name} is not an entry of this zip`)
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError('unsupported', `The entry ${entry.name} uses compression method ${entry.method}`)
    let stream: Readable
    try {
      stream = await new Promise<Readable>((resolve, reject) => this.zip.openReadStream(raw, (error, readable) => (error ? reject(error) : resolve(readable))))
    } catch (error) {
      const message = (error as Error).message
      throw new ZipFormatError(/overflows file bounds/.test(message) ? 'truncated' : 'damaged', `The entry ${entry.name} cannot be read: ${message}`)
    }
    let crc = 0
    let produced = 0
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        produced += chunk.length
        crc = crc32(chunk, crc)
        yield chunk
      }
    } catch (error) {
      const message = (error as Error).message
      throw new ZipFormatError(/unexpected EOF/i.test(message) ? 'truncated' : 'damaged', `The entry ${entry.name} cannot be read: ${message}`)
    } finally {
      stream.destroy()
    }
    if (produced !== entry.size) throw new ZipFormatError('damaged', `The entry ${entry.name} has ${produced} bytes instead of ${entry.size}`)
    if (crc >>> 0 !== entry.crc >>> 0) throw new ZipFormatError('damaged', `The entry ${entry.name} fails its CRC check`)
  }

  async readAll(entry: ZipEntry): Promise<Buffer> {
    const parts: Uint8Array[] = []
    for await (const chunk of this.chunks(entry)) parts.push(chunk)
    return Buffer.concat(parts)
  }

  async close(): Promise<void> {
    this.zip.close()
  }
}

/** What yauzl's refusal to open a file means for the person holding it. */
function openError(error: Error, startsLikeZip: boolean): ZipFormatError {
  if (/signature not found/i.test(error.message)) {
    return startsLikeZip
      ? new ZipFormatError('truncated', 'The zip has no end record: the file was cut short')
      : new ZipFormatError('notZip', 'The file is not a zip archive')
  }
  if (/multi-disk|not supported/i.test(error.message)) return new ZipFormatError('unsupported', `This zip cannot be read: ${error.message}`)
  return directoryError(error)
}

function directoryError(error: Error): ZipFormatError {
  if (/unexpected EOF|overflows|out of bounds/i.test(error.message)) return new ZipFormatError('truncated', `The zip directory points past the end of the file: ${error.message}`)
  return new ZipFormatError('damaged', `The zip directory is damaged: ${error.message}`)
}
