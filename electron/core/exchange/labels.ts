import type { ImportField } from '../../../shared/exchange/api'
import type { ACTION_STATUSES, LINKABLE_KINDS } from '../../../shared/schemas/action'
import type { COOPERATION_STAGES, ENTERPRISE_SIZES } from '../../../shared/schemas/enterprise'
import type { EDUCATION_LEVELS, POSITION_KINDS, SURVEY_STATUSES } from '../../../shared/schemas/survey'

export type Language = 'zh' | 'en'

/**
 * Words written into spreadsheets, in both languages. The core writes the files itself (the renderer only asks),
 * so these live here rather than in the renderer's i18n files; import reads them back in either language.
 */
export const ENTERPRISE_HEADERS: Record<ImportField, { zh: string; en: string }> = {
  name: { zh: '企业名称', en: 'Name' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  industry: { zh: '行业', en: 'Industry' },
  region: { zh: '地区', en: 'Region' },
  address: { zh: '地址', en: 'Address' },
  size: { zh: '规模', en: 'Size' },
  website: { zh: '网站', en: 'Website' },
  tags: { zh: '标签', en: 'Tags' },
  stage: { zh: '合作阶段', en: 'Stage' },
  profile: { zh: '简介', en: 'Profile' },
  contactName: { zh: '联系人', en: 'Contact' },
  contactTitle: { zh: '联系人职务', en: 'Contact title' },
  contactPhone: { zh: '联系电话', en: 'Phone' },
  contactEmail: { zh: '电子邮箱', en: 'Email' },
  owner: { zh: '我方负责人', en: 'Our owner' },
  contactWechat: { zh: '联系人微信', en: 'WeChat' },
}

/** Header names people actually use for each field, compared after normalising (see `headerKey`). */
const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  name: ['企业名称', '名称', '单位名称', '企业', '公司名称', '公司', '单位', 'name', 'enterprise', 'enterprisename', 'company', 'companyname', 'organization'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', '组织机构代码', 'creditcode', 'unifiedsocialcreditcode', 'uscc', 'usci'],
  industry: ['行业', '所属行业', '行业类别', '行业分类', 'industry', 'sector'],
  region: ['地区', '所在地', '所在地区', '区域', '省市', '城市', '所在城市', 'region', 'city', 'province', 'location', 'area'],
  address: ['地址', '详细地址', '企业地址', '注册地址', '通讯地址', '办公地址', 'address'],
  size: ['规模', '企业规模', '人员规模', 'size', 'scale', 'companysize'],
  website: ['网站', '网址', '官网', '主页', 'website', 'url', 'homepage', 'web'],
  tags: ['标签', '关键词', 'tags', 'tag', 'keywords'],
  stage: ['合作阶段', '阶段', '合作状态', 'stage', 'cooperationstage', 'status'],
  profile: ['简介', '企业简介', '公司简介', '备注', '说明', 'profile', 'description', 'notes', 'remarks', 'about'],
  contactName: ['联系人', '联系人姓名', '对接人', '负责人', 'contact', 'contactname', 'contactperson'],
  contactTitle: ['联系人职务', '职务', '职位', '联系人职位', 'contacttitle', 'title', 'jobtitle', 'position'],
  contactPhone: ['联系电话', '电话', '手机', '手机号', '联系方式', '手机号码', '电话号码', 'phone', 'telephone', 'mobile', 'tel'],
  contactEmail: ['电子邮箱', '邮箱', '电子邮件', 'email', 'e-mail', 'mail'],
  owner: ['我方负责人', '校方负责人', '跟进人', '对接老师', 'owner', 'accountowner', 'ourowner'],
  contactWechat: ['联系人微信', '微信', '微信号', 'wechat', 'weixin', 'wechatid'],
}

/** Case, spaces, punctuation and full-width forms do not matter in a header. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_\-:：*()（）.]+/g, '')
}

const SYNONYM_INDEX = new Map<string, ImportField>()
for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [ImportField, string[]][]) {
  for (const name of names) if (!SYNONYM_INDEX.has(headerKey(name))) SYNONYM_INDEX.set(headerKey(name), field)
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

type Labels<T extends string> = Record<T, { zh: string; en: string }>

export const SIZE_LABELS: Labels<Exclude<(typeof ENTERPRISE_SIZES)[number], ''>> = {
  micro: { zh: '微型', en: 'Micro' },
  small: { zh: '小型', en: 'Small' },
  medium: { zh: '中型', en: 'Medium' },
  large: { zh: '大型', en: 'Large' },
}
export const STAGE_LABELS: Labels<(typeof COOPERATION_STAGES)[number]> = {
  prospect: { zh: '潜在合作', en: 'Prospect' },
  contacted: { zh: '已接洽', en: 'Contacted' },
  negotiating: { zh: '洽谈中', en: 'Negotiating' },
  cooperating: { zh: '合作中', en: 'Cooperating' },
  paused: { zh: '已暂停', en: 'Paused' },
}
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

/** Tags in one cell: separated by commas, semicolons or 、 in either width. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,，;；、|\n]+/).map((t) => t.trim()).filter(Boolean))]
}
export const LIST_SEPARATOR: Record<Language, string> = { zh: '、', en: ', ' }
