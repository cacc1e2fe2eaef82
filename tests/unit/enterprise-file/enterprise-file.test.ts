import { describe, expect, it } from 'vitest'
import { newId } from '../../../electron/core/ids'
import type { DemandSurvey, EnterpriseSummary, TimelineEntry } from '../../../shared/procedures/enterprise-file'
import { creditCodeCheckChar } from '../../../shared/schemas/enterprise'
import { useTempCore, type Row } from '../../helpers/core'

const temp = useTempCore()
const { ok, failure } = temp

/**
 * Huirun visited on two trips a year apart: a first survey, then a second one asking for more. Qicai is the
 * other enterprise of the first trip; none of its records may leak into Huirun's file.
 */
async function twoTrips() {
  const may = await ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
  const next = await ok('trip.create', { title: '苏州回访', startDate: '2026-04-08', endDate: '2026-04-09' })
  const huirun = await ok('enterprise.create', { name: '汇润集团（苏州）', region: '江苏苏州' })
  const qicai = await ok('enterprise.create', { name: '石台县七彩灵慧智能科技有限公司', region: '安徽池州' })
  const on = (trip: Row, enterprise = huirun) => ({ tripId: trip.id, enterpriseId: enterprise.id })

  const stop = await ok('itinerary.create', { ...on(may), day: '2025-05-18', note: '上午到苏州' })
  const visit = await ok('visit.create', { ...on(may), date: '2025-05-18', title: '参观智能装备车间', summary: '产线自动化程度高' })
  await ok('visitStop.create', { visitId: visit.id, place: '装配车间' })
  await ok('visitStop.create', { visitId: visit.id, place: '检测中心' })
  const symposium = await ok('symposium.create', { ...on(may), date: '2025-05-18', title: '校企合作座谈会', topics: ['订单班'], consensus: ['共建产业学院'] })
  const speaker = await ok('attendee.create', { symposiumId: symposium.id, side: 'enterprise', name: '总经理' })
  await ok('remark.create', { symposiumId: symposium.id, speakerId: speaker.id, text: '招生即招工', isQuote: true })
  await ok('remark.create', { symposiumId: symposium.id, speakerId: speaker.id, text: '欢迎学生来实习' })
  const trashedRemark = await ok('remark.create', { symposiumId: symposium.id, text: '记错了', isQuote: true })
  await ok('remark.delete', { id: trashedRemark.id })
  // An agreement still under negotiation has no date: it sorts with the start of its trip.
  const college = await ok('agreement.create', { ...on(may), title: '共建智能制造产业学院', kind: 'industry_college', amountYuan: 5_000_000, positions: 150 })
  const firstSurvey = await ok('survey.create', { ...on(may), date: '2025-05-18', respondent: '人力资源部' })
  await ok('position.create', { surveyId: firstSurvey.id, title: '设备运维', headcount: 100 })
  await ok('position.create', { surveyId: firstSurvey.id, title: '实习生', headcount: 50, kind: 'internship' })
  const trashedPosition = await ok('position.create', { surveyId: firstSurvey.id, title: '重复录入', headcount: 999 })
  await ok('position.delete', { id: trashedPosition.id })
  const history = await ok('note.create', { enterpriseId: huirun.id, kind: 'history', date: '2023-09-01', text: '共建智能制造学院，累计培养 150 余人' })

  const secondSurvey = await ok('survey.create', { ...on(next), date: '2026-04-08', respondent: '人力资源部', respondentTitle: '经理' })
  await ok('position.create', { surveyId: secondSurvey.id, title: '设备运维', headcount: 120 })
  await ok('position.create', { surveyId: secondSurvey.id, title: '工业机器人编程', headcount: 30 })
  const action = await ok('action.create', { ...on(next), title: '邀请产业导师进校园', dueDate: '2026-06-30', owner: '校企合作中心' })

  // In the trash: never shown.
  const trashedVisit = await ok('visit.create', { ...on(next), date: '2026-04-09', title: '已删除的参观' })
  await ok('visit.delete', { id: trashedVisit.id })
  const trashedSurvey = await ok('survey.create', { ...on(next), date: '2026-04-09' })
  await ok('position.create', { surveyId: trashedSurvey.id, title: '不该出现', headcount: 7 })
  await ok('survey.delete', { id: trashedSurvey.id })
  // Another enterprise's records stay in its own file.
  await ok('visit.create', { ...on(may, qicai), date: '2025-05-16', title: '参观硒泉水源地' })

  return { may, next, huirun, qicai, stop, visit, symposium, college, firstSurvey, secondSurvey, history, action }
}

