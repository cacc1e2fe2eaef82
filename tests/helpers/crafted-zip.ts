import { closeSync, openSync, writeSync } from 'node:fs'
import { crc32, deflateRawSync, constants } from 'node:zlib'

/**
 * Writes a zip by hand, for files crafted the way an attacker would: entries of real bytes, or of `repeat`
 * (a chunk repeated up to `size` bytes) deflated chunk by chunk so that a gigabyte of JSON never sits in memory.
 * The directory declares the true sizes: what makes such a file dangerous is what it really holds.
 */
export interface CraftedEntry {
  name: string
  data?: Uint8Array
  repeat?: { chunk: Uint8Array; size: number; head?: Uint8Array }
  /** Deflate (default) or stored. */
  stored?: boolean
}

const CHUNK_TARGET = 8 * 1024 * 1024

export function writeCraftedZip(path: string, entries: CraftedEntry[]): void {
  const fd = openSync(path, 'w')
  let offset = 0
  const write = (bytes: Uint8Array) => {
    writeSync(fd, bytes)
    offset += bytes.length
  }
  const central: Buffer[] = []
  try {
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8')
      const headerOffset = offset
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      local.writeUInt16LE(20, 4)
      local.writeUInt16LE(0x0008, 6) // sizes and CRC follow in a data descriptor
      local.writeUInt16LE(entry.stored ? 0 : 8, 8)
      local.writeUInt16LE(name.length, 26)
      write(local)
      write(name)
      let crc = 0
      let size = 0
      let compressed = 0
      const emit = (bytes: Uint8Array) => {
        write(bytes)
        compressed += bytes.length
      }
      const pieces: Iterable<Uint8Array> = entry.data ? [entry.data] : repeated(entry.repeat!)
      if (entry.stored) {
        for (const piece of pieces) {
          crc = crc32(piece, crc)
          size += piece.length
          emit(piece)
        }
      } else {
        // Each piece deflated on its own with a full flush: a valid raw deflate stream, piece after piece.
        // Full pieces share one buffer: the list holds references, not copies.
        const list = [...pieces]
        list.forEach((piece, index) => {
          crc = crc32(piece, crc)
          size += piece.length
          emit(deflateRawSync(piece, { level: 9, finishFlush: index === list.length - 1 ? constants.Z_FINISH : constants.Z_FULL_FLUSH }))
        })
        if (list.length === 0) emit(deflateRawSync(Buffer.alloc(0)))
      }
      const descriptor = Buffer.alloc(16)
      descriptor.writeUInt32LE(0x08074b50, 0)
      descriptor.writeUInt32LE(crc >>> 0, 4)
      descriptor.writeUInt32LE(compressed, 8)
      descriptor.writeUInt32LE(size, 12)
      write(descriptor)
      const record = Buffer.alloc(46)
      record.writeUInt32LE(0x02014b50, 0)
      record.writeUInt16LE(20, 4)
      record.writeUInt16LE(20, 6)
      record.writeUInt16LE(0x0008, 8)
      record.writeUInt16LE(entry.stored ? 0 : 8, 10)
      record.writeUInt32LE(crc >>> 0, 16)
      record.writeUInt32LE(compressed, 20)
      record.writeUInt32LE(size, 24)
      record.writeUInt16LE(name.length, 28)
      record.writeUInt32LE(headerOffset, 42)
      central.push(record, name)
    }
    const directory = Buffer.concat(central)
    const directoryOffset = offset
    write(directory)
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(entries.length, 8)
    end.writeUInt16LE(entries.length, 10)
    end.writeUInt32LE(directory.length, 12)
    end.writeUInt32LE(directoryOffset, 16)
    write(end)
  } finally {
    closeSync(fd)
  }
}

function* repeated({ chunk, size, head }: NonNullable<CraftedEntry['repeat']>): Generator<Uint8Array> {
  let left = size
  if (head) {
    yield head
    left -= head.length
  }
  const per = Math.max(1, Math.floor(CHUNK_TARGET / chunk.length))
  const block = Buffer.concat(Array.from({ length: per }, () => chunk))
  while (left > 0) {
    const piece = left >= block.length ? block : block.subarray(0, left)
    left -= piece.length
    yield piece
  }
}
