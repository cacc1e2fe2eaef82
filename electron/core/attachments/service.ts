import { readFile } from 'node:fs/promises'
import { AppError } from '../../../shared/errors'
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentAddInput,
  type AttachmentOwnerKind,
  type AttachmentRefusal,
} from '../../../shared/procedures/attachments'
import { RECORD_TABLES } from '../../../shared/procedures/records'
import { AttachmentFields, AttachmentPatch, type Attachment } from '../../../shared/schemas/action'
import { RecordService } from '../domain/records'
import type { Store } from '../store/store'
import { loadSharp } from '../load-on-first-use'
import { BlobStore, writeAtomically, type BlobStoreOptions } from './blob-store'
import { previewOf, PREVIEW_PX, renditionPath, reportRenditionOf, REPORT_PX, thumbnailOf, THUMBNAIL_PX, uprightSize } from './images'
import { sniffType } from './sniff'

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/
const MIME_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/avif': 'avif',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
}

function refuse(reason: AttachmentRefusal, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION', message, { reason, ...details })
}

/**
 * Only a name: the last segment of whatever path it carries, without control characters or search markers,
 * at most 255 characters. A file pasted without a name gets one from its type.
 */
export function cleanFileName(name: string, mime: string): string {
  const last = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = [...last.replace(/[\u0000-\u001f\u007f\ue000-\uf8ff]/g, '').trim()].slice(0, 255).join('').trim()
  if (clean && clean !== '.' && clean !== '..') return clean
  return `attachment.${MIME_EXTENSIONS[mime] ?? 'bin'}`
}

/**
 * Photos and files kept with a record. The bytes go to the blob store under their hash; the row (owner, hash,
 * size, type, name, caption, upright size) goes through the store's single write path like every record, so it
 * syncs, trashes and restores the same way.
 */
export class AttachmentService {
  readonly blobs: BlobStore
  readonly rows: RecordService

  constructor(
    private readonly store: Store,
    dataDir: string,
    options: BlobStoreOptions = {},
  ) {
    this.blobs = new BlobStore(dataDir, options)
    this.rows = new RecordService(store, {
      table: 'attachments',
      input: AttachmentFields,
      patch: AttachmentPatch,
      whole: AttachmentFields,
      orderBy: 'id',
    })
  }

  async add(input: AttachmentAddInput): Promise<{ attachment: Attachment; alreadyAttached: boolean }> {
    this.checkOwner(input.ownerKind, input.ownerId)
    const bytes = decodeBase64(input.dataBase64)
    if (bytes.length === 0) throw refuse('empty', 'The file is empty.')
    if (bytes.length > ATTACHMENT_MAX_BYTES) {
      throw refuse('tooLarge', `The file is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB.`, {
        size: bytes.length,
        maxBytes: ATTACHMENT_MAX_BYTES,
      })
    }
    const type = sniffType(bytes)
    if (!type) {
      throw refuse('unsupportedType', 'This kind of file cannot be attached: photos, PDF, Word, Excel, PowerPoint, text and recordings can.')
    }

    let size = { width: 0, height: 0 }
    let thumbnail: Buffer | null = null
    let forReports: Buffer | null = null
    if (type.category === 'image') {
      // Decoding the whole photo once proves it is readable before anything is stored; the thumbnail is made
      // from the documents' copy rather than from the original again. The image library is loaded outside the
      // try: a library that cannot load is this installation's fault (logged as such), not the photo's.
      await loadSharp()
      try {
        size = await uprightSize(bytes)
        forReports = await reportRenditionOf(bytes)
        thumbnail = await thumbnailOf(forReports)
      } catch {
        throw refuse('unreadableImage', 'This photo cannot be read: it may be damaged, or in a format this computer cannot open (convert HEIC to JPEG).', {
          mime: type.mime,
        })
      }
    }

    const { hash } = await this.blobs.put(bytes)
    if (thumbnail) await writeAtomically(this.cachePath(hash, THUMBNAIL_PX), thumbnail).catch(() => {})
    if (forReports) await writeAtomically(this.cachePath(hash, REPORT_PX), forReports).catch(() => {})

    // The owner may have gone to the trash while the photo was being read.
    this.checkOwner(input.ownerKind, input.ownerId)
    const existing = this.store
      .statement('SELECT id FROM attachments WHERE owner_id = ? AND hash = ? AND deleted = 0 ORDER BY id LIMIT 1')
      .get(input.ownerId, hash) as { id: string } | undefined
    if (existing) return { attachment: this.rows.get(existing.id) as Attachment, alreadyAttached: true }

    const attachment = this.rows.create({
      ownerKind: input.ownerKind,
      ownerId: input.ownerId,
      hash,
      size: bytes.length,
      mime: type.mime,
      fileName: cleanFileName(input.fileName, type.mime),
      caption: input.caption ?? '',
      width: size.width,
      height: size.height,
    }) as Attachment
    return { attachment, alreadyAttached: false }
  }

