import { z } from 'zod'
import { Amount, Count, Id, IsoDate, OptionalId, record, requiredText, shortText } from './common'

export const AGREEMENT_KINDS = [
  'order_class',
  'apprenticeship',
  'industry_college',
  'training_base',
  'employment_base',
  'other',
] as const
/** consensus → signed → in execution → closed. */
export const AGREEMENT_STATUSES = ['consensus', 'signed', 'executing', 'closed'] as const

const OptionalDate = z.union([z.literal(''), IsoDate])

const agreementFields = {
  tripId: OptionalId,
  enterpriseId: Id,
  title: requiredText(200),
  kind: z.enum(AGREEMENT_KINDS),
  status: z.enum(AGREEMENT_STATUSES),
  signedDate: OptionalDate,
  parties: shortText(1000),
  amountYuan: Amount,
  positions: Count,
  termStart: OptionalDate,
  termEnd: OptionalDate,
  owner: shortText(100),
  terms: shortText(50_000),
}

const termEndNotBeforeStart = (a: { termStart?: string | undefined; termEnd?: string | undefined }) =>
  !a.termStart || !a.termEnd || a.termEnd >= a.termStart
const termRule = { path: ['termEnd'], params: { key: 'endBeforeStart' } }

export const AgreementInput = z
  .object({
    ...agreementFields,
    tripId: agreementFields.tripId.default(''),
    kind: agreementFields.kind.default('other'),
    status: agreementFields.status.default('consensus'),
    signedDate: agreementFields.signedDate.default(''),
    parties: agreementFields.parties.default(''),
    amountYuan: agreementFields.amountYuan.default(0),
    positions: agreementFields.positions.default(0),
    termStart: agreementFields.termStart.default(''),
    termEnd: agreementFields.termEnd.default(''),
    owner: agreementFields.owner.default(''),
    terms: agreementFields.terms.default(''),
  })
  .refine(termEndNotBeforeStart, termRule)
export const AgreementFields = z.object(agreementFields).refine(termEndNotBeforeStart, termRule)
export const AgreementPatch = z.object(agreementFields).omit({ enterpriseId: true }).partial()
export const Agreement = record(agreementFields)
export type Agreement = z.infer<typeof Agreement>
