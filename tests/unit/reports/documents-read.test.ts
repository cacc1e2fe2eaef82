import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportRequest } from '../../../shared/procedures/reports'
import type { TripDashboard } from '../../../shared/procedures/trip-overview'
import type { RecordServices } from '../../../electron/core/domain/registry'
import { measurePdf, type LayoutReport } from '../../../electron/core/reports/layout-check'
import { docxFilesToPdf, pdfPages, pdfToPngs } from '../../helpers/pdf'
import { useTempCore } from '../../helpers/core'

/**
 * The documents as the secretariat reads them, for the sample trip and for a second trip shaped differently
 * (three enterprises, one with a Latin name, Chinese and English records mixed, very long remarks, an enterprise
 * with no positions, an earlier survey to compare against). Each is printed by LibreOffice and measured with the
 * layout check; the PDFs' text is read for the faults an editor would have to fix.
 */
const temp = useTempCore({ once: true })
const COLLEGE = '南充影视工业职业学院'
let pdfs: Record<string, string>
let cleanup: () => void
const layouts: Record<string, LayoutReport> = {}
const titles: Record<string, string> = {}
const dashboards: Record<string, TripDashboard> = {}
const LONG_QUOTE = `我们希望学校把课程和产线真正打通，${'让学生在真实的生产任务中学习设备调试、质量检测和工艺改进，'.repeat(120)}这样培养出来的人才企业才能用得上。`

function secondTrip(records: RecordServices): string {
  const trip = records.trip.create({
    title: '长三角校企合作调研',
    purpose: '贯彻落实职业教育产教融合要求，了解长三角制造企业用人需求，拓展实习就业基地。',
    startDate: '2025-10-20',
    endDate: '2025-10-22',
    regions: ['上海', '浙江'],
  })
  records.member.create({ tripId: trip.id, name: '王立新', position: '校长', isLeader: true, sortKey: 1 })
  records.member.create({ tripId: trip.id, name: 'Emily Zhou', position: 'Secretary', sortKey: 2 })
  const siemens = records.enterprise.create({ name: 'Siemens Digital Industries Co., Ltd.', region: '上海市', industry: '工业自动化', profile: '全球领先的工业自动化与数字化企业。' })
  const sunny = records.enterprise.create({ name: '宁波舜宇智能光学有限公司', region: '浙江省宁波市', industry: '光学元件及智能制造' })
  const cloud = records.enterprise.create({ name: '杭州云栖数字科技有限公司', region: '浙江省杭州市', industry: '工业软件' })

  // Siemens: a symposium with a Latin-titled attendee and a survey.
  const s1 = records.symposium.create({ tripId: trip.id, enterpriseId: siemens.id, date: '2025-10-20', title: '校企合作交流会', presidedBy: 'Li Wei', topics: ['数字化工厂人才培养'], consensus: ['共建数字化工厂实训室。'] })
  const li = records.attendee.create({ symposiumId: s1.id, side: 'enterprise', name: 'Li Wei', title: 'HR Director', sortKey: 1 })
  records.attendee.create({ symposiumId: s1.id, side: 'school', name: 'Emily Zhou', title: 'Secretary', sortKey: 2 })
  records.remark.create({ symposiumId: s1.id, speakerId: li.id, text: 'We need 30 automation technicians every year.', isQuote: true, sortKey: 1 })
  const sv1 = records.survey.create({ tripId: trip.id, enterpriseId: siemens.id, date: '2025-10-20' })
  records.position.create({ surveyId: sv1.id, title: 'PLC 工程师', headcount: 30, majors: ['电气自动化技术'], payMin: 7000, payMax: 10000, startTiming: '2026 年 7 月' })
  records.position.create({ surveyId: sv1.id, title: '自动化实习生', headcount: 20, kind: 'internship', majors: ['机电一体化技术'], startTiming: '2026 年 3 月' })

  // Sunny: very long remarks, history, an earlier survey from another trip.
  const earlierTrip = records.trip.create({ title: '宁波回访', startDate: '2024-06-01', endDate: '2024-06-01' })
  const earlier = records.survey.create({ tripId: earlierTrip.id, enterpriseId: sunny.id, date: '2024-06-01' })
  records.position.create({ surveyId: earlier.id, title: '光学检测员', headcount: 25 })
  records.note.create({ enterpriseId: sunny.id, kind: 'history', text: '2022 年起双方合作开设订单班，累计输送毕业生 120 名，留任率 78%。', date: '2022-09-01' })
  const s2 = records.symposium.create({ tripId: trip.id, enterpriseId: sunny.id, date: '2025-10-21', presidedBy: '陈海', topics: ['订单班扩招'], consensus: ['订单班规模扩大到 60 人。', '共同开发光学检测课程。'] })
  const chen = records.attendee.create({ symposiumId: s2.id, side: 'enterprise', name: '陈海', title: '总经理', sortKey: 1 })
  records.remark.create({ symposiumId: s2.id, speakerId: chen.id, text: LONG_QUOTE, isQuote: true, sortKey: 1 })
  records.remark.create({ symposiumId: s2.id, speakerId: chen.id, text: '公司今年计划新增产线两条，需要大量设备维护人员。'.repeat(40), sortKey: 2 })
  records.agreement.create({ tripId: trip.id, enterpriseId: sunny.id, title: '订单班扩招协议', kind: 'order_class', status: 'signed', signedDate: '2025-10-21', positions: 60 })
  const sv2 = records.survey.create({ tripId: trip.id, enterpriseId: sunny.id, date: '2025-10-21' })
  records.position.create({ surveyId: sv2.id, title: '光学检测员', headcount: 40, majors: ['光电技术应用'], payMin: 5000, payMax: 6500, startTiming: '2026 年 7 月' })

  // Cloud: a visit only, no survey and so no positions; a plan agreed in principle with money and positions.
  const visit = records.visit.create({ tripId: trip.id, enterpriseId: cloud.id, date: '2025-10-22', title: '参观研发中心' })
  records.visitStop.create({ visitId: visit.id, place: '工业软件研发中心', observation: '研发团队约 200 人。' })
  records.agreement.create({ tripId: trip.id, enterpriseId: cloud.id, title: '工业软件实训基地', kind: 'training_base', status: 'consensus', amountYuan: 3_000_000, positions: 20 })
  records.note.create({ tripId: trip.id, kind: 'problem', text: '部分企业岗位要求本科学历。', date: '2025-10-22' })
  records.action.create({ tripId: trip.id, title: '跟进舜宇订单班招生', owner: '招生就业处', dueDate: '2025-12-31' })
  return trip.id
}

