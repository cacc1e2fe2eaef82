import type { Paragraph, Table } from 'docx'
import { Blocks } from './blocks'
import { consensusSentence, dateRange, lowerFirst, purposeClause, remarkSentences, titled, withArticle, type Speaker } from './narrative'
import { clause, prose } from './prose'
import type { ReportOptions } from './research-report'
import { tripFigures, type TripReportData } from './trip-data'

/** How a college is called after its full name: 学院 for a 学院, 学校 otherwise; "the college" in English. */
export function collegeShortName(fullName: string, language: 'zh' | 'en'): string {
  if (language === 'en') return 'the college'
  return /学院$/.test(fullName) ? '学院' : '学校'
}

/** The longest a quote runs in a news brief before it is shortened with an ellipsis. */
const QUOTE_MAX = { zh: 90, en: 200 }

/**
 * The news brief (新闻稿), built like the college news items it imitates: a main title and a subtitle with the
 * figures, a lead with the policy context (who, when, where, why), one section per enterprise under its own
 * sub-headline with what was seen, agreed and said there, a paragraph of results, the next steps, and the
 * 供稿 line. The college's full name appears once; after it, 学院 or 学校.
 */
export function newsBriefContent(data: TripReportData, options: ReportOptions & { college: string }): (Paragraph | Table)[] {
  const { style, language, college } = options
  const zh = language === 'zh'
  const p = prose(language)
  const b = new Blocks(style, options.logo)
  const { trip } = data
  const figures = tripFigures(data)
  const positions = figures.positions
  const short = collegeShortName(college, language)
  const leader = data.members.find((m) => m.isLeader)
  const regions = p.list(trip.regions.map(p.tidy), 'series')
  const days = Math.round((Date.parse(trip.endDate) - Date.parse(trip.startDate)) / 86_400_000) + 1
  const tripTitle = clause(p.tidy(trip.title))
  const visited = data.enterprises.filter((e) => data.visits.some((v) => v.visit.enterpriseId === e.id) || data.symposiums.some((s) => s.symposium.enterpriseId === e.id))
  const out: (Paragraph | Table)[] = []

  // Main title, broken only between its parts, and a subtitle with the figures.
  const subtitle = zh
    ? `——走访${figures.enterprisesVisited}家企业，签约${figures.agreements.signed}项，新增就业实习岗位${positions.total}个`
    : `${p.count(figures.enterprisesVisited, 'enterprise')} visited, ${p.count(figures.agreements.signed, 'agreement')} signed, ${positions.total} new jobs and internships`
  out.push(...b.title(zh ? [college, `开展${tripTitle}`] : [tripTitle], subtitle))

  // The lead: policy context first, then who went where.
  const purpose = clause(p.tidy(trip.purpose))
  const [context, ...rest] = zh ? purpose.split('，') : [purpose]
  // The lead already says the group visited enterprises; an aim that says so again is left out.
  const aims = rest.filter((aim) => !/^走访/.test(aim))
  // The group as the departments its heads lead (校企合作中心、秘书处等部门负责人), or else by name.
  const others = data.members.filter((m) => !m.isLeader)
  const HEAD = /(主任|处长|部长|院长|负责人|科长)$/
  const departments = others.every((m) => m.department || HEAD.test(m.position)) ? others.map((m) => clause(p.tidy(m.department || m.position.replace(HEAD, '')))) : []
  const named = departments.length ? [] : others.map((m) => titled(m.name, m.position, language))
  out.push(
    b.body(
      zh
        ? p.sentence(
            context ? (/^(为|为了)/.test(context) ? context : `为深入${context}`) : '',
            `${dateRange(trip.startDate, trip.endDate, 'zh').replace(/^\d+年/, '')}`,
            `${college}${leader ? `${titled(leader.name, leader.position, 'zh')}带领${departments.length ? `${p.list(departments, 'series')}等部门负责人组成的` : named.length ? `${p.list(named, 'series')}等组成的` : ''}调研组` : '调研组'}赴${regions}开展为期${days}天的“${tripTitle}”活动`,
            visited.length ? `先后走访${p.list(visited.map((e) => p.tidy(e.name)))}` : '',
            aims.length ? `着力${aims.join('，')}` : '',
          )
        : p.paragraph(
            p.sentence(
              `From ${dateRange(trip.startDate, trip.endDate, 'en')}, ${leader ? `${titled(leader.name, leader.position, 'en')} of ${college} led a research group${departments.length ? ` with the heads of ${p.list(departments)}` : named.length ? ` with ${p.list(named)}` : ''}` : `a research group of ${college}`} on a ${days}-day visit to enterprises in ${regions}`,
              visited.length ? `meeting ${p.list(visited.map((e) => p.tidy(e.name)))}` : '',
            ),
            purpose ? p.sentence(`The aim was ${purposeClause(purpose, 'en')}`) : '',
          ),
    ),
  )

  // One section per enterprise, under its own sub-headline, with its own quotes.
  const introduced = new Set<string>()
  const leaderName = leader?.name ?? ''
  for (const enterprise of visited) {
    const name = p.tidy(enterprise.name)
    const visits = data.visits.filter((v) => v.visit.enterpriseId === enterprise.id)
    const places = visits.flatMap((v) => v.stops.map((s) => clause(p.tidy(s.place)))).filter(Boolean)
    const symposiums = data.symposiums.filter((s) => s.symposium.enterpriseId === enterprise.id)
    const topics = symposiums.flatMap((s) => s.symposium.topics).map((t) => clause(p.tidy(t)))
    const signed = data.agreements.filter((a) => a.enterpriseId === enterprise.id && a.status !== 'consensus')
    const history = (data.history.get(enterprise.id) ?? []).map((h) => clause(p.tidy(h.text)))

    out.push(b.subheading(zh ? [`走进${name}`, topics[0] ? `共商${topics[0]}` : '共谋校企合作新路径'] : [`At ${name}`, topics[0] ? `Talking about ${topics[0][0]!.toLowerCase()}${topics[0].slice(1)}` : 'New paths for cooperation']))
    const party = leaderName ? (zh ? `${leaderName}一行` : `${leaderName} and the group`) : zh ? '调研组' : 'The group'
    const presiders = symposiums
      .map((s) => ({ name: s.symposium.presidedBy, title: s.attendees.find((a) => a.name === s.symposium.presidedBy)?.title ?? '' }))
      .filter((x) => x.name)
    for (const x of presiders) introduced.add(`${x.title}|${x.name}`)
    const where = clause(p.tidy(enterprise.address)) || name
    const theirs = symposiums.flatMap((x) => x.attendees.filter((a) => a.side === 'enterprise')).map((a) => titled(a.name, a.title, language))
    const presided = presiders.length ? titled(presiders[0]!.name, presiders[0]!.title, language) : ''
    const meeting = p.tidy(symposiums[0]?.symposium.title ?? '')
    const consensus = symposiums.flatMap((x) => x.symposium.consensus)
    const signedTitles = p.list(signed.map((a) => (zh ? `《${clause(p.tidy(a.title))}》` : `the ${clause(p.tidy(a.title))}`)))
    const sentences = zh
      ? [
          places.length
            ? p.sentence(`在${where}，${party}${places.length > 1 ? '先后' : ''}参观了${p.list(places)}`)
            : symposiums.length
              ? p.sentence(`在${where}，${party}${theirs.length ? `与${p.list([...new Set(theirs)], 'series')}` : ''}座谈`)
              : '',
          places.length && symposiums.length ? p.sentence(`${presided ? `${presided}主持召开` : '双方召开'}${meeting || '校企合作座谈会'}`, topics.length ? `双方围绕${p.list(topics)}深入交流` : '') : '',
          !places.length && topics.length ? p.sentence(`双方围绕${p.list(topics)}深入交流`) : '',
          history.length ? p.sentence('回顾合作历程', history.join('；')) : '',
          consensus.length === 1
            ? p.sentence(consensusSentence(consensus, 'zh'), signed.length ? `并签订${signedTitles}` : '')
            : consensus.length > 1
              ? `${signed.length ? `会上，双方签订${signedTitles}，并就下一阶段合作` : '双方就下一阶段合作'}${consensusSentence(consensus, 'zh').replace(/^双方/, '')}`
              : signed.length
                ? p.sentence(`双方签订${signedTitles}`)
                : '',
        ]
      : [
          places.length
            ? p.sentence(`At ${p.tidy(where)}, ${party} toured ${p.list(places.map(withArticle))}`)
            : symposiums.length
              ? p.sentence(`At ${p.tidy(where)}, ${party} met ${theirs.length ? p.list([...new Set(theirs)]) : 'the management'}`)
              : '',
          symposiums.length
            ? p.sentence(`${presided ? `${places.length ? presided : presiders[0]!.name} chaired` : 'Both sides held'} ${places.length ? 'a symposium' : 'the talks'}${topics.length ? ` on ${p.list(topics.map(lowerFirst))}` : ''}`)
            : '',
          history.length ? p.sentence(`Both sides looked back on what they have built together: ${lowerFirst(history.join('; '))}`) : '',
          signed.length ? p.sentence(`They signed ${signedTitles}`) : '',
          consensusSentence(consensus, 'en'),
        ]
    out.push(b.body(p.paragraph(...sentences)))
    // The quotes said at this enterprise, the leader's first, at most two.
    const quotes = symposiums
      .flatMap((s) => s.remarks.filter((r) => r.isQuote).map((remark) => ({ remark, speaker: s.attendees.find((a) => a.id === remark.speakerId) as Speaker | undefined })))
      .sort((x, y) => Number(y.speaker?.name === leaderName) - Number(x.speaker?.name === leaderName))
      .slice(0, 2)
    if (quotes.length) out.push(b.body(p.paragraph(...remarkSentences(quotes, language, { quoteMax: QUOTE_MAX[language], otherMax: QUOTE_MAX[language], introduced }))))
  }

  // Results, with the committed positions beside the new ones.
  const committed = positions.committedByAgreements
  out.push(b.subheading(zh ? ['活动成效与下一步工作'] : ['Results and next steps']))
  out.push(
    b.body(
      zh
        ? p.sentence(
            `此次${regions}之行，调研组共走访企业${figures.enterprisesVisited}家`,
            `签订校企合作协议${figures.agreements.signed}项`,
            `新增就业和实习岗位${positions.total}个${committed ? `（协议另承诺岗位${committed}个）` : ''}`,
            `收集行业企业人才需求调研表${figures.surveys}份`,
          )
        : p.sentence(
            `In all, the group visited ${p.count(figures.enterprisesVisited, 'enterprise')}, signed ${p.count(figures.agreements.signed, 'agreement')}, added ${positions.total} jobs and internships${committed ? ` (agreements commit ${committed} more)` : ''} and collected ${p.count(figures.surveys, 'survey')}`,
          ),
    ),
  )
  const next = data.actions.filter((a) => a.status !== 'cancelled' && a.status !== 'done').map((a) => clause(p.tidy(a.title)))
  // The 供稿 line closes the last paragraph, as the college's published items do.
  const credit = zh ? `（${college}供稿）` : `(Contributed by ${college})`
  if (next.length) {
    const steps = zh
      ? next.length > 1
        ? `下一步，${short}将重点推进${p.countWord(next.length)}项工作：${p.enumerate(next)}`
        : p.sentence(`下一步，${short}将${next[0]}`)
      : next.length > 1
        ? `Next, the college will focus on ${p.count(next.length, 'task')}: ${lowerFirst(p.enumerate(next))}`
        : p.sentence(`Next, the college will ${next[0]![0]!.toLowerCase()}${next[0]!.slice(1)}`)
    out.push(b.body(`${steps}${zh ? '' : ' '}${credit}`))
  } else {
    out.push(b.body(credit))
  }
  return out
}
