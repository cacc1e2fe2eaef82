import { describe, expect, it } from 'vitest'
import { enterpriseOverview, enterpriseTimeline } from '../../../electron/core/domain/enterprise-file'
import { surveyedPositions } from '../../../electron/core/domain/headline-figures'
import { suggestMapping } from '../../../electron/core/exchange/labels'
import type { LogInteractionResult, RelationshipSummary } from '../../../shared/procedures/relationship'
import type { SyncSummary } from '../../../shared/procedures/sync'
import { ContactInput, ContactPatch, isPhoneNumber } from '../../../shared/schemas/enterprise'
import { cellProblem } from '../../../shared/sync/check-change'
import { toFieldErrors } from '../../../shared/validation'
import { useTempCore, type Row } from '../../helpers/core'
import { tableRows, useJoinedTeam } from '../sync/helpers'

const TODAY = '2025-06-20'

describe('phone numbers of contacts', () => {
  it('accept mobiles and landlines with area code, with extensions, and refuse the rest', () => {
    const good = [
      '13812345678',
      '+86 138 1234 5678',
      '+86-13812345678',
      '199-1234-5678',
      '0512-65881234',
      '051265881234',
      '010-12345678',
      '(0512)6588123',
      '（0512）65881234',
      '0512-65881234转801',
      '0512-65881234-801',
      '010-12345678 ext. 12',
      '13812345678转3',
      '+86 512 6666 8888',
    ]
    const bad = ['12345', '12812345678', '1381234567', '65881234', '512-65881234', '0512-658812345', 'abc', '0512-65881234转', '138123456789']
    for (const phone of good) expect(isPhoneNumber(phone), phone).toBe(true)
    for (const phone of bad) expect(isPhoneNumber(phone), phone).toBe(false)
  })

  it('sit beside WeChat and the owner, read from the spreadsheet headers people use', () => {
    expect(suggestMapping(['企业名称', '联系人', '微信号', '我方负责人'])).toEqual({ name: 0, contactName: 1, contactWechat: 2, owner: 3 })
    expect(suggestMapping(['Name', 'Contact', 'WeChat', 'Owner'])).toEqual({ name: 0, contactName: 1, contactWechat: 2, owner: 3 })
  })

  it('are checked when written, with an error of their own, but never when read or synced', () => {
    const refused = ContactInput.safeParse({ enterpriseId: '00000000-0000-7000-8000-000000000000', name: '王经理', phone: '6588' })
    expect(refused.success).toBe(false)
    expect(toFieldErrors(refused.error!)).toEqual([{ path: 'phone', key: 'invalidPhone' }])
    expect(ContactPatch.safeParse({ phone: '6588' }).success).toBe(false)
    expect(ContactPatch.safeParse({ phone: '' }).success).toBe(true)
    // A teammate's older value arrives by sync: the field's stored schema takes it.
    expect(cellProblem('contacts', 'phone', '6588 (front desk)')).toBeUndefined()
    expect(cellProblem('contacts', 'is_primary', 1)).toBeUndefined()
    expect(cellProblem('interactions', 'channel', 'fax')).toMatchObject({ kind: 'invalidValue' })
  })

  const temp = useTempCore()

  it('let a contact with an old unchecked number load and be edited, and refuse a new wrong one', async () => {
    const firm = await temp.ok('enterprise.create', { name: '汇润集团' })
    const contact = await temp.ok('contact.create', { enterpriseId: firm.id, name: '曾建', phone: '138 1234 5678', wechat: 'zengjian', isPrimary: true })
    expect(contact).toMatchObject({ phone: '138 1234 5678', wechat: 'zengjian', isPrimary: true, notes: '' })
    // Stored before numbers were checked.
    temp.core.store.applyChanges([{ table: 'contacts', rowId: contact.id, column: 'phone', value: '总机转人事' }])
    expect(await temp.ok('contact.get', { id: contact.id })).toMatchObject({ phone: '总机转人事' })
    expect(await temp.ok('contact.update', { id: contact.id, patch: { title: '总经理' } })).toMatchObject({ title: '总经理', phone: '总机转人事' })
    const failure = await temp.failure('contact.update', { id: contact.id, patch: { phone: '12345' } })
    expect(failure).toMatchObject({ code: 'VALIDATION', details: { fieldErrors: [{ path: 'patch.phone', key: 'invalidPhone' }] } })
    expect(temp.core.records.contact.get(contact.id)['phone']).toBe('总机转人事')
  })
})

