import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SyncSummary } from '../../../shared/procedures/sync'
import { tableRows, useJoinedTeam, type Device } from './helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))

describe('the same photo added on two devices', () => {
  const joined = useJoinedTeam(['王老师的笔记本', '李老师的笔记本', '秘书处台式机'])
  let a: Device
  let b: Device
  let c: Device
  beforeEach(() => {
    ;[a, b, c] = joined.devices as [Device, Device, Device]
  })

  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})
  const photos = (device: Device, ownerId: string) => device.ok<{ id: string; caption: string; hash: string }[]>('attachment.list', { ownerId })
  const add = (device: Device, ownerId: string, caption: string) =>
    device.ok<{ attachment: { id: string } }>('attachment.add', { ownerKind: 'enterprise', ownerId, fileName: '灌装线.jpg', caption, dataBase64: PHOTO.toString('base64') })

  it('is one attachment of the record on every device once the rows meet, keeping a caption only one of them had', async () => {
    const firm = await a.ok('enterprise.create', { name: '汇润集团' })
    for (const device of [a, b, c]) await syncNow(device)
    // Offline, both attach the same photo to the same enterprise; only B writes a caption.
    const onA = (await add(a, firm.id, '')).attachment.id
    const onB = (await add(b, firm.id, '三号灌装线')).attachment.id
    expect(onA).not.toBe(onB)
    // The device that made the later row merges it when the rows meet; one more round carries that everywhere.
    for (let round = 0; round < 3; round++) for (const device of [a, b, c]) await syncNow(device)

    const kept = onA < onB ? onA : onB
    for (const device of [a, b, c]) {
      const listed = await photos(device, firm.id)
      expect(listed.map((p) => p.id), device.name).toEqual([kept])
      expect(listed[0]!.caption).toBe('三号灌装线')
      expect(tableRows(device.core, 'attachments')).toEqual(tableRows(a.core, 'attachments'))
    }
    // The other row is in the trash, not gone: its history says who added it.
    const dropped = onA < onB ? onB : onA
    expect(a.core.store.db.prepare('SELECT deleted FROM attachments WHERE id = ?').pluck().get(dropped)).toBe(1)
    // Exactly one device wrote the merge: no concurrent edits, no conflicts.
    for (const device of [a, b, c]) expect(await device.ok('conflicts.list', {})).toEqual([])
  })

  it('leaves the same photo on two different records alone', async () => {
    const firm = await a.ok('enterprise.create', { name: '汇润集团' })
    const other = await a.ok('enterprise.create', { name: '七彩灵慧' })
    for (const device of [a, b]) await syncNow(device)
    await add(a, firm.id, '')
    await add(b, other.id, '')
    for (let round = 0; round < 2; round++) for (const device of [a, b]) await syncNow(device)
    for (const device of [a, b]) {
      expect(await photos(device, firm.id)).toHaveLength(1)
      expect(await photos(device, other.id)).toHaveLength(1)
    }
  })
})
