/**
 * Sentence assembly for every document, in Chinese and English. Document modules hand it clauses and items taken
 * from the records; it owns what templates get wrong: one full stop at the end (never "。。"), commas between
 * clauses, 、/和 and commas/and in lists, the space between a Latin word and the next, measure words and plurals,
 * money as 万元 or "CNY 3 million", and shortening a long quote with an ellipsis.
 *
 * Usage:
 *   const p = prose('zh')
 *   p.sentence('为落实稳就业部署', '董事长寇德林带队赴安徽、江苏走访企业')  // → '为落实稳就业部署，董事长寇德林带队赴安徽、江苏走访企业。'
 *   p.count(2, 'enterprise')                                              // → '2家企业'   (en: '2 enterprises')
 *   p.list(['甲', '乙', '丙'])                                             // → '甲、乙和丙' (en: 'A, B and C')
 */

export type ProseLanguage = 'zh' | 'en'

/** Nouns the documents count, with their Chinese measure word and English forms. */
export const NOUNS = {
  enterprise: { zh: ['家', '企业'], en: ['enterprise', 'enterprises'] },
  agreement: { zh: ['项', '合作协议'], en: ['agreement', 'agreements'] },
  item: { zh: ['项', '合作事项'], en: ['cooperation item', 'cooperation items'] },
  position: { zh: ['个', '岗位'], en: ['position', 'positions'] },
  job: { zh: ['个', '就业岗位'], en: ['job', 'jobs'] },
  internship: { zh: ['个', '实习岗位'], en: ['internship', 'internships'] },
  survey: { zh: ['份', '人才需求调研表'], en: ['talent-demand survey', 'talent-demand surveys'] },
  siteVisit: { zh: ['场', '实地参观'], en: ['site visit', 'site visits'] },
  symposium: { zh: ['场', '座谈会'], en: ['symposium', 'symposiums'] },
  person: { zh: ['人', ''], en: ['person', 'people'] },
  photo: { zh: ['张', '照片'], en: ['photo', 'photos'] },
  day: { zh: ['天', ''], en: ['day', 'days'] },
  positionType: { zh: ['类', '岗位'], en: ['kind of position', 'kinds of position'] },
  task: { zh: ['项', '工作'], en: ['task', 'tasks'] },
} as const
export type Noun = keyof typeof NOUNS

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/
const LATIN_END = /[A-Za-z0-9.%)]$/
const LATIN_START = /^[A-Za-z0-9(]/
/** Marks that end or break a clause; a clause handed in keeps none of them at its end. */
const TRAILING = /[\s。．.，,、；;：:]+$/u
const ABBREVIATION = /\b(Ltd|Co|Inc|Corp|etc|Dr|Mr|Ms|No|St)\.$/
const ZH_PUNCTUATION: Record<string, string> = { '，': ', ', '。': '. ', '；': '; ', '：': ': ', '（': ' (', '）': ') ', '！': '! ', '？': '? ', '、': ', ' }

export function hasCjk(text: string): boolean {
  return CJK.test(text)
}

/** A clause without the punctuation it was typed with at its end (so that joining never doubles a mark). */
export function clause(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  // The full stop of an abbreviation (Co., Ltd.) belongs to the word.
  if (ABBREVIATION.test(flat)) return flat
  return flat.replace(TRAILING, '')
}

/** Joins words of two scripts: a space between two Latin words, none inside Chinese or between Chinese and a number. */
export function joinWords(...parts: string[]): string {
  let out = ''
  for (const raw of parts) {
    const part = raw.trim()
    if (!part) continue
    if (out && LATIN_END.test(out) && LATIN_START.test(part)) out += ' '
    out += part
  }
  return out
}

export interface Prose {
  readonly language: ProseLanguage
  /** Clauses joined by commas into one sentence with one full stop; empty clauses are left out. */
  sentence(...clauses: (string | false | null | undefined)[]): string
  /** Sentences joined into a paragraph (each already ended by `sentence`, or ended here). */
  paragraph(...sentences: (string | false | null | undefined)[]): string
  /** 甲、乙和丙 / A, B and C; `or` for alternatives; `series` joins Chinese items with 、 only (安徽、江苏). */
  list(items: readonly string[], conjunction?: 'and' | 'or' | 'series'): string
  /** 2家企业 / 2 enterprises (1 enterprise); `bare` leaves the noun out (2家 / 2). */
  count(n: number, noun: Noun, bare?: boolean): string
  /** 500万元 / CNY 5 million. */
  money(yuan: number): string
  /** A remark in quotation marks, shortened at a clause boundary with an ellipsis when longer than `max`. */
  quote(text: string, max?: number): string
  /** 2 → 两, 3 → 三 for counting in running Chinese text (两项工作); digits in English. */
  countWord(n: number): string
  /** 一是…；二是…。 / First, …; second, …. */
  enumerate(items: readonly string[]): string
  /** The first letter in capitals (English); Chinese unchanged. */
  capitalise(text: string): string
  /** Full-width punctuation of a record value turned into ASCII for an English document. */
  ascii(text: string): string
  /** A record value made ready for running text: spacing between scripts (zh) or ASCII punctuation (en). */
  tidy(text: string): string
}

const ZH_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const EN_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)))
}

