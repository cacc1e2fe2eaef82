import type { Paragraph, Table } from 'docx'
import type { Enterprise } from '../../../shared/schemas/enterprise'
import type { Position, Survey } from '../../../shared/schemas/survey'
import { Blocks } from './blocks'
import { renderBarChart } from './charts'
import { analyseDemand, analysisSentences, dateRange, titled } from './narrative'
import { formatDate, headingLabel } from './numbering'
import { clause, prose } from './prose'
import { localToday } from '../local-date'
import { Numbering, positionDetail, type ReportOptions } from './research-report'

const EDUCATION: Record<'zh' | 'en', Record<string, string>> = {
  zh: { '': '不限', secondary: '中职', associate: '大专', bachelor: '本科', master: '研究生', any: '不限' },
  en: { '': 'Any', secondary: 'Secondary', associate: 'Associate', bachelor: "Bachelor's", master: "Master's", any: 'Any' },
}

export interface DemandSource {
  title: string
  enterprises: Enterprise[]
  surveys: { survey: Survey; positions: Position[] }[]
}

/** 人才需求调研报告 after a subject, without doubling a word the subject already ends with (…调研 + 调研报告). */
export function demandReportTitle(subject: string, language: 'zh' | 'en'): string[] {
  const title = clause(subject)
  if (language === 'en') return ['Talent demand:', title]
  // "…访企拓岗调研" + "人才需求调研报告" would say 调研 twice in a row of words.
  return [title.replace(/调研$/, ''), '人才需求调研报告']
}

/**
 * The talent-demand report (人才需求调研报告), for one enterprise or a whole trip: the figures and what they say,
 * positions by major (a chart) and by education, every position grouped under its enterprise, the respondents,
 * suggestions drawn from the numbers, signature and date.
 */
