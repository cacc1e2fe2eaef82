import type { Workbook } from 'exceljs'
import type { CampaignFigures, LedgerRow } from '../../../../shared/procedures/campaign'
import { ENTERPRISE_LIST_COLUMNS } from '../../../../shared/fields'
import type { LeadershipLevel } from '../../../../shared/schemas/staff'
import { loadExcel } from '../../load-on-first-use'

type Language = 'zh' | 'en'

/** The enterprise's columns carry the enterprise list's headers (the field registry). */
const enterpriseHeader = (field: 'creditCode' | 'industry' | 'region', language: Language) => ENTERPRISE_LIST_COLUMNS.find((column) => column.key === field)!.header[language]
const HEADERS: Record<Language, readonly string[]> = {
  zh: ['日期', '企业名称', ...(['creditCode', 'industry', 'region'] as const).map((f) => enterpriseHeader(f, 'zh')), '走访人', '职务', '级别', '部门', '同行人员', '就业岗位', '实习岗位', '协议', '后续跟进'],
  en: ['Date', 'Enterprise', ...(['creditCode', 'industry', 'region'] as const).map((f) => enterpriseHeader(f, 'en')), 'Visited by', 'Position', 'Level', 'Department', 'Present', 'Jobs', 'Internships', 'Agreements', 'Follow-ups'],
}
const WIDTHS = [12, 34, 22, 16, 14, 10, 16, 12, 16, 24, 10, 10, 8, 40]

export const LEVEL_NAMES: Record<Language, Record<LeadershipLevel, string>> = {
  zh: { school: '校级领导', department: '院系负责人', other: '其他' },
  en: { school: 'College leader', department: 'Head of department', other: 'Other' },
}

function cells(row: LedgerRow, language: Language): (string | number)[] {
  const list = language === 'zh' ? '、' : ', '
  return [
    row.date,
    row.enterpriseName,
    row.creditCode,
    row.industry,
    row.region,
    row.staffName,
    row.position,
    row.level ? LEVEL_NAMES[language][row.level] : '',
    row.department,
    row.present.join(list),
    row.jobs,
    row.internships,
    row.agreements,
    row.followUps.join(language === 'zh' ? '；' : '; '),
  ]
}

function addSheet(workbook: Workbook, name: string, rows: readonly LedgerRow[], language: Language): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = HEADERS[language].map((header, index) => ({ header, width: WIDTHS[index] }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(cells(row, language))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADERS[language].length } }
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[:\\/?*[\]]/g, ' ').trim() || 'Sheet').slice(0, 28)
  let candidate = base
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}(${n})`
  taken.add(candidate)
  return candidate
}

/**
 * The ledger as a workbook: one row per person of ours per enterprise visit (a visit nobody is named on has one
 * row), the day's surveyed positions and agreements on each row; optionally one sheet per leader after it.
 */
export async function ledgerWorkbook(figures: CampaignFigures, language: Language, sheetPerLeader: boolean): Promise<Buffer> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Fieldbook'
  const taken = new Set<string>()
  addSheet(workbook, sheetName(language === 'zh' ? '访企拓岗台账' : 'Ledger', taken), figures.ledger, language)
  if (sheetPerLeader) {
    for (const leader of figures.leaders) {
      const rows = figures.ledger.filter((row) => row.staffId === leader.staffId)
      if (rows.length > 0) addSheet(workbook, sheetName(leader.name, taken), rows, language)
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
