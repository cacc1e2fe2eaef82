import { Document, Packer, type Paragraph, type Table } from 'docx'
import type { ReportSection } from '../../../shared/procedures/reports'
import { Blocks, TABLE_TEXT_STYLE } from './blocks'
import { renderBarChart } from './charts'
import { finishDocx } from './docx-finish'
import { KIND, STATUS } from './labels'
import {
  agreementSentence,
  analyseDemand,
  analysisSentences,
  consensusSentence,
  dateRange,
  enterpriseProfile,
  groupClause,
  purposeClause,
  withArticle,
  remarkSentences,
  shortDate,
  symposiumSentences,
} from './narrative'
import { chineseNumber, formatDate, headingLabel } from './numbering'
import { clause, prose } from './prose'
import type { ReportStyle } from './style'
import { tripFigures, type ReportPhoto, type TripReportData } from './trip-data'

import type { ReportLanguage } from './labels'
import { localToday } from '../local-date'

export type { ReportLanguage }

/**
 * The trip research report (调研报告): opening, the situation at each enterprise, results, talent-demand
 * analysis, problems and suggestions, next steps, signature. Every figure is computed from the records.
 */
export interface ReportOptions {
  style: ReportStyle
  language: ReportLanguage
  /** The signing body under the report, from the college profile. */
  signedBy: string
  /** The CJK font file charts are drawn with. */
  chartFont: string
  /** The parts of the research report to include; all when not given. */
  sections?: readonly ReportSection[]
  /** The college's logo (PNG), shown above the title in the standard layout. */
  logo?: Buffer
  /** The date under the signature (ISO); today when not given. */
  date?: string
}


/** Tables and figures are numbered through a document, each on its own: 表1, 表2…; 图1, 图2…. */
export class Numbering {
  private tables = 0
  private figures = 0
  table(text: string, language: ReportLanguage): string {
    this.tables += 1
    return language === 'zh' ? `表${this.tables}  ${text}` : `Table ${this.tables}. ${text}`
  }
  figure(text: string, language: ReportLanguage): string {
    this.figures += 1
    return language === 'zh' ? `图${this.figures}  ${text}` : `Figure ${this.figures}. ${text}`
  }
}

/** 关于…情况的报告 without a doubled word: a trip called "…调研" gives "关于…调研情况的报告". */
export function researchReportTitle(tripTitle: string, language: ReportLanguage): string[] {
  const title = clause(tripTitle)
  if (language === 'zh') return ['关于', title, '情况的报告']
  return ['Report on the research trip', `"${title}"`]
}