export function talentDemandContent(source: DemandSource, options: ReportOptions): (Paragraph | Table)[] {
  const { style, language } = options
  const zh = language === 'zh'
  const p = prose(language)
  const b = new Blocks(style, options.logo)
  const official = style.name === 'official'
  const out: (Paragraph | Table)[] = []
  const numbers = new Numbering()
  let h1 = 0
  const heading = (text: string) => out.push(b.heading(1, official ? headingLabel(1, ++h1, true) : `${++h1}`, text))
  const positions = source.surveys.flatMap((s) => s.positions)
  const analysis = analyseDemand(positions)
  const name = (id: string) => p.tidy(source.enterprises.find((e) => e.id === id)?.name ?? '')

  out.push(...b.title(demandReportTitle(source.title, language)))
  if (source.surveys.length === 0) {
    out.push(b.body(zh ? '尚未收集人才需求调研表。' : 'No talent-demand surveys have been collected yet.'))
    out.push(...b.signature([options.signedBy], formatDate(options.date ?? localToday(), language)))
    return out
  }
  const dates = source.surveys.map((s) => s.survey.date).sort()
  const period = dates.length > 1 && dates.at(-1) !== dates[0] ? dateRange(dates[0]!, dates.at(-1)!, language) : formatDate(dates[0]!, language)
  const surveyed = new Set(source.surveys.map((s) => s.survey.enterpriseId)).size
  out.push(
    b.body(
      p.paragraph(
        zh
          ? p.sentence(`${period}，共收集${p.count(surveyed, 'enterprise')}的人才需求调研表${p.count(source.surveys.length, 'survey', true)}`, `涉及岗位${p.count(positions.length, 'positionType', true)}、需求人数${analysis.total}人`, `其中就业岗位${analysis.employment}人、实习岗位${analysis.internship}人`)
          : p.sentence(`${p.count(source.surveys.length, 'survey')} from ${p.count(surveyed, 'enterprise')} (${period}) list ${p.count(positions.length, 'positionType')} for ${p.count(analysis.total, 'person')}: ${p.count(analysis.employment, 'job')} and ${p.count(analysis.internship, 'internship')}`),
        analysisSentences(analysis, language),
      ),
    ),
  )

  heading(zh ? '岗位需求总体情况' : 'Overview')
  const majors = new Map<string, number>()
  for (const row of positions) for (const m of row.majors) majors.set(p.tidy(m), (majors.get(p.tidy(m)) ?? 0) + row.headcount)
  const majorRows = [...majors].sort((a, c) => c[1] - a[1])
  if (majorRows.length > 1) {
    const chart = renderBarChart(
      {
        title: '',
        categories: majorRows.slice(0, 12).map(([m]) => m),
        series: [{ name: zh ? '需求人数' : 'Positions', values: majorRows.slice(0, 12).map(([, n]) => n) }],
        horizontal: true,
      },
      options.chartFont,
    )
    out.push(b.figure(chart.png, chart.size))
    out.push(b.caption(numbers.figure(zh ? '按专业统计的岗位需求（一个岗位面向多个专业时分别计入）' : 'Positions by major (a position open to several majors counts for each)', language)))
  } else if (majorRows.length === 1) {
    out.push(b.body(zh ? p.sentence(`所有岗位均面向${majorRows[0]![0]}专业`) : p.sentence(`Every position is open to ${majorRows[0]![0]}`)))
  }
  const education = new Map<string, number>()
  for (const row of positions) {
    const label = EDUCATION[language][row.education] ?? row.education
    education.set(label, (education.get(label) ?? 0) + row.headcount)
  }
  out.push(b.tableCaption(numbers.table(zh ? '按学历要求统计' : 'By education required', language)))
  out.push(b.table(zh ? ['学历要求', '需求人数'] : ['Education', 'Positions'], [...education].map(([e, n]) => [e, String(n)])))

  heading(zh ? '岗位需求明细' : 'Positions in detail')
  out.push(b.tableCaption(numbers.table(zh ? '岗位需求明细' : 'Every position', language)))
  out.push(b.table(...positionDetail(source, language)))
  const skills = positions.map((row) => [row.skills, row.certificates].filter(Boolean).map(p.tidy).join(zh ? '；' : '; ')).filter(Boolean)
  if (skills.length) out.push(b.body(zh ? p.sentence(`技能和证书方面，企业主要要求${p.list([...new Set(skills)].slice(0, 4), 'series')}`) : p.sentence(`For skills and certificates, the enterprises ask mainly for ${p.list([...new Set(skills)].slice(0, 4))}`)))

  heading(zh ? '调研对象' : 'Respondents')
  for (const { survey, positions: rows } of source.surveys) {
    const who = titled(p.tidy(survey.respondent), p.tidy(survey.respondentTitle), language)
    out.push(
      b.body(
        zh
          ? p.paragraph(p.sentence(`${name(survey.enterpriseId)}${who ? `由${who}` : ''}于${formatDate(survey.date, 'zh')}填报`, `岗位需求${analyseDemand(rows).total}人`), p.tidy(survey.notes))
          : p.paragraph(p.sentence(`${name(survey.enterpriseId)}: ${who ? `filled in by ${who} on` : 'filled in on'} ${formatDate(survey.date, 'en')}`, `${p.count(analyseDemand(rows).total, 'position')}`), p.tidy(survey.notes)),
      ),
    )
  }

  heading(zh ? '几点建议' : 'Suggestions')
  const top = analysis.topMajors.map(([m]) => p.tidy(m))
  const advice = zh
    ? [
        top.length ? `围绕${p.list(top)}等需求集中的专业，优先保障招生计划和实习安排` : '',
        analysis.internship ? `落实${analysis.internship}个实习岗位的带教和安全管理，推动实习与就业衔接` : '',
        analysis.timing.length ? `按${analysis.timing[0]![0]}等到岗时间提前组织推荐和面试` : '',
      ]
    : [
        top.length ? `Give priority in enrolment plans and placements to ${p.list(top)}, where demand is highest` : '',
        analysis.internship ? `Arrange supervision and safety for the ${p.count(analysis.internship, 'internship')} and link them to jobs` : '',
        analysis.timing.length ? `Start recommending candidates ahead of the start dates, the first in ${analysis.timing[0]![0]}` : '',
      ]
  out.push(b.body(p.enumerate(advice.filter(Boolean))))
  out.push(...b.signature([options.signedBy], formatDate(options.date ?? localToday(), language)))
  return out
}