describe('enterprise timeline', () => {
  it('lists everything recorded with the enterprise across trips, newest first, without the trash', async () => {
    const s = await twoTrips()
    const timeline = await ok<TimelineEntry[]>('enterprise.timeline', { enterpriseId: s.huirun.id })

    expect(timeline.map((e) => [e.kind, e.id, e.date, e.tripId, e.tripTitle])).toEqual([
      ['action', s.action.id, '2026-06-30', s.next.id, '苏州回访'],
      ['survey', s.secondSurvey.id, '2026-04-08', s.next.id, '苏州回访'],
      // Within one day, the order of the visit itself.
      ['itinerary', s.stop.id, '2025-05-18', s.may.id, '皖苏访企拓岗'],
      ['visit', s.visit.id, '2025-05-18', s.may.id, '皖苏访企拓岗'],
      ['symposium', s.symposium.id, '2025-05-18', s.may.id, '皖苏访企拓岗'],
      ['survey', s.firstSurvey.id, '2025-05-18', s.may.id, '皖苏访企拓岗'],
      // Undated: sorted with its trip's start (2025-05-16), so after the 18th and before older history.
      ['agreement', s.college.id, '', s.may.id, '皖苏访企拓岗'],
      ['note', s.history.id, '2023-09-01', '', ''],
    ])

    const byId = new Map(timeline.map((e) => [e.id, e]))
    expect(byId.get(s.visit.id)).toMatchObject({ title: '参观智能装备车间', summary: '产线自动化程度高', places: ['装配车间', '检测中心'] })
    // The trashed remark counts neither as a remark nor as a quote.
    expect(byId.get(s.symposium.id)).toMatchObject({ title: '校企合作座谈会', summary: '共建产业学院', remarks: 2, quotes: 1 })
    expect(byId.get(s.college.id)).toMatchObject({ agreementKind: 'industry_college', status: 'consensus', amountYuan: 5_000_000, positions: 150 })
    // The trashed position (999) is not in the totals.
    expect(byId.get(s.firstSurvey.id)).toMatchObject({ title: '人力资源部', employment: 100, internship: 50 })
    expect(byId.get(s.secondSurvey.id)).toMatchObject({ title: '人力资源部 经理', employment: 150, internship: 0 })
    expect(byId.get(s.action.id)).toMatchObject({ title: '邀请产业导师进校园', status: 'open', owner: '校企合作中心' })
    expect(byId.get(s.history.id)).toMatchObject({ noteKind: 'history', summary: '共建智能制造学院，累计培养 150 余人' })
    expect(byId.get(s.stop.id)).toMatchObject({ summary: '上午到苏州' })

    // The other enterprise sees only its own visit.
    const other = await ok<TimelineEntry[]>('enterprise.timeline', { enterpriseId: s.qicai.id })
    expect(other.map((e) => e.title)).toEqual(['参观硒泉水源地'])
  })

  it('follows the trash: a trashed record or trip disappears and comes back when restored', async () => {
    const s = await twoTrips()
    const kinds = async () => (await ok<TimelineEntry[]>('enterprise.timeline', { enterpriseId: s.huirun.id })).map((e) => e.kind)

    await ok('symposium.delete', { id: s.symposium.id })
    expect(await kinds()).not.toContain('symposium')
    await ok('symposium.restore', { id: s.symposium.id })
    expect(await kinds()).toContain('symposium')

    // Trashing a trip hides what was recorded on it; the enterprise's own history stays.
    await ok('trip.delete', { id: s.may.id })
    expect(await kinds()).toEqual(['action', 'survey', 'note'])
    await ok('trip.restore', { id: s.may.id })
    expect(await kinds()).toHaveLength(8)
  })

  it('cuts long texts to an excerpt', async () => {
    const s = await twoTrips()
    await ok('visit.update', { id: s.visit.id, patch: { summary: '长'.repeat(1000) } })
    const visit = (await ok<TimelineEntry[]>('enterprise.timeline', { enterpriseId: s.huirun.id })).find((e) => e.id === s.visit.id)!
    expect(visit.summary.length).toBe(240)
    expect(visit.summary.endsWith('…')).toBe(true)
  })

  it('answers NOT_FOUND for an enterprise that does not exist', async () => {
    const missing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
    expect((await failure('enterprise.timeline', { enterpriseId: missing })).code).toBe('NOT_FOUND')
    expect((await failure('enterprise.demandHistory', { enterpriseId: missing })).code).toBe('NOT_FOUND')
    expect((await failure('enterprise.timeline', { enterpriseId: 'not-an-id' })).code).toBe('VALIDATION')
  })
})

describe('enterprise demand history', () => {
  it('gives each survey with its positions and totals, oldest first, without the trash', async () => {
    const s = await twoTrips()
    const history = await ok<DemandSurvey[]>('enterprise.demandHistory', { enterpriseId: s.huirun.id })

    expect(history.map((h) => [h.surveyId, h.date, h.tripTitle, h.respondent, h.totals])).toEqual([
      [s.firstSurvey.id, '2025-05-18', '皖苏访企拓岗', '人力资源部', { employment: 100, internship: 50 }],
      [s.secondSurvey.id, '2026-04-08', '苏州回访', '人力资源部', { employment: 150, internship: 0 }],
    ])
    expect(history[0]!.positions.map((p) => [p.title, p.headcount, p.kind])).toEqual([
      ['设备运维', 100, 'employment'],
      ['实习生', 50, 'internship'],
    ])
    expect(history[1]!.positions.map((p) => [p.title, p.headcount])).toEqual([
      ['设备运维', 120],
      ['工业机器人编程', 30],
    ])
    expect(await ok('enterprise.demandHistory', { enterpriseId: s.qicai.id })).toEqual([])

    await ok('trip.delete', { id: s.next.id })
    const afterTrash = await ok<DemandSurvey[]>('enterprise.demandHistory', { enterpriseId: s.huirun.id })
    expect(afterTrash.map((h) => h.surveyId)).toEqual([s.firstSurvey.id])
  })
})

