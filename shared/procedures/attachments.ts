import { z } from 'zod'
import { Attachment, AttachmentFields, AttachmentPatch } from '../schemas/action'
import { Id, IdInput, shortText } from '../schemas/common'
import { procedure } from './define'

/** The largest file one can attach: a phone photo is 3–12 MB, a scanned agreement rarely more than 20. */
export const ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024
/** Base64 grows bytes by 4/3; anything longer than this cannot be within the limit, so it is refused unread. */
const MAX_BASE64_LENGTH = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 4

export const AttachmentOwnerKind = AttachmentFields.shape.ownerKind
export type AttachmentOwnerKind = z.infer<typeof AttachmentOwnerKind>

/**
 * Why an attachment was refused, in `error.details.reason` of a VALIDATION error; the renderer translates it.
 * `blobMissing`: the row arrived by sync but its bytes have not (yet).
 */
export const ATTACHMENT_REFUSALS = ['tooLarge', 'empty', 'unsupportedType', 'unreadableImage', 'notAnImage', 'blobMissing'] as const
export type AttachmentRefusal = (typeof ATTACHMENT_REFUSALS)[number]

export const AttachmentAddInput = z.object({
  ownerKind: AttachmentOwnerKind,
  ownerId: Id,
  /** Only the name: the core keeps the last path segment of whatever it is given. */
  fileName: z.string().max(1000),
  /** The file's bytes. The renderer never sends a path: paths from a window are never trusted. */
  dataBase64: z.string().min(1).max(MAX_BASE64_LENGTH),
  caption: shortText(1000).default(''),
})
export type AttachmentAddInput = z.input<typeof AttachmentAddInput>

export const AttachmentContent = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() })

export const attachmentsProcedures = {
  /** Stores the bytes under their SHA-256 and the row through the write path; the same photo twice is kept once. */
  'attachment.add': procedure(AttachmentAddInput, z.object({ attachment: Attachment, alreadyAttached: z.boolean() })),
  'attachment.list': procedure(z.object({ ownerId: Id }).strict(), z.array(Attachment)),
  'attachment.update': procedure(z.object({ id: Id, patch: AttachmentPatch }), Attachment),
  'attachment.delete': procedure(IdInput, Attachment),
  'attachment.restore': procedure(IdInput, Attachment),
  /** A small JPEG data URL (about 320 px), turned upright. */
  'attachment.thumbnail': procedure(IdInput, z.string()),
  /** A screen-sized upright JPEG data URL of a photo. */
  'attachment.preview': procedure(IdInput, z.string()),
  /** The original bytes, to save a document or recording elsewhere. */
  'attachment.content': procedure(IdInput, AttachmentContent),
} as const
