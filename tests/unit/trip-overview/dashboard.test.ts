import { describe, expect, it } from 'vitest'
import type { TripDashboard } from '../../../shared/procedures/trip-overview'
import { useTempCore, type Row } from '../../helpers/core'

const temp = useTempCore()
const { ok } = temp
const dashboard = (tripId: string, today = '2025-07-01') => ok<TripDashboard>('trip.dashboard', { tripId, today })

/**
 * The reference trip (16–19 May, Anhui and Jiangsu) as the group would record it, plus records that must not
 * count: in the trash, children of trashed records, and another trip's.
 */
async function seedReferenceTrip() {
  const trip = await ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'] })
  const other = await ok('trip.create', { title: '川渝访企', startDate: '2025-06-02', endDate: '2025-06-03' })
  const qicai = await ok('enterprise.create', { name: '石台县七彩灵慧智能科技有限公司', region: '安徽池州' })
  const huirun = await ok('enterprise.create', { name: '汇润集团（苏州）', region: '江苏苏州' })
  const planned = await ok('enterprise.create', { name: '计划拜访但未成行的企业' })

  // Itinerary alone does not make an enterprise "visited".
  await ok('itinerary.create', { tripId: trip.id, enterpriseId: planned.id, day: '2025-05-19' })

  await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '硒泉水源地与灌装生产线' })
  await ok('visit.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18', title: '智能制造事业部' })
  const trashedVisit = await ok('visit.create', { tripId: trip.id, enterpriseId: planned.id, date: '2025-05-19' })
  await ok('visit.delete', { id: trashedVisit.id })
  await ok('visit.create', { tripId: other.id, enterpriseId: planned.id, date: '2025-06-02' })

  const qicaiTalk = await ok('symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', presidedBy: '曾健' })
  await ok('symposium.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18', presidedBy: '曾辉' })
  const trashedTalk = await ok('symposium.create', { tripId: trip.id, enterpriseId: planned.id, date: '2025-05-19' })
  const chair = await ok('attendee.create', { symposiumId: qicaiTalk.id, side: 'school', name: '寇德林', title: '董事长' })
  await ok('remark.create', { symposiumId: qicaiTalk.id, speakerId: chair.id, text: '把产业前沿技术带进课堂', isQuote: true })
  await ok('remark.create', { symposiumId: qicaiTalk.id, speakerId: chair.id, text: '扎根产业土壤才能育出留得住的人才', isQuote: true })
  await ok('remark.create', { symposiumId: qicaiTalk.id, text: '双方介绍了各自情况' })
  const trashedQuote = await ok('remark.create', { symposiumId: qicaiTalk.id, text: '删掉的金句', isQuote: true })
  await ok('remark.delete', { id: trashedQuote.id })
  await ok('remark.create', { symposiumId: trashedTalk.id, text: '座谈会已删除，金句不算', isQuote: true })
  await ok('symposium.delete', { id: trashedTalk.id })

  await ok('agreement.create', {
    tripId: trip.id,
    enterpriseId: qicai.id,
    title: '产业工人定向班',
    kind: 'order_class',
    status: 'signed',
    signedDate: '2025-05-16',
    positions: 40,
  })
  await ok('agreement.create', {
    tripId: trip.id,
    enterpriseId: huirun.id,
    title: '智能装备运维实训中心',
    kind: 'training_base',
    status: 'signed',
    signedDate: '2025-05-18',
    amountYuan: 5_000_000,
  })
  await ok('agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '智能制造产教融合共同体', kind: 'industry_college' })
  await ok('agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '新增工业互联网技术等专业', kind: 'other' })
  const trashedAgreement = await ok('agreement.create', {
    tripId: trip.id,
    enterpriseId: huirun.id,
    title: '录错的协议',
    kind: 'apprenticeship',
    status: 'signed',
    amountYuan: 1_000_000,
    positions: 500,
  })
  await ok('agreement.delete', { id: trashedAgreement.id })
  await ok('agreement.create', { tripId: other.id, enterpriseId: planned.id, title: '别的行程', amountYuan: 7, positions: 7 })

  const qicaiSurvey = await ok('survey.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', status: 'complete' })
  await ok('position.create', { surveyId: qicaiSurvey.id, title: '灌装线操作工', headcount: 80, majors: ['食品智能加工技术'] })
  await ok('position.create', { surveyId: qicaiSurvey.id, title: '质检实习生', headcount: 40, kind: 'internship', majors: ['食品检验检测技术'] })
  const huirunSurvey = await ok('survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18' })
  await ok('position.create', { surveyId: huirunSurvey.id, title: '工业机器人运维', headcount: 120, majors: ['工业机器人技术', '机电一体化技术'] })
  await ok('position.create', { surveyId: huirunSurvey.id, title: '设备维护实习生', headcount: 60, kind: 'internship', majors: ['机电一体化技术'] })
  await ok('position.create', { surveyId: huirunSurvey.id, title: 'PLC 调试', headcount: 30 })
  const trashedPosition = await ok('position.create', { surveyId: huirunSurvey.id, title: '录错的岗位', headcount: 999 })
  await ok('position.delete', { id: trashedPosition.id })
  const trashedSurvey = await ok('survey.create', { tripId: trip.id, enterpriseId: planned.id, date: '2025-05-19' })
  await ok('position.create', { surveyId: trashedSurvey.id, title: '问卷已删除，岗位不算', headcount: 1000 })
  await ok('survey.delete', { id: trashedSurvey.id })
  const otherSurvey = await ok('survey.create', { tripId: other.id, enterpriseId: planned.id, date: '2025-06-02' })
  await ok('position.create', { surveyId: otherSurvey.id, title: '别的行程', headcount: 5 })

  await ok('action.create', { tripId: trip.id, title: '邀请 50 名产业导师进校园', dueDate: '2025-12-31' })
  await ok('action.create', { tripId: trip.id, title: '建立一企一档机制', dueDate: '2025-06-30', status: 'in_progress' })
  await ok('action.create', { tripId: trip.id, title: '搭建线上线下就业服务平台' })
  await ok('action.create', { tripId: trip.id, title: '到期当天不算逾期', dueDate: '2025-07-01' })
  await ok('action.create', { tripId: trip.id, title: '已完成', dueDate: '2025-06-01', status: 'done' })
  await ok('action.create', { tripId: trip.id, title: '已取消', dueDate: '2025-06-01', status: 'cancelled' })
  const trashedAction = await ok('action.create', { tripId: trip.id, title: '删掉的', dueDate: '2025-06-01' })
  await ok('action.delete', { id: trashedAction.id })
  await ok('action.create', { tripId: other.id, title: '别的行程', dueDate: '2025-06-01' })

  return { trip, other, qicai, huirun, planned }
}

