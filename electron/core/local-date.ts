/**
 * Today's calendar day in this computer's time zone, as ISO (2025-05-17): what "today" means to the people using
 * it — overdue follow-ups, the campaign's period, the date under a document's signature.
 */
export function localToday(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}
