import { z } from 'zod'
import { Id, IsoDate, OptionalId, record, requiredText, shortText } from './common'

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const
/** The kinds of record a follow-up or an attachment can hang on. */
export const LINKABLE_KINDS = ['', 'trip', 'enterprise', 'visit', 'symposium', 'agreement', 'survey'] as const

/** A follow-up action: who does what by when, and what it came from. */
const actionFields = {
  tripId: OptionalId,
  enterpriseId: OptionalId,
  title: requiredText(500),
  owner: shortText(100),
  dueDate: z.union([z.literal(''), IsoDate]),
  status: z.enum(ACTION_STATUSES),
  linkedKind: z.enum(LINKABLE_KINDS),
  linkedId: OptionalId,
  notes: shortText(20_000),
}
export const ActionInput = z.object({
  ...actionFields,
  tripId: actionFields.tripId.default(''),
  enterpriseId: actionFields.enterpriseId.default(''),
  owner: actionFields.owner.default(''),
  dueDate: actionFields.dueDate.default(''),
  status: actionFields.status.default('open'),
  linkedKind: actionFields.linkedKind.default(''),
  linkedId: actionFields.linkedId.default(''),
  notes: actionFields.notes.default(''),
})
export const ActionFields = z.object(actionFields)
export const ActionPatch = ActionFields.partial()
export const Action = record(actionFields)
export type Action = z.infer<typeof Action>

export const NOTE_KINDS = ['note', 'problem', 'suggestion', 'history'] as const
/** Free notes; problems and suggestions feed the research report, history the enterprise file. */
const noteFields = {
  tripId: OptionalId,
  enterpriseId: OptionalId,
  kind: z.enum(NOTE_KINDS),
  text: requiredText(20_000),
  date: z.union([z.literal(''), IsoDate]),
}
export const NoteInput = z.object({
  ...noteFields,
  tripId: noteFields.tripId.default(''),
  enterpriseId: noteFields.enterpriseId.default(''),
  kind: noteFields.kind.default('note'),
  date: noteFields.date.default(''),
})
export const NoteFields = z.object(noteFields)
export const NotePatch = NoteFields.partial()
export const Note = record(noteFields)
export type Note = z.infer<typeof Note>

/** A photo or file kept with a record; the bytes live in the data folder under their SHA-256. */
const attachmentFields = {
  ownerKind: z.enum(LINKABLE_KINDS).exclude(['']),
  ownerId: Id,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  mime: z.string().max(100),
  fileName: shortText(255),
  caption: shortText(1000),
  width: z.number().int().min(0),
  height: z.number().int().min(0),
}
export const AttachmentFields = z.object(attachmentFields)
export const AttachmentPatch = z.object({ caption: attachmentFields.caption })
export const Attachment = record(attachmentFields)
export type Attachment = z.infer<typeof Attachment>
