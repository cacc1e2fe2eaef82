import { v5 as uuidv5 } from 'uuid'
import type { LeadershipLevel } from '../../../shared/schemas/staff'
import type { ChangeInput, Store } from '../store/store'

/** Fixed namespace of staff ids made from a name, so two laptops upgrading the same trips make the same person. */
const STAFF_NAMESPACE = '5b0c3e0e-4f4e-4b8a-9d8e-2f6a1c7d9e21'
const LINKED_FLAG = 'staff_linked'

/** The staff id a member's name gives when the directory has no one of that name yet. */
export function staffIdForName(name: string): string {
  return uuidv5(name.trim().normalize('NFC'), STAFF_NAMESPACE)
}

/**
 * The leadership level a position names. 书记/校长 of a school or department (学院院长, 处长, 中心主任) are heads
 * of departments; the college's own 书记, 校长 and their deputies (and the board chair) are college leaders.
 */
export function levelFromPosition(position: string): LeadershipLevel {
  const text = position.replace(/\s+/g, '')
  if (/(学院|系|处|部|中心|所)/.test(text) && /(书记|院长|主任|处长|部长|负责人)/.test(text)) return 'department'
  if (/(书记|校长|董事长)/.test(text)) return 'school'
  if (/(院长|系主任|负责人|处长|部长)/.test(text)) return 'department'
  if (/\b(president|party secretary)\b/i.test(text)) return 'school'
  if (/\b(dean|director|head)\b/i.test(position)) return 'department'
  return 'other'
}

interface UnlinkedMember {
  id: string
  name: string
  position: string
  department: string
}

/**
 * Links every live trip member without a staff record to the person of the same name in the directory, creating
 * that person (level guessed from the position) when there is none. Written through the store's single write path
 * so the links and new people sync. Returns how many members it linked.
 */
export function linkMembersToStaff(store: Store): number {
  const members = store
    .statement("SELECT id, name, position, department FROM trip_members WHERE deleted = 0 AND staff_id = '' AND trim(name) <> '' ORDER BY id")
    .all() as UnlinkedMember[]
  if (members.length === 0) return 0
  const byName = new Map<string, string>()
  for (const row of store.statement('SELECT id, name FROM staff WHERE deleted = 0 ORDER BY id').all() as { id: string; name: string }[]) {
    const name = row.name.trim()
    if (!byName.has(name)) byName.set(name, row.id)
  }
  const changes: ChangeInput[] = []
  for (const member of members) {
    const name = member.name.trim()
    let staffId = byName.get(name)
    if (!staffId) {
      staffId = staffIdForName(name)
      byName.set(name, staffId)
      const exists = store.statement('SELECT 1 FROM staff WHERE id = ?').get(staffId)
      // The same person trashed earlier comes back rather than a second record of that name.
      const fields: Record<string, string | number> = exists
        ? { deleted: 0 }
        : { name, position: member.position, department: member.department, level: levelFromPosition(member.position), deleted: 0 }
      for (const [column, value] of Object.entries(fields)) changes.push({ table: 'staff', rowId: staffId, column, value })
    }
    changes.push({ table: 'trip_members', rowId: member.id, column: 'staff_id', value: staffId })
  }
  store.applyChanges(changes)
  return members.length
}

/** Runs `linkMembersToStaff` once per data folder: on the first open after the upgrade that added the directory. */
export function linkMembersToStaffOnce(store: Store): void {
  const done = store.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(LINKED_FLAG)
  if (done) return
  store.db.transaction(() => {
    linkMembersToStaff(store)
    store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(LINKED_FLAG, '1')
  })()
}
