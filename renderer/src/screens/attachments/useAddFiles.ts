import { App } from 'antd'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ATTACHMENT_MAX_BYTES, type AttachmentOwnerKind } from '../../../../shared/procedures/attachments'
import { AttachmentCallError, callAttachments, readAsBase64 } from './api'

export interface AddProgress {
  done: number
  total: number
  current: string
}

/** A file that was not added, with the reason in the user's language. */
export interface RefusedFile {
  name: string
  reason: string
}

export const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024

/**
 * Adds files one after another (a batch of twenty photos must not send 200 MB at once), reporting progress;
 * files added while a batch runs join it. Refused files are collected so the panel can say which and why.
 */
export function useAddFiles(ownerKind: AttachmentOwnerKind, ownerId: string) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [progress, setProgress] = useState<AddProgress | null>(null)
  const [refused, setRefused] = useState<RefusedFile[]>([])
  const queue = useRef<File[]>([])
  const running = useRef(false)
  const counts = useRef({ done: 0, total: 0, added: 0 })

  const reasonText = useCallback(
    (error: unknown): string => {
      if (error instanceof AttachmentCallError) {
        if (error.reason) return t(`attachments.refused.${error.reason}`, { max: MAX_MB })
        if (error.code !== 'VALIDATION') return t(`errors.${error.code}`)
      }
      return t('attachments.refused.readFailed')
    },
    [t],
  )

  const addOne = useCallback(
    async (file: File): Promise<void> => {
      // Checked here too, so a huge file is not read and sent only to be refused.
      if (file.size > ATTACHMENT_MAX_BYTES) throw new AttachmentCallError({ code: 'VALIDATION', message: '', details: { reason: 'tooLarge' } })
      if (file.size === 0) throw new AttachmentCallError({ code: 'VALIDATION', message: '', details: { reason: 'empty' } })
      const dataBase64 = await readAsBase64(file)
      const { alreadyAttached } = await callAttachments('attachment.add', { ownerKind, ownerId, fileName: file.name, dataBase64 })
      if (alreadyAttached) void message.info(t('attachments.alreadyAttached', { name: file.name }))
      else counts.current.added++
    },
    [message, ownerId, ownerKind, t],
  )

  const run = useCallback(async () => {
    running.current = true
    const failures: RefusedFile[] = []
    while (queue.current.length > 0) {
      const file = queue.current.shift()!
      setProgress({ done: counts.current.done, total: counts.current.total, current: file.name })
      try {
        await addOne(file)
      } catch (error) {
        failures.push({ name: file.name, reason: reasonText(error) })
      }
      counts.current.done++
    }
    const { added } = counts.current
    counts.current = { done: 0, total: 0, added: 0 }
    running.current = false
    setProgress(null)
    setRefused(failures)
    // One message for the latest batch, rather than a stack of them.
    if (added > 0) void message.success({ key: `added-${ownerId}`, content: t('attachments.added', { count: added }) })
  }, [addOne, message, ownerId, reasonText, t])

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return
      queue.current.push(...files)
      counts.current.total += files.length
      if (!running.current) void run()
      else setProgress((current) => (current ? { ...current, total: counts.current.total } : current))
    },
    [run],
  )

  return { add, progress, refused, clearRefused: () => setRefused([]) }
}
