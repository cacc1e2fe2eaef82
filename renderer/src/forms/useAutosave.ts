import { Form, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { createElement, useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { RecordKind } from '../../../shared/procedures/records'
import { toFieldErrors } from '../../../shared/validation'
import { ApiError, invoke } from '../api/client'
import { showFieldErrors } from './fieldErrors'
import { registerLeaveCheck } from './leaveChecks'
import { RemoteEditNotice, type RemoteChoice } from './RemoteEditNotice'

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'error'

/** Edits reach the disk this long after the last keystroke: a crash loses at most this much typing. */
export const AUTOSAVE_DELAY_MS = 400
const NO_DATES: readonly string[] = []

function toFormValues(record: Record<string, unknown>, dateFields: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = { ...record }
  for (const field of dateFields) {
    // Only the date fields given: a partial update must not clear the others.
    if (!Object.hasOwn(record, field)) continue
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

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Both versions of a text or a list in one, the user's first. */
function mergeValues(mine: unknown, theirs: unknown): unknown {
  if (Array.isArray(mine) && Array.isArray(theirs)) return [...mine, ...theirs.filter((item) => !mine.some((m) => same(m, item)))]
  return [mine, theirs].filter((part) => typeof part === 'string' && part.trim() !== '').join('\n')
}

/** The name of the form field that has the keyboard focus, if it belongs to this form (antd ids: `form_field`). */
function focusedField(form: FormInstance): string | undefined {
  const id = document.activeElement?.id
  if (!id) return undefined
  const name = (form as FormInstance & { __INTERNAL__?: { name?: string } }).__INTERNAL__?.name
  if (!name) return id
  return id.startsWith(`${name}_`) ? id.slice(name.length + 1) : undefined
}

/**
 * What an open form knows of its record beyond the form's values: the values it last took per field (what
 * "changed underneath" is measured against), and the fields another device changed while the user was editing
 * them, with the other version, until the user decides. Outside React state, read with useSyncExternalStore.
 */
class LiveRecord {
  base: Record<string, unknown> = {}
  /** The values this form wrote last, per field: their echo from the core is not another device's edit. */
  saved: Record<string, unknown> = {}
  private marks: Record<string, unknown> = {}
  private readonly listeners = new Set<() => void>()

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  readonly snapshot = () => this.marks

  setMarks(marks: Record<string, unknown>): void {
    this.marks = marks
    for (const listener of this.listeners) listener()
  }
}

/**
 * A form that saves itself: each change is checked with the shared patch schema and written after a short
 * pause, only the fields that changed; errors show on their fields; `status` tells the user it is saved.
 * Pending edits are written when the form goes away, so leaving a screen never loses them.
 *
 * Live: when the record changes underneath (another device's edit arrives with a sync), fields the user is not
 * editing take the new value in place; a field the user is editing (focused, typed in and not saved, or changed
 * since it was filled) keeps the user's text and shows the other version under it, with "use it", "keep mine"
 * and (texts and lists) "merge" — never overwritten silently either way. The notice shows as the field's warning;
 * forms whose items have no own row (`noStyle`) render `remoteEdits[field]` themselves.
 */
export function useAutosave(options: {
  kind: RecordKind
  record: ({ id: string } & Record<string, unknown>) | undefined
  patchSchema: z.ZodType
  /** Fields edited with a DatePicker: Dayjs in the form, `YYYY-MM-DD` in the record. */
  dateFields?: readonly string[]
}): {
  form: FormInstance
  status: SaveStatus
  onValuesChange: (changed: Record<string, unknown>) => void
  flush: () => Promise<void>
  remoteEdits: Record<string, ReactNode>
} {
  const { kind, record, patchSchema } = options
  const dateFields = options.dateFields ?? NO_DATES
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [status, setStatus] = useState<SaveStatus>('saved')
  const pending = useRef<Record<string, unknown>>({})
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const loadedId = useRef<string | undefined>(undefined)
  /** Fields whose edit waits on an error: while there is one, the form never says "saved". */
  const held = useRef<ReadonlySet<string>>(new Set())
  const recordId = record?.id

  const [live] = useState(() => new LiveRecord())
  const remote = useSyncExternalStore(live.subscribe, live.snapshot)
  const flushRef = useRef<(leaving?: boolean) => Promise<void>>(async () => {})

  const formValue = useCallback(
    (field: string) => toPatchValues({ [field]: form.getFieldValue(field) as unknown }, dateFields)[field],
    [form, dateFields],
  )

  // Fill the form once per record; later refreshes update only what the user is not editing.
  useEffect(() => {
    if (!record) return
    if (loadedId.current !== record.id) {
      loadedId.current = record.id
      live.base = { ...record }
      live.saved = {}
      live.setMarks({})
      form.setFieldsValue(toFormValues(record, dateFields))
      return
    }
    const fields = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>))
    const updates: Record<string, unknown> = {}
    const marks: Record<string, unknown> = {}
    const focused = focusedField(form)
    for (const [field, value] of Object.entries(record)) {
      const before = live.base[field]
      if (same(value, before)) continue
      live.base[field] = value
      if (!fields.has(field) || (field in live.saved && same(value, live.saved[field]))) continue
      const mine = formValue(field)
      if (same(mine, value)) continue
      const editing = field in pending.current || field === focused || !same(mine, before)
      if (editing) marks[field] = value
      else updates[field] = value
    }
    if (Object.keys(updates).length > 0) form.setFieldsValue(toFormValues(updates, dateFields))
    if (Object.keys(marks).length > 0) live.setMarks({ ...live.snapshot(), ...marks })
  }, [record, form, dateFields, formValue, live])

  const decide = useCallback(
    (field: string, choice: RemoteChoice) => {
      const { [field]: theirs, ...rest } = live.snapshot()
      const next = choice === 'use' ? theirs : choice === 'merge' ? mergeValues(formValue(field), theirs) : formValue(field)
      if (choice !== 'keep') form.setFieldsValue(toFormValues({ [field]: next }, dateFields))
      // Whatever was chosen is written as a new edit, so every device ends with it.
      pending.current = { ...pending.current, [field]: next }
      live.setMarks(rest)
      setStatus('pending')
      void flushRef.current()
    },
    [live, form, dateFields, formValue],
  )

  const remoteEdits: Record<string, ReactNode> = {}
  for (const [field, value] of Object.entries(remote)) {
    remoteEdits[field] = createElement(RemoteEditNotice, { key: field, field, value, onDecide: decide })
  }
  // Shown as the field's warning, under it, where the user is looking.
  const shown = useRef<string[]>([])
  useEffect(() => {
    const now = Object.keys(remote)
    const gone = shown.current.filter((field) => !now.includes(field))
    shown.current = now
    form.setFields([
      ...gone.map((name) => ({ name, warnings: [] })),
      // antd renders a field's warnings as nodes, though its type names them strings.
      ...now.map((name) => ({
        name,
        warnings: [createElement(RemoteEditNotice, { key: name, field: name, value: remote[name], onDecide: decide })] as unknown as string[],
      })),
    ])
  }, [remote, form, decide])

  const flush = useCallback(async (leaving = false) => {
    clearTimeout(timer.current)
    if (leaving === true) {
      // Leaving with another device's version of a field still undecided: both are kept in the field (texts and
      // lists; a single value keeps the user's), so neither is lost without anyone having chosen.
      const marks = live.snapshot()
      for (const [field, theirs] of Object.entries(marks)) {
        const mine = formValue(field)
        pending.current[field] = typeof theirs === 'string' || Array.isArray(theirs) ? mergeValues(mine, theirs) : mine
      }
      if (Object.keys(marks).length > 0) live.setMarks({})
    }
    if (!recordId || Object.keys(pending.current).length === 0) return
    // Save the fields that are valid now; hold back only those with an error, shown on their field.
    const checked = patchSchema.safeParse(pending.current)
    const errors = checked.success ? [] : toFieldErrors(checked.error, pending.current)
    const badFields = new Set(errors.map((e) => e.path.split('.')[0]!))
    const patch = Object.fromEntries(Object.entries(pending.current).filter(([field]) => !badFields.has(field)))
    pending.current = Object.fromEntries(Object.entries(pending.current).filter(([field]) => badFields.has(field)))
    held.current = badFields
    if (errors.length > 0) showFieldErrors(form, t, errors)
    if (Object.keys(patch).length === 0) {
      setStatus('invalid')
      return
    }
    const valid = patchSchema.safeParse(patch)
    live.saved = { ...live.saved, ...patch, ...(valid.success ? (valid.data as Record<string, unknown>) : {}) }
    setStatus('saving')
    try {
      await invoke(`${kind}.update` as 'trip.update', { id: recordId, patch: (valid.success ? valid.data : patch) as never })
      // Another flush may have run while this one waited: what is held back now decides, not what was then.
      setStatus(held.current.size > 0 ? 'invalid' : Object.keys(pending.current).length > 0 ? 'pending' : 'saved')
    } catch (error) {
      // Keep the edit so the next change or leaving the screen tries again.
      pending.current = { ...patch, ...pending.current }
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        // The dispatcher checks the whole input, so its paths start with `patch.`.
        showFieldErrors(form, t, error.fieldErrors.map((e) => ({ ...e, path: e.path.replace(/^patch\./, '') })))
        setStatus('invalid')
      } else setStatus('error')
    }
  }, [form, kind, patchSchema, recordId, t, live, formValue])
  useEffect(() => {
    flushRef.current = flush
  }, [flush])

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

  // Leaving with an edit the schema rejects asks first (see leaveChecks): checked now, not after the autosave
  // pause, so a value typed just before clicking away is caught too.
  useEffect(
    () =>
      registerLeaveCheck(() => {
        if (Object.keys(pending.current).length === 0) return false
        const checked = patchSchema.safeParse(pending.current)
        if (checked.success) return false
        showFieldErrors(form, t, toFieldErrors(checked.error, pending.current))
        setStatus('invalid')
        return true
      }),
    [form, patchSchema, t],
  )

  // Write what is pending when the screen closes or the window is hidden.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    const onUnload = () => void flush(true)
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('beforeunload', onUnload)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('beforeunload', onUnload)
      void flush()
    }
  }, [flush])
  // The screen closes: what the user left undecided is kept both ways (see flush).
  useEffect(() => () => void flushRef.current(true), [])

  return { form, status, onValuesChange, flush, remoteEdits }
}
