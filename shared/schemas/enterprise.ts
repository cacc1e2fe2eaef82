import { z } from 'zod'
import { creditCodeKey } from '../enterprise-identity'
import type { FieldSpecs } from '../field-spec'
import { Id, record, requiredText, shortText } from './common'

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-letter alphabet, the last
 * a check character over the first 17.
 */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_ALPHABET.indexOf(first17[i] ?? '')
    if (value < 0) return null
    sum += value * CREDIT_WEIGHTS[i]!
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false
  return creditCodeCheckChar(code.slice(0, 17)) === code[17]
}

/** Optional; when given it must be a real code. Lower case, full-width characters and spaces are forgiven. */
export const CreditCode = z
  .string()
  .transform(creditCodeKey)
  .refine((code) => code === '' || isValidCreditCode(code), { params: { key: 'invalidCreditCode' } })

export const ENTERPRISE_SIZES = ['', 'micro', 'small', 'medium', 'large'] as const
export const COOPERATION_STAGES = ['prospect', 'contacted', 'negotiating', 'cooperating', 'paused'] as const

const enterpriseFields = {
  name: requiredText(200),
  creditCode: CreditCode,
  industry: shortText(100),
  region: shortText(100),
  address: shortText(300),
  size: z.enum(ENTERPRISE_SIZES),
  website: shortText(300),
  wechatAccount: shortText(100),
  tags: z.array(requiredText(40)).max(40),
  stage: z.enum(COOPERATION_STAGES),
  profile: shortText(20_000),
  /** Who of ours looks after the relationship (负责人), as people write their name. */
  owner: shortText(100),
}

/**
 * Each enterprise field's entry in the field registry (shared/fields.ts): labels, sync, search, the enterprise
 * list's column and the enterprise file's row. Everything that names, imports, exports, indexes or prints an
 * enterprise field reads it from here.
 */
export const ENTERPRISE_FIELD_SPECS = {
  name: {
    label: { zh: '企业名称', en: 'Name' },
    watch: 'text',
    search: 'title',
    column: { width: 32, synonyms: ['名称', '单位名称', '企业', '公司名称', '公司', '单位', 'enterprise', 'enterprisename', 'company', 'companyname', 'organization'] },
    report: true,
  },
  creditCode: {
    label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    watch: 'value',
    search: 'body',
    column: {
      header: { zh: '统一社会信用代码', en: 'Credit code' },
      width: 22,
      synonyms: ['信用代码', '社会信用代码', '统一代码', '组织机构代码', 'creditcode', 'unifiedsocialcreditcode', 'uscc', 'usci'],
    },
    report: { zh: '统一社会信用代码', en: 'Credit code' },
  },
  industry: {
    label: { zh: '行业', en: 'Industry' },
    watch: 'text',
    search: 'body',
    column: { width: 16, synonyms: ['所属行业', '行业类别', '行业分类', 'sector'] },
    report: { zh: '所属行业', en: 'Industry' },
  },
  region: {
    label: { zh: '地区', en: 'Region' },
    watch: 'text',
    search: 'body',
    column: { width: 14, synonyms: ['所在地', '所在地区', '区域', '省市', '城市', '所在城市', 'city', 'province', 'location', 'area'] },
    report: { zh: '所在地区', en: 'Region' },
  },
  address: {
    label: { zh: '地址', en: 'Address' },
    watch: 'text',
    search: 'body',
    column: { width: 30, synonyms: ['详细地址', '企业地址', '注册地址', '通讯地址', '办公地址'] },
    report: true,
  },
  size: {
    label: { zh: '企业规模', en: 'Size' },
    watch: 'value',
    column: { header: { zh: '规模', en: 'Size' }, width: 8, synonyms: ['人员规模', 'scale', 'companysize'] },
    choices: { micro: { zh: '微型', en: 'Micro' }, small: { zh: '小型', en: 'Small' }, medium: { zh: '中型', en: 'Medium' }, large: { zh: '大型', en: 'Large' } },
  },
  website: {
    label: { zh: '网站', en: 'Website' },
    watch: 'text',
    search: 'body',
    column: { width: 24, synonyms: ['网址', '官网', '主页', 'url', 'homepage', 'web'] },
    report: true,
  },
  wechatAccount: {
    label: { zh: '微信公众号', en: 'WeChat official account' },
    watch: 'text',
    search: 'body',
    column: { width: 20, synonyms: ['公众号', '官方公众号', 'officialaccount', 'wechatofficialaccount'] },
    report: true,
  },
  tags: {
    label: { zh: '标签', en: 'Tags' },
    watch: 'list',
    search: 'body',
    column: { width: 20, synonyms: ['关键词', 'tag', 'keywords'] },
    report: true,
  },
  stage: {
    label: { zh: '合作阶段', en: 'Cooperation stage' },
    watch: 'value',
    column: { header: { zh: '合作阶段', en: 'Stage' }, width: 12, synonyms: ['阶段', '合作状态', 'cooperationstage', 'status'] },
    choices: {
      prospect: { zh: '潜在合作', en: 'Prospect' },
      contacted: { zh: '已接洽', en: 'Contacted' },
      negotiating: { zh: '洽谈中', en: 'Negotiating' },
      cooperating: { zh: '合作中', en: 'Cooperating' },
      paused: { zh: '已暂停', en: 'Paused' },
    },
    report: { zh: '合作阶段', en: 'Stage' },
  },
  // The profile is printed as the paragraph under the profile table, not as a row of it.
  profile: {
    label: { zh: '企业简介', en: 'Profile' },
    watch: 'text',
    search: 'body',
    column: { header: { zh: '简介', en: 'Profile' }, width: 40, synonyms: ['公司简介', '备注', '说明', 'description', 'notes', 'remarks', 'about'] },
  },
  owner: {
    label: { zh: '我方负责人', en: 'Our owner' },
    watch: 'text',
    search: 'body',
    column: { width: 12, synonyms: ['校方负责人', '跟进人', '对接老师', 'owner', 'accountowner', 'ourowner'] },
    // Who keeps the relationship is part of the file a secretariat hands on.
    report: true,
  },
} as const satisfies FieldSpecs<typeof enterpriseFields>

