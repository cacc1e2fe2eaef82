import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../../electron/core/core'
import { previewEnterprises } from '../../../electron/core/exchange/enterprise-import'
import { enterpriseNameKey } from '../../../shared/enterprise-identity'
import { creditCodeCheckChar } from '../../../shared/schemas/enterprise'
import { useTempCore } from '../../helpers/core'
import { encodeGb18030 } from './gb18030'
import { changeLogSize, exchangeOf, tableRows } from './helpers'

export function creditCode(n: number): string {
  const first17 = `913205${String(n).padStart(11, '0')}`
  return first17 + creditCodeCheckChar(first17)
}

const BOM = '\ufeff'

describe('normalised enterprise names', () => {
  it('ignore width, spaces, case and the legal-form suffix', () => {
    const forms = ['汇润集团（苏州）有限公司', '汇润集团(苏州)', ' 汇润集团 （苏州） 有限责任公司', '汇润集团(苏州)股份有限公司']
    expect(new Set(forms.map(enterpriseNameKey)).size).toBe(1)
    expect(enterpriseNameKey('ＡＢＣ Tech Co., Ltd.')).toBe(enterpriseNameKey('abc tech'))
    expect(enterpriseNameKey('汇润集团')).not.toBe(enterpriseNameKey('汇润集团（苏州）'))
  })
})