const KINDS = ['research-report', 'news-brief', 'talent-demand'] as const

beforeAll(async () => {
  temp.core.reports.updateProfile({ collegeName: COLLEGE, signature: `${COLLEGE}调研组` })
  const sample = (await temp.core.dispatch('app.loadSample', { language: 'zh' })) as { ok: true; value: { tripId: string } }
  const trips = { sample: sample.value.tripId, second: secondTrip(temp.core.records) }
  const files: Record<string, Buffer> = {}
  for (const [name, tripId] of Object.entries(trips)) {
    const result = await temp.core.dispatch('trip.dashboard', { tripId, today: '2025-11-01' })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    dashboards[name] = result.value as TripDashboard
    for (const kind of KINDS) {
      const request: ReportRequest = { kind, tripId, style: 'official', language: 'zh' }
      const built = await temp.core.reports.build(request)
      files[`${kind}-${name}`] = built.buffer
      titles[`${kind}-${name}`] = built.title
    }
  }
  ;({ pdfs, cleanup } = docxFilesToPdf(files))
  mkdirSync('test-results/reports', { recursive: true })
  for (const [name, pdf] of Object.entries(pdfs)) {
    layouts[name] = measurePdf(pdf)
    pdfToPngs(pdf, join('test-results/reports', `read-${name}`), 60)
  }
}, 300_000)

afterAll(() => cleanup?.())

const text = (name: string) => pdfPages(pdfs[name]!).join('\n').replace(/\s+/g, '')
const each = (f: (name: string) => void) => Object.keys(pdfs).forEach(f)

