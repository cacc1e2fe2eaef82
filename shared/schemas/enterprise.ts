import { z } from 'zod'
import { creditCodeKey } from '../enterprise-identity'
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
  tags: z.array(requiredText(40)).max(40),
  stage: z.enum(COOPERATION_STAGES),
  profile: shortText(20_000),
  /** Who of ours looks after the relationship (负责人), as people write their name. */
  owner: shortText(100),
}

export const EnterpriseInput = z.object({
  ...enterpriseFields,
  creditCode: enterpriseFields.creditCode.default(''),
  industry: enterpriseFields.industry.default(''),
  region: enterpriseFields.region.default(''),
  address: enterpriseFields.address.default(''),
  size: enterpriseFields.size.default(''),
  website: enterpriseFields.website.default(''),
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
/** Read with a default owner: trip files written before it existed have none. */
export const Enterprise = record({ ...enterpriseFields, owner: enterpriseFields.owner.default('') })
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
/** Read with defaults for WeChat and the primary flag: trip files written before them have neither. */
export const Contact = record({ ...contactFields, wechat: contactFields.wechat.default(''), isPrimary: contactFields.isPrimary.default(false) })
export type Contact = z.infer<typeof Contact>
