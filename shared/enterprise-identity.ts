/**
 * When two enterprise files are the same enterprise. One rule for the whole product — the picker, the new-enterprise
 * dialog, every import, the trip file and the core's own check on create — so that "汇润集团(苏州)" typed in a hurry
 * finds "汇润集团（苏州）有限公司" instead of starting a second file beside it.
 */

/** Legal-form endings that do not tell two enterprises apart, longest first. */
const LEGAL_FORM_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd.',
  'co.ltd',
  'corporation',
  'limited',
  'ltd.',
  'ltd',
  'inc.',
  'inc',
]

/**
 * The form of an enterprise name used to compare names: NFKC (full-width letters, digits, brackets and spaces made
 * half-width), case folded, spaces dropped, the legal-form suffix removed (repeatedly: "… Co., Ltd."), then brackets
 * and punctuation dropped. "汇润集团（苏州）有限公司" and "汇润集团(苏州)" both become "汇润集团苏州".
 */
export function enterpriseNameKey(name: string): string {
  let text = name.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
  for (;;) {
    const suffix = LEGAL_FORM_SUFFIXES.find((s) => text.endsWith(s) && text.length > s.length)
    if (!suffix) break
    text = text.slice(0, -suffix.length).replace(/[,.，。]+$/, '')
  }
  return text.replace(/[()[\]【】.,，。'"“”‘’·・\-_/]/g, '')
}

/** A unified social credit code as stored: NFKC, spaces dropped, upper case ('' when none was given). */
export function creditCodeKey(code: string): string {
  return code.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** What identifies an enterprise: its name and its credit code ('' when unknown). */
export interface EnterpriseIdentity {
  name: string
  creditCode: string
}

export type SameEnterpriseReason = 'creditCode' | 'name'

export interface SameEnterprise<E> {
  enterprise: E
  by: SameEnterpriseReason
}

/**
 * Finds which known enterprise a candidate is: the same credit code first (the only identity the state issues),
 * else the same name key. Two different credit codes are two enterprises even under one name (a group's
 * subsidiaries registered separately), so a name match with another code does not count. Kept as two maps, so an
 * import of 100,000 rows asks it once per row without scanning.
 */
export class SameEnterpriseIndex<E> {
  private readonly byCode = new Map<string, E>()
  private readonly byName = new Map<string, E>()

  constructor(private readonly identityOf: (enterprise: E) => EnterpriseIdentity) {}

  /** Adds an enterprise; the first one added under a code or name key stays the one found. */
  add(enterprise: E): this {
    const { name, creditCode } = this.identityOf(enterprise)
    const code = creditCodeKey(creditCode)
    if (code && !this.byCode.has(code)) this.byCode.set(code, enterprise)
    const key = enterpriseNameKey(name)
    if (key && !this.byName.has(key)) this.byName.set(key, enterprise)
    return this
  }

  find(candidate: { name: string; creditCode?: string }): SameEnterprise<E> | undefined {
    const code = creditCodeKey(candidate.creditCode ?? '')
    const sameCode = code ? this.byCode.get(code) : undefined
    if (sameCode !== undefined) return { enterprise: sameCode, by: 'creditCode' }
    const sameName = this.byName.get(enterpriseNameKey(candidate.name))
    if (sameName === undefined) return undefined
    const theirCode = creditCodeKey(this.identityOf(sameName).creditCode)
    return code && theirCode && theirCode !== code ? undefined : { enterprise: sameName, by: 'name' }
  }
}

/** The enterprise among `existing` that `candidate` is, if any (see `SameEnterpriseIndex`). */
export function findSameEnterprise<E extends EnterpriseIdentity>(existing: Iterable<E>, candidate: EnterpriseIdentity): SameEnterprise<E> | undefined {
  const index = new SameEnterpriseIndex<E>((e) => e)
  for (const enterprise of existing) index.add(enterprise)
  return index.find(candidate)
}

/** Whether typed text finds an enterprise name in a picker: its key is part of the name's key. */
export function enterpriseNameMatches(name: string, typed: string): boolean {
  const key = enterpriseNameKey(typed)
  return key === '' || enterpriseNameKey(name).includes(key) || name.includes(typed.trim())
}