describe('enterprise import', () => {
  const t = useTempCore()
  const write = (name: string, content: string | Uint8Array) => {
    const path = join(t.dir, name)
    writeFileSync(path, content)
    return path
  }

  it('suggests a mapping from Chinese headers, refuses bad rows with reasons, and merges duplicates as decided', async () => {
    const existing = t.core.records.enterprise.create({ name: '汇润集团（苏州）有限公司', region: '江苏苏州', tags: ['饮用水'] })
    const coded = t.core.records.enterprise.create({ name: '七彩灵慧', creditCode: creditCode(1), industry: '智能制造' })
    const csv = [
      '单位名称,统一社会信用代码,所属行业,所在地,规模,标签,联系人,手机,邮箱',
      `石台县七彩灵慧智能科技有限公司,${creditCode(1)},电子信息,安徽池州,小型,智能制造、机器人,曾剑,13800000000,`,
      '汇润集团(苏州),,食品饮料,江苏苏州,大型,"饮用水,产业学院",曾辉,,',
      '新企业甲有限公司,,装备制造,江苏常州,中型,,,,',
      '新企业甲,,,,,,王五,,wang@example.com',
      ',,缺少名称,,,,,,',
      '坏代码企业,91320500MA1234567X,,,,,,,',
      '坏规模企业,,,,五百人以上,,,,',
      '坏邮箱企业,,,,,,赵六,,not-an-email',
      '跳过的企业有限公司,,,,,,,,',
      '跳过的企业,,物流,,,,,,',
    ].join('\r\n')
    const path = write('企业名单.csv', BOM + csv)
    const preview = await previewEnterprises(path)
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', fileName: '企业名单.csv' })
    expect(preview.headers[0]).toBe('单位名称')
    expect(preview.sampleRows[0]![0]).toBe('石台县七彩灵慧智能科技有限公司')
    expect(preview.suggestedMapping).toEqual({
      name: 0, creditCode: 1, industry: 2, region: 3, size: 4, tags: 5, contactName: 6, contactPhone: 7, contactEmail: 8,
    })

    const service = exchangeOf(t.core)
    const request = { mapping: preview.suggestedMapping, decisions: { '2': 'overwrite' as const, '11': 'skip' as const } }
    const log = changeLogSize(t.core)
    const report = await service.importEnterprisesFrom(path, { ...request, dryRun: true })
    expect(changeLogSize(t.core)).toBe(log)
    expect(report).toMatchObject({ dryRun: true, rows: 10, created: 2, merged: 3, skipped: 1, refused: 4, duplicateCount: 4 })
    expect(report.refusedRows).toEqual([
      { row: 6, name: '', errors: [{ path: 'name', key: 'required' }] },
      { row: 7, name: '坏代码企业', errors: [{ path: 'creditCode', key: 'invalidCreditCode' }] },
      { row: 8, name: '坏规模企业', errors: [{ path: 'size', key: 'invalidChoice' }] },
      { row: 9, name: '坏邮箱企业', errors: [{ path: 'contactEmail', key: 'invalidFormat' }] },
    ])
    expect(report.duplicates.map((d) => [d.row, d.matchedBy, d.target.kind, d.target.name, d.decision])).toEqual([
      [2, 'creditCode', 'existing', '七彩灵慧', 'overwrite'],
      [3, 'name', 'existing', '汇润集团（苏州）有限公司', 'merge'],
      [5, 'name', 'file', '新企业甲有限公司', 'merge'],
      [11, 'name', 'file', '跳过的企业有限公司', 'skip'],
    ])
    expect(report.duplicates[1]!.changedFields.sort()).toEqual(['industry', 'size', 'tags'])

    const done = await service.importEnterprisesFrom(path, request)
    expect(done).toMatchObject({ dryRun: false, created: 2, merged: 3, skipped: 1, refused: 4, contactsCreated: 3 })
    const enterprises = t.core.records.enterprise.list()
    expect(enterprises.map((e) => e['name']).sort()).toEqual(['石台县七彩灵慧智能科技有限公司', '新企业甲有限公司', '汇润集团（苏州）有限公司', '跳过的企业有限公司'].sort())
    // Overwrite: the file's values win (a name too); merge: only empty fields filled, tags joined.
    expect(t.core.records.enterprise.get(coded.id)).toMatchObject({ name: '石台县七彩灵慧智能科技有限公司', industry: '电子信息', region: '安徽池州', size: 'small', tags: ['智能制造', '机器人'] })
    expect(t.core.records.enterprise.get(existing.id)).toMatchObject({ region: '江苏苏州', industry: '食品饮料', size: 'large', tags: ['饮用水', '产业学院'] })
    const jia = enterprises.find((e) => e['name'] === '新企业甲有限公司')!
    expect(jia).toMatchObject({ industry: '装备制造', region: '江苏常州', size: 'medium' })
    expect(t.core.records.contact.list({ enterpriseId: jia.id })).toEqual([expect.objectContaining({ name: '王五', email: 'wang@example.com' })])
    expect(t.core.records.contact.list({ enterpriseId: coded.id })).toEqual([expect.objectContaining({ name: '曾剑', phone: '13800000000' })])
    expect(enterprises.find((e) => e['name'] === '跳过的企业有限公司')!['industry']).toBe('')

    // The same file and choices again: every row is now a duplicate of itself, and nothing changes.
    const logAfter = changeLogSize(t.core)
    const again = await service.importEnterprisesFrom(path, request)
    expect(again).toMatchObject({ created: 0, merged: 5, skipped: 1, contactsCreated: 0 })
    expect(changeLogSize(t.core)).toBe(logAfter)
  })

  it('reads a GB18030 CSV (as Excel on a Chinese Windows saves it), detected by itself', async () => {
    const bytes = encodeGb18030('企业名称,地区,行业\r\n中文科技有限公司,安徽池州,电子信息\r\n汇润集团（苏州）,江苏苏州,食品饮料\r\n')
    // The encoder agrees with the standard: 中 = D6 D0, 文 = CE C4.
    expect([...encodeGb18030('中文')]).toEqual([0xd6, 0xd0, 0xce, 0xc4])
    const path = write('gbk.csv', bytes)
    const preview = await previewEnterprises(path)
    expect(preview).toMatchObject({ encoding: 'gb18030', headers: ['企业名称', '地区', '行业'] })
    const report = await exchangeOf(t.core).importEnterprisesFrom(path, { mapping: preview.suggestedMapping })
    expect(report).toMatchObject({ created: 2, refused: 0 })
    expect(tableRows(t.core, 'enterprises').map((r) => [r['name'], r['region'], r['industry']]).sort()).toEqual([
      ['中文科技有限公司', '安徽池州', '电子信息'],
      ['汇润集团（苏州）', '江苏苏州', '食品饮料'],
    ])
  })

  it('refuses files that are not what their names say, changing nothing', async () => {
    t.core.records.enterprise.create({ name: '已有企业' })
    const before = changeLogSize(t.core)
    const png = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/screenshot.png'))
    const cases: [string, Uint8Array | string, string][] = [
      ['photo.xlsx', png, 'notText'],
      ['garbage.csv', randomBytes(4096), 'notText'],
      ['report.xlsx', readFileSync(join(import.meta.dirname, '../../fixtures/attachments/setup-renamed.jpg')), 'notText'],
      ['zip.xlsx', Buffer.from('504b0304140000000000', 'hex'), 'notSpreadsheet'],
      ['old.xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(512)]), 'oldExcel'],
      ['empty.csv', '', 'empty'],
    ]
    for (const [name, content, reason] of cases) {
      const path = write(name, content)
      const error = await previewEnterprises(path).catch((e: unknown) => e)
      expect(error, name).toMatchObject({ code: 'IMPORT_INVALID', details: { reason } })
      const importError = await exchangeOf(t.core).importEnterprisesFrom(path, { mapping: { name: 0 } }).catch((e: unknown) => e)
      expect(importError, name).toMatchObject({ code: 'IMPORT_INVALID', details: { reason } })
    }
    expect(changeLogSize(t.core)).toBe(before)
  })

  it('round-trips the enterprise list through its own .xlsx and .csv exports, in both languages', async () => {
    const a = t.core.records.enterprise.create({
      name: '汇润集团（苏州）有限公司', creditCode: creditCode(7), industry: '食品饮料', region: '江苏苏州', address: '苏州市吴中区 1 号',
      size: 'large', website: 'https://example.com', tags: ['饮用水', '产业学院'], stage: 'cooperating', profile: '第一行\n第二行，含逗号, "引号"',
    })
    t.core.records.contact.create({ enterpriseId: a.id, name: '曾辉', title: '董事长', phone: '0512-0000000', email: 'zeng@example.com' })
    t.core.records.enterprise.create({ name: 'Plain Co.', stage: 'paused' })
    const service = exchangeOf(t.core)
    const fields = (core: typeof t.core) =>
      core.records.enterprise.list().map(({ id: _id, ...rest }) => rest).sort((x, y) => String(x['name']).localeCompare(String(y['name'])))
    const contacts = (core: typeof t.core) => core.records.contact.list({ enterpriseId: core.records.enterprise.list().find((e) => e['creditCode'])!.id }).map(({ id: _i, enterpriseId: _e, ...rest }) => rest)
    for (const format of ['xlsx', 'csv'] as const) {
      for (const language of ['zh', 'en'] as const) {
        const file = join(t.dir, `list-${language}.${format}`)
        const exported = await service.exportTableTo({ kind: 'enterprises', format, language }, file)
        expect(exported.rows).toBe(2)
        const other = openCore({ dataDir: join(t.dir, `empty-${format}-${language}`) })
        try {
          const preview = await previewEnterprises(file)
          const report = await exchangeOf(other).importEnterprisesFrom(file, { mapping: preview.suggestedMapping })
          expect(report, `${format} ${language}`).toMatchObject({ created: 2, refused: 0, contactsCreated: 1 })
          expect(fields(other), `${format} ${language}`).toEqual(fields(t.core))
          expect(contacts(other)).toEqual(contacts(t.core))
        } finally {
          other.close()
        }
      }
    }
  })
})

describe('spreadsheet exports', () => {
  const t = useTempCore()

  it('writes positions as .xlsx with a bold frozen header and real dates, and as .csv with a BOM', async () => {
    const { tripId } = await t.ok<{ tripId: string }>('app.loadSample', { language: 'zh' })
    const service = exchangeOf(t.core)
    const xlsx = join(t.dir, 'positions.xlsx')
    const result = await service.exportTableTo({ kind: 'positions', format: 'xlsx', language: 'zh', tripId }, xlsx)
    const positions = t.core.records.survey.list({ tripId }).flatMap((s) => t.core.records.position.list({ surveyId: s.id }))
    expect(result.rows).toBe(positions.length)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsx)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('岗位需求')
    expect(sheet.getRow(1).values).toEqual([undefined, '企业', '调研日期', '岗位', '需求人数', '类型', '专业', '技能要求', '证书', '学历', '月薪下限（元）', '月薪上限（元）', '到岗时间'])
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getCell('B2').value).toBeInstanceOf(Date)
    expect((sheet.getCell('B2').value as Date).toISOString().slice(0, 10)).toMatch(/^2025-05-1\d$/)
    expect(sheet.rowCount).toBe(positions.length + 1)
    const first = positions[0]!
    expect(sheet.getCell('C2').value).toBe(first['title'])
    expect(sheet.getCell('D2').value).toBe(first['headcount'])

    const csv = join(t.dir, 'positions.csv')
    await service.exportTableTo({ kind: 'positions', format: 'csv', language: 'en' }, csv)
    const text = readFileSync(csv, 'utf8')
    expect(text.startsWith('\ufeffTrip,Enterprise,Survey date,Position,Headcount,Kind')).toBe(true)
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(positions.length + 1)
  })

  it('writes surveys (with the questionnaire answers) and follow-ups', async () => {
    const { tripId } = await t.ok<{ tripId: string }>('app.loadSample', { language: 'en' })
    const service = exchangeOf(t.core)
    const surveys = join(t.dir, 's.csv')
    const result = await service.exportTableTo({ kind: 'surveys', format: 'csv', language: 'en', tripId }, surveys)
    expect(result.rows).toBe(t.core.records.survey.list({ tripId }).length)
    expect(readFileSync(surveys, 'utf8')).toMatch(/^\ufeffEnterprise,Date,Respondent,Respondent title,Status,Positions,Headcount,Notes/)
    const actions = join(t.dir, 'a.xlsx')
    const written = await service.exportTableTo({ kind: 'actions', format: 'xlsx', language: 'zh' }, actions)
    expect(written.rows).toBe(t.core.records.action.list().length)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(actions)
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('事项')
    expect(workbook.worksheets[0]!.getCell('C2').value).toBeInstanceOf(Date)
  })
})