export function researchReportContent(data: TripReportData, options: ReportOptions): (Paragraph | Table)[] {
  const { style, language, signedBy } = options
  const include = (section: ReportSection) => !options.sections || options.sections.includes(section)
  const b = new Blocks(style, options.logo)
  const p = prose(language)
  const zh = language === 'zh'
  const official = style.name === 'official'
  const { trip } = data
  const out: (Paragraph | Table)[] = []
  const headings = [0, 0, 0, 0]
  const numbers = new Numbering()
  const heading = (level: 1 | 2 | 3 | 4, text: string) => {
    headings[level - 1]! += 1
    for (let l = level; l < 4; l++) headings[l] = 0
    const label = official ? headingLabel(level, headings[level - 1]!, true) : level === 1 ? `${headings[0]}` : `${headings[0]}.${headings[1]}`
    out.push(b.heading(Math.min(level, 2) as 1 | 2, label, text))
  }
  const name = (id: string) => p.tidy(data.enterprises.find((e) => e.id === id)?.name ?? '')
  const figures = tripFigures(data)
  const positions = figures.positions
  const visited = data.enterprises.filter((e) => data.visits.some((v) => v.visit.enterpriseId === e.id) || data.symposiums.some((s) => s.symposium.enterpriseId === e.id))
  const regions = p.list(trip.regions.map(p.tidy), 'series')
  const consensusCount = data.agreements.length - figures.agreements.signed

  out.push(...b.title(researchReportTitle(trip.title, language)))

  // Opening: why, when, who, where, whom; then the figures in one sentence.
  const { leader, group } = groupClause(data.members, language)
  const whom = p.list(visited.map((e) => p.tidy(e.name)))
  out.push(
    b.body(
      zh
        ? p.sentence(purposeClause(trip.purpose, 'zh'), `${dateRange(trip.startDate, trip.endDate, 'zh')}`, leader, group, `赴${regions}开展调研`, whom ? `先后走访${whom}` : '')
        : p.paragraph(
            p.sentence(`From ${dateRange(trip.startDate, trip.endDate, 'en')}, ${leader ? `${leader} ${group}` : group} on a visit to enterprises in ${regions || 'the region'}`, whom ? `meeting ${whom}` : ''),
            trip.purpose ? p.sentence(`The trip set out ${purposeClause(trip.purpose, 'en')}`) : '',
          ),
    ),
  )
  const committed = positions.committedByAgreements
  out.push(
    b.body(
      zh
        ? p.paragraph(
            p.sentence(
              `此次调研共走访企业${p.count(figures.enterprisesVisited, 'enterprise', true)}`,
              figures.siteVisits + figures.symposiums
                ? `开展${p.list([figures.siteVisits ? `实地参观${p.count(figures.siteVisits, 'siteVisit', true)}` : '', figures.symposiums ? `座谈会${p.count(figures.symposiums, 'symposium', true)}` : ''].filter(Boolean), 'series')}`
                : '',
              figures.agreements.signed || consensusCount
                ? `${figures.agreements.signed ? `签订校企合作协议${p.count(figures.agreements.signed, 'agreement', true)}` : ''}${figures.agreements.signed && consensusCount ? '、' : ''}${consensusCount ? `达成合作意向${consensusCount}项` : ''}`
                : '',
              positions.total
                ? `新增就业和实习岗位${positions.total}个（其中就业岗位${positions.employment}个、实习岗位${positions.internship}个）${committed ? `，另有协议承诺岗位${committed}个` : ''}`
                : committed
                  ? `协议承诺岗位${committed}个`
                  : '',
              figures.surveys ? `收集人才需求调研表${p.count(figures.surveys, 'survey', true)}` : '',
            ),
            '现将有关情况报告如下',
          )
        : p.paragraph(
            p.sentence(
              `In all, the group visited ${p.count(figures.enterprisesVisited, 'enterprise')}, made ${p.count(figures.siteVisits, 'siteVisit')}, held ${p.count(figures.symposiums, 'symposium')} and signed ${p.count(figures.agreements.signed, 'agreement')}${consensusCount ? `, with ${p.count(consensusCount, 'item')} agreed in principle` : ''}`,
            ),
            p.sentence(
              `The enterprises offered ${positions.total} new positions (${p.count(positions.employment, 'job')} and ${p.count(positions.internship, 'internship')})`,
              committed ? `and agreements commit ${committed} more, counted separately` : '',
            ),
            p.sentence(`The group collected ${p.count(figures.surveys, 'survey')}`),
            'The details follow',
          ),
    ),
  )

  if (include('situation')) {
    heading(1, zh ? '调研基本情况' : 'What we saw and discussed')
    const introduced = new Set<string>()
    for (const enterprise of data.enterprises) {
      heading(2, p.tidy(enterprise.name))
      const profile = enterpriseProfile(enterprise, data.history.get(enterprise.id) ?? [], language)
      if (profile) out.push(b.body(profile))
      for (const { visit, stops } of data.visits.filter((v) => v.visit.enterpriseId === enterprise.id)) {
        const places = stops.map((s) => clause(p.tidy(s.place))).filter(Boolean)
        const date = shortDate(visit.date, trip.startDate, language)
        const seen = zh
          ? p.sentence(`${date}，调研组${places.length ? `${places.length > 1 ? '先后' : ''}参观了${p.list(places)}` : `参观了${p.tidy(visit.title) || '企业生产现场'}`}`)
          : p.sentence(`On ${date} the group toured ${places.length ? p.list(places.map(withArticle)) : withArticle(p.tidy(visit.title) || 'site')}`)
        out.push(b.body(p.paragraph(seen, ...stops.map((s) => p.tidy(s.observation)), p.tidy(visit.summary))))
        if (include('photos')) out.push(...photoBlocks(b, data.photos.get(visit.id) ?? [], language, numbers))
      }
      for (const s of data.symposiums.filter((x) => x.symposium.enterpriseId === enterprise.id)) {
        out.push(b.body(symposiumSentences(s, trip.startDate, language, introduced)))
        const told = remarkSentences(
          s.remarks.map((remark) => ({ remark, speaker: s.attendees.find((a) => a.id === remark.speakerId) })),
          language,
          { quoteMax: zh ? 160 : 320, otherMax: zh ? 90 : 200, introduced },
        )
        if (told.length) out.push(b.body(p.paragraph(...told)))
        const agreed = consensusSentence(s.symposium.consensus, language)
        if (agreed) out.push(b.body(agreed))
        if (include('photos')) out.push(...photoBlocks(b, data.photos.get(s.symposium.id) ?? [], language, numbers))
      }
    }
  }

  if (include('results')) {
    heading(1, zh ? '主要成果' : 'Results')
    const amount = figures.agreements.amountYuan
    out.push(
      b.body(
        zh
          ? p.sentence(
              `此次调研签订校企合作协议${figures.agreements.signed}项${consensusCount ? `，达成合作意向${consensusCount}项` : ''}`,
              amount ? `企业拟投入资金${p.money(amount)}` : '',
              `新增就业和实习岗位${positions.total}个${committed ? `，协议另承诺岗位${committed}个` : ''}`,
            )
          : p.paragraph(
              p.sentence(`The trip brought ${p.count(figures.agreements.signed, 'agreement')} signed${consensusCount ? ` and ${p.count(consensusCount, 'item')} agreed in principle` : ''}`),
              p.sentence(`${amount ? `The enterprises intend to invest ${p.money(amount)} and` : 'The enterprises'} offered ${positions.total} new positions`, committed ? `and agreements commit ${committed} more, counted separately` : ''),
            ),
      ),
    )
    const ordered = [...data.agreements].sort((a, c) => Number(c.status !== 'consensus') - Number(a.status !== 'consensus'))
    ordered.forEach((a, i) => out.push(b.body(agreementSentence(a, language, name(a.enterpriseId)), ordered.length > 1 ? (zh ? `${chineseNumber(i + 1)}是` : `${i + 1}. `) : undefined)))
    if (data.agreements.length > 1) {
      out.push(b.tableCaption(numbers.table(zh ? '合作事项一览' : 'Cooperation items', language)))
      const rows: (string[] | { group: string })[] = []
      for (const e of data.enterprises) {
        const own = data.agreements.filter((a) => a.enterpriseId === e.id)
        if (own.length === 0) continue
        rows.push({ group: p.tidy(e.name) })
        for (const a of own) rows.push([p.tidy(a.title), KIND[language][a.kind], STATUS[language][a.status], a.amountYuan ? p.money(a.amountYuan) : '—', a.positions ? String(a.positions) : '—'])
      }
      out.push(b.table(zh ? ['合作事项', '类型', '状态', '金额', '岗位'] : ['Item', 'Kind', 'Status', 'Amount', 'Positions'], rows))
    }
  }

  if (include('demand')) {
    heading(1, zh ? '人才需求分析' : 'Talent demand')
    if (data.surveys.length === 0) {
      out.push(b.body(zh ? '本次调研未收集人才需求调研表。' : 'No talent-demand surveys were collected on this trip.'))
    } else {
      const all = data.surveys.flatMap((s) => s.positions)
      const analysis = analyseDemand(all)
      const surveyedEnterprises = new Set(data.surveys.map((s) => s.survey.enterpriseId)).size
      const previous = [...data.previousSurveys].map(([id, before]) => ({
        name: name(id),
        before: before.total,
        now: analyseDemand(data.surveys.filter((s) => s.survey.enterpriseId === id).flatMap((s) => s.positions)).total,
      }))
      out.push(
        b.body(
          p.paragraph(
            zh
              ? p.sentence(`${p.count(surveyedEnterprises, 'enterprise')}填报人才需求调研表${p.count(figures.surveys, 'survey', true)}，提出岗位需求${positions.total}个`, `其中就业岗位${positions.employment}个、实习岗位${positions.internship}个`)
              : p.sentence(`${p.count(figures.surveys, 'survey')} from ${p.count(surveyedEnterprises, 'enterprise')} list ${positions.total} positions: ${p.count(positions.employment, 'job')} and ${p.count(positions.internship, 'internship')}`),
            analysisSentences(analysis, language, previous),
          ),
        ),
      )
      const byEnterprise = data.enterprises
        .map((e) => {
          const own = analyseDemand(data.surveys.filter((s) => s.survey.enterpriseId === e.id).flatMap((s) => s.positions))
          return [p.tidy(e.name), String(own.employment), String(own.internship), String(own.total)]
        })
        .filter((row) => row[3] !== '0')
      byEnterprise.push([zh ? '合计' : 'Total', String(positions.employment), String(positions.internship), String(positions.total)])
      out.push(b.tableCaption(numbers.table(zh ? '各企业岗位需求' : 'Positions by enterprise', language)))
      out.push(b.table(zh ? ['企业', '就业岗位', '实习岗位', '合计'] : ['Enterprise', 'Jobs', 'Internships', 'Total'], byEnterprise))

      // The majors as a chart only: the detail table below lists them position by position.
      const majors = new Map<string, number>()
      for (const row of all) for (const m of row.majors) majors.set(m, (majors.get(m) ?? 0) + row.headcount)
      const majorRows = [...majors].sort((a, c) => c[1] - a[1])
      if (majorRows.length > 1) {
        const chart = renderBarChart(
          {
            title: '',
            categories: majorRows.slice(0, 12).map(([m]) => p.tidy(m)),
            series: [{ name: zh ? '岗位人数' : 'Positions', values: majorRows.slice(0, 12).map(([, n]) => n) }],
            horizontal: true,
          },
          options.chartFont,
        )
        out.push(b.figure(chart.png, chart.size))
        out.push(b.caption(numbers.figure(zh ? '岗位需求对应专业（一个岗位面向多个专业时分别计入）' : 'Positions by major (a position open to several majors counts for each)', language)))
      }
      out.push(b.tableCaption(numbers.table(zh ? '岗位需求明细' : 'Positions in detail', language)))
      out.push(b.table(...positionDetail(data, language)))
    }
  }

  const problems = data.notes.filter((n) => n.kind === 'problem').map((n) => p.tidy(n.text))
  const suggestions = data.notes.filter((n) => n.kind === 'suggestion').map((n) => p.tidy(n.text).replace(/^建议/, ''))
  if (include('problems') && problems.length + suggestions.length > 0) {
    heading(1, zh ? '存在的问题和建议' : 'Problems and suggestions')
    if (problems.length) out.push(b.body(zh ? `调研中也发现一些问题：${problems.length > 1 ? p.enumerate(problems) : p.sentence(problems[0]!)}` : `We also found problems. ${problems.length > 1 ? p.enumerate(problems) : p.sentence(problems[0]!)}`))
    if (suggestions.length) out.push(b.body(zh ? `为此建议：${suggestions.length > 1 ? p.enumerate(suggestions) : p.sentence(suggestions[0]!)}` : `We suggest the following. ${suggestions.length > 1 ? p.enumerate(suggestions) : p.sentence(suggestions[0]!)}`))
  }

  const open = data.actions.filter((a) => a.status !== 'cancelled')
  if (include('nextSteps') && open.length > 0) {
    heading(1, zh ? '下一步工作' : 'Next steps')
    open.forEach((a, i) => {
      const due = a.dueDate ? formatDate(a.dueDate, language) : ''
      const text = zh
        ? p.paragraph(p.sentence(p.tidy(a.title)), a.owner || due ? p.sentence(`${a.owner ? `由${p.tidy(a.owner)}负责` : ''}${a.owner && due ? '，' : ''}${due ? `${due}前完成` : ''}`) : '')
        : p.paragraph(p.sentence(p.tidy(a.title)), a.owner || due ? p.sentence(`${a.owner ? `Owner: ${p.tidy(a.owner)}` : ''}${a.owner && due ? '; ' : ''}${due ? `due ${due}` : ''}`) : '')
      out.push(b.body(text, open.length > 1 ? (zh ? `${chineseNumber(i + 1)}是` : `${i + 1}. `) : undefined))
    })
  }

  out.push(...b.signature([signedBy], formatDate(options.date ?? localToday(), language)))
  return out
}

