import type { Agreement } from '../../../shared/schemas/agreement'
import type { Enterprise } from '../../../shared/schemas/enterprise'
import type { Position } from '../../../shared/schemas/survey'
import type { Attendee, Remark, Symposium } from '../../../shared/schemas/symposium'
import type { Member } from '../../../shared/schemas/trip-parts'
import { formatDate } from './numbering'
import { KIND } from './labels'
import { clause, joinWords, prose, type Prose, type ProseLanguage } from './prose'

/**
 * Sentences about the records that more than one document tells: who went, an enterprise's profile, a symposium
 * with its remarks and consensus, agreements, and the figures of the talent demand. Built with the prose helper.
 */

/** 5月16日 within the trip's year, 2025年5月16日 otherwise; 16 May / 16 May 2025. */
export function shortDate(iso: string, yearOf: string, language: ProseLanguage): string {
  const full = formatDate(iso, language)
  if (iso.slice(0, 4) !== yearOf.slice(0, 4)) return full
  return language === 'zh' ? full.replace(/^\d+年/, '') : full.replace(/ \d{4}$/, '')
}

/** 2025年5月16日至19日 / 16 to 19 May 2025. */
export function dateRange(start: string, end: string, language: ProseLanguage): string {
  if (start === end) return formatDate(start, language)
  const sameMonth = start.slice(0, 7) === end.slice(0, 7)
  if (language === 'zh') {
    const tail = sameMonth ? `${Number(end.slice(8))}日` : shortDate(end, start, 'zh')
    return `${formatDate(start, 'zh')}至${tail}`
  }
  if (sameMonth) return `${Number(start.slice(8))} to ${formatDate(end, 'en')}`
  return `${shortDate(start, end, 'en')} to ${formatDate(end, 'en')}`
}

/** 董事长寇德林 / Kou Delin (Chairman): a person with the title they hold. */
export function titled(name: string, title: string, language: ProseLanguage): string {
  if (!title) return name
  return language === 'zh' ? joinWords(title, name) : `${name} (${lowerFirst(prose('en').tidy(title))})`
}

/** "Head of the Secretariat" → "head of the Secretariat", but "PLC engineer" and "HR Director" stay as they are. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text
}

/** "the Wensenka spring source", not "the The…"; the words keep their capitals (they may be names). */
export function withArticle(text: string): string {
  return /^(the|a|an)\s/i.test(text) ? lowerFirst(text) : `the ${text}`
}

/** "为落实…" : the trip's purpose as the opening clause of a report. */
export function purposeClause(purpose: string, language: ProseLanguage): string {
  const text = clause(prose(language).tidy(purpose))
  if (!text) return ''
  if (language === 'zh') return /^(为|为了|根据|按照)/.test(text) ? text : `为${text}`
  return /^(to|in order to)\b/i.test(text) ? lowerFirst(text) : `to ${lowerFirst(text)}`
}

/** The research group: 董事长寇德林带队，校企合作中心主任刘明、秘书处处长陈静等组成调研组. */
export function groupClause(members: Member[], language: ProseLanguage): { leader: string; group: string } {
  const p = prose(language)
  const leader = members.find((m) => m.isLeader)
  const others = members.filter((m) => m !== leader)
  const named = others.map((m) => titled(m.name, m.position, language))
  if (language === 'zh') {
    return {
      leader: leader ? `${titled(leader.name, leader.position, 'zh')}带队` : '',
      group: named.length > 1 ? `${p.list(named, 'series')}等组成调研组` : named.length === 1 ? `${named[0]}随同` : '',
    }
  }
  return {
    leader: leader ? `${titled(leader.name, leader.position, 'en')} led` : '',
    group: named.length ? `a research group with ${p.list(named)}` : 'a research group',
  }
}

/** 该公司位于…，主营…; the profile and the cooperation history after it. */
export function enterpriseProfile(e: Enterprise, history: { date: string; text: string }[], language: ProseLanguage): string {
  const p = prose(language)
  const zh = language === 'zh'
  const where = e.region || e.address
  const first = zh
    ? p.sentence(where ? `该公司位于${where}` : '', e.industry ? `主营${e.industry}` : '')
    : p.sentence(where ? `The company is based in ${p.tidy(where)}` : '', e.industry ? `${where ? 'and works in' : 'The company works in'} ${p.tidy(e.industry).toLowerCase()}` : '')
  const profile = e.profile ? p.paragraph(p.tidy(e.profile)) : ''
  const past = history.map((h) => (zh ? p.sentence(`合作基础方面，${clause(p.tidy(h.text))}`) : p.sentence(`Cooperation so far: ${lowerFirst(clause(p.tidy(h.text)))}`)))
  return p.paragraph(first, profile, ...past)
}

