import { createHash } from 'node:crypto'
import { closeSync, openSync, writeSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { pipeline, Readable } from 'node:stream'
import { crc32, createInflateRaw } from 'node:zlib'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'

/** Files are read and written a megabyte at a time: a backup of gigabytes of photos never sits in memory. */
const CHUNK = 1024 * 1024
/** fflate writes classic zips (no ZIP64): offsets and sizes must stay below 4 GiB. */
export const ZIP_LIMIT = 0xffff_ffff

/** Why a file cannot be read as a zip; the restore turns it into a BACKUP_INVALID reason. */
export class ZipFormatError extends Error {
  constructor(
    readonly reason: 'empty' | 'notZip' | 'truncated' | 'unsupported' | 'damaged',
    message: string,
  ) {
    super(message)
  }
}

/**
 * A zip written entry by entry straight to a file descriptor. Entries are added and finished one at a time,
 * so fflate never buffers one entry while another is open.
 */
export class ZipFileWriter {
  private readonly fd: number
  private readonly zip: Zip
  private written = 0
  private failure: Error | null = null
  private finished = false

  constructor(path: string) {
    this.fd = openSync(path, 'wx')
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failure = error
        return
      }
      this.written += chunk.length
      writeSync(this.fd, chunk)
      if (final) this.finished = true
    })
  }

  get bytesWritten(): number {
    return this.written
  }

  /**
   * Adds one entry from chunks (read as they are needed) and returns its size and SHA-256. `compress` for
   * text and the database; photos are already compressed and are stored as they are.
   */
  async add(name: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { compress: boolean; mtime: Date }): Promise<{ size: number; sha256: string }> {
    const entry = options.compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name)
    entry.mtime = options.mtime
    this.zip.add(entry)
    const hash = createHash('sha256')
    let size = 0
    let previous: Uint8Array | null = null
    // One chunk is held back so the last one can be pushed with `final`.
    for await (const chunk of chunks) {
      if (previous) entry.push(previous)
      hash.update(chunk)
      size += chunk.length
      previous = chunk
      this.check()
    }
    entry.push(previous ?? new Uint8Array(0), true)
    this.check()
    return { size, sha256: hash.digest('hex') }
  }

  /** Writes the central directory and closes the file. */
  end(): void {
    this.zip.end()
    this.check()
    if (!this.finished) throw new Error('The zip was not completed')
    closeSync(this.fd)
  }

  /** Closes the file after a failure (the caller removes it). */
  abort(): void {
    try {
      this.zip.terminate()
    } finally {
      try {
        closeSync(this.fd)
      } catch {
        // Already closed.
      }
    }
  }

  private check(): void {
    if (this.failure) throw this.failure
    if (this.written > ZIP_LIMIT - CHUNK) throw new RangeError('The backup would be larger than 4 GB, which this format cannot hold')
  }
}

/** The chunks of a file on disk, read a megabyte at a time. */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK)
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null)
      if (bytesRead === 0) return
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
  localHeaderOffset: number
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50

/**
 * Reads a zip through its central directory with positioned reads: entries are checked and extracted one chunk
 * at a time. Anything out of place (no end record, a directory pointing past the end, ZIP64) is refused with a
 * reason rather than guessed at.
 */