/** Every position, grouped under its enterprise: headers and rows for Blocks.table. */
export function positionDetail(data: { enterprises: { id: string; name: string }[]; surveys: TripReportData['surveys'] }, language: ReportLanguage): [string[], (string[] | { group: string })[]] {
  const p = prose(language)
  const zh = language === 'zh'
  const rows: (string[] | { group: string })[] = []
  const grouped = data.enterprises.length > 1
  for (const e of data.enterprises) {
    const own = data.surveys.filter((s) => s.survey.enterpriseId === e.id).flatMap((s) => s.positions)
    if (own.length === 0) continue
    if (grouped) rows.push({ group: p.tidy(e.name) })
    for (const row of own) {
      rows.push([
        p.tidy(row.title),
        String(row.headcount),
        row.kind === 'internship' ? (zh ? '实习' : 'Internship') : zh ? '就业' : 'Job',
        row.majors.map(p.tidy).join(zh ? '、' : ', ') || '—',
        row.payMin || row.payMax ? `${row.payMin || row.payMax}–${row.payMax || row.payMin}` : '—',
        p.tidy(row.startTiming) || '—',
      ])
    }
  }
  return [zh ? ['岗位', '人数', '类型', '专业', '月薪（元）', '到岗时间'] : ['Position', 'Count', 'Kind', 'Majors', 'Pay (CNY/month)', 'Start'], rows]
}