/** Speech verbs a remark may start with: such a remark reads as the speaker's own sentence (曾健建议…). */
const SPEECH_VERB = /^(建议|提出|表示|希望|介绍|认为|强调|指出|谈到|提到)/
const FIRST_PERSON = /(我们|我|咱们|本公司)/

export interface Speaker {
  name: string
  title: string
}

/**
 * Remarks of a meeting told in order, by weight: a remark marked as a quote is quoted (shortened past `quoteMax`
 * characters), one in the first person is quoted briefly, the rest are reported (介绍，…). A speaker is introduced
 * with their title once, then by name.
 */
export function remarkSentences(
  remarks: { remark: Remark; speaker: Speaker | undefined }[],
  language: ProseLanguage,
  options: { quoteMax: number; otherMax: number; introduced?: Set<string> },
): string[] {
  const p = prose(language)
  const zh = language === 'zh'
  const introduced = options.introduced ?? new Set<string>()
  const out: string[] = []
  // A speaker heard before in this meeting "also" speaks (还 / added), rather than being introduced again.
  const spoken = new Set<string>()
  for (const { remark, speaker } of remarks) {
    const text = clause(p.tidy(remark.text))
    if (!text) continue
    const key = speaker ? `${speaker.title}|${speaker.name}` : ''
    const who = !speaker ? (zh ? '与会企业代表' : 'A participant') : introduced.has(key) ? speaker.name : titled(speaker.name, speaker.title, language)
    if (speaker) introduced.add(key)
    const again = key !== '' && spoken.has(key)
    spoken.add(key)
    // A quoted sentence keeps its own full stop inside the marks, unless it was cut short or is in Latin letters.
    const closed = (quoted: string) => (zh ? quoted.replace(/(?<=[\u3400-\u9fff])”$/, '。”').replace(/(?<=[A-Za-z0-9])”$/, '.”') : quoted.replace(/(?<=[A-Za-z0-9])"$/, '."'))
    if (remark.isQuote) {
      out.push(zh ? `${who}${again ? '还' : ''}表示：${closed(p.quote(text, options.quoteMax))}` : `${who} ${again ? 'added' : 'said'}: ${closed(p.quote(text, options.quoteMax))}`)
    } else if (zh && SPEECH_VERB.test(text)) {
      out.push(p.sentence(`${who}${again ? '还' : ''}${shortenPlain(text, options.otherMax, p)}`))
    } else if (FIRST_PERSON.test(text) || !zh) {
      out.push(zh ? `${who}${again ? '还' : ''}谈到：${closed(p.quote(text, options.otherMax))}` : `${who} ${again ? 'added' : 'noted'}: ${closed(p.quote(text, options.otherMax))}`)
    } else {
      out.push(p.sentence(`${who}${again ? '还' : ''}介绍`, shortenPlain(text, options.otherMax, p)))
    }
  }
  return out
}

function shortenPlain(text: string, max: number, p: Prose): string {
  const quoted = p.quote(text, max)
  return quoted.slice(1, -1)
}

/** The meeting: when, where, who presided, who took part on each side, the topics. */
export function symposiumSentences(
  s: { symposium: Symposium; attendees: Attendee[] },
  yearOf: string,
  language: ProseLanguage,
  introduced: Set<string>,
): string {
  const p = prose(language)
  const zh = language === 'zh'
  const { symposium, attendees } = s
  const presider = attendees.find((a) => a.name === symposium.presidedBy)
  const presidedBy = symposium.presidedBy ? titled(symposium.presidedBy, presider?.title ?? '', language) : ''
  if (presider) introduced.add(`${presider.title}|${presider.name}`)
  const side = (which: 'school' | 'enterprise') =>
    attendees
      .filter((a) => a.side === which && a !== presider)
      .map((a) => {
        introduced.add(`${a.title}|${a.name}`)
        return titled(a.name, a.title, language)
      })
  const theirs = side('enterprise')
  const ours = side('school')
  const meeting = p.tidy(symposium.title) || (zh ? '校企合作座谈会' : 'a symposium')
  const date = shortDate(symposium.date, yearOf, language)
  const topics = symposium.topics.map((t) => clause(p.tidy(t)))
  if (zh) {
    return p.paragraph(
      p.sentence(`${date}，双方${symposium.place ? `在${p.tidy(symposium.place)}` : ''}召开${meeting}`, presidedBy ? `会议由${presidedBy}主持` : ''),
      theirs.length || ours.length ? p.sentence(`${theirs.length ? `企业方${p.list(theirs, 'series')}` : ''}${theirs.length && ours.length ? '，' : ''}${ours.length ? `学校方${p.list(ours, 'series')}` : ''}参加座谈`) : '',
      topics.length ? p.sentence(`双方围绕${p.list(topics)}进行了深入交流`) : '',
    )
  }
  return p.paragraph(
    p.sentence(`On ${date} both sides met for ${meeting.startsWith('a ') ? meeting : withArticle(meeting)}${symposium.place ? ` at ${withArticle(p.tidy(symposium.place))}` : ''}`, presidedBy ? `chaired by ${presidedBy}` : ''),
    theirs.length || ours.length ? p.sentence(`Taking part were ${p.list([...theirs, ...ours])}`) : '',
    topics.length ? p.sentence(`The discussion centred on ${p.list(topics.map((t) => t.toLowerCase()))}`) : '',
  )
}

/** 经协商，双方…；双方达成3项共识：一是…；二是…。 */
export function consensusSentence(items: string[], language: ProseLanguage): string {
  const p = prose(language)
  const kept = items.map((c) => clause(p.tidy(c))).filter(Boolean)
  if (kept.length === 0) return ''
  if (language === 'zh') {
    if (kept.length === 1) return p.sentence(/^双方/.test(kept[0]!) ? `经协商，${kept[0]}` : `经协商，双方商定${kept[0]}`)
    return `双方达成${p.countWord(kept.length)}项共识：${p.enumerate(kept)}`
  }
  if (kept.length === 1) return p.sentence(/^both sides/i.test(kept[0]!) ? kept[0]! : `Both sides agreed to ${kept[0]![0]!.toLowerCase()}${kept[0]!.slice(1)}`)
  return `Both sides reached ${kept.length} points of agreement: ${lowerFirst(p.enumerate(kept))}`
}

/** An agreement as a sentence: signed ones by their title in 书名号, plans by what they are. */
export function agreementSentence(a: Agreement, language: ProseLanguage, withEnterprise?: string): string {
  const p = prose(language)
  const zh = language === 'zh'
  const title = clause(p.tidy(a.title))
  const signed = a.status !== 'consensus'
  const terms = a.terms ? clause(p.tidy(a.terms)) : ''
  if (zh) {
    const head = signed ? `${withEnterprise ? `与${withEnterprise}` : ''}签订《${title}》` : `${withEnterprise ? `与${withEnterprise}` : ''}就${title}达成合作意向`
    return p.paragraph(
      p.sentence(head, signed && a.kind !== 'other' ? `合作形式为${KIND.zh[a.kind]}` : '', a.amountYuan ? `企业拟投入${p.money(a.amountYuan)}` : '', a.positions ? `承诺提供岗位${a.positions}个` : ''),
      terms ? p.sentence(terms) : '',
    )
  }
  const details = [signed && a.kind !== 'other' ? KIND.en[a.kind].toLowerCase() : '', a.amountYuan ? `${p.money(a.amountYuan)} from the company` : '', a.positions ? `${p.count(a.positions, 'position')} committed` : ''].filter(Boolean)
  const head = signed
    ? `${withArticle(title)}${withEnterprise ? ` with ${withEnterprise}` : ''} was signed`
    : `agreed in principle${withEnterprise ? ` with ${withEnterprise}` : ''}: ${lowerFirst(title)}`
  return p.paragraph(p.sentence(`${head}${details.length ? ` (${details.join('; ')})` : ''}`), terms ? p.sentence(terms) : '')
}

export interface DemandAnalysis {
  employment: number
  internship: number
  total: number
  topMajors: [string, number][]
  topPositions: [string, number][]
  pay: { min: number; max: number; best: { title: string; min: number; max: number } } | null
  timing: [string, number][]
}

/** The numbers the analysis sentences are made of. */
export function analyseDemand(positions: Position[]): DemandAnalysis {
  let employment = 0
  let internship = 0
  const majors = new Map<string, number>()
  const titles = new Map<string, number>()
  const timing = new Map<string, number>()
  let pay: DemandAnalysis['pay'] = null
  for (const row of positions) {
    if (row.kind === 'internship') internship += row.headcount
    else employment += row.headcount
    for (const m of row.majors) majors.set(m, (majors.get(m) ?? 0) + row.headcount)
    titles.set(row.title, (titles.get(row.title) ?? 0) + row.headcount)
    if (row.startTiming) timing.set(row.startTiming, (timing.get(row.startTiming) ?? 0) + row.headcount)
    if (row.payMin || row.payMax) {
      const low = row.payMin || row.payMax
      const high = row.payMax || row.payMin
      if (!pay) pay = { min: low, max: high, best: { title: row.title, min: low, max: high } }
      else {
        pay.min = Math.min(pay.min, low)
        pay.max = Math.max(pay.max, high)
        if (high > pay.best.max) pay.best = { title: row.title, min: low, max: high }
      }
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
  return { employment, internship, total: employment + internship, topMajors: top(majors).slice(0, 3), topPositions: top(titles).slice(0, 2), pay, timing: top(timing) }
}

/** Two or three sentences computed from the numbers: where the demand is, what it pays, when it starts. */
export function analysisSentences(a: DemandAnalysis, language: ProseLanguage, previous: { name: string; before: number; now: number }[] = []): string {
  const p = prose(language)
  const zh = language === 'zh'
  if (a.total === 0) return ''
  const share = Math.round((a.internship / a.total) * 100)
  const majors = a.topMajors.map(([m, n]) => (zh ? `${m}（${n}人）` : `${m} (${n})`))
  const posts = a.topPositions.map(([t, n]) => (zh ? `${t}（${n}人）` : `${t} (${n})`))
  const sentences: string[] = []
  if (zh) {
    sentences.push(p.sentence(majors.length ? `从专业看，需求集中在${p.list(majors)}` : '', posts.length ? `需求最多的岗位是${p.list(posts)}` : ''))
    sentences.push(p.sentence(`实习岗位占${share}%`, a.pay ? `就业岗位月薪在${a.pay.min}元至${a.pay.max}元之间，以${a.pay.best.title}最高（${a.pay.best.min}—${a.pay.best.max}元）` : ''))
    if (a.timing.length) sentences.push(p.sentence(`到岗时间以${a.timing[0]![0]}为主（${a.timing[0]![1]}人）`, previous.length ? previous.map((c) => `${c.name}的岗位需求较上次调研${c.now >= c.before ? '增加' : '减少'}${Math.abs(c.now - c.before)}个`).join('，') : ''))
    else if (previous.length) sentences.push(p.sentence(previous.map((c) => `${c.name}的岗位需求较上次调研${c.now >= c.before ? '增加' : '减少'}${Math.abs(c.now - c.before)}个`).join('，')))
  } else {
    sentences.push(p.sentence(majors.length ? `By major, demand centres on ${p.list(majors)}` : '', posts.length ? `the largest needs are for ${p.list(posts.map((x) => x))}` : ''))
    sentences.push(p.sentence(`Internships make up ${share}% of the positions`, a.pay ? `monthly pay runs from CNY ${a.pay.min.toLocaleString('en')} to ${a.pay.max.toLocaleString('en')}, highest for ${a.pay.best.title} (CNY ${a.pay.best.min.toLocaleString('en')}–${a.pay.best.max.toLocaleString('en')})` : ''))
    const change = previous.map((c) => `${c.name} asks for ${Math.abs(c.now - c.before)} ${c.now >= c.before ? 'more' : 'fewer'} positions than at its last survey`)
    if (a.timing.length || change.length) sentences.push(p.sentence(a.timing.length ? `Most start in ${a.timing[0]![0]} (${a.timing[0]![1]})` : '', ...change))
  }
  return p.paragraph(...sentences)
}