/** An enterprise with a trip's visit and symposium, agreements, surveys over two years and follow-ups. */
async function seed(ok: <T = Row>(name: string, input: unknown) => Promise<T>) {
  const firm = await ok('enterprise.create', { name: '汇润集团（苏州）有限公司', stage: 'cooperating', owner: '李老师' })
  const other = await ok('enterprise.create', { name: '七彩灵慧' })
  const zeng = await ok('contact.create', { enterpriseId: firm.id, name: '曾建', title: '总经理', phone: '13812345678' })
  const hui = await ok('contact.create', { enterpriseId: firm.id, name: '曾辉', title: '董事长', isPrimary: true })
  const trip = await ok('trip.create', { title: '苏州访企拓岗', startDate: '2024-05-10', endDate: '2024-05-12' })
  const li = await ok('member.create', { tripId: trip.id, name: '李老师' })
  const zhang = await ok('member.create', { tripId: trip.id, name: '张老师' })
  await ok('visit.create', { tripId: trip.id, enterpriseId: firm.id, date: '2024-05-10', title: '参观灌装车间', participantIds: [li.id, zhang.id] })
  const symposium = await ok('symposium.create', { tripId: trip.id, enterpriseId: firm.id, date: '2024-05-11', title: '校企座谈' })
  await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '王院长' })
  await ok('attendee.create', { symposiumId: symposium.id, side: 'enterprise', name: '曾辉' })
  // A visit planned for after today is not a contact yet.
  await ok('visit.create', { tripId: trip.id, enterpriseId: firm.id, date: '2025-09-01', title: '回访' })
  await ok('agreement.create', { tripId: trip.id, enterpriseId: firm.id, title: '共建实训基地', kind: 'training_base', status: 'signed', amountYuan: 500_000 })
  await ok('agreement.create', { enterpriseId: firm.id, title: '订单班', kind: 'order_class', status: 'consensus' })
  await ok('agreement.create', { enterpriseId: firm.id, title: '订单班二期', kind: 'order_class', status: 'consensus' })
  const s2024 = await ok('survey.create', { tripId: trip.id, enterpriseId: firm.id, date: '2024-05-11' })
  await ok('position.create', { surveyId: s2024.id, title: '灌装操作工', headcount: 5, kind: 'employment' })
  await ok('position.create', { surveyId: s2024.id, title: '质检实习', headcount: 3, kind: 'internship' })
  const trip2025 = await ok('trip.create', { title: '2025 回访', startDate: '2025-04-01', endDate: '2025-04-02' })
  const s2025 = await ok('survey.create', { tripId: trip2025.id, enterpriseId: firm.id, date: '2025-04-01' })
  await ok('position.create', { surveyId: s2025.id, title: '设备运维', headcount: 12, kind: 'employment' })
  // Follow-ups: one made on the trip for this enterprise, overdue; one undated; one done; one of another enterprise.
  const onTrip = await ok('action.create', { tripId: trip.id, enterpriseId: firm.id, title: '寄送实训基地协议', owner: '张老师', dueDate: '2025-06-01' })
  await ok('action.create', { enterpriseId: firm.id, title: '邀请来校宣讲', owner: '李老师' })
  await ok('action.create', { enterpriseId: firm.id, title: '已完成的事', status: 'done', dueDate: '2025-01-01' })
  await ok('action.create', { enterpriseId: other.id, title: '别家的事', dueDate: '2025-01-01' })
  return { firm, other, zeng, hui, trip, onTrip }
}

