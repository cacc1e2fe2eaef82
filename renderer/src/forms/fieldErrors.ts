import type { FormInstance } from 'antd'
import type { TFunction } from 'i18next'
import type { z } from 'zod'
import type { FieldError } from '../../../shared/errors'
import { toFieldErrors } from '../../../shared/validation'

/** Where a schema path shows on the form, when a form field holds several schema fields (a date range). */
export type FieldMap = Partial<Record<string, string>>

/**
 * An error in the user's language, in the field's own words where there are some ("Choose an enterprise" rather
 * than "Required"): `forms.fields.<field>.<key>` first, then the general `validation.<key>`.
 */
export function translateFieldError(t: TFunction, error: FieldError): string {
  const field = error.path.split('.').filter((part) => !/^\d+$/.test(part)).at(-1) ?? ''
  const own = field ? [`forms.fields.${field}.${error.key}`] : []
  return t([...own, `validation.${error.key}`, 'validation.invalid'], error.params ?? {})
}

/** Removes every error shown, before a new check decides which still apply. */
export function clearFieldErrors(form: FormInstance): void {
  const shown = form.getFieldsError().filter((field) => field.errors.length > 0)
  form.setFields(shown.map((field) => ({ name: field.name, errors: [] })))
}

/** Puts each error under its field, in the user's language; the first message per field wins. */
export function showFieldErrors(form: FormInstance, t: TFunction, errors: FieldError[], fieldMap: FieldMap = {}): void {
  clearFieldErrors(form)
  const byField = new Map<string, string>()
  for (const error of errors) {
    const top = error.path.split('.')[0] ?? ''
    const field = fieldMap[top] ?? top
    if (!byField.has(field)) byField.set(field, translateFieldError(t, error))
  }
  form.setFields([...byField].map(([name, message]) => ({ name, errors: [message] })))
}

/** Checks values with the shared schema before sending them; returns the parsed input or shows errors. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  form: FormInstance,
  t: TFunction,
  fieldMap: FieldMap = {},
): z.output<S> | null {
  const result = schema.safeParse(input)
  if (result.success) {
    clearFieldErrors(form)
    return result.data
  }
  showFieldErrors(form, t, toFieldErrors(result.error, input), fieldMap)
  return null
}
