import { randomBytes } from 'node:crypto'
import { rename, rm, stat, writeFile } from 'node:fs/promises'
import { stringify } from 'csv-stringify/sync'
import type { SpreadsheetFormat, TableExportRequest } from '../../../shared/exchange/api'
import { ENTERPRISE_LIST_COLUMNS, type ListColumn } from '../../../shared/fields'
import type { CoreContext } from '../context'
import { columnKind, columnName } from '../store/tables'
import { loadExcel } from '../load-on-first-use'
import type { StoredRecord } from '../domain/records'
import {
  ACTION_STATUS_LABELS,
  EDUCATION_LABELS,
  label,
  LINKED_KIND_LABELS,
  LIST_SEPARATOR,
  POSITION_KIND_LABELS,
  SURVEY_STATUS_LABELS,
  type Language,
} from './labels'
import { collectTrip } from './trip-file'

type Cell = string | number | null
type Text = { zh: string; en: string }
interface Column {
  header: Text
  width: number
  /** Dates are written as real dates in .xlsx (YYYY-MM-DD text in .csv); numbers as numbers. */
  kind?: 'date' | 'number'
}
export interface Sheet {
  name: Text
  columns: Column[]
  rows: Cell[][]
}

const col = (zh: string, en: string, width: number, kind?: Column['kind']): Column => ({ header: { zh, en }, width, ...(kind ? { kind } : {}) })
type Rec = StoredRecord & Record<string, unknown>

/** The rows of one export, with headers and labels in the user's language. */
export function sheetFor(context: CoreContext, request: TableExportRequest): Sheet {
  const { records } = context
  const lang: Language = request.language
  const enterpriseNames = new Map<string, string>()
  const enterpriseName = (id: string) => {
    if (!id) return ''
    if (!enterpriseNames.has(id)) enterpriseNames.set(id, (records.enterprise.find(id)?.['name'] as string | undefined) ?? '')
    return enterpriseNames.get(id)!
  }
  const tripTitles = new Map<string, string>()
  const tripTitle = (id: string) => {
    if (!id) return ''
    if (!tripTitles.has(id)) tripTitles.set(id, (records.trip.find(id)?.['title'] as string | undefined) ?? '')
    return tripTitles.get(id)!
  }
  const scope = request.tripId ? { tripId: request.tripId } : {}
  const joined = (values: unknown) => (values as string[]).join(LIST_SEPARATOR[lang])
  const live = (list: Rec[]) => list.filter((r) => !r.deleted)
  const withTrip = !request.tripId

  switch (request.kind) {
    case 'positions': {
      const surveys = records.survey.list(scope) as Rec[]
      const rows: Cell[][] = []
      for (const survey of surveys) {
        for (const p of records.position.list({ surveyId: survey.id }) as Rec[]) {
          rows.push([
            ...(withTrip ? [tripTitle(survey['tripId'] as string)] : []),
            enterpriseName(survey['enterpriseId'] as string),
            survey['date'] as string,
            p['title'] as string,
            p['headcount'] as number,
            label(POSITION_KIND_LABELS, p['kind'] as 'employment', lang),
            joined(p['majors']),
            p['skills'] as string,
            p['certificates'] as string,
            label(EDUCATION_LABELS, p['education'] as 'any', lang),
            (p['payMin'] as number) || null,
            (p['payMax'] as number) || null,
            p['startTiming'] as string,
          ])
        }
      }
      return {
        name: { zh: '岗位需求', en: 'Positions' },
        columns: [
          ...(withTrip ? [col('调研行程', 'Trip', 24)] : []),
          col('企业', 'Enterprise', 32),
          col('调研日期', 'Survey date', 12, 'date'),
          col('岗位', 'Position', 20),
          col('需求人数', 'Headcount', 10, 'number'),
          col('类型', 'Kind', 10),
          col('专业', 'Majors', 24),
          col('技能要求', 'Skills', 30),
          col('证书', 'Certificates', 20),
          col('学历', 'Education', 12),
          col('月薪下限（元）', 'Pay from (yuan/month)', 14, 'number'),
          col('月薪上限（元）', 'Pay to (yuan/month)', 14, 'number'),
          col('到岗时间', 'Start', 14),
        ],
        rows,
      }
    }
    case 'surveys': {
      const surveys = records.survey.list(scope) as Rec[]
      // A trip's questionnaire gives one column per question; across trips the questions differ.
      const questions = request.tripId
        ? (records.questionnaire.list({ tripId: request.tripId }) as Rec[]).flatMap((q) => q['questions'] as { id: string; text: string }[])
        : []
      const answerText = (value: unknown) => (Array.isArray(value) ? joined(value) : value === undefined ? '' : (value as string | number))
      const rows = surveys.map((s): Cell[] => {
        const positions = records.position.list({ surveyId: s.id }) as Rec[]
        const answers = s['answers'] as Record<string, unknown>
        return [
          ...(withTrip ? [tripTitle(s['tripId'] as string)] : []),
          enterpriseName(s['enterpriseId'] as string),
          s['date'] as string,
          s['respondent'] as string,
          s['respondentTitle'] as string,
          label(SURVEY_STATUS_LABELS, s['status'] as 'draft', lang),
          positions.length,
          positions.reduce((sum, p) => sum + (p['headcount'] as number), 0),
          s['notes'] as string,
          ...questions.map((q) => answerText(answers[q.id])),
        ]
      })
      return {
        name: { zh: '需求调研', en: 'Surveys' },
        columns: [
          ...(withTrip ? [col('调研行程', 'Trip', 24)] : []),
          col('企业', 'Enterprise', 32),
          col('日期', 'Date', 12, 'date'),
          col('受访人', 'Respondent', 14),
          col('受访人职务', 'Respondent title', 16),
          col('状态', 'Status', 10),
          col('岗位数', 'Positions', 10, 'number'),
          col('需求人数', 'Headcount', 10, 'number'),
          col('备注', 'Notes', 30),
          ...questions.map((q) => col(q.text, q.text, 24)),
        ],
        rows,
      }
    }
    case 'enterprises': {
      const enterprises = request.tripId ? (collectTrip(context, request.tripId).enterprises as unknown as Rec[]) : (records.enterprise.list() as Rec[])
      // The first contact of each enterprise fills the list's contact columns; rows as stored (column names).
      const contactOf = new Map<string, Record<string, unknown>>()
      const contacts = context.store.db.prepare('SELECT * FROM contacts WHERE deleted = 0 ORDER BY id').all() as Record<string, unknown>[]
      for (const contact of contacts) if (!contactOf.has(contact['enterprise_id'] as string)) contactOf.set(contact['enterprise_id'] as string, contact)
      const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en')
      const sorted = live(enterprises).sort((a, b) => collator.compare(a['name'] as string, b['name'] as string))
      // Every column, its header and how its value is written come from the field registry.
      const cell = (column: ListColumn, value: unknown): Cell => {
        if (column.spec.choices) return typeof value === 'string' && value !== '' ? (column.spec.choices[value]?.[lang] ?? value) : ''
        if (Array.isArray(value)) return joined(value)
        return (value as Cell | undefined) ?? ''
      }
      return {
        name: { zh: '企业名录', en: 'Enterprises' },
        columns: ENTERPRISE_LIST_COLUMNS.map((column) => col(column.header.zh, column.header.en, column.width)),
        rows: sorted.map((e) => {
          const contact = contactOf.get(e.id)
          return ENTERPRISE_LIST_COLUMNS.map((column) => {
            if (column.table === 'enterprises') return cell(column, e[column.field])
            if (!contact) return ''
            const stored = contact[columnName(column.field)]
            return cell(column, columnKind('contacts', columnName(column.field)) === 'json' ? JSON.parse(stored as string) : stored)
          })
        }),
      }
    }
    case 'actions': {
      const actions = records.action.list(scope) as Rec[]
      return {
        name: { zh: '跟进事项', en: 'Follow-ups' },
        columns: [
          col('事项', 'Follow-up', 40),
          col('负责人', 'Owner', 14),
          col('截止日期', 'Due', 12, 'date'),
          col('状态', 'Status', 10),
          col('企业', 'Enterprise', 28),
          ...(withTrip ? [col('调研行程', 'Trip', 24)] : []),
          col('关联记录', 'Linked to', 12),
          col('备注', 'Notes', 40),
        ],
        rows: actions.map((a) => [
          a['title'] as string,
          a['owner'] as string,
          a['dueDate'] as string,
          label(ACTION_STATUS_LABELS, a['status'] as 'open', lang),
          enterpriseName(a['enterpriseId'] as string),
          ...(withTrip ? [tripTitle(a['tripId'] as string)] : []),
          label(LINKED_KIND_LABELS, a['linkedKind'] as 'trip', lang),
          a['notes'] as string,
        ]),
      }
    }
  }
}

