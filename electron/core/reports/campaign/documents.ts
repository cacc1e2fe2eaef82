import type { Paragraph, Table } from 'docx'
import { AGREEMENT_KINDS } from '../../../../shared/schemas/agreement'
import type { CampaignFigures, LeaderProgress } from '../../../../shared/procedures/campaign'
import { Blocks } from '../blocks'
import { KIND, type ReportLanguage } from '../labels'
import { formatDate, headingLabel } from '../numbering'
import type { ReportStyle } from '../style'
import { LEVEL_NAMES } from './ledger'

export interface CampaignDocumentOptions {
  style: ReportStyle
  language: ReportLanguage
  college: string
  signedBy: string
  /** The date under the signature. */
  date: string
}

type Totals = CampaignFigures['totals']

function percent(done: number, quota: number): string {
  return quota > 0 ? `${Math.round((done / quota) * 100)}%` : '—'
}

/** One sentence of the period's figures, in the terms published totals use. */
function figuresSentence(totals: Totals, language: ReportLanguage): string {
  const p = totals.positions
  if (language === 'zh') {
    const parts = [
      `走访企业${totals.visits}家次，涉及企业${totals.enterprisesVisited}家${totals.newEnterprises > 0 ? `，其中新拓展企业${totals.newEnterprises}家` : ''}`,
      p.total > 0 ? `调研新增岗位${p.total}个（就业岗位${p.jobs}个、实习岗位${p.internships}个）` : '暂无新增调研岗位',
    ]
    if (totals.agreements.total > 0) {
      parts.push(`达成或签订合作协议${totals.agreements.total}项，协议承诺岗位${p.committedByAgreements}个（单列统计，未计入新增岗位）`)
    } else parts.push('暂未达成合作协议')
    return `${parts.join('；')}。`
  }
  const parts = [
    `${totals.visits} enterprise visits to ${totals.enterprisesVisited} enterprises${totals.newEnterprises > 0 ? `, ${totals.newEnterprises} of them new to the college` : ''}`,
    p.total > 0 ? `${p.total} new positions surveyed (${p.jobs} jobs and ${p.internships} internships)` : 'no new position surveyed',
  ]
  parts.push(
    totals.agreements.total > 0
      ? `${totals.agreements.total} agreements reached or signed, committing ${p.committedByAgreements} positions (counted apart, not added to new positions)`
      : 'no agreement yet',
  )
  return `${parts.join('; ')}.`
}

function agreementsSentence(totals: Totals, language: ReportLanguage): string | null {
  const kinds = AGREEMENT_KINDS.filter((kind) => totals.agreements.byKind[kind] > 0)
  if (kinds.length === 0) return null
  if (language === 'zh') {
    const list = kinds.map((kind) => `${KIND.zh[kind]}${totals.agreements.byKind[kind]}项`).join('、')
    const order = totals.orderClassStudents > 0 ? `，订单班计划培养学生${totals.orderClassStudents}人` : ''
    return `合作协议中，${list}${order}。`
  }
  const list = kinds.map((kind) => `${totals.agreements.byKind[kind]} ${KIND.en[kind].toLowerCase()}`).join(', ')
  const order = totals.orderClassStudents > 0 ? `; order classes are to train ${totals.orderClassStudents} students` : ''
  return `The agreements comprise ${list}${order}.`
}

function quotaSentence(leaders: readonly LeaderProgress[], language: ReportLanguage): string | null {
  const school = leaders.filter((leader) => leader.level === 'school')
  if (school.length === 0) return null
  const visits = school.reduce((sum, leader) => sum + leader.visits, 0)
  const quota = school.reduce((sum, leader) => sum + leader.quota, 0)
  const reached = school.filter((leader) => leader.quota > 0 && leader.visits >= leader.quota).length
  if (language === 'zh') {
    return `校级领导${school.length}人累计带队走访企业${visits}家次${quota > 0 ? `，完成任务数${quota}家次的${percent(visits, quota)}${reached > 0 ? `，其中${reached}人已完成个人任务` : ''}` : ''}。`
  }
  return `The ${school.length} college leaders led ${visits} enterprise visits${quota > 0 ? `, ${percent(visits, quota)} of their quota of ${quota}${reached > 0 ? `; ${reached} have met their own quota` : ''}` : ''}.`
}

function leaderTable(b: Blocks, leaders: readonly LeaderProgress[], week: ReadonlyMap<string, number> | null, language: ReportLanguage): Table {
  const zh = language === 'zh'
  const headers = zh
    ? ['姓名', '职务', ...(week ? ['本周走访'] : []), '累计走访', '任务数', '完成率', '最近走访']
    : ['Name', 'Position', ...(week ? ['This week'] : []), 'Visits', 'Quota', 'Done', 'Last visit']
  const rows = leaders.map((leader) => [
    leader.name,
    leader.position || LEVEL_NAMES[language][leader.level],
    ...(week ? [String(week.get(leader.staffId) ?? 0)] : []),
    String(leader.visits),
    leader.quota > 0 ? String(leader.quota) : '—',
    percent(leader.visits, leader.quota),
    leader.lastVisit ? formatDate(leader.lastVisit, language) : '—',
  ])
  const widths = week ? [0.11, 0.22, 0.13, 0.13, 0.1, 0.1, 0.21] : [0.13, 0.27, 0.13, 0.12, 0.12, 0.23]
  return b.table(headers, rows, widths)
}