export const EnterpriseInput = z.object({
  ...enterpriseFields,
  creditCode: enterpriseFields.creditCode.default(''),
  industry: enterpriseFields.industry.default(''),
  region: enterpriseFields.region.default(''),
  address: enterpriseFields.address.default(''),
  size: enterpriseFields.size.default(''),
  website: enterpriseFields.website.default(''),
  wechatAccount: enterpriseFields.wechatAccount.default(''),
  tags: enterpriseFields.tags.default([]),
  stage: enterpriseFields.stage.default('prospect'),
  profile: enterpriseFields.profile.default(''),
  owner: enterpriseFields.owner.default(''),
})
export type EnterpriseInput = z.input<typeof EnterpriseInput>
/** Creating a file: refused as ENTERPRISE_DUPLICATE when the enterprise has one, unless `allowDuplicate` says so. */
export const EnterpriseCreateInput = EnterpriseInput.extend({ allowDuplicate: z.boolean().optional() })
export type EnterpriseCreateInput = z.input<typeof EnterpriseCreateInput>
export const EnterpriseFields = z.object(enterpriseFields)
export const EnterprisePatch = EnterpriseFields.partial()
/** Read with each field's default: a trip file written before a field existed still imports. */
export const Enterprise = record(EnterpriseInput.shape)
export type Enterprise = z.infer<typeof Enterprise>

/**
 * A phone number as Chinese offices write them: a mobile (11 digits from 13–19, optionally +86), or a landline
 * with its area code (010-12345678, 0512-65881234, (0512)65881234), either with an extension after 转, 分机, ext,
 * x, # or a hyphen. Spaces are forgiven; the number is kept as typed.
 */