/**
 * A text cell a spreadsheet program would run as a formula (`=HYPERLINK(…)`, `+SUM(…)`, `-2+3+cmd|…`, `@SUM(…)`,
 * or one starting with a tab or carriage return) gets a leading apostrophe, as OWASP recommends for CSV: it then
 * shows as the text it is. Numbers stay numbers (a negative amount is written as a number, not text).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function asDate(text: Cell): Date | Cell {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return text === '' ? null : text
  return new Date(`${text}T00:00:00Z`)
}

/**
 * Writes the sheet as .xlsx (bold frozen header, column widths, filters, dates as dates; streamed, so a long
 * list never sits whole in memory) or as .csv (UTF-8 with a BOM, so Excel shows Chinese correctly), through a
 * temporary file renamed into place: a failed export never leaves half a file.
 */
export async function writeSheet(sheet: Sheet, format: SpreadsheetFormat, language: Language, filePath: string): Promise<number> {
  const temporary = `${filePath}.${randomBytes(4).toString('hex')}.partial`
  try {
    if (format === 'csv') {
      const header = sheet.columns.map((c) => c.header[language])
      const rows = sheet.rows.map((r) => r.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : (c ?? ''))))
      await writeFile(temporary, `\ufeff${stringify([header.map(neutraliseFormula), ...rows], { record_delimiter: 'windows' })}`)
    } else {
      const ExcelJS = await loadExcel()
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useStyles: true, useSharedStrings: false })
      workbook.creator = 'Fieldbook'
      const worksheet = workbook.addWorksheet(sheet.name[language].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
      worksheet.columns = sheet.columns.map((c) => ({ width: c.width, ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }))
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } }
      const header = worksheet.addRow(sheet.columns.map((c) => c.header[language]))
      header.font = { bold: true }
      header.commit()
      for (const row of sheet.rows) {
        worksheet.addRow(row.map((cell, index) => (sheet.columns[index]?.kind === 'date' ? asDate(cell) : cell))).commit()
      }
      worksheet.commit()
      await workbook.commit()
    }
    await rename(temporary, filePath)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  return (await stat(filePath)).size
}
