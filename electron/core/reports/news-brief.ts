import type { Paragraph, Table } from 'docx'
import { Blocks } from './blocks'
import { formatDate } from './numbering'
import type { ReportOptions } from './research-report'
import { positionTotals, type TripReportData } from './trip-data'

function join(items: string[], zh: boolean): string {
  if (zh) return items.join('、')
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/**
 * The news brief (新闻稿): a headline with the outcome, a lead saying who, when, where and what, a paragraph per
 * enterprise, one or two quotes, the figures, and the next steps. It reads like the college's own news item.
 */
export function newsBriefContent(data: TripReportData, options: ReportOptions & { college: string }): (Paragraph | Table)[] {
  const { style, language, college } = options
  const zh = language === 'zh'
  const b = new Blocks(style, options.logo)
  const { trip } = data
  const totals = positionTotals(data)
  const signed = data.agreements.filter((a) => a.status !== 'consensus')
  const leader = data.members.find((m) => m.isLeader)
  const regions = join(trip.regions, zh)
  const days = Math.round((Date.parse(trip.endDate) - Date.parse(trip.startDate)) / 86_400_000) + 1
  const out: (Paragraph | Table)[] = []

  out.push(
    ...b.title(
      zh
        ? `${college}赴${regions}开展访企拓岗调研 新增就业实习岗位${totals.total}个`
        : `${college} visits enterprises in ${regions}, adding ${totals.total} jobs and internships`,
    ),
  )
  const departments = data.members.filter((m) => !m.isLeader).map((m) => m.position).filter(Boolean)
  out.push(
    b.body(
      zh
        ? `${formatDate(trip.startDate, 'zh').replace(/^\d+年/, '')}至${formatDate(trip.endDate, 'zh').replace(/^\d+年/, '')}，${leader ? `${college}${leader.position}${leader.name}带领` : `${college}`}${departments.length ? `${departments.join('、')}等部门负责人组成的` : ''}调研组，赴${regions}开展为期${days}天的访企拓岗调研活动，走访${data.enterprises.map((e) => e.name).join('、')}，推动校企合作走深走实。`
        : `From ${formatDate(trip.startDate, 'en')} to ${formatDate(trip.endDate, 'en')}, ${leader ? `${leader.name}, ${leader.position} of ${college}, led` : `${college} sent`} a research group${departments.length ? ` of department heads (${join(departments, false)})` : ''} on a ${days}-day visit to enterprises in ${regions}, meeting ${join(data.enterprises.map((e) => e.name), false)} to open up jobs for graduates and deepen cooperation.`,
    ),
  )

  for (const enterprise of data.enterprises) {
    const visits = data.visits.filter((v) => v.visit.enterpriseId === enterprise.id)
    const places = visits.flatMap((v) => v.stops.map((s) => s.place)).filter(Boolean)
    const symposiums = data.symposiums.filter((s) => s.symposium.enterpriseId === enterprise.id)
    const consensus = symposiums.flatMap((s) => s.symposium.consensus).map((c) => c.replace(/[。.]$/, ''))
    const agreements = data.agreements.filter((a) => a.enterpriseId === enterprise.id && a.status !== 'consensus')
    const presided = symposiums.map((s) => s.symposium.presidedBy).filter(Boolean)
    const parts = zh
      ? [
          places.length ? `调研组参观了${places.join('、')}` : '',
          presided.length ? `${presided[0]}主持召开校企合作座谈会` : symposiums.length ? '双方召开座谈会' : '',
          consensus.length ? `双方达成共识：${consensus.join('；')}` : '',
          agreements.length ? `并签订${agreements.map((a) => `《${a.title}》`).join('、')}` : '',
        ]
      : [
          places.length ? `the group toured ${join(places, false)}` : '',
          presided.length ? `${presided[0]} chaired a symposium` : symposiums.length ? 'both sides held a symposium' : '',
          consensus.length ? `they agreed: ${consensus.join('; ')}` : '',
          agreements.length ? `and signed the ${join(agreements.map((a) => a.title), false)}` : '',
        ]
    const text = parts.filter(Boolean).join(zh ? '，' : '; ')
    if (text) out.push(b.body(zh ? `在${enterprise.name}，${text}。` : `At ${enterprise.name}, ${text}.`))
  }

  // One or two quotes, the leader's first.
  const quotes = data.symposiums
    .flatMap((s) => s.remarks.filter((r) => r.isQuote).map((r) => ({ remark: r, speaker: s.attendees.find((a) => a.id === r.speakerId) })))
    .sort((a, b) => Number(b.speaker?.memberId === leader?.id) - Number(a.speaker?.memberId === leader?.id))
    .slice(0, 2)
  for (const { remark, speaker } of quotes) {
    out.push(b.quote(remark.text, speaker ? `${zh ? speaker.title : ''}${speaker.name}` : zh ? '与会者' : 'A participant', language))
  }

  out.push(
    b.body(
      zh
        ? `此次调研共走访企业${data.enterprises.length}家，签订校企合作协议${signed.length}项，新增就业和实习岗位${totals.total}个，收集行业企业人才需求调研报告${data.surveys.length}份。`
        : `In all, the group visited ${data.enterprises.length} enterprises, signed ${signed.length} cooperation agreements, added ${totals.total} jobs and internships and collected ${data.surveys.length} talent-demand surveys.`,
    ),
  )
  const next = data.actions.filter((a) => a.status !== 'cancelled' && a.status !== 'done')
  if (next.length) {
    const ordinal = ['一是', '二是', '三是', '四是', '五是', '六是']
    out.push(
      b.body(
        zh
          ? `下一步，${college}将重点推进${next.length}项工作：${next.map((a, i) => `${ordinal[i] ?? `${i + 1}.`}${a.title.replace(/[。.]$/, '')}`).join('；')}。`
          : `Next, ${college} will ${join(next.map((a) => a.title.replace(/[。.]$/, '').replace(/^./, (c) => c.toLowerCase())), false)}.`,
      ),
    )
  }
  out.push(b.body(zh ? `（${college}供稿）` : `(Contributed by ${college})`))
  return out
}