export class ZipFileReader {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    readonly entries: ZipEntry[],
  ) {}

  static async open(path: string): Promise<ZipFileReader> {
    const handle = await open(path, 'r')
    try {
      const size = (await handle.stat()).size
      const entries = await readDirectory(handle, size)
      return new ZipFileReader(handle, size, entries)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  find(name: string): ZipEntry | undefined {
    return this.entries.find((entry) => entry.name === name)
  }

  /**
   * The entry's bytes, uncompressed, chunk by chunk. Stops with `damaged` when they do not add up to the size
   * or CRC the directory declares, so a damaged entry is never taken for a complete one.
   */
  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const header = await this.readAt(entry.localHeaderOffset, 30)
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError('damaged', `The entry ${entry.name} has no local header`)
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
    if (start + entry.compressedSize > this.size) throw new ZipFormatError('truncated', `The entry ${entry.name} runs past the end of the file`)
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError('unsupported', `The entry ${entry.name} uses compression method ${entry.method}`)
    let crc = 0
    let produced = 0
    const emit = (bytes: Uint8Array) => {
      produced += bytes.length
      if (produced > entry.size) throw new ZipFormatError('damaged', `The entry ${entry.name} is longer than its declared size`)
      crc = crc32(bytes, crc)
      return bytes
    }
    const raw = this.rawChunks(start, entry.compressedSize)
    if (entry.method === 0) {
      for await (const chunk of raw) yield emit(chunk)
    } else {
      const inflater = createInflateRaw()
      // pipeline (not pipe) so a read failure of the source reaches the loop below instead of leaving it waiting.
      pipeline(Readable.from(raw), inflater, (error) => {
        if (error) inflater.destroy(error)
      })
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) yield emit(chunk)
      } catch (error) {
        if (error instanceof ZipFormatError) throw error
        throw new ZipFormatError('damaged', `The entry ${entry.name} cannot be decompressed: ${(error as Error).message}`)
      } finally {
        inflater.destroy()
      }
    }
    if (produced !== entry.size) throw new ZipFormatError('damaged', `The entry ${entry.name} has ${produced} bytes instead of ${entry.size}`)
    if (crc >>> 0 !== entry.crc >>> 0) throw new ZipFormatError('damaged', `The entry ${entry.name} fails its CRC check`)
  }

  private async *rawChunks(start: number, length: number): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < length; offset += CHUNK) {
      const chunk = await this.readAt(start + offset, Math.min(CHUNK, length - offset))
      if (chunk.length === 0) throw new ZipFormatError('truncated', 'The file ends inside an entry')
      yield chunk
    }
  }

  async readAll(entry: ZipEntry): Promise<Buffer> {
    const parts: Uint8Array[] = []
    for await (const chunk of this.chunks(entry)) parts.push(chunk)
    return Buffer.concat(parts)
  }

  close(): Promise<void> {
    return this.handle.close()
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await this.handle.read(buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  }
}

async function readDirectory(handle: FileHandle, size: number): Promise<ZipEntry[]> {
  if (size === 0) throw new ZipFormatError('empty', 'The file is empty')
  const head = Buffer.alloc(4)
  await handle.read(head, 0, 4, 0)
  const startsLikeZip = head.readUInt32LE(0) === LOCAL_SIGNATURE
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end of the file.
  const tailLength = Math.min(size, 22 + 0xffff)
  const tail = Buffer.alloc(tailLength)
  await handle.read(tail, 0, tailLength, size - tailLength)
  let eocd = -1
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i
      break
    }
  }
  if (eocd < 0) {
    throw startsLikeZip
      ? new ZipFormatError('truncated', 'The zip has no end record: the file was cut short')
      : new ZipFormatError('notZip', 'The file is not a zip archive')
  }
  const count = tail.readUInt16LE(eocd + 10)
  const directorySize = tail.readUInt32LE(eocd + 12)
  const directoryOffset = tail.readUInt32LE(eocd + 16)
  if (count === 0xffff || directorySize === 0xffff_ffff || directoryOffset === 0xffff_ffff) {
    throw new ZipFormatError('unsupported', 'ZIP64 archives are not Fieldbook backups')
  }
  const eocdPosition = size - tailLength + eocd
  if (directoryOffset + directorySize > eocdPosition) throw new ZipFormatError('truncated', 'The zip directory points past the end of the file')
  const directory = Buffer.alloc(directorySize)
  await handle.read(directory, 0, directorySize, directoryOffset)
  const entries: ZipEntry[] = []
  let at = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipFormatError('damaged', 'The zip directory is damaged')
    const nameLength = directory.readUInt16LE(at + 28)
    const extraLength = directory.readUInt16LE(at + 30)
    const commentLength = directory.readUInt16LE(at + 32)
    const entry: ZipEntry = {
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
    }
    if (entry.localHeaderOffset + entry.compressedSize > directoryOffset) throw new ZipFormatError('truncated', `The entry ${entry.name} runs into the zip directory`)
    entries.push(entry)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