/** Shortens at the last clause mark before `max` characters, or at `max`, and adds an ellipsis. */
export function shorten(text: string, max: number, language: ProseLanguage): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if ([...flat].length <= max) return flat
  const chars = [...flat].slice(0, max)
  const head = chars.join('')
  const marks = language === 'zh' ? /[，。；！？、]/g : /[,.;!?]\s/g
  let cut = -1
  for (const match of head.matchAll(marks)) cut = match.index
  const kept = cut > max / 3 ? head.slice(0, cut) : head
  return `${clause(kept)}${language === 'zh' ? '……' : '…'}`
}

/**
 * Spacing between scripts in Chinese text: none between a Chinese character and a number or a Latin word
 * ("2023 年" → "2023年", "PLC 控制" → "PLC控制"), one between two Latin words, never two spaces.
 */
export function tidyZh(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”])\s+(?=[A-Za-z0-9%])/g, '')
    .replace(/(?<=[A-Za-z0-9%.])\s+(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”])/g, '')
    .replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '')
    .trim()
}

export function prose(language: ProseLanguage): Prose {
  const zh = language === 'zh'
  const ascii = (text: string) =>
    zh
      ? text
      : text
          .replace(/[，。；：（）！？、]/g, (c) => ZH_PUNCTUATION[c]!)
          .replace(/\s+([,.;:)!?])/g, '$1')
          .replace(/\(\s+/g, '(')
          .replace(/ {2,}/g, ' ')
          .trim()
  const capitalise = (text: string) => (zh || !text ? text : text[0]!.toUpperCase() + text.slice(1))
  const end = (text: string) => {
    const body = clause(zh ? tidyZh(text) : ascii(text))
    if (!body) return ''
    // A sentence that ends with a question, an exclamation or a closing quotation mark keeps it.
    if (/[！？!?…]$/.test(body) || /[。！？.!?…]["”]$/.test(body)) return body
    if (ABBREVIATION.test(body)) return zh ? `${body}。` : body
    return zh ? `${body}。` : `${capitalise(body)}.`
  }
  const list = (items: readonly string[], conjunction: 'and' | 'or' | 'series' = 'and') => {
    const kept = items.map(clause).filter(Boolean)
    if (kept.length <= 1) return kept.join('')
    const word = zh ? { and: '和', or: '或', series: '、' }[conjunction] : ` ${conjunction === 'or' ? 'or' : 'and'} `
    return `${kept.slice(0, -1).join(zh ? '、' : ', ')}${word}${kept.at(-1)}`
  }
  return {
    language,
    sentence: (...clauses) =>
      end(
        clauses
          .filter((c): c is string => typeof c === 'string')
          .map(clause)
          .filter(Boolean)
          .join(zh ? '，' : ', '),
      ),
    paragraph: (...sentences) =>
      sentences
        .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
        .map(end)
        .join(zh ? '' : ' '),
    list,
    count: (n, noun, bare = false) => {
      const forms = NOUNS[noun]
      if (zh) return `${numberText(n)}${forms.zh[0]}${bare ? '' : forms.zh[1]}`
      return bare ? numberText(n) : `${numberText(n)} ${n === 1 ? forms.en[0] : forms.en[1]}`
    },
    money: (yuan) => {
      if (zh) return yuan >= 10_000 ? `${numberText(yuan / 10_000)}万元` : `${numberText(yuan)}元`
      if (yuan >= 1_000_000) return `CNY ${numberText(yuan / 1_000_000)} million`
      return `CNY ${yuan.toLocaleString('en')}`
    },
    quote: (text, max = 80) => {
      const words = shorten(clause(text), max, language)
      return zh ? `“${words}”` : `"${words}"`
    },
    enumerate: (items) => {
      const kept = items.map(clause).filter(Boolean)
      if (kept.length === 1) return end(kept[0]!)
      return end(kept.map((item, i) => (zh ? `${ZH_ORDINALS[i] ?? i + 1}是${item}` : `${EN_ORDINALS[i] ?? `${i + 1}.`}, ${/^[A-Z][a-z]/.test(item) ? item[0]!.toLowerCase() + item.slice(1) : item}`)).join(zh ? '；' : '; '))
    },
    countWord: (n) => (!zh || n > 10 ? String(n) : n === 2 ? '两' : ZH_ORDINALS[n - 1]!),
    capitalise,
    ascii,
    tidy: (text) => (zh ? tidyZh(text) : ascii(text)),
  }
}
