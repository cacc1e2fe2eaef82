import type { FieldError } from '../../../shared/errors'

/** What each field error key means, in the command line's words (the app says it through i18n). */
const FIELD_ERROR_TEXT: Record<string, string> = {
  required: 'required',
  tooShort: 'too short',
  tooLong: 'too long',
  tooSmall: 'too small',
  tooBig: 'too big',
  invalidDate: 'not a valid date (YYYY-MM-DD)',
  invalidChoice: 'not one of the allowed values',
  scopeRequired: 'name a trip or an enterprise',
  endBeforeStart: 'the end date is before the start date',
  invalidCreditCode: 'not a valid unified social credit code',
  maxBelowMin: 'the maximum is below the minimum',
  notFound: 'no such record',
}

export function describeFieldError(field: FieldError): string {
  const text = FIELD_ERROR_TEXT[field.key] ?? 'not valid'
  const limit = field.params?.['max'] ?? field.params?.['min']
  return limit === undefined ? text : `${text} (${limit})`
}
