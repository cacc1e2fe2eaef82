import { beforeEach, describe, expect, it } from 'vitest'
import type { Conflict, SyncSummary } from '../../../shared/procedures/sync'
import { WATCHED_FIELDS } from '../../../shared/fields'
import { SYNCED_TABLE_FIELDS } from '../../../shared/tables'
import { dispatchFailure } from '../../helpers/core'
import { useJoinedTeam, type Device } from './helpers'

describe('conflicts of every watched field', () => {
  const joined = useJoinedTeam(['王老师的笔记本', '李老师的笔记本'])
  let a: Device
  let b: Device
  beforeEach(() => {
    ;[a, b] = joined.devices as [Device, Device]
  })

  const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})
  const conflicts = (device: Device) => device.ok<Conflict[]>('conflicts.list', {})
  /** Both devices sync until each has seen the other's edits. */
  async function meet() {
    await syncNow(a)
    await syncNow(b)
    await syncNow(a)
  }

  async function symposium(device: Device, fields: Record<string, unknown> = {}) {
    const trip = await device.ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
    const enterprise = await device.ok('enterprise.create', { name: '汇润集团' })
    return device.ok('symposium.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-17', ...fields })
  }

  it('declares only fields its tables have, and every list field is a list of texts', () => {
    for (const [table, fields] of Object.entries(WATCHED_FIELDS)) {
      const shape = SYNCED_TABLE_FIELDS[table as keyof typeof SYNCED_TABLE_FIELDS].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>
      for (const [field, mode] of Object.entries(fields)) {
        expect(Object.keys(shape), `${table}.${field}`).toContain(field)
        if (mode === 'list') {
          expect(shape[field]!.safeParse(['一条']).success, `${table}.${field}`).toBe(true)
          expect(shape[field]!.safeParse('一条').success, `${table}.${field}`).toBe(false)
        }
      }
    }
  })

  it('keeps both versions of a consensus edited on two devices, titled by the symposium, and merges them as lines', async () => {
    const meeting = await symposium(a, { title: '汇润集团校企座谈会', consensus: ['共建实训基地'] })
    await meet()
    await a.ok('symposium.update', { id: meeting.id, patch: { consensus: ['共建实训基地', '每年接收二十名实习生'] } })
    await b.ok('symposium.update', { id: meeting.id, patch: { consensus: ['共建实训基地（灌装线）'] } })
    await meet()
    const onA = await conflicts(a)
    const onB = await conflicts(b)
    for (const list of [onA, onB]) {
      expect(list).toHaveLength(1)
      expect(list[0]).toMatchObject({ table: 'symposiums', column: 'consensus', kind: 'symposium', mode: 'list', title: '汇润集团校企座谈会' })
      expect([list[0]!.current.value, list[0]!.other.value].map((v) => JSON.parse(v) as string[]).sort()).toEqual(
        [['共建实训基地', '每年接收二十名实习生'], ['共建实训基地（灌装线）']].sort(),
      )
    }
    // A merge is typed one item per line; blank lines are dropped.
    await a.ok('conflicts.resolve', { id: onA[0]!.id, choice: 'merged', merged: '共建实训基地（灌装线）\n\n每年接收二十名实习生\n' })
    expect(await a.ok('symposium.get', { id: meeting.id })).toMatchObject({ consensus: ['共建实训基地（灌装线）', '每年接收二十名实习生'] })
    await meet()
    expect(await conflicts(b)).toEqual([])
    expect(await b.ok('symposium.get', { id: meeting.id })).toMatchObject({ consensus: ['共建实训基地（灌装线）', '每年接收二十名实习生'] })
  })

  it('lists a date changed on both devices although the later edit won, and lets either device switch to the other', async () => {
    const trip = await a.ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
    const enterprise = await a.ok('enterprise.create', { name: '汇润集团' })
    const action = await a.ok('action.create', { tripId: trip.id, enterpriseId: enterprise.id, title: '寄送合作协议草案', dueDate: '2025-06-01' })
    await meet()
    await a.ok('action.update', { id: action.id, patch: { dueDate: '2025-06-10' } })
    await b.ok('action.update', { id: action.id, patch: { dueDate: '2025-06-20' } })
    await meet()
    const onB = await conflicts(b)
    expect(onB).toHaveLength(1)
    expect(onB[0]).toMatchObject({ table: 'actions', column: 'due_date', mode: 'value', title: '寄送合作协议草案' })
    const winner = (await b.ok<{ dueDate: string }>('action.get', { id: action.id })).dueDate
    expect(onB[0]!.current.value).toBe(winner)
    expect(onB[0]!.other.value).toBe(winner === '2025-06-10' ? '2025-06-20' : '2025-06-10')
    expect((await conflicts(a))[0]).toMatchObject({ column: 'due_date', mode: 'value' })
    // One value cannot be merged; switching to the other is a normal edit that syncs.
    const refused = await dispatchFailure(b.core, 'conflicts.resolve', { id: onB[0]!.id, choice: 'merged', merged: '2025-06-15' })
    expect(refused.code).toBe('VALIDATION')
    await b.ok('conflicts.resolve', { id: onB[0]!.id, choice: 'other' })
    await meet()
    for (const device of [a, b]) {
      expect(await device.ok('action.get', { id: action.id })).toMatchObject({ dueDate: onB[0]!.other.value })
      expect(await conflicts(device)).toEqual([])
    }
  })

  it('names every kind of record in the list by its own text or the record it belongs to; only a deleted one has no title', async () => {
    const meeting = await symposium(a, { title: '汇润集团校企座谈会' })
    const remark = await a.ok('remark.create', { symposiumId: meeting.id, text: '我们急需设备维护技工' })
    const silent = await a.ok('remark.create', { symposiumId: meeting.id, text: '', spokenAt: '10:05' })
    const trip = await a.ok('trip.create', { title: '苏南访企', startDate: '2025-06-01', endDate: '2025-06-02' })
    const enterprise = await a.ok('enterprise.create', { name: '七彩灵慧' })
    const visit = await a.ok('visit.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-06-01', title: '参观灌装车间' })
    await meet()
    await a.ok('remark.update', { id: remark.id, patch: { text: '我们急需设备维护技工，每年二十人' } })
    await b.ok('remark.update', { id: remark.id, patch: { text: '急需设备维护技工' } })
    await a.ok('remark.update', { id: silent.id, patch: { spokenAt: '10:06' } })
    await b.ok('remark.update', { id: silent.id, patch: { spokenAt: '10:07' } })
    await a.ok('visit.update', { id: visit.id, patch: { summary: '三条灌装线' } })
    await b.ok('visit.update', { id: visit.id, patch: { summary: '灌装线自动化程度高' } })
    await meet()
    const titles = Object.fromEntries((await conflicts(a)).map((c) => [`${c.table}.${c.column}/${c.rowId}`, c.title]))
    const remarkTitle = titles[`remarks.text/${remark.id}`]
    expect(['我们急需设备维护技工，每年二十人', '急需设备维护技工']).toContain(remarkTitle)
    expect(titles[`remarks.spoken_at/${silent.id}`]).toBe('汇润集团校企座谈会')
    expect(titles[`visits.summary/${visit.id}`]).toBe('参观灌装车间')
    await a.ok('remark.delete', { id: remark.id })
    expect((await conflicts(a)).find((c) => c.rowId === remark.id)?.title).toBe('')
  })
})
