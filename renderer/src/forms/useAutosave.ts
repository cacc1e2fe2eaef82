import { Form, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { RecordKind } from '../../../shared/procedures/records'
import { toFieldErrors } from '../../../shared/validation'
import { ApiError, invoke } from '../api/client'
import { showFieldErrors } from './fieldErrors'

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'error'

/** Edits reach the disk this long after the last keystroke: a crash loses at most this much typing. */
export const AUTOSAVE_DELAY_MS = 400
const NO_DATES: readonly string[] = []

function toFormValues(record: Record<string, unknown>, dateFields: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = { ...record }
  for (const field of dateFields) {
    const text = record[field]
    values[field] = typeof text === 'string' && text ? dayjs(text) : null
  }
  return values
}

function toPatchValues(changed: Record<string, unknown>, dateFields: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(changed)) {
    patch[field] = dateFields.includes(field) ? ((value as Dayjs | null)?.format('YYYY-MM-DD') ?? '') : value
  }
  return patch
}

/**
 * A form that saves itself: each change is checked with the shared patch schema and written after a short
 * pause, only the fields that changed; errors show on their fields; `status` tells the user it is saved.
 * Pending edits are written when the form goes away, so leaving a screen never loses them.
 */
export function useAutosave(options: {
  kind: RecordKind
  record: ({ id: string } & Record<string, unknown>) | undefined
  patchSchema: z.ZodType
  /** Fields edited with a DatePicker: Dayjs in the form, `YYYY-MM-DD` in the record. */
  dateFields?: readonly string[]
}): { form: FormInstance; status: SaveStatus; onValuesChange: (changed: Record<string, unknown>) => void; flush: () => Promise<void> } {
  const { kind, record, patchSchema } = options
  const dateFields = options.dateFields ?? NO_DATES
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [status, setStatus] = useState<SaveStatus>('saved')
  const pending = useRef<Record<string, unknown>>({})
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const loadedId = useRef<string | undefined>(undefined)
  const recordId = record?.id

  // Fill the form once per record; later refreshes must not overwrite what the user is typing.
  useEffect(() => {
    if (record && loadedId.current !== record.id) {
      loadedId.current = record.id
      form.setFieldsValue(toFormValues(record, dateFields))
    }
  }, [record, form, dateFields])

  const flush = useCallback(async () => {
    clearTimeout(timer.current)
    const patch = pending.current
    if (!recordId || Object.keys(patch).length === 0) return
    const checked = patchSchema.safeParse(patch)
    if (!checked.success) {
      showFieldErrors(form, t, toFieldErrors(checked.error))
      setStatus('invalid')
      return
    }
    pending.current = {}
    setStatus('saving')
    try {
      await invoke(`${kind}.update` as 'trip.update', { id: recordId, patch: checked.data as never })
      setStatus(Object.keys(pending.current).length > 0 ? 'pending' : 'saved')
    } catch (error) {
      // Keep the edit so the next change or leaving the screen tries again.
      pending.current = { ...patch, ...pending.current }
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        showFieldErrors(form, t, error.fieldErrors)
        setStatus('invalid')
      } else setStatus('error')
    }
  }, [form, kind, patchSchema, recordId, t])

  const onValuesChange = useCallback(
    (changed: Record<string, unknown>) => {
      pending.current = { ...pending.current, ...toPatchValues(changed, dateFields) }
      form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))
      setStatus('pending')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS)
    },
    [dateFields, flush, form],
  )

  // Write what is pending when the screen closes or the window is hidden.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('beforeunload', flush)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('beforeunload', flush)
      void flush()
    }
  }, [flush])

  return { form, status, onValuesChange, flush }
}
