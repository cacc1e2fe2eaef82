import { unzipSync } from 'fflate'

/**
 * What a file really is, told from its first bytes (magic numbers), never from its name: an `.exe` renamed
 * `photo.jpg` must be refused, and a photo saved without an extension must be accepted.
 */
export type FileCategory = 'image' | 'document' | 'audio' | 'text'
export interface SniffedType {
  mime: string
  category: FileCategory
}

const image = (mime: string): SniffedType => ({ mime, category: 'image' })
const documentType = (mime: string): SniffedType => ({ mime, category: 'document' })
const audio = (mime: string): SniffedType => ({ mime, category: 'audio' })

export const MIME = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  avif: 'image/avif',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  text: 'text/plain',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
} as const

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false
  return signature.every((byte, index) => bytes[at + index] === byte)
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length))
}

export function sniffType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image(MIME.jpeg)
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image(MIME.png)
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return image(MIME.gif)
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return image(MIME.webp)
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return audio(MIME.wav)
  if (ascii(bytes, 4, 4) === 'ftyp') return sniffIsoMedia(bytes)
  if (ascii(bytes, 0, 5) === '%PDF-') return documentType(MIME.pdf)
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffOfficeZip(bytes)
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOfficeCompound(bytes)
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegAudioFrame(bytes)) return audio(MIME.mp3)
  if (isText(bytes)) return { mime: MIME.text, category: 'text' }
  return null
}

/** ISO base media (`ftyp` box): HEIC/AVIF photos and M4A recordings share it; the brands tell them apart. */
function sniffIsoMedia(bytes: Uint8Array): SniffedType | null {
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
  const end = Math.min(bytes.length, Math.max(16, Math.min(boxSize, 256)))
  const brands = [ascii(bytes, 8, 4)]
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4))
  const has = (...names: string[]) => brands.some((brand) => names.includes(brand))
  if (has('avif', 'avis')) return image(MIME.avif)
  if (has('heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1')) return image(MIME.heic)
  if (has('M4A ', 'M4B ')) return audio(MIME.m4a)
  return null
}

/** An MPEG-1/2 layer III frame header (an MP3 without an ID3 tag): 11 sync bits, then not-reserved fields. */
function isMpegAudioFrame(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1]! & 0xe0) !== 0xe0) return false
  const version = (bytes[1]! >> 3) & 0x03
  const layer = (bytes[1]! >> 1) & 0x03
  const bitrate = bytes[2]! >> 4
  const sampleRate = (bytes[2]! >> 2) & 0x03
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 15 && sampleRate !== 3
}

/**
 * Entry names of a zip, from its central directory (the authoritative list at the end of the file), read by
 * fflate without inflating anything. A file that is not a readable zip has none.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = []
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name)
        return false
      },
    })
  } catch {
    return []
  }
  return names
}

/** Office Open XML files are zips with a content-types part and a folder per application. Other zips are refused. */
function sniffOfficeZip(bytes: Uint8Array): SniffedType | null {
  const names = zipEntryNames(bytes)
  if (!names.includes('[Content_Types].xml')) return null
  if (names.some((name) => name.startsWith('word/'))) return documentType(MIME.docx)
  if (names.some((name) => name.startsWith('xl/'))) return documentType(MIME.xlsx)
  if (names.some((name) => name.startsWith('ppt/'))) return documentType(MIME.pptx)
  return null
}

/** Legacy Office files are OLE compound files, as are installers (.msi): the stream names tell them apart. */
function sniffOfficeCompound(bytes: Uint8Array): SniffedType | null {
  const utf16 = (text: string) => Buffer.from(text, 'utf16le')
  const contains = (text: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(utf16(text))
  if (contains('WordDocument')) return documentType(MIME.doc)
  if (contains('Workbook') || contains('Book\u0000')) return documentType(MIME.xls)
  if (contains('PowerPoint Document')) return documentType(MIME.ppt)
  return null
}

/**
 * Plain text: UTF-8 (the common case), UTF-16 with its byte-order mark, or GB18030 as written by Chinese
 * Windows. No NUL bytes, and almost no control characters other than tabs and line breaks.
 */
function isText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return decodes(bytes, startsWith(bytes, [0xff, 0xfe]) ? 'utf-16le' : 'utf-16be')
  }
  if (bytes.subarray(0, TEXT_SAMPLE_BYTES).includes(0)) return false
  return decodes(bytes, 'utf-8') || decodes(bytes, 'gb18030')
}

/** Enough to tell text from binary without decoding a whole 30 MB file. */
const TEXT_SAMPLE_BYTES = 64 * 1024

function decodes(bytes: Uint8Array, encoding: string): boolean {
  let text: string
  try {
    // `stream` keeps a character cut at the end of the sample from counting as an error.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, TEXT_SAMPLE_BYTES), { stream: true })
  } catch {
    return false
  }
  let controls = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) controls++
  }
  return controls <= text.length / 100
}
