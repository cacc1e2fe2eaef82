import type { TFunction } from 'i18next'
import { ApiError } from '../../api/client'

const REASONS = [
  'notText',
  'notSpreadsheet',
  'oldExcel',
  'empty',
  'noRows',
  'tooLarge',
  'tooManyRows',
  'unreadable',
  'notTripFile',
  'damaged',
  'invalidContent',
  'notChosen',
  'tripTooLarge',
] as const

/** The most precise message for a failed import or export: the core's reason when it gave one, else its code. */
export function exchangeErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = error.details?.['reason']
    if (typeof reason === 'string' && (REASONS as readonly string[]).includes(reason)) {
      return `${t(`exchange.reasons.${reason}`)}${reason === 'notChosen' ? '' : ` ${t('exchange.unchangedNote')}`}`
    }
    return t(`errors.${error.code}`)
  }
  return t('errors.INTERNAL')
}

export function exportLanguage(language: string): 'zh' | 'en' {
  return language.startsWith('zh') ? 'zh' : 'en'
}