/** Leaders with a visit in the period, or a quota to report against; the rest would be rows of zeros. */
const reportedLeaders = (leaders: readonly LeaderProgress[]) => leaders.filter((leader) => leader.visits > 0 || leader.quota > 0)

/** The weekly progress report: this week's figures, the period to date, and each leader's week and total. */
export function weeklyReportContent(week: CampaignFigures, cumulative: CampaignFigures, options: CampaignDocumentOptions): (Paragraph | Table)[] {
  const { language } = options
  const zh = language === 'zh'
  const b = new Blocks(options.style)
  // 一、（一） numbering is Chinese; an English document numbers its sections 1. 2. 3.
  const official = options.style.name === 'official' && zh
  let section = 0
  const heading = (text: string) => b.heading(1, official ? headingLabel(1, ++section, true) : `${++section}. `, text)
  const range = zh
    ? `${formatDate(week.period.from, 'zh')}至${formatDate(week.period.to, 'zh')}`
    : `${formatDate(week.period.from, 'en')} to ${formatDate(week.period.to, 'en')}`
  const content: (Paragraph | Table)[] = [
    ...b.title(zh ? `${options.college}访企拓岗促就业专项行动工作周报` : `${options.college}: weekly progress of the employer visits campaign`),
    b.subtitle(zh ? `（${range}）` : `(${range})`),
    b.blank(),
    heading(zh ? '本周工作进展' : 'This week'),
    b.body(
      week.totals.visits > 0
        ? `${zh ? `本周（${range}），` : `This week (${range}): `}${figuresSentence(week.totals, language)}`
        : zh
          ? `本周（${range}）未开展走访。`
          : `No enterprise was visited this week (${range}).`,
    ),
  ]
  const weekAgreements = agreementsSentence(week.totals, language)
  if (week.totals.visits > 0 && weekAgreements) content.push(b.body(weekAgreements))
  const cumulativeRange = zh
    ? `${formatDate(cumulative.period.from, 'zh')}至${formatDate(cumulative.period.to, 'zh')}`
    : `${formatDate(cumulative.period.from, 'en')} to ${formatDate(cumulative.period.to, 'en')}`
  content.push(heading(zh ? '累计完成情况' : 'Since the start of the period'))
  content.push(b.body(`${zh ? `${cumulativeRange}，累计` : `From ${cumulativeRange}: `}${figuresSentence(cumulative.totals, language)}`))
  const quota = quotaSentence(cumulative.leaders, language)
  if (quota) content.push(b.body(quota))
  const leaders = reportedLeaders(cumulative.leaders)
  if (leaders.length > 0) {
    content.push(heading(zh ? '领导干部走访情况' : 'Visits led by the leadership'))
    const thisWeek = new Map(week.leaders.map((leader) => [leader.staffId, leader.visits]))
    content.push(leaderTable(b, leaders, thisWeek, language))
  }
  content.push(...b.signature([options.signedBy], formatDate(options.date, language)))
  return content
}

