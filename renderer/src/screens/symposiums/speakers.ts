import type { Attendee } from '../../../../shared/schemas/symposium'

export type NumberedAttendee = Attendee & { number: number }

/**
 * Attendees in the order the screen shows them, our side first, each with the number used to pick them as a
 * speaker (Alt+1 is the first).
 */
export function numberAttendees(attendees: readonly Attendee[]): NumberedAttendee[] {
  const ordered = [...attendees.filter((a) => a.side === 'school'), ...attendees.filter((a) => a.side === 'enterprise')]
  return ordered.map((attendee, index) => ({ ...attendee, number: index + 1 }))
}

/** `曾健 总经理`: how a speaker is named on the screen. */
export function speakerName(attendee: Pick<Attendee, 'name' | 'title'>): string {
  return attendee.title ? `${attendee.name} ${attendee.title}` : attendee.name
}

/**
 * Splits one typed line into name and title: `曾健 总经理`, `曾健，总经理` or `Zeng Jian, general manager`.
 * A comma wins over spaces, so names written with a space (English) stay whole.
 */
export function parseAttendeeLine(line: string): { name: string; title: string } {
  const text = line.trim().replace(/\s+/g, ' ')
  const comma = /^([^,，、]+)[,，、](.*)$/.exec(text)
  if (comma) return { name: comma[1]!.trim(), title: comma[2]!.trim() }
  const space = text.indexOf(' ')
  if (space < 0) return { name: text, title: '' }
  return { name: text.slice(0, space), title: text.slice(space + 1).trim() }
}

/** Whether a speaker option matches what was typed in the picker: its number, or part of the name or title. */
export function speakerMatches(attendee: NumberedAttendee, typed: string): boolean {
  const query = typed.trim().toLowerCase()
  if (!query) return true
  if (/^\d+$/.test(query)) return String(attendee.number) === query
  return attendee.name.toLowerCase().includes(query) || attendee.title.toLowerCase().includes(query)
}

/** `10:32` from a stamp like `2025-05-16T10:32:05+08:00`: the time on the meeting's clock, wherever it is read. */
export function clockTime(spokenAt: string): string {
  const match = /T(\d{2}:\d{2})/.exec(spokenAt)
  return match ? match[1]! : ''
}
