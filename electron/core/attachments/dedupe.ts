import type { ChangeInput, Store } from '../store/store'

interface PhotoRow {
  id: string
  owner_id: string
  hash: string
  caption: string
  clocks: string
}

/**
 * One attachment per photo per record: the same photo (same bytes, so the same hash) added to the same record on
 * two devices meets as two rows when they sync. The row with the smaller id stays; the other goes to the trash,
 * written by the device that created it (its `hash` clock carries that device's node id), so exactly one device
 * makes the change and every device converges on it. A caption only the duplicate had moves to the row that stays.
 * Returns the changes written (for tests).
 */
export function mergeDuplicatePhotos(store: Store, attachmentIds: readonly string[]): ChangeInput[] {
  if (attachmentIds.length === 0) return []
  // Every live row sharing an owner and a photo with one of the rows just written, the written ones included
  // (driven from the written rows, through the owner index).
  const rows = store
    .statement(
      `SELECT DISTINCT b.id, b.owner_id, b.hash, b.caption, b.clocks
       FROM json_each(?) AS written
       JOIN attachments a ON a.id = written.value AND a.deleted = 0
       JOIN attachments b ON b.owner_id = a.owner_id AND b.hash = a.hash AND b.deleted = 0`,
    )
    .all(JSON.stringify(attachmentIds)) as PhotoRow[]
  const groups = new Map<string, PhotoRow[]>()
  for (const row of rows) {
    const key = `${row.owner_id}\u0000${row.hash}`
    groups.set(key, [...(groups.get(key) ?? []), row])
  }
  const own = `-${store.nodeId}`
  const changes: ChangeInput[] = []
  for (const group of groups.values()) {
    if (group.length < 2) continue
    group.sort((a, b) => (a.id < b.id ? -1 : 1))
    const [kept, ...others] = group as [PhotoRow, ...PhotoRow[]]
    let caption = kept.caption
    for (const other of others) {
      const createdHere = (JSON.parse(other.clocks) as Record<string, string>)['hash']?.endsWith(own) ?? false
      if (!createdHere) continue
      changes.push({ table: 'attachments', rowId: other.id, column: 'deleted', value: 1 })
      if (caption.trim() === '' && other.caption.trim() !== '') {
        caption = other.caption
        changes.push({ table: 'attachments', rowId: kept.id, column: 'caption', value: caption })
      }
    }
  }
  if (changes.length > 0) store.applyChanges(changes)
  return changes
}
