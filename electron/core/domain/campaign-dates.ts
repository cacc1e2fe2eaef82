import type { CampaignPeriod } from '../../../shared/schemas/staff'

/**
 * Campaign dates are local calendar dates (`YYYY-MM-DD`) as the records hold them. Arithmetic on them is done on
 * the date alone, at UTC midnight, so the machine's time zone can never move a visit into another day or week.
 */
const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days)
}

/** The Monday of the week a date falls in (weeks run Monday to Sunday, as Chinese work weeks do). */
export function weekStart(date: string): string {
  const day = dayNumber(date)
  // 1970-01-01 was a Thursday: day 0 → weekday index 3 counting from Monday.
  const weekday = (((day + 3) % 7) + 7) % 7
  return fromDayNumber(day - weekday)
}

export function monthOf(date: string): string {
  return date.slice(0, 7)
}

/** The dates a period covers, both ends included. */
export function periodRange(period: CampaignPeriod): { from: string; to: string } {
  if (period.kind === 'year') return { from: `${period.year}-01-01`, to: `${period.year}-12-31` }
  return { from: period.from, to: period.to }
}

/** Every Monday from the week of `from` to the week of `to`, so empty weeks show as zeros in the trend. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = []
  for (let week = weekStart(from); week <= to; week = addDays(week, 7)) weeks.push(week)
  return weeks
}

export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  const last = monthOf(to)
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    if (key > last) break
    months.push(key)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return months
}
