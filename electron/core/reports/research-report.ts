import { Document, Packer, type Paragraph, type Table } from 'docx'
import type { ReportSection } from '../../../shared/procedures/reports'
import { Blocks } from './blocks'
import { withFontFallbacks } from './font-fallbacks'
import { KIND, STATUS } from './labels'
import { renderBarChart } from './charts'
import { chineseNumber, formatDate, headingLabel } from './numbering'
import type { ReportStyle } from './style'
import { positionTotals, type ReportPhoto, type TripReportData } from './trip-data'

import type { ReportLanguage } from './labels'

export type { ReportLanguage }

function yuan(amount: number, language: ReportLanguage): string {
  if (amount === 0) return '—'
  if (language === 'zh') return amount % 10_000 === 0 ? `${amount / 10_000}万元` : `${amount.toLocaleString('zh-CN')}元`
  return `¥${amount.toLocaleString('en')}`
}

/** Drops a final full stop, so that joined items are not punctuated twice. */
function trimEnd(text: string): string {
  return text.trim().replace(/[。．.；;]+$/, '')
}

function list(items: string[], language: ReportLanguage): string {
  if (language === 'zh') return items.join('、')
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

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
}

export function researchReportContent(data: TripReportData, options: ReportOptions): (Paragraph | Table)[] {
  const { style, language, signedBy } = options
  const include = (section: ReportSection) => !options.sections || options.sections.includes(section)
  const b = new Blocks(style, options.logo)
  const zh = language === 'zh'
  const official = style.name === 'official'
  const { trip } = data
  const out: (Paragraph | Table)[] = []
  const headings = [0, 0, 0, 0]
  // Figures are numbered through the document: photos first, then charts.
  let figure = 0
  const heading = (level: 1 | 2 | 3 | 4, text: string) => {
    headings[level - 1]! += 1
    for (let l = level; l < 4; l++) headings[l] = 0
    out.push(b.heading(level, headingLabel(level, headings[level - 1]!, official), text))
  }
  const name = (id: string) => data.enterprises.find((e) => e.id === id)?.name ?? ''
  const leader = data.members.find((m) => m.isLeader)
  const others = data.members.filter((m) => m !== leader)
  const totals = positionTotals(data)
  const signed = data.agreements.filter((a) => a.status !== 'consensus')
  const regions = list(trip.regions, language)
  const dates = `${formatDate(trip.startDate, language)}${zh ? '至' : ' to '}${formatDate(trip.endDate, language)}`

  out.push(...b.title(zh ? `关于${trip.title}情况的报告` : `Report on the research trip: ${trip.title}`))

  // Opening: why, when, where, who, whom.
  const who = leader
    ? zh
      ? `${leader.position}${leader.name}带队，${others.map((m) => `${m.position}${m.name}`).join('、')}等组成调研组`
      : `a group led by ${leader.name} (${leader.position})${others.length ? ` with ${list(others.map((m) => `${m.name} (${m.position})`), language)}` : ''}`
    : zh
      ? `调研组${data.members.length}人`
      : `a group of ${data.members.length}`
  const whom = list(data.enterprises.map((e) => e.name), language)
  out.push(
    b.body(
      zh
        ? `${dates}，${who}，赴${regions}走访${whom}${data.enterprises.length}家企业。${trip.purpose}`
        : `From ${dates}, ${who} visited ${data.enterprises.length} enterprises in ${regions}: ${whom}. ${trip.purpose}`,
    ),
  )
  out.push(
    b.body(
      zh
        ? `此次调研共走访企业${data.enterprises.length}家，开展实地参观${data.visits.length}场、座谈会${data.symposiums.length}场，签订校企合作协议${signed.length}项，新增就业和实习岗位${totals.total}个，收集行业企业人才需求调研表${data.surveys.length}份。现将有关情况报告如下。`
        : `The group visited ${data.enterprises.length} enterprises, toured ${data.visits.length} sites, held ${data.symposiums.length} symposiums, signed ${signed.length} cooperation agreements, added ${totals.total} jobs and internships and collected ${data.surveys.length} talent-demand surveys. The details follow.`,
    ),
  )

  if (include('situation')) {
    // Situation, enterprise by enterprise.
    heading(1, zh ? '调研基本情况' : 'What we saw and discussed')
    for (const enterprise of data.enterprises) {
      heading(2, enterprise.name)
      const profile = [enterprise.region, enterprise.industry].filter(Boolean).join(zh ? '，' : ', ')
      if (profile || enterprise.profile) out.push(b.body([profile, enterprise.profile].filter(Boolean).join(zh ? '。' : '. ') + (zh ? '。' : '.')))
      for (const { visit, stops } of data.visits.filter((v) => v.visit.enterpriseId === enterprise.id)) {
        const visitPhotos = data.photos.get(visit.id) ?? []
        const places = stops.map((s) => s.place).filter(Boolean)
        out.push(
          b.body(
            zh
              ? `${formatDate(visit.date, language)}，调研组${places.length ? `先后参观了${places.join('、')}` : `参观了${visit.title || '企业'}`}。${stops.map((s) => s.observation).filter(Boolean).join('')}${visit.summary}`
              : `On ${formatDate(visit.date, language)} the group toured ${places.length ? list(places, language) : visit.title || 'the site'}. ${stops.map((s) => s.observation).filter(Boolean).join(' ')} ${visit.summary}`.trim(),
          ),
        )
        if (include('photos')) out.push(...photoBlocks(b, visitPhotos, language, () => ++figure))
      }
      for (const { symposium, attendees, remarks } of data.symposiums.filter((s) => s.symposium.enterpriseId === enterprise.id)) {
        const theirs = attendees.filter((a) => a.side === 'enterprise').map((a) => `${a.title}${zh ? '' : ' '}${a.name}`.trim())
        const topics = symposium.topics.map((t) => (zh ? `“${t}”` : `“${t}”`))
        out.push(
          b.body(
            zh
              ? `${formatDate(symposium.date, language)}，${symposium.presidedBy ? `${symposium.presidedBy}主持召开` : '双方召开'}${symposium.title || '校企合作座谈会'}${theirs.length ? `，${theirs.join('、')}等参加` : ''}。双方${topics.length ? `围绕${topics.join('、')}` : ''}进行了深入交流${symposium.consensus.length ? `，达成以下共识：${symposium.consensus.map((c, i) => `${i + 1}. ${trimEnd(c)}`).join('；')}` : ''}。`
              : `On ${formatDate(symposium.date, language)}${symposium.presidedBy ? ` ${symposium.presidedBy} chaired` : ' both sides held'} ${symposium.title || 'a symposium'}${theirs.length ? `, attended by ${list(theirs, language)}` : ''}. ${topics.length ? `The discussion covered ${list(topics, language)}.` : ''}${symposium.consensus.length ? ` Both sides agreed: ${symposium.consensus.map(trimEnd).join('; ')}.` : ''}`,
          ),
        )
        for (const remark of remarks.filter((r) => r.isQuote)) {
          const speaker = attendees.find((a) => a.id === remark.speakerId)
          out.push(b.quote(remark.text, speaker ? `${zh ? speaker.title : ''}${speaker.name}` : zh ? '与会者' : 'A participant', language))
        }
        if (include('photos')) out.push(...photoBlocks(b, data.photos.get(symposium.id) ?? [], language, () => ++figure))
      }
    }
  }

  if (include('results')) {
    // Results.
    heading(1, zh ? '主要成果' : 'Results')
    out.push(
      b.body(
        zh
          ? `此次调研共形成合作事项${data.agreements.length}项，其中已签约${signed.length}项；企业意向投入资金${yuan(data.agreements.reduce((s, a) => s + a.amountYuan, 0), language)}；新增就业岗位${totals.employment}个、实习岗位${totals.internship}个${totals.committed ? `，协议承诺岗位${totals.committed}个` : ''}。`
          : `The trip produced ${data.agreements.length} cooperation items, ${signed.length} of them signed; enterprises intend to invest ${yuan(data.agreements.reduce((s, a) => s + a.amountYuan, 0), language)}; ${totals.employment} jobs and ${totals.internship} internships were offered${totals.committed ? `, and agreements commit ${totals.committed} more positions` : ''}.`,
      ),
    )
    for (const [index, agreement] of data.agreements.entries()) {
      const amount = agreement.amountYuan ? (zh ? `，金额${yuan(agreement.amountYuan, language)}` : `, ${yuan(agreement.amountYuan, language)}`) : ''
      const positions = agreement.positions ? (zh ? `，承诺岗位${agreement.positions}个` : `, ${agreement.positions} positions`) : ''
      out.push(
        b.body(
          zh
            ? `${index + 1}. 与${name(agreement.enterpriseId)}${agreement.status === 'consensus' ? '达成' : '签订'}《${agreement.title}》（${KIND[language][agreement.kind]}，${STATUS[language][agreement.status]}${amount}${positions}）。${trimEnd(agreement.terms)}${agreement.terms ? '。' : ''}`
            : `${index + 1}. ${agreement.title} with ${name(agreement.enterpriseId)} (${KIND[language][agreement.kind]}, ${STATUS[language][agreement.status].toLowerCase()}${amount}${positions}). ${agreement.terms}`,
        ),
      )
    }
    if (data.agreements.length > 0) {
      out.push(
        b.table(
          zh ? ['合作事项', '企业', '类型', '状态', '金额', '岗位'] : ['Item', 'Enterprise', 'Kind', 'Status', 'Amount', 'Positions'],
          data.agreements.map((a) => [a.title, name(a.enterpriseId), KIND[language][a.kind], STATUS[language][a.status], yuan(a.amountYuan, language), a.positions ? String(a.positions) : '—']),
          [0.3, 0.22, 0.14, 0.11, 0.13, 0.1],
        ),
      )
      out.push(b.caption(zh ? '表1  合作事项一览' : 'Table 1. Cooperation items'))
    }
  }

  if (include('demand')) {
    // Talent demand.
    heading(1, zh ? '人才需求分析' : 'Talent demand')
    if (data.surveys.length === 0) {
      out.push(b.body(zh ? '本次调研未收集人才需求调研表。' : 'No talent-demand surveys were collected on this trip.'))
    } else {
      const byEnterprise = data.enterprises
        .map((e) => {
          const positions = data.surveys.filter((s) => s.survey.enterpriseId === e.id).flatMap((s) => s.positions)
          const employment = positions.filter((p) => p.kind !== 'internship').reduce((s, p) => s + p.headcount, 0)
          const internship = positions.filter((p) => p.kind === 'internship').reduce((s, p) => s + p.headcount, 0)
          return [e.name, String(employment), String(internship), String(employment + internship)]
        })
        .filter((row) => row[3] !== '0')
      byEnterprise.push([zh ? '合计' : 'Total', String(totals.employment), String(totals.internship), String(totals.employment + totals.internship)])
      out.push(b.body(zh ? `${data.surveys.length}家企业共提出岗位需求${totals.employment + totals.internship}个，分布如下。` : `${data.surveys.length} surveys asked for ${totals.employment + totals.internship} positions:`))
      out.push(b.table(zh ? ['企业', '就业岗位', '实习岗位', '合计'] : ['Enterprise', 'Jobs', 'Internships', 'Total'], byEnterprise, [0.46, 0.18, 0.18, 0.18]))
      out.push(b.caption(zh ? '表2  各企业岗位需求' : 'Table 2. Positions by enterprise'))
      const chartRows = byEnterprise.slice(0, -1)
      const chart = renderBarChart(
        {
          title: zh ? '各企业岗位需求' : 'Positions by enterprise',
          categories: chartRows.map((r) => r[0]!),
          series: [
            { name: zh ? '就业' : 'Jobs', values: chartRows.map((r) => Number(r[1])) },
            { name: zh ? '实习' : 'Internships', values: chartRows.map((r) => Number(r[2])) },
          ],
          stacked: true,
          horizontal: true,
        },
        options.chartFont,
      )
      out.push(b.figure(chart.png, chart.size))
      figure += 1
      out.push(b.caption(zh ? `图${figure}  各企业岗位需求` : `Figure ${figure}. Positions by enterprise`))

      const majors = new Map<string, number>()
      for (const p of data.surveys.flatMap((s) => s.positions)) for (const m of p.majors) majors.set(m, (majors.get(m) ?? 0) + p.headcount)
      const majorRows = [...majors].sort((a, b) => b[1] - a[1]).map(([m, n]) => [m, String(n)])
      if (majorRows.length > 0) {
        out.push(b.table(zh ? ['专业', '相关岗位人数'] : ['Major', 'Positions'], majorRows, [0.7, 0.3]))
        out.push(b.caption(zh ? '表3  岗位需求对应专业（一个岗位对应多个专业时分别计入）' : 'Table 3. Positions by major (a position open to several majors counts for each)'))
        const majorChart = renderBarChart(
          {
            title: zh ? '岗位需求对应专业' : 'Positions by major',
            categories: majorRows.slice(0, 12).map((r) => r[0]!),
            series: [{ name: zh ? '岗位人数' : 'Positions', values: majorRows.slice(0, 12).map((r) => Number(r[1])) }],
            horizontal: true,
          },
          options.chartFont,
        )
        out.push(b.figure(majorChart.png, majorChart.size))
        figure += 1
        out.push(b.caption(zh ? `图${figure}  岗位需求对应专业` : `Figure ${figure}. Positions by major`))
      }
      const rows = data.surveys.flatMap((s) =>
        s.positions.map((p) => [name(s.survey.enterpriseId), p.title, String(p.headcount), p.kind === 'internship' ? (zh ? '实习' : 'Internship') : zh ? '就业' : 'Job', p.majors.join(zh ? '、' : ', '), p.payMin || p.payMax ? `${p.payMin}–${p.payMax}` : '—']),
      )
      out.push(b.table(zh ? ['企业', '岗位', '人数', '类型', '专业', '月薪（元）'] : ['Enterprise', 'Position', 'Count', 'Kind', 'Majors', 'Pay (yuan/month)'], rows, [0.22, 0.24, 0.09, 0.1, 0.2, 0.15]))
      out.push(b.caption(zh ? '表4  岗位需求明细' : 'Table 4. Positions in detail'))
    }
  }

  // Problems and suggestions, from the notes.
  const problems = data.notes.filter((n) => n.kind === 'problem')
  const suggestions = data.notes.filter((n) => n.kind === 'suggestion')
  if (include('problems') && problems.length + suggestions.length > 0) {
    heading(1, zh ? '存在的问题和建议' : 'Problems and suggestions')
    problems.forEach((n, i) => out.push(b.body(n.text, zh ? `问题${chineseNumber(i + 1)}：` : `Problem ${i + 1}: `)))
    suggestions.forEach((n, i) => out.push(b.body(n.text, zh ? `建议${chineseNumber(i + 1)}：` : `Suggestion ${i + 1}: `)))
  }

  // Next steps, from the follow-up actions.
  const open = data.actions.filter((a) => a.status !== 'cancelled')
  if (include('nextSteps') && open.length > 0) {
    heading(1, zh ? '下一步工作' : 'Next steps')
    open.forEach((a, i) =>
      out.push(
        b.body(
          zh
            ? `${a.title}${a.owner ? `（责任部门：${a.owner}` : ''}${a.owner && a.dueDate ? `；完成时间：${formatDate(a.dueDate, language)}）` : a.owner ? '）' : ''}。`
            : `${a.title}${a.owner ? ` (owner: ${a.owner}${a.dueDate ? `; due ${formatDate(a.dueDate, language)}` : ''})` : ''}.`,
          zh ? `${chineseNumber(i + 1)}是` : `${i + 1}. `,
        ),
      ),
    )
  }

  out.push(...b.signature([signedBy], formatDate(trip.endDate, language)))
  return out
}

/** Photos with numbered captions; a photo whose file is missing is named, not silently dropped. */
export function photoBlocks(b: Blocks, photos: ReportPhoto[], language: ReportLanguage, nextFigure: () => number): Paragraph[] {
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
    const n = nextFigure()
    out.push(b.caption(zh ? `图${n}  ${photo.caption || photo.fileName}` : `Figure ${n}. ${photo.caption || photo.fileName}`))
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
    sections: [
      {
        properties: {
          page: {
            size: { width: style.page.width, height: style.page.height },
            margin: { top: style.page.top, bottom: style.page.bottom, left: style.page.left, right: style.page.right, footer: 1000 },
          },
          grid: { linePitch: style.linePitch, type: 'lines' as never },
        },
        footers: b.footers(),
        children: content,
      },
    ],
  })
  const packed = await Packer.toBuffer(document)
  return withFontFallbacks(packed, Object.values(style.fonts))
}
