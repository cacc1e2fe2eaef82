import type { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../shared/schemas/agreement'

export type ReportLanguage = 'zh' | 'en'

/** How the documents name agreement kinds and statuses. */
export const KIND: Record<ReportLanguage, Record<(typeof AGREEMENT_KINDS)[number], string>> = {
  zh: {
    order_class: '订单（定向）班',
    apprenticeship: '现代学徒制',
    industry_college: '产业学院',
    training_base: '实训基地',
    employment_base: '就业实习基地',
    other: '其他合作',
  },
  en: {
    order_class: 'Order / orientation class',
    apprenticeship: 'Modern apprenticeship',
    industry_college: 'Industry college',
    training_base: 'Training base',
    employment_base: 'Employment / internship base',
    other: 'Other',
  },
}
export const STATUS: Record<ReportLanguage, Record<(typeof AGREEMENT_STATUSES)[number], string>> = {
  zh: { consensus: '达成共识', signed: '已签约', executing: '执行中', closed: '已结束' },
  en: { consensus: 'Consensus', signed: 'Signed', executing: 'In execution', closed: 'Closed' },
}

