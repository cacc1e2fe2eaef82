const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (heading numbers stay below a hundred). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`
}

/** Heading labels of the official style: 一、 （一） 1. （1）; the standard style uses 1 / 1.1. */
export function headingLabel(level: 1 | 2 | 3 | 4, n: number, official: boolean): string {
  if (!official) return `${n}.`
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`
    case 2:
      return `（${chineseNumber(n)}）`
    case 3:
      return `${n}.`
    case 4:
      return `（${n}）`
  }
}

/** 2025-05-16 → 2025年5月16日 or 16 May 2025. */
export function formatDate(iso: string, language: 'zh' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return iso
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (language === 'zh') return `${year}年${month}月${day}日`
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  return `${day} ${months[month - 1]} ${year}`
}
