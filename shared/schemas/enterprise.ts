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
})
export type EnterpriseInput = z.input<typeof EnterpriseInput>
/** Creating a file: refused as ENTERPRISE_DUPLICATE when the enterprise has one, unless `allowDuplicate` says so. */
export const EnterpriseCreateInput = EnterpriseInput.extend({ allowDuplicate: z.boolean().optional() })
export type EnterpriseCreateInput = z.input<typeof EnterpriseCreateInput>
export const EnterpriseFields = z.object(enterpriseFields)
export const EnterprisePatch = EnterpriseFields.partial()
export const Enterprise = record(enterpriseFields)
export type Enterprise = z.infer<typeof Enterprise>

const contactFields = {
  enterpriseId: Id,
  name: requiredText(100),
  title: shortText(100),
  phone: shortText(50),
  email: z.union([z.literal(''), z.string().trim().max(200).pipe(z.email())]),
  notes: shortText(2000),
}
export const ContactInput = z.object({
  ...contactFields,
  title: contactFields.title.default(''),
  phone: contactFields.phone.default(''),
  email: contactFields.email.default(''),
  notes: contactFields.notes.default(''),
})
export const ContactFields = z.object(contactFields)
export const ContactPatch = ContactFields.omit({ enterpriseId: true }).partial()
export const Contact = record(contactFields)
export type Contact = z.infer<typeof Contact>
