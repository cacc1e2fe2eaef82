import dayjs from 'dayjs'

/** Today on this computer's calendar: campaign dates are local calendar dates. */
export function localToday(): string {
  return dayjs().format('YYYY-MM-DD')
}
