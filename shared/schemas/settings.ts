import { z } from 'zod'
import { shortText } from './common'

export const REPORT_STYLES = ['official', 'standard'] as const
export const ReportStyleName = z.enum(REPORT_STYLES)

/** The college as it appears on every document: name, department, signature block and house style. */
export const CollegeProfile = z.object({
  collegeName: shortText(100),
  department: shortText(100),
  signature: shortText(200),
  defaultStyle: ReportStyleName,
  /** The college's logo as PNG bytes in base64, already scaled down; '' for none. */
  logo: z.string().max(1_000_000),
})
export type CollegeProfile = z.infer<typeof CollegeProfile>

export const DEFAULT_COLLEGE_PROFILE: CollegeProfile = { collegeName: '', department: '', signature: '', defaultStyle: 'official', logo: '' }