const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/
const LANDLINE = /^(?:\(0\d{2}\)|0\d{2}-?)\d{8}$|^(?:\(0\d{3}\)|0\d{3}-?)\d{7,8}$/
/** Written for callers abroad: +86, then the area code without its 0 (+86 512 6588 1234). */
const LANDLINE_INTERNATIONAL = /^(?:\+86|0086)-?\(?[1-9]\d{1,2}\)?-?\d{7,8}$/
const EXTENSION = /^(.+?)(?:转|分机|ext\.?|x|#|-)\d{1,6}$/i

export function isPhoneNumber(text: string): boolean {
  const compact = text.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/＋/g, '+')
  const withoutExtension = EXTENSION.exec(compact)?.[1]
  return [compact, withoutExtension].some(
    (main) => main !== undefined && (MOBILE.test(main.replace(/-/g, '')) || LANDLINE.test(main) || LANDLINE_INTERNATIONAL.test(main)),
  )
}

/** Checked when a person types it; numbers stored before the check (or received from an older peer) still load and sync. */
export const PhoneNumber = shortText(50).refine((phone) => phone === '' || isPhoneNumber(phone), { params: { key: 'invalidPhone' } })

const contactFields = {
  enterpriseId: Id,
  name: requiredText(100),
  title: shortText(100),
  phone: shortText(50),
  email: z.union([z.literal(''), z.string().trim().max(200).pipe(z.email())]),
  notes: shortText(2000),
  wechat: shortText(100),
  /** The person to call first; several may be marked, the summary lists them first. */
  isPrimary: z.boolean(),
}
/** Each contact field's entry in the field registry; the enterprise list carries one contact per row. */
export const CONTACT_FIELD_SPECS = {
  enterpriseId: { watch: 'merge' },
  name: {
    label: { zh: '姓名', en: 'Name' },
    watch: 'text',
    search: 'title',
    column: { header: { zh: '联系人', en: 'Contact' }, width: 12, synonyms: ['联系人姓名', '对接人', '负责人', 'contactname', 'contactperson'] },
  },
  title: {
    label: { zh: '职务', en: 'Title' },
    watch: 'text',
    search: 'body',
    column: { header: { zh: '联系人职务', en: 'Contact title' }, width: 14, synonyms: ['职务', '职位', '联系人职位', 'title', 'jobtitle', 'position'] },
  },
  phone: {
    label: { zh: '电话', en: 'Phone' },
    watch: 'text',
    search: 'body',
    column: { header: { zh: '联系电话', en: 'Phone' }, width: 16, synonyms: ['手机', '手机号', '联系方式', '手机号码', '电话号码', 'telephone', 'mobile', 'tel'] },
  },
  email: {
    label: { zh: '邮箱', en: 'Email' },
    watch: 'value',
    search: 'body',
    column: { header: { zh: '电子邮箱', en: 'Email' }, width: 22, synonyms: ['电子邮件', 'e-mail', 'mail'] },
  },
  notes: { label: { zh: '备注', en: 'Notes' }, watch: 'text', search: 'body' },
  wechat: {
    label: { zh: '微信', en: 'WeChat' },
    watch: 'text',
    search: 'body',
    column: { header: { zh: '联系人微信', en: 'Contact WeChat' }, width: 16, synonyms: ['微信号', '微信', 'wechat', 'weixin', 'wechatid'] },
  },
  isPrimary: { label: { zh: '主要联系人', en: 'Primary contact' }, watch: 'value' },
} as const satisfies FieldSpecs<typeof contactFields>

export const ContactInput = z.object({
  ...contactFields,
  title: contactFields.title.default(''),
  phone: PhoneNumber.default(''),
  email: contactFields.email.default(''),
  notes: contactFields.notes.default(''),
  wechat: contactFields.wechat.default(''),
  isPrimary: contactFields.isPrimary.default(false),
})
export type ContactInput = z.input<typeof ContactInput>
/** What is stored and synced: the phone is not checked here, so an older value is never refused on read or sync. */
export const ContactFields = z.object(contactFields)
export const ContactPatch = ContactFields.omit({ enterpriseId: true }).extend({ phone: PhoneNumber }).partial()
/**
 * Read with each field's default (a trip file written before a field existed still imports), and with the phone
 * unchecked: a number stored before the check, or received from an older peer, still loads.
 */
export const Contact = record({ ...ContactInput.shape, phone: contactFields.phone.default('') })
export type Contact = z.infer<typeof Contact>
