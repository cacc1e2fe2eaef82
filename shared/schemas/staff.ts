import { z } from 'zod'
import { IsoDate, record, requiredText, shortText } from './common'

/**
 * How senior one of our people is, as the 访企拓岗 action counts them: 校级领导 (书记, 校长, 副书记, 副校长),
 * 院系负责人 (heads of schools and departments), and everyone else who goes along.
 */
export const LEADERSHIP_LEVELS = ['school', 'department', 'other'] as const
export const LeadershipLevel = z.enum(LEADERSHIP_LEVELS)
export type LeadershipLevel = z.infer<typeof LeadershipLevel>

/** One person of the college, across trips: trip members and quick-visit attendance link to this record. */
const staffFields = {
  name: requiredText(100),
  position: shortText(100),
  department: shortText(100),
  level: LeadershipLevel,
}
export const StaffInput = z.object({
  ...staffFields,
  position: staffFields.position.default(''),
  department: staffFields.department.default(''),
  level: staffFields.level.default('other'),
})
export const StaffFields = z.object(staffFields)
export const StaffPatch = StaffFields.partial()
export const Staff = record(staffFields)
export type Staff = z.infer<typeof Staff>

/** The campaign's period: a calendar year (the default) or any range of local calendar dates. */
export const CampaignPeriod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100) }),
  z
    .object({ kind: z.literal('custom'), from: IsoDate, to: IsoDate })
    .refine((period) => period.to >= period.from, { path: ['to'], params: { key: 'endBeforeStart' } }),
])
export type CampaignPeriod = z.infer<typeof CampaignPeriod>

const Target = z.number().int().min(0).max(1_000_000)

/** Local to this laptop, like the college profile: the period, visits expected of each level, optional targets. */
export const CampaignSettings = z.object({
  period: CampaignPeriod,
  quotas: z.object({ school: Target, department: Target, other: Target }),
  /** 0 means no target. */
  targets: z.object({ positions: Target, agreements: Target }),
})
export type CampaignSettings = z.infer<typeof CampaignSettings>

/** The notice's figure for higher-vocational colleges: each college leader leads at least 100 visits a year. */
export const DEFAULT_SCHOOL_QUOTA = 100

export function defaultCampaignSettings(today: string): CampaignSettings {
  return {
    period: { kind: 'year', year: Number(today.slice(0, 4)) },
    quotas: { school: DEFAULT_SCHOOL_QUOTA, department: 0, other: 0 },
    targets: { positions: 0, agreements: 0 },
  }
}