describe('trip.dashboard', () => {
  it('computes every figure of the reference trip from its records', async () => {
    const { trip, qicai, huirun } = await seedReferenceTrip()
    const figures = await dashboard(trip.id)
    expect(figures).toEqual({
      enterprisesVisited: 2,
      siteVisits: 2,
      symposiums: 2,
      agreements: {
        total: 4,
        signed: 2,
        byKind: { order_class: 1, apprenticeship: 0, industry_college: 1, training_base: 1, employment_base: 0, other: 1 },
        byStatus: { consensus: 2, signed: 2, executing: 0, closed: 0 },
        amountYuan: 5_000_000,
      },
      positions: {
        fromSurveys: { employment: 230, internship: 100, total: 330 },
        fromAgreements: 40,
        // Committed positions are shown beside the headline, never added to it.
        total: 330,
      },
      surveys: { total: 2, complete: 1 },
      followUps: { open: 4, overdue: 1 },
      quotes: 2,
      charts: {
        positionsByEnterprise: [
          { enterpriseId: huirun.id, name: '汇润集团（苏州）', employment: 150, internship: 60, agreements: 0 },
          { enterpriseId: qicai.id, name: '石台县七彩灵慧智能科技有限公司', employment: 80, internship: 40, agreements: 40 },
        ],
        // 工业机器人运维 (120) names two majors and counts toward both; PLC 调试 names none.
        positionsByMajor: [
          { major: '机电一体化技术', employment: 120, internship: 60 },
          { major: '工业机器人技术', employment: 120, internship: 0 },
          { major: '食品智能加工技术', employment: 80, internship: 0 },
          { major: '食品检验检测技术', employment: 0, internship: 40 },
          { major: '', employment: 30, internship: 0 },
        ],
      },
    })
    // The article's headline: more than 300 jobs and internships added.
    expect(figures.positions.total).toBeGreaterThan(300)
  })

  it('follows edits, deletes and restores, and overdue moves with today', async () => {
    const { trip, qicai } = await seedReferenceTrip()
    expect((await dashboard(trip.id, '2025-05-01')).followUps).toEqual({ open: 4, overdue: 0 })
    expect((await dashboard(trip.id, '2026-01-01')).followUps).toEqual({ open: 4, overdue: 3 })

    const [qicaiVisit] = await ok<Row[]>('visit.list', { tripId: trip.id, enterpriseId: qicai.id })
    const [qicaiTalk] = await ok<Row[]>('symposium.list', { tripId: trip.id, enterpriseId: qicai.id })
    await ok('visit.delete', { id: qicaiVisit!.id })
    // Still visited: the symposium with it remains.
    expect(await dashboard(trip.id)).toMatchObject({ enterprisesVisited: 2, siteVisits: 1 })
    await ok('symposium.delete', { id: qicaiTalk!.id })
    // Its quotes go with it.
    expect(await dashboard(trip.id)).toMatchObject({ enterprisesVisited: 1, symposiums: 1, quotes: 0 })
    await ok('symposium.restore', { id: qicaiTalk!.id })
    expect(await dashboard(trip.id)).toMatchObject({ enterprisesVisited: 2, quotes: 2 })

    const [orderClass] = await ok<Row[]>('agreement.list', { tripId: trip.id, enterpriseId: qicai.id })
    await ok('agreement.update', { id: orderClass!.id, patch: { status: 'executing', positions: 50 } })
    const after = await dashboard(trip.id)
    expect(after.agreements).toMatchObject({ signed: 2, byStatus: { signed: 1, executing: 1 } })
    expect(after.positions).toEqual({ fromSurveys: { employment: 230, internship: 100, total: 330 }, fromAgreements: 50, total: 330 })
  })

  it('gives zeros and empty charts for a trip with nothing recorded yet', async () => {
    const trip = await ok('trip.create', { title: '空行程', startDate: '2025-09-01', endDate: '2025-09-02' })
    expect(await dashboard(trip.id)).toEqual({
      enterprisesVisited: 0,
      siteVisits: 0,
      symposiums: 0,
      agreements: {
        total: 0,
        signed: 0,
        byKind: { order_class: 0, apprenticeship: 0, industry_college: 0, training_base: 0, employment_base: 0, other: 0 },
        byStatus: { consensus: 0, signed: 0, executing: 0, closed: 0 },
        amountYuan: 0,
      },
      positions: { fromSurveys: { employment: 0, internship: 0, total: 0 }, fromAgreements: 0, total: 0 },
      surveys: { total: 0, complete: 0 },
      followUps: { open: 0, overdue: 0 },
      quotes: 0,
      charts: { positionsByEnterprise: [], positionsByMajor: [] },
    })
  })

  it('refuses an unknown trip and an impossible day', async () => {
    const missing = await temp.core.dispatch('trip.dashboard', { tripId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', today: '2025-07-01' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const trip = await ok('trip.create', { title: '空行程', startDate: '2025-09-01', endDate: '2025-09-02' })
    const badDay = await temp.core.dispatch('trip.dashboard', { tripId: trip.id, today: '2025-02-30' })
    expect(badDay).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fieldErrors: [{ path: 'today', key: 'invalidDate' }] } } })
  })
})
