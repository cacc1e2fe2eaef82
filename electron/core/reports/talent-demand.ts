import type { Paragraph, Table } from 'docx'
import type { Enterprise } from '../../../shared/schemas/enterprise'
import type { Position, Survey } from '../../../shared/schemas/survey'
import { Blocks } from './blocks'
import { renderBarChart } from './charts'
import { formatDate, headingLabel } from './numbering'
import type { ReportOptions } from './research-report'

const EDUCATION: Record<'zh' | 'en', Record<string, string>> = {
  zh: { '': '不限', secondary: '中职', associate: '大专', bachelor: '本科', master: '研究生', any: '不限' },
  en: { '': 'Any', secondary: 'Secondary', associate: 'Associate', bachelor: "Bachelor's", master: "Master's", any: 'Any' },
}

export interface DemandSource {
  title: string
  enterprises: Enterprise[]
  surveys: { survey: Survey; positions: Position[] }[]
}

/**
 * The talent-demand report (人才需求调研报告), for one enterprise or a whole trip: totals, positions by kind,
 * major and education, the detail of every position, and a chart.
 */
export function talentDemandContent(source: DemandSource, options: ReportOptions): (Paragraph | Table)[] {
  const { style, language } = options
  const zh = language === 'zh'
  const b = new Blocks(style, options.logo)
  const official = style.name === 'official'
  const out: (Paragraph | Table)[] = []
  let h1 = 0
  const heading = (text: string) => out.push(b.heading(1, headingLabel(1, ++h1, official), text))
  const positions = source.surveys.flatMap((s) => s.positions.map((p) => ({ ...p, enterpriseId: s.survey.enterpriseId })))
  const sum = (list: Position[]) => list.reduce((n, p) => n + p.headcount, 0)
  const employment = sum(positions.filter((p) => p.kind !== 'internship'))
  const internship = sum(positions.filter((p) => p.kind === 'internship'))
  const name = (id: string) => source.enterprises.find((e) => e.id === id)?.name ?? ''

  out.push(...b.title(zh ? `${source.title}人才需求调研报告` : `Talent demand: ${source.title}`))
  if (source.surveys.length === 0) {
    out.push(b.body(zh ? '尚未收集人才需求调研表。' : 'No talent-demand surveys have been collected yet.'))
    return out
  }
  const dates = source.surveys.map((s) => s.survey.date).sort()
  out.push(
    b.body(
      zh
        ? `${formatDate(dates[0]!, 'zh')}${dates.length > 1 && dates.at(-1) !== dates[0] ? `至${formatDate(dates.at(-1)!, 'zh')}` : ''}，共收集${source.enterprises.length}家企业人才需求调研表${source.surveys.length}份，涉及岗位${positions.length}类、需求人数${employment + internship}人，其中就业岗位${employment}人、实习岗位${internship}人。`
        : `${source.surveys.length} surveys from ${source.enterprises.length} enterprises (${formatDate(dates[0]!, 'en')}${dates.length > 1 && dates.at(-1) !== dates[0] ? ` to ${formatDate(dates.at(-1)!, 'en')}` : ''}) list ${positions.length} positions for ${employment + internship} people: ${employment} jobs and ${internship} internships.`,
    ),
  )

  heading(zh ? '岗位需求总体情况' : 'Overview')
  const majors = new Map<string, number>()
  for (const p of positions) for (const m of p.majors) majors.set(m, (majors.get(m) ?? 0) + p.headcount)
  const majorRows = [...majors].sort((a, c) => c[1] - a[1])
  if (majorRows.length) {
    out.push(b.table(zh ? ['专业', '需求人数'] : ['Major', 'Positions'], majorRows.map(([m, n]) => [m, String(n)]), [0.7, 0.3]))
    out.push(b.caption(zh ? '表1  按专业统计（一个岗位面向多个专业时分别计入）' : 'Table 1. By major (a position open to several majors counts for each)'))
    const chart = renderBarChart(
      {
        title: zh ? '按专业统计的岗位需求' : 'Positions by major',
        categories: majorRows.slice(0, 12).map(([m]) => m),
        series: [{ name: zh ? '需求人数' : 'Positions', values: majorRows.slice(0, 12).map(([, n]) => n) }],
        horizontal: true,
      },
      options.chartFont,
    )
    out.push(b.figure(chart.png, chart.size))
    out.push(b.caption(zh ? '图1  按专业统计的岗位需求' : 'Figure 1. Positions by major'))
  }
  const education = new Map<string, number>()
  for (const p of positions) education.set(EDUCATION[language][p.education] ?? p.education, (education.get(EDUCATION[language][p.education] ?? p.education) ?? 0) + p.headcount)
  out.push(b.table(zh ? ['学历要求', '需求人数'] : ['Education', 'Positions'], [...education].map(([e, n]) => [e, String(n)]), [0.7, 0.3]))
  out.push(b.caption(zh ? '表2  按学历要求统计' : 'Table 2. By education required'))

  heading(zh ? '岗位需求明细' : 'Positions in detail')
  const multi = source.enterprises.length > 1
  const header = zh ? ['岗位', '人数', '类型', '专业', '技能与证书', '月薪（元）', '到岗时间'] : ['Position', 'Count', 'Kind', 'Majors', 'Skills, certificates', 'Pay (yuan)', 'Start']
  const rows = positions.map((p) => [
    multi ? `${p.title}\n（${name(p.enterpriseId)}）` : p.title,
    String(p.headcount),
    p.kind === 'internship' ? (zh ? '实习' : 'Intern') : zh ? '就业' : 'Job',
    p.majors.join(zh ? '、' : ', '),
    [p.skills, p.certificates].filter(Boolean).join(zh ? '；' : '; ') || '—',
    p.payMin || p.payMax ? `${p.payMin}–${p.payMax}` : '—',
    p.startTiming || '—',
  ])
  out.push(b.table(header, rows, [0.22, 0.08, 0.08, 0.18, 0.2, 0.13, 0.11]))
  out.push(b.caption(zh ? '表3  岗位需求明细' : 'Table 3. Every position'))

  heading(zh ? '调研对象' : 'Respondents')
  for (const { survey, positions: list } of source.surveys) {
    out.push(
      b.body(
        zh
          ? `${name(survey.enterpriseId)}：${survey.respondentTitle}${survey.respondent}，${formatDate(survey.date, 'zh')}填报，岗位需求${sum(list)}人。${survey.notes}`
          : `${name(survey.enterpriseId)}: ${survey.respondent}${survey.respondentTitle ? ` (${survey.respondentTitle})` : ''}, ${formatDate(survey.date, 'en')}, ${sum(list)} positions. ${survey.notes}`,
      ),
    )
  }
  return out
}