describe('enterprise overview', () => {
  it('gives every live enterprise with its counts of trips, visits, agreements and surveys', async () => {
    const s = await twoTrips()
    const idle = await ok('enterprise.create', { name: '阿里巴巴（中国）有限公司', tags: ['电商'], stage: 'contacted' })
    const overview = await ok<EnterpriseSummary[]>('enterprise.overview', {})
    expect(overview.map((row) => row.id).sort()).toEqual([s.huirun.id, s.qicai.id, idle.id].sort())
    const byId = new Map(overview.map((row) => [row.id, row]))
    expect(byId.get(s.huirun.id)).toEqual({
      id: s.huirun.id,
      name: '汇润集团（苏州）',
      creditCode: '',
      industry: '',
      region: '江苏苏州',
      stage: 'prospect',
      tags: [],
      trips: 2,
      visits: 1,
      agreements: 1,
      surveys: 2,
      owner: '',
      // The visit of the May trip; the follow-up of the next one is still open.
      lastContact: '2025-05-18',
      openFollowUps: 1,
      nextFollowUp: '2026-06-30',
    })
    expect(byId.get(s.qicai.id)).toMatchObject({ trips: 1, visits: 1, agreements: 0, surveys: 0 })
    expect(byId.get(idle.id)).toMatchObject({ tags: ['电商'], stage: 'contacted', trips: 0, visits: 0, agreements: 0, surveys: 0 })

    // Trashing a trip takes its records out of the counts; a trashed enterprise leaves the list.
    await ok('trip.delete', { id: s.may.id })
    await ok('enterprise.delete', { id: s.qicai.id })
    const after = await ok<EnterpriseSummary[]>('enterprise.overview', {})
    expect(after.map((row) => [row.name, row.trips, row.visits, row.agreements, row.surveys])).toEqual([
      ['汇润集团（苏州）', 1, 0, 0, 1],
      ['阿里巴巴（中国）有限公司', 0, 0, 0, 0],
    ])
  })

  it('answers for ten thousand enterprises in one query', async () => {
    const changes = []
    for (let i = 0; i < 10_000; i++) {
      const id = newId()
      changes.push({ table: 'enterprises', rowId: id, column: 'name', value: `企业${i}` }, { table: 'enterprises', rowId: id, column: 'deleted', value: 0 })
    }
    temp.core.store.applyChanges(changes)
    const overview = await ok<EnterpriseSummary[]>('enterprise.overview', {})
    expect(overview).toHaveLength(10_000)
    expect(overview[0]).toMatchObject({ tags: [], trips: 0, stage: 'prospect' })
  })
})

describe('unified social credit code', () => {
  const valid = (first17: string) => first17 + creditCodeCheckChar(first17)
  const code = valid('91320500MA1MXXXX0'.replace(/X/g, '1'))
  const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')

  it('refuses a wrong check character on create and on edit, with the field and its key', async () => {
    expect((await failure('enterprise.create', { name: '汇润集团（苏州）', creditCode: wrongCheck })).details?.fieldErrors).toEqual([
      { path: 'creditCode', key: 'invalidCreditCode' },
    ])
    expect(temp.core.records.enterprise.list()).toEqual([])

    const created = await ok('enterprise.create', { name: '汇润集团（苏州）' })
    for (const bad of [wrongCheck, code.slice(0, 17), `${code}0`, code.replace(/^9/, 'I')]) {
      const error = await failure('enterprise.update', { id: created.id, patch: { creditCode: bad } })
      // The dispatcher checks the whole input, so the path starts at `patch`.
      expect(error.details?.fieldErrors, bad).toEqual([{ path: 'patch.creditCode', key: 'invalidCreditCode' }])
    }
    const stored = temp.core.store.db.prepare('SELECT credit_code FROM enterprises WHERE id = ?').get(created.id)
    expect(stored).toEqual({ credit_code: '' })
  })

  it('stores a valid code upper-cased without spaces, and lets it be cleared', async () => {
    const created = await ok('enterprise.create', { name: '汇润集团（苏州）' })
    const spaced = `${code.slice(0, 6).toLowerCase()} ${code.slice(6)}`
    expect(await ok('enterprise.update', { id: created.id, patch: { creditCode: spaced } })).toMatchObject({ creditCode: code })
    expect(temp.core.store.db.prepare('SELECT credit_code FROM enterprises WHERE id = ?').get(created.id)).toEqual({ credit_code: code })
    expect(await ok('enterprise.update', { id: created.id, patch: { creditCode: '' } })).toMatchObject({ creditCode: '' })
  })
})
