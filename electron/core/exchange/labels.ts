import type { ImportField } from '../../../shared/exchange/api'
import type { ACTION_STATUSES, LINKABLE_KINDS } from '../../../shared/schemas/action'
import { ENTERPRISE_FIELD_SPECS, type COOPERATION_STAGES, type ENTERPRISE_SIZES } from '../../../shared/schemas/enterprise'
import { ENTERPRISE_LIST_COLUMNS, type Text } from '../../../shared/fields'
import type { EDUCATION_LEVELS, POSITION_KINDS, SURVEY_STATUSES } from '../../../shared/schemas/survey'

export type Language = 'zh' | 'en'

/** Case, spaces, punctuation and full-width forms do not matter in a header. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_\-:：*()（）.]+/g, '')
}

/** Header names people actually use for each field (the registry's header, label and synonyms), normalised. */
const SYNONYM_INDEX = new Map<string, ImportField>()
for (const column of ENTERPRISE_LIST_COLUMNS) {
  for (const name of column.names) if (!SYNONYM_INDEX.has(headerKey(name))) SYNONYM_INDEX.set(headerKey(name), column.key)
}

/** Each field's column, from the header names; a column is used once, the first that fits. */
export function suggestMapping(headers: string[]): Partial<Record<ImportField, number>> {
  const mapping: Partial<Record<ImportField, number>> = {}
  headers.forEach((header, index) => {
    const field = SYNONYM_INDEX.get(headerKey(header))
    if (field && mapping[field] === undefined) mapping[field] = index
  })
  // "名称" alone under a "联系人" sheet is rare; but a sheet whose only name-like column is "企业" is common.
  if (mapping.name === undefined) {
    const index = headers.findIndex((h) => /企业|公司|单位|company|enterprise/i.test(h) && !/代码|地址|规模|简介|code|address|size/i.test(h))
    if (index >= 0 && !Object.values(mapping).includes(index)) mapping.name = index
  }
  return mapping
}

type Labels<T extends string> = Record<T, Text>

export const SIZE_LABELS: Labels<Exclude<(typeof ENTERPRISE_SIZES)[number], ''>> = ENTERPRISE_FIELD_SPECS.size.choices
export const STAGE_LABELS: Labels<(typeof COOPERATION_STAGES)[number]> = ENTERPRISE_FIELD_SPECS.stage.choices
export const POSITION_KIND_LABELS: Labels<(typeof POSITION_KINDS)[number]> = {
  employment: { zh: '就业', en: 'Employment' },
  internship: { zh: '实习', en: 'Internship' },
}
export const EDUCATION_LABELS: Labels<Exclude<(typeof EDUCATION_LEVELS)[number], ''>> = {
  secondary: { zh: '中专/中职', en: 'Secondary vocational' },
  associate: { zh: '大专', en: 'Associate' },
  bachelor: { zh: '本科', en: 'Bachelor' },
  master: { zh: '硕士及以上', en: 'Master or above' },
  any: { zh: '不限', en: 'Any' },
}
export const SURVEY_STATUS_LABELS: Labels<(typeof SURVEY_STATUSES)[number]> = {
  draft: { zh: '草稿', en: 'Draft' },
  complete: { zh: '已完成', en: 'Complete' },
}
export const ACTION_STATUS_LABELS: Labels<(typeof ACTION_STATUSES)[number]> = {
  open: { zh: '待办', en: 'Open' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}
export const LINKED_KIND_LABELS: Labels<Exclude<(typeof LINKABLE_KINDS)[number], ''>> = {
  trip: { zh: '调研行程', en: 'Trip' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  visit: { zh: '参观考察', en: 'Site visit' },
  symposium: { zh: '座谈会', en: 'Symposium' },
  agreement: { zh: '合作协议', en: 'Agreement' },
  survey: { zh: '需求调研', en: 'Survey' },
}

export function label<T extends string>(labels: Labels<T>, value: T | '', language: Language): string {
  return value === '' ? '' : (labels[value as T]?.[language] ?? value)
}

/** Reads a label back in either language, or the stored value itself; undefined when nothing fits. */
export function valueOfLabel<T extends string>(labels: Labels<T>, text: string, extra: Record<string, T> = {}): T | undefined {
  const key = headerKey(text)
  for (const [value, names] of Object.entries(labels) as [T, { zh: string; en: string }][]) {
    if (key === headerKey(value) || key === headerKey(names.zh) || key === headerKey(names.en)) return value
  }
  return extra[key]
}

/** Common ways of writing a size that are not our labels. */
export const SIZE_SYNONYMS: Record<string, 'micro' | 'small' | 'medium' | 'large'> = {
  微型企业: 'micro',
  小型企业: 'small',
  中型企业: 'medium',
  大型企业: 'large',
  小微: 'small',
  大: 'large',
  中: 'medium',
  小: 'small',
  微: 'micro',
}
export const STAGE_SYNONYMS: Record<string, 'prospect' | 'contacted' | 'negotiating' | 'cooperating' | 'paused'> = {
  潜在: 'prospect',
  未联系: 'prospect',
  意向: 'negotiating',
  洽谈: 'negotiating',
  已合作: 'cooperating',
  合作: 'cooperating',
  暂停合作: 'paused',
  暂停: 'paused',
  待联系: 'prospect',
  已联系: 'contacted',
}

/** Other ways of writing a choice field's values, by field. */
export const CHOICE_SYNONYMS: Record<string, Record<string, string>> = { size: SIZE_SYNONYMS, stage: STAGE_SYNONYMS }

/** Tags in one cell: separated by commas, semicolons or 、 in either width. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,，;；、|\n]+/).map((t) => t.trim()).filter(Boolean))]
}
export const LIST_SEPARATOR: Record<Language, string> = { zh: '、', en: ', ' }