describe('documents that go out as written', () => {
  it('never end a sentence twice, glue two scripts or double a word in a title', () => {
    each((name) => {
      const body = text(name)
      expect(body, name).not.toMatch(/[。.]{1}[。]/)
      expect(pdfPages(pdfs[name]!).join('\n'), name).not.toMatch(/Ltd\.\d/)
      expect(pdfPages(pdfs[name]!).join('\n'), name).not.toMatch(/[a-z][A-Z][a-z]+ [A-Z][a-z]+/)
      expect(titles[name], name).not.toMatch(/([\u4e00-\u9fff]{2,})\1/)
      expect(layouts[name]!.titleLines.join(''), name).not.toMatch(/([\u4e00-\u9fff]{2,})\1/)
      // No 书名号 inside 书名号, no bracket inside a bracket.
      expect(body, name).not.toMatch(/（[^（）]*（/)
    })
    expect(text('research-report-second')).toContain('SecretaryEmilyZhou')
    expect(pdfPages(pdfs['research-report-second']!).join(' ')).toMatch(/Secretary\s+Emily/)
  })

  it('give the same new-positions figure in every document and on the dashboard, committed positions beside it', () => {
    const sample = dashboards['sample']!.positions
    expect(sample.total).toBe(315)
    expect(text('research-report-sample')).toContain(`新增就业和实习岗位${sample.total}个`)
    expect(text('news-brief-sample')).toContain(`新增就业实习岗位${sample.total}个`)
    expect(text('news-brief-sample')).toContain(`新增就业和实习岗位${sample.total}个（协议另承诺岗位40个）`)
    expect(text('talent-demand-sample')).toContain(`需求人数${sample.total}人`)
    for (const kind of KINDS) expect(text(`${kind}-sample`)).not.toContain('355')

    const second = dashboards['second']!.positions
    expect(second).toMatchObject({ total: 90, fromAgreements: 80 })
    expect(text('research-report-second')).toContain('新增就业和实习岗位90个')
    expect(text('research-report-second')).toContain('另有协议承诺岗位80个')
    expect(text('news-brief-second')).toContain('新增就业实习岗位90个')
    expect(text('talent-demand-second')).toContain('需求人数90人')
    expect(text('research-report-second')).toContain('300万元')
  })

  it('use every record: history with its figures, remarks, agreements, the change since the last survey', () => {
    const report = text('research-report-sample')
    for (const fact of ['150余名', '85%的毕业生', '曾健还建议开设产业工人定向班', '合作形式为订单（定向）班', '企业拟投入500万元', '实习岗位占41%']) expect(report).toContain(fact)
    const second = text('research-report-second')
    for (const fact of ['累计输送毕业生120名', '较上次调研增加15个', '……', '工业软件研发中心']) expect(second).toContain(fact)
    // A 12 000-character remark is shortened, not printed whole.
    expect(layouts['research-report-second']!.pages).toBeLessThanOrEqual(8)
    expect(layouts['news-brief-second']!.pages).toBeLessThanOrEqual(3)
  })

  it('write the news brief on the structure of a published one', () => {
    const brief = text('news-brief-sample')
    expect(layouts['news-brief-sample']!.titleLines).toEqual([COLLEGE, '开展皖苏两省访企拓岗调研'])
    expect(brief.match(new RegExp(COLLEGE, 'g'))).toHaveLength(3) // title, lead, 供稿 line
    expect(brief).toMatch(/^.*——走访2家企业/)
    expect(brief).toContain('为深入落实稳就业、保就业部署')
    expect(brief).toContain('走进石台七彩灵慧智能科技有限公司')
    expect(brief).toContain('走进汇润集团（苏州）')
    expect(brief.indexOf('让职业教育真正长出产业的基因')).toBeLessThan(brief.indexOf('走进汇润集团'))
    expect(brief).toContain('下一步，学院将重点推进三项工作：一是')
    expect(brief).toContain(`（${COLLEGE}供稿）`)
  })

  it('lay out tables and page numbers as GB/T 9704 asks, titles broken between words', () => {
    each((name) => {
      const layout = layouts[name]!
      for (const gap of layout.pageNumberGapMm) expect(Math.abs(gap - 7), `${name}: page number ${gap} mm below the text`).toBeLessThanOrEqual(1)
      expect(layout.pageNumberGapMm, name).toHaveLength(layout.pages)
      for (const caption of layout.tableCaptions) expect(caption.keptWithTable, `${name} ${caption.label}`).toBe(true)
      expect(layout.tableCaptions.map((c) => c.label), name).toEqual(layout.tableCaptions.map((_, i) => `表${i + 1}`))
      expect(layout.figureCaptions.map((c) => c.label), name).toEqual(layout.figureCaptions.map((_, i) => `图${i + 1}`))
      if (layout.tableCaptions.length) expect(layout.tableLinePitchPt, name).toBeLessThan(22)
      expect(layout.linesPerPage, name).toBeLessThanOrEqual(22)
      // 28 characters of Chinese text (Latin words are narrower and proportional: counted on the sample only).
      if (name.endsWith('sample')) expect(layout.charactersPerLine, name).toBe(28)
    })
    // The captions sit above their tables: the caption's line comes before the table's header in the text.
    const report = pdfPages(pdfs['research-report-sample']!).join('\n').replace(/[ \t]+/g, '')
    expect(report.indexOf('表1合作事项一览')).toBeLessThan(report.indexOf('合作事项\n'))
    expect(layouts['research-report-sample']!.titleLines).toEqual(['关于皖苏两省访企拓岗调研情况的报告'])
    expect(layouts['talent-demand-second']!.titleLines.join('')).toBe('长三角校企合作人才需求调研报告')
  })

  it('refuses a position row of 0 people when it is entered', async () => {
    const survey = temp.core.records.survey.list({})[0]!
    const error = await temp.failure('position.create', { surveyId: survey.id, title: '空岗位', headcount: 0 })
    expect(error).toMatchObject({ code: 'VALIDATION' })
  })
})