/** Photos with numbered captions; a photo whose file is missing is named, not silently dropped. */
export function photoBlocks(b: Blocks, photos: ReportPhoto[], language: ReportLanguage, numbers: Numbering): Paragraph[] {
  const zh = language === 'zh'
  const out: Paragraph[] = []
  for (const photo of photos) {
    if (!photo.jpeg) {
      out.push(b.caption(zh ? `（照片“${photo.caption || photo.fileName}”的文件不在本机，未能插入）` : `(The photo “${photo.caption || photo.fileName}” is not on this computer and was left out.)`))
      continue
    }
    // At most three quarters of the text width and a third of the page height: several photos share a page.
    const width = Math.min(440, photo.width)
    const height = Math.round((photo.height / photo.width) * width)
    const scale = Math.min(1, 330 / height)
    out.push(b.figure(photo.jpeg, { width: Math.round(width * scale), height: Math.round(height * scale) }, 'jpg'))
    out.push(b.caption(numbers.figure(photo.caption || photo.fileName, language)))
  }
  return out
}

/** Packs content into a .docx in the given style (page setup, page numbers). */
export async function packDocument(content: (Paragraph | Table)[], style: ReportStyle, title: string): Promise<Buffer> {
  const b = new Blocks(style)
  const document = new Document({
    title,
    creator: 'Fieldbook',
    evenAndOddHeaderAndFooters: style.pageNumber.alternate,
    // Table cells name this style (LibreOffice drops the text of a paragraph whose style is not defined).
    styles: { paragraphStyles: [{ id: TABLE_TEXT_STYLE, name: 'Table Text', basedOn: 'Normal', paragraph: { spacing: { line: 240, before: 0, after: 0 } } }] },
    sections: [
      {
        properties: {
          page: {
            size: { width: style.page.width, height: style.page.height },
            margin: { top: style.page.top, bottom: style.page.bottom, left: style.page.left, right: style.page.right, footer: style.footer },
          },
          grid: { linePitch: style.linePitch, type: 'lines' as never },
        },
        footers: b.footers(),
        children: content,
      },
    ],
  })
  const packed = await Packer.toBuffer(document)
  return finishDocx(packed, Object.values(style.fonts))
}