/** The period summary (访企拓岗专项行动工作总结): figures, leadership, month by month, where, results, next steps. */
export function periodSummaryContent(figures: CampaignFigures, options: CampaignDocumentOptions): (Paragraph | Table)[] {
  const { language } = options
  const zh = language === 'zh'
  const b = new Blocks(options.style)
  // 一、（一） numbering is Chinese; an English document numbers its sections 1. 2. 3.
  const official = options.style.name === 'official' && zh
  let section = 0
  const heading = (text: string) => b.heading(1, official ? headingLabel(1, ++section, true) : `${++section}. `, text)
  const { totals } = figures
  const range = zh
    ? `${formatDate(figures.period.from, 'zh')}至${formatDate(figures.period.to, 'zh')}`
    : `${formatDate(figures.period.from, 'en')} to ${formatDate(figures.period.to, 'en')}`
  const content: (Paragraph | Table)[] = [
    ...b.title(zh ? `${options.college}访企拓岗促就业专项行动工作总结` : `${options.college}: summary of the employer visits campaign`),
    b.body(
      zh
        ? `按照“书记校长访企拓岗促就业”专项行动部署，学校领导班子带头、院系负责人共同参与，${range}深入用人单位走访调研、拓展岗位。现将有关情况总结如下。`
        : `As the campaign asks, the college's leaders and heads of departments visited employers in person from ${range} to open up positions. This summary sets out what was done.`,
    ),
    heading(zh ? '总体情况' : 'Overall'),
    b.body(`${zh ? '专项行动期间，全校共' : 'Over the period: '}${figuresSentence(totals, language)}`),
  ]
  const quota = quotaSentence(figures.leaders, language)
  const leaders = reportedLeaders(figures.leaders)
  if (leaders.length > 0) {
    content.push(heading(zh ? '领导带头情况' : 'Leadership in person'))
    if (quota) content.push(b.body(quota))
    content.push(leaderTable(b, leaders, null, language))
  }
  const months = figures.months.filter((month) => month.visits > 0 || month.jobs + month.internships > 0 || month.agreements > 0)
  if (months.length > 0) {
    content.push(heading(zh ? '分月推进情况' : 'Month by month'))
    const busiest = [...months].sort((a, c) => c.visits - a.visits)[0]!
    const [year, month] = busiest.month.split('-').map(Number)
    content.push(
      b.body(
        zh
          ? `从月度进度看，${year}年${month}月走访最为集中，共${busiest.visits}家次。`
          : `Visits peaked in ${formatDate(`${busiest.month}-01`, 'en').replace(/^1 /, '')} with ${busiest.visits} enterprise visits.`,
      ),
    )
    content.push(
      b.table(
        zh ? ['月份', '走访家次', '涉及企业', '就业岗位', '实习岗位', '协议'] : ['Month', 'Visits', 'Enterprises', 'Jobs', 'Internships', 'Agreements'],
        months.map((m) => [zh ? `${Number(m.month.slice(5))}月` : m.month, String(m.visits), String(m.enterprises), String(m.jobs), String(m.internships), String(m.agreements)]),
      ),
    )
  }
  const regions = figures.regions.filter((r) => r.visits > 0).slice(0, 10)
  if (regions.length > 0) {
    content.push(heading(zh ? '区域和行业分布' : 'Where and in which industries'))
    const industries = figures.industries.filter((r) => r.visits > 0).slice(0, 3)
    const list = (items: { name: string; visits: number }[]) => items.map((i) => (zh ? `${i.name || '未填写'}（${i.visits}家次）` : `${i.name || 'not given'} (${i.visits})`)).join(zh ? '、' : ', ')
    content.push(
      b.body(
        zh
          ? `走访主要集中在${list(regions.slice(0, 3).map((r) => ({ name: r.region, visits: r.visits })))}；行业以${list(industries.map((r) => ({ name: r.industry, visits: r.visits })))}为主。`
          : `Visits went mostly to ${list(regions.slice(0, 3).map((r) => ({ name: r.region, visits: r.visits })))}; the leading industries were ${list(industries.map((r) => ({ name: r.industry, visits: r.visits })))}.`,
      ),
    )
    content.push(
      b.table(
        zh ? ['地区', '走访家次', '涉及企业', '就业岗位', '实习岗位'] : ['Region', 'Visits', 'Enterprises', 'Jobs', 'Internships'],
        regions.map((r) => [r.region || (zh ? '未填写' : 'not given'), String(r.visits), String(r.enterprises), String(r.jobs), String(r.internships)]),
      ),
    )
  }
  const agreements = agreementsSentence(totals, language)
  content.push(heading(zh ? '合作成果' : 'Results'))
  content.push(
    b.body(
      agreements ??
        (zh ? '专项行动期间暂未形成书面合作协议，相关意向在后续跟进中推进。' : 'No written agreement was reached in the period; the intentions are being followed up.'),
    ),
  )
  const notRevisited = figures.leaders.reduce((sum, leader) => sum + leader.notRevisited, 0)
  const behind = figures.leaders.filter((leader) => leader.quota > 0 && leader.visits < leader.quota).length
  content.push(heading(zh ? '下一步工作' : 'Next steps'))
  const steps: string[] = zh
    ? [
        notRevisited > 0 ? `对领导走访后尚未回访的${notRevisited}家企业开展回访，推动意向转化为岗位和协议。` : '巩固已走访企业的合作关系，推动意向转化为岗位和协议。',
        behind > 0 ? `督促尚未完成任务的${behind}名领导干部按计划推进走访。` : '保持走访节奏，持续拓展新的用人单位。',
        '及时将调研岗位信息推送至毕业生，做好岗位对接和跟踪服务。',
      ]
    : [
        notRevisited > 0 ? `Return to the ${notRevisited} enterprises visited once by a leader, to turn intentions into positions and agreements.` : 'Build on the relationships opened, to turn intentions into positions and agreements.',
        behind > 0 ? `Help the ${behind} leaders behind their quota keep to their plan.` : 'Keep the pace of visits and reach new employers.',
        'Pass the surveyed positions on to graduates and follow their placement.',
      ]
  steps.forEach((step, index) => content.push(b.body(step, zh ? `${index + 1}.` : `${index + 1}. `)))
  content.push(...b.signature([options.signedBy], formatDate(options.date, language)))
  return content
}
