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
    if (!recordId || Object.keys(pending.current).length === 0) return
    // Save the fields that are valid now; hold back only those with an error, shown on their field.
    const checked = patchSchema.safeParse(pending.current)
    const errors = checked.success ? [] : toFieldErrors(checked.error)
    const badFields = new Set(errors.map((e) => e.path.split('.')[0]!))
    const patch = Object.fromEntries(Object.entries(pending.current).filter(([field]) => !badFields.has(field)))
    pending.current = Object.fromEntries(Object.entries(pending.current).filter(([field]) => badFields.has(field)))
    if (errors.length > 0) showFieldErrors(form, t, errors)
    if (Object.keys(patch).length === 0) {
      setStatus('invalid')
      return
    }
    const valid = patchSchema.safeParse(patch)
    setStatus('saving')
    try {
      await invoke(`${kind}.update` as 'trip.update', { id: recordId, patch: (valid.success ? valid.data : patch) as never })
      setStatus(badFields.size > 0 ? 'invalid' : Object.keys(pending.current).length > 0 ? 'pending' : 'saved')
    } catch (error) {
      // Keep the edit so the next change or leaving the screen tries again.
      pending.current = { ...patch, ...pending.current }
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        // The dispatcher checks the whole input, so its paths start with `patch.`.
        showFieldErrors(form, t, error.fieldErrors.map((e) => ({ ...e, path: e.path.replace(/^patch\./, '') })))
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
