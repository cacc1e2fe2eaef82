import type { Agreement } from '../../../../shared/schemas/agreement'

export type AgreementStatus = Agreement['status']

const zhNumber = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 })
const enYuan = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 })

/**
 * An amount in whole yuan the way each language writes it: 500万元 / 1.2亿元 in Chinese (how contracts and news
 * briefs state sums), ¥5,000,000 in English.
 */
export function formatYuan(amount: number, language: string): string {
  if (!language.startsWith('zh')) return enYuan.format(amount)
  if (amount >= 100_000_000) return `${zhNumber.format(amount / 100_000_000)}亿元`
  if (amount >= 10_000) return `${zhNumber.format(amount / 10_000)}万元`
  return `${zhNumber.format(amount)}元`
}

/** Thousands separators while typing an amount, and their removal when reading it back. */
export const groupDigits = (value: number | string | undefined) => `${value ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
export const ungroupDigits = (text: string | undefined) => (text ?? '').replace(/,/g, '')

export const STATUS_COLORS: Record<AgreementStatus, string> = {
  consensus: 'gold',
  signed: 'blue',
  executing: 'green',
  closed: 'default',
}
