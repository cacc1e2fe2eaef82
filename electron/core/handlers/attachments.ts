import type { attachmentsProcedures } from '../../../shared/procedures/attachments'
import { AttachmentService } from '../attachments/service'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'

export function attachmentsHandlers(context: CoreContext): Pick<Handlers, keyof typeof attachmentsProcedures> {
  const attachments = new AttachmentService(context.store, context.dataDir)
  // Temporary files a crash left behind; nobody waits for this.
  void attachments.blobs.sweep()
  return {
    'attachment.add': (input) => attachments.add(input),
    'attachment.list': ({ ownerId }) => attachments.list(ownerId),
    'attachment.update': ({ id, patch }) => attachments.update(id, patch),
    'attachment.delete': ({ id }) => attachments.delete(id),
    'attachment.restore': ({ id }) => attachments.restore(id),
    'attachment.thumbnail': ({ id }) => attachments.thumbnail(id),
    'attachment.preview': ({ id }) => attachments.preview(id),
    'attachment.content': ({ id }) => attachments.content(id),
  }
}