  list(ownerId: string): Attachment[] {
    return this.rows.list({ ownerId }) as Attachment[]
  }

  get(id: string): Attachment {
    return this.rows.get(id) as Attachment
  }

  update(id: string, patch: unknown): Attachment {
    return this.rows.update(id, patch) as Attachment
  }

  delete(id: string): Attachment {
    return this.rows.delete(id) as Attachment
  }

  restore(id: string): Attachment {
    return this.rows.restore(id) as Attachment
  }

  async thumbnail(id: string): Promise<string> {
    return dataUrl(await this.rendition(id, THUMBNAIL_PX, thumbnailOf))
  }

  async preview(id: string): Promise<string> {
    return dataUrl(await this.rendition(id, PREVIEW_PX, previewOf))
  }

  async content(id: string): Promise<{ fileName: string; mime: string; dataBase64: string }> {
    const attachment = this.get(id)
    const bytes = await this.blobs.get(attachment.hash)
    return { fileName: attachment.fileName, mime: attachment.mime, dataBase64: bytes.toString('base64') }
  }

  /** A resized copy, made once per hash and size and kept in `attachments/thumbs/`. */
  private async rendition(id: string, px: number, make: (bytes: Uint8Array) => Promise<Buffer>): Promise<Buffer> {
    const attachment = this.get(id)
    if (!attachment.mime.startsWith('image/')) throw refuse('notAnImage', 'This attachment is not a photo.')
    const path = this.cachePath(attachment.hash, px)
    try {
      return await readFile(path)
    } catch {
      // Not made yet (or the row came by sync): make it from the original.
    }
    const original = await this.blobs.get(attachment.hash)
    await loadSharp()
    let rendered: Buffer
    try {
      rendered = await make(original)
    } catch {
      throw refuse('unreadableImage', 'This photo cannot be read on this computer.', { mime: attachment.mime })
    }
    await writeAtomically(path, rendered).catch(() => {})
    return rendered
  }

  private cachePath(hash: string, px: number): string {
    this.blobs.pathOf(hash)
    return renditionPath(this.blobs.root, hash, px)
  }

  private checkOwner(kind: AttachmentOwnerKind, id: string): void {
    const table = RECORD_TABLES[kind]
    const owner = this.store.statement(`SELECT deleted FROM "${table}" WHERE id = ?`).get(id) as { deleted: number } | undefined
    if (!owner || owner.deleted === 1) {
      throw new AppError('VALIDATION', `The ${kind} to attach to does not exist or is in the trash`, {
        fieldErrors: [{ path: 'ownerId', key: 'notFound' }],
      })
    }
  }
}

function decodeBase64(text: string): Buffer {
  // Buffer.from skips characters it does not know: check first, or a mangled file would be stored silently.
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) {
    throw new AppError('VALIDATION', 'The file did not arrive intact (not base64).', { fieldErrors: [{ path: 'dataBase64', key: 'invalidFormat' }] })
  }
  return Buffer.from(text, 'base64')
}

function dataUrl(jpeg: Buffer): string {
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`
}