describe('the enterprise summary and the contact log', () => {
  const temp = useTempCore()
  const { ok, failure } = temp
  const summary = (enterpriseId: string, today = TODAY) => ok<RelationshipSummary>('enterprise.summary', { enterpriseId, today })

  it('sums up contacts, last contact, open follow-ups, agreements by stage, demand by year and the next step', async () => {
    const { firm, zeng, hui, trip, onTrip } = await seed(ok)
    const before = await summary(firm.id)
    expect(before.stage).toBe('cooperating')
    expect(before.owner).toBe('李老师')
    expect(before.contacts).toBe(2)
    expect(before.keyContacts.map((c) => c.id)).toEqual([hui.id, zeng.id])
    expect(before.keyContacts[0]).toMatchObject({ name: '曾辉', isPrimary: true })
    // The symposium (05-11) is after the visit (05-10); the planned visit of September does not count.
    expect(before.lastContact).toMatchObject({ kind: 'symposium', date: '2024-05-11', by: ['王院长'], withWhom: '曾辉', tripId: trip.id })
    expect(before.interactions).toBe(0)
    expect(before.openFollowUps).toMatchObject({ count: 2, overdue: 1 })
    expect(before.openFollowUps.items.map((f) => f.title)).toEqual(['寄送实训基地协议', '邀请来校宣讲'])
    expect(before.nextStep).toMatchObject({ source: 'followUp', id: onTrip.id, date: '2025-06-01', owner: '张老师' })
    expect(before.agreementsByStage).toEqual([
      { status: 'consensus', count: 2, amountYuan: 0 },
      { status: 'signed', count: 1, amountYuan: 500_000 },
      { status: 'executing', count: 0, amountYuan: 0 },
      { status: 'closed', count: 0, amountYuan: 0 },
    ])
    // The headline definition of positions, per year.
    expect(before.demandTrend).toEqual([
      { year: '2024', surveys: 1, ...surveyedPositions([{ kind: 'employment', headcount: 5 }, { kind: 'internship', headcount: 3 }]) },
      { year: '2025', surveys: 1, employment: 12, internship: 0, total: 12 },
    ])
    expect(before.demandTrend[0]!.total).toBe(8)

    // The visit's participants are who went when it is the latest.
    const earlier = await summary(firm.id, '2024-05-10')
    expect(earlier.lastContact).toMatchObject({ kind: 'visit', by: ['李老师', '张老师'] })
    expect((await summary(firm.id, '2024-01-01')).lastContact).toBeNull()

    // Trashing the trip takes its visit, symposium, survey, agreement and follow-up out of the summary.
    await ok('trip.delete', { id: trip.id })
    const without = await summary(firm.id)
    expect(without.lastContact).toBeNull()
    expect(without.openFollowUps.count).toBe(1)
    expect(without.demandTrend.map((d) => d.year)).toEqual(['2025'])
    expect(without.agreementsByStage.find((a) => a.status === 'signed')!.count).toBe(0)
  })

  it('logs a contact that creates a follow-up in the same transaction, feeding the timeline and the summary', async () => {
    const { firm, zeng } = await seed(ok)
    const result = await ok<LogInteractionResult>('interaction.log', {
      enterpriseId: firm.id,
      channel: 'wechat',
      date: '2025-06-18',
      ourSide: '李老师',
      contactId: zeng.id,
      summary: '微信沟通七月实习安排，对方同意接收 10 人',
      nextStep: '发实习协议草稿',
      createFollowUp: true,
      followUpDueDate: '2025-06-30',
    })
    expect(result.interaction).toMatchObject({ theirSide: '曾建', contactId: zeng.id, channel: 'wechat', actionId: result.action!.id })
    expect(result.action).toMatchObject({ enterpriseId: firm.id, title: '发实习协议草稿', owner: '李老师', dueDate: '2025-06-30', status: 'open', tripId: '' })

    const after = await summary(firm.id)
    expect(after.lastContact).toMatchObject({ kind: 'interaction', id: result.interaction.id, channel: 'wechat', by: ['李老师'], withWhom: '曾建', date: '2025-06-18' })
    expect(after.interactions).toBe(1)
    expect(after.openFollowUps.count).toBe(3)
    expect(after.openFollowUps.items.map((f) => f.id)).toContain(result.action!.id)
    expect((await ok<Row[]>('action.list', { enterpriseId: firm.id })).map((a) => a.id)).toContain(result.action!.id)

    const timeline = enterpriseTimeline(temp.core.store, firm.id)
    // Newest first: the planned September visit, the follow-up due on 06-30, then this contact of 06-18.
    expect(timeline.map((e) => e.kind).slice(0, 3)).toEqual(['visit', 'action', 'interaction'])
    expect(timeline[2]).toMatchObject({ kind: 'interaction', id: result.interaction.id, title: '曾建', nextStep: '发实习协议草稿', actionId: result.action!.id })
    expect(timeline.find((e) => e.kind === 'action' && e.id === result.action!.id)).toBeDefined()

    // A contact without follow-up: its next step is the summary's once no follow-up is open.
    const plain = await ok<LogInteractionResult>('interaction.log', { enterpriseId: firm.id, channel: 'phone', date: '2025-06-19', summary: '电话确认人数', nextStep: '等对方名单' })
    expect(plain.action).toBeNull()
    for (const action of await ok<Row[]>('action.list', { enterpriseId: firm.id })) await ok('action.update', { id: action.id, patch: { status: 'done' } })
    expect((await summary(firm.id)).nextStep).toMatchObject({ source: 'interaction', id: plain.interaction.id, text: '等对方名单' })

    // The list's columns.
    const row = enterpriseOverview(temp.core.store, TODAY).find((e) => e.id === firm.id)!
    expect(row).toMatchObject({ owner: '李老师', lastContact: '2025-06-19', openFollowUps: 0, nextFollowUp: '' })
  })

  it('leaves nothing behind when the contact or its follow-up is refused', async () => {
    const { firm, other } = await seed(ok)
    const otherContact = await ok('contact.create', { enterpriseId: other.id, name: '外人' })
    const counts = () => [tableRows(temp.core, 'interactions').length, tableRows(temp.core, 'actions').length]
    const start = counts()
    const base = { enterpriseId: firm.id, channel: 'phone', date: '2025-06-18', summary: '电话' }
    expect(await failure('interaction.log', { ...base, createFollowUp: true })).toMatchObject({
      code: 'VALIDATION',
      details: { fieldErrors: [{ path: 'nextStep', key: 'nextStepNeeded' }] },
    })
    expect(await failure('interaction.log', { ...base, contactId: otherContact.id, nextStep: '回电', createFollowUp: true })).toMatchObject({
      code: 'VALIDATION',
      details: { fieldErrors: [{ path: 'contactId', key: 'notFound' }] },
    })
    expect(await failure('interaction.log', { ...base, summary: '', nextStep: '回电', createFollowUp: true })).toMatchObject({ code: 'VALIDATION' })
    expect(await failure('interaction.log', { ...base, date: '2025-02-30' })).toMatchObject({ code: 'VALIDATION' })
    expect(counts()).toEqual(start)
    expect(await failure('enterprise.summary', { enterpriseId: '00000000-0000-7000-8000-000000000000', today: TODAY })).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('follow-ups made on a trip', () => {
  const temp = useTempCore()
  const { ok } = temp

  it('appear under the enterprise of the visit, symposium, agreement or survey they came from', async () => {
    const { firm, trip } = await seed(ok)
    const visit = await ok('visit.create', { tripId: trip.id, enterpriseId: firm.id, date: '2024-05-12', title: '二次参观' })
    // Made from the trip's follow-up list, linked to the visit, without picking the enterprise.
    const fromVisit = await ok('action.create', { tripId: trip.id, title: '补寄参观照片', linkedKind: 'visit', linkedId: visit.id })
    expect(fromVisit['enterpriseId']).toBe(firm.id)
    const later = await ok('action.create', { tripId: trip.id, title: '整理座谈纪要' })
    expect(later['enterpriseId']).toBe('')
    const linked = await ok('action.update', { id: later.id, patch: { linkedKind: 'visit', linkedId: visit.id } })
    expect(linked['enterpriseId']).toBe(firm.id)
    // A follow-up of the trip alone stays the trip's.
    const tripOnly = await ok('action.create', { tripId: trip.id, title: '行程总结' })
    const underFirm = (await ok<Row[]>('action.list', { enterpriseId: firm.id })).map((a) => a.id)
    expect(underFirm).toEqual(expect.arrayContaining([fromVisit.id, later.id]))
    expect(underFirm).not.toContain(tripOnly.id)
    const items = (await ok<RelationshipSummary>('enterprise.summary', { enterpriseId: firm.id, today: TODAY })).openFollowUps
    expect(items.count).toBe(4)
  })
})

describe('a logged contact on two devices', () => {
  const joined = useJoinedTeam(['laptop A', 'laptop B'])

  it('reaches the other device with its follow-up, the new contact fields and the owner', async () => {
    const [a, b] = joined.devices as [NonNullable<(typeof joined.devices)[0]>, NonNullable<(typeof joined.devices)[0]>]
    const firm = await a.ok('enterprise.create', { name: '汇润集团', owner: '李老师' })
    const contact = await a.ok('contact.create', { enterpriseId: firm.id, name: '曾建', wechat: 'zj-huirun', isPrimary: true, phone: '0512-65881234转801' })
    const logged = await a.ok<LogInteractionResult>('interaction.log', {
      enterpriseId: firm.id,
      channel: 'meeting',
      date: '2025-06-18',
      ourSide: '李老师',
      contactId: contact.id,
      summary: '来校洽谈订单班',
      nextStep: '起草订单班协议',
      createFollowUp: true,
    })
    await a.ok<SyncSummary>('sync.now', {})
    await b.ok<SyncSummary>('sync.now', {})
    expect(await b.ok('interaction.get', { id: logged.interaction.id })).toEqual(logged.interaction)
    expect(await b.ok('action.get', { id: logged.action!.id })).toEqual(logged.action)
    expect(await b.ok('contact.get', { id: contact.id })).toMatchObject({ wechat: 'zj-huirun', isPrimary: true })
    const onB = await b.ok<RelationshipSummary>('enterprise.summary', { enterpriseId: firm.id, today: TODAY })
    expect(onB).toMatchObject({ owner: '李老师', interactions: 1, openFollowUps: { count: 1 }, lastContact: { kind: 'interaction', withWhom: '曾建' } })
  })
})
