import { useQuery } from '@tanstack/react-query'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../../shared/contract'
import { AppErrorData, type ErrorCode } from '../../../../shared/errors'
import { ATTACHMENT_REFUSALS, type AttachmentRefusal } from '../../../../shared/procedures/attachments'

/** A failed attachment call with the reason the core gave (too large, not a supported type…), for the message. */
export class AttachmentCallError extends Error {
  readonly code: ErrorCode
  readonly reason: AttachmentRefusal | undefined

  constructor(data: AppErrorData) {
    super(data.message)
    this.code = data.code
    const reason = data.details?.['reason']
    this.reason = (ATTACHMENT_REFUSALS as readonly unknown[]).includes(reason) ? (reason as AttachmentRefusal) : undefined
  }
}

/** Like `invoke`, but keeps `details.reason`, which the shared ApiError drops. */
export async function callAttachments<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  let result: Awaited<ReturnType<Window['fieldbook']['invoke']>>
  try {
    result = await window.fieldbook.invoke(name, input)
  } catch (error) {
    throw new AttachmentCallError({ code: 'INTERNAL', message: String(error) })
  }
  if (result.ok) return result.value as ProcedureOutput<N>
  const parsed = AppErrorData.safeParse(result.error)
  throw new AttachmentCallError(parsed.success ? parsed.data : { code: 'INTERNAL', message: 'Malformed error from the core' })
}

/** The attachments of a record; the key starts with the table, so any change to attachments refreshes it. */
export function useAttachments(ownerId: string) {
  return useQuery({
    queryKey: ['attachments', 'list', ownerId],
    queryFn: () => callAttachments('attachment.list', { ownerId }),
  })
}

/**
 * A thumbnail or a preview. Keyed by the file's hash (the same photo on two records is one picture) and not
 * by the table, so editing a caption does not reload every picture.
 */
export function useRendition(kind: 'thumbnail' | 'preview', attachment: { id: string; hash: string }, enabled = true) {
  return useQuery({
    queryKey: ['attachment-rendition', kind, attachment.hash],
    queryFn: () => callAttachments(`attachment.${kind}`, { id: attachment.id }),
    staleTime: Infinity,
    gcTime: kind === 'preview' ? 60_000 : 10 * 60_000,
    enabled,
  })
}

/** The file's bytes as base64, without the `data:…;base64,` prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'))
    reader.readAsDataURL(file)
  })
}

/** Offers the original file for saving (a browser download, which the app turns into a save dialog). */
export async function saveToComputer(id: string): Promise<void> {
  const { fileName, mime, dataBase64 } = await callAttachments('attachment.content', { id })
  const bytes = Uint8Array.from(atob(dataBase64), (char) => char.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
