import { describe, expect, it } from 'vitest'
import { creditCodeCheckChar, isValidCreditCode } from '../../../shared/schemas/enterprise'
import { useTempCore } from '../../helpers/core'

const temp = useTempCore()
const { ok, failure } = temp

const fieldErrors = async (name: string, input: unknown) => (await failure(name, input)).details?.fieldErrors ?? []

/** The reference trip's backbone, as the UI would create it. */
async function referenceTrip() {
  const trip = await ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'] })
  const qicai = await ok('enterprise.create', { name: '石台县七彩灵慧智能科技有限公司', region: '安徽池州', industry: '饮用水' })
  const huirun = await ok('enterprise.create', { name: '汇润集团（苏州）', region: '江苏苏州', tags: ['智能制造'] })
  return { trip, qicai, huirun }
}

describe('records of every kind', () => {
  it('create, list by parent, edit, trash and restore across the whole model', async () => {
    const { trip, qicai, huirun } = await referenceTrip()
    const leader = await ok('member.create', { tripId: trip.id, name: '寇德林', position: '董事长', isLeader: true })
    await ok('member.create', { tripId: trip.id, name: '王老师', position: '校企合作中心主任' })
    expect((await ok<{ name: string }[]>('member.list', { tripId: trip.id })).map((m) => m.name)).toEqual(['寇德林', '王老师'])

    await ok('itinerary.create', { tripId: trip.id, enterpriseId: qicai.id, day: '2025-05-16' })
    const visit = await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', participantIds: [leader.id] })
    await ok('visitStop.create', { visitId: visit.id, place: '硒泉水源地', observation: '水源保护区' })
    await ok('visitStop.create', { visitId: visit.id, place: '灌装生产线', observation: '后段全自动' })
    expect((await ok<{ place: string }[]>('visitStop.list', { visitId: visit.id })).map((s) => s.place)).toEqual(['硒泉水源地', '灌装生产线'])

    const symposium = await ok('symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', presidedBy: '曾健', topics: ['高技能人才培养体系建设'] })
    const speaker = await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '寇德林', title: '董事长', memberId: leader.id })
    const remark = await ok('remark.create', { symposiumId: symposium.id, speakerId: speaker.id, text: '把产业的前沿技术融入教学', isQuote: true })
    expect(remark).toMatchObject({ isQuote: true, speakerId: speaker.id })
    expect(typeof remark['sortKey']).toBe('number')

    await ok('agreement.create', { tripId: trip.id, enterpriseId: qicai.id, title: '产业工人订单班', kind: 'order_class', status: 'signed', signedDate: '2025-05-16' })
    const center = await ok('agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '智能装备运维实训中心', kind: 'training_base', amountYuan: 5_000_000 })
    expect(center).toMatchObject({ amountYuan: 5_000_000, status: 'consensus' })

    const survey = await ok('survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18', respondent: '人力资源部' })
    await ok('position.create', { surveyId: survey.id, title: '工业机器人运维', headcount: 120, majors: ['工业机器人技术'] })
    await ok('position.create', { surveyId: survey.id, title: '设备维护实习生', headcount: 60, kind: 'internship' })
    const positions = await ok<{ headcount: number; kind: string }[]>('position.list', { surveyId: survey.id })
    expect(positions.reduce((sum, p) => sum + p.headcount, 0)).toBe(180)

    const action = await ok('action.create', { tripId: trip.id, title: '邀请 50 名产业导师进校园', owner: '校企合作中心', dueDate: '2025-12-31' })
    await ok('action.update', { id: action.id, patch: { status: 'in_progress' } })
    await ok('action.delete', { id: action.id })
    expect(await ok('action.list', { tripId: trip.id })).toEqual([])
    await ok('action.restore', { id: action.id })
    expect(await ok('action.list', { tripId: trip.id })).toMatchObject([{ status: 'in_progress', owner: '校企合作中心' }])
  })

  it('refuses records whose parent does not exist or is in the trash', async () => {
    const { trip, qicai } = await referenceTrip()
    const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
    expect(await fieldErrors('visit.create', { tripId: trip.id, enterpriseId: missing, date: '2025-05-16' })).toEqual([
      { path: 'enterpriseId', key: 'notFound' },
    ])
    await ok('enterprise.delete', { id: qicai.id })
    expect(await fieldErrors('survey.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })).toEqual([
      { path: 'enterpriseId', key: 'notFound' },
    ])
    expect(temp.core.store.db.prepare('SELECT count(*) n FROM surveys').get()).toEqual({ n: 0 })
  })

  it('refuses impossible values with a key per field', async () => {
    const { trip, huirun } = await referenceTrip()
    const survey = await ok('survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18' })
    // A position names at least one person.
    expect(await fieldErrors('position.create', { surveyId: survey.id, title: '焊工', headcount: -3 })).toEqual([
      { path: 'headcount', key: 'tooSmall', params: { min: 1 } },
    ])
    expect(await fieldErrors('position.create', { surveyId: survey.id, title: '焊工', payMin: 6000, payMax: 4000 })).toEqual([
      { path: 'payMax', key: 'maxBelowMin' },
    ])
    expect(await fieldErrors('enterprise.create', { name: '某公司', creditCode: '91320500MA1MXXXXX0' })).toEqual([
      { path: 'creditCode', key: 'invalidCreditCode' },
    ])
    expect(await fieldErrors('contact.create', { enterpriseId: huirun.id, name: '李', email: 'not-an-email' })).toEqual([
      { path: 'email', key: 'invalidFormat' },
    ])
  })

  it('never lets a patch reset fields it does not name, nor move a record to another parent', async () => {
    const { huirun } = await referenceTrip()
    await ok('enterprise.update', { id: huirun.id, patch: { industry: '智能制造' } })
    expect(await ok('enterprise.get', { id: huirun.id })).toMatchObject({ tags: ['智能制造'], region: '江苏苏州', industry: '智能制造' })
    const contact = await ok('contact.create', { enterpriseId: huirun.id, name: '曾辉', title: '董事长' })
    const moved = await ok('contact.update', { id: contact.id, patch: { enterpriseId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', phone: '0512-65881234' } })
    expect(moved).toMatchObject({ enterpriseId: huirun.id, phone: '0512-65881234' })
  })
})

describe('unified social credit code', () => {
  it('accepts real codes and refuses a wrong check character, length or letter', () => {
    // The worked example of GB 32100-2015.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false)
    // I, O, S, V and Z are not in the alphabet.
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false)
  })

  it('is forgiven lower case and spaces, and is optional', async () => {
    const { qicai } = await referenceTrip()
    expect(await ok('enterprise.update', { id: qicai.id, patch: { creditCode: '91350100m000 100y43' } })).toMatchObject({
      creditCode: '91350100M000100Y43',
    })
    expect(await ok('enterprise.update', { id: qicai.id, patch: { creditCode: '' } })).toMatchObject({ creditCode: '' })
  })
})
