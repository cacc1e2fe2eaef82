import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { previewEnterprises } from '../../../electron/core/exchange/enterprise-import'
import { MAX_IMPORT_ROWS } from '../../../electron/core/exchange/table-reader'
import { useTempCore } from '../../helpers/core'
import { exchangeOf } from './helpers'

const ROWS = 100_000
const REGIONS = ['安徽池州', '江苏苏州', '浙江杭州', '上海浦东', '广东深圳']

/** Samples the resident memory while `work` runs; returns its result, the time taken and the peak growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  const base = process.memoryUsage().rss
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  try {
    const result = await work()
    return { result, seconds: (performance.now() - started) / 1000, peakMb: Math.round((Math.max(peak, process.memoryUsage().rss) - base) / 1024 / 1024) }
  } finally {
    clearInterval(timer)
  }
}

describe('a spreadsheet of 100,000 enterprises', () => {
  const t = useTempCore()

  it('imports from .xlsx, streamed, in well under a minute', { timeout: 120_000 }, async () => {
    const path = join(t.dir, 'big.xlsx')
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false })
    const sheet = writer.addWorksheet('企业')
    sheet.addRow(['企业名称', '行业', '地区', '地址', '标签']).commit()
    for (let i = 1; i <= ROWS; i++) {
      sheet.addRow([`测试企业${i}有限公司`, i % 3 ? '智能制造' : '食品饮料', REGIONS[i % REGIONS.length], `工业园区 ${i} 号`, i % 2 ? '重点' : '']).commit()
    }
    // Two repeats inside the file: found as duplicates, merged, not created twice.
    sheet.addRow(['测试企业1', '', '', '', '新标签']).commit()
    sheet.addRow(['测试企业2有限责任公司', '', '', '', '']).commit()
    sheet.commit()
    await writer.commit()

    const preview = await previewEnterprises(path)
    expect(preview.suggestedMapping).toEqual({ name: 0, industry: 1, region: 2, address: 3, tags: 4 })
    const { result, seconds, peakMb } = await measured(() => exchangeOf(t.core).importEnterprisesFrom(path, { mapping: preview.suggestedMapping }))
    console.log(`100,000-row .xlsx import: ${seconds.toFixed(1)} s, memory +${peakMb} MB`)
    expect(result).toMatchObject({ rows: ROWS + 2, created: ROWS, merged: 2, refused: 0, duplicateCount: 2 })
    expect(seconds).toBeLessThan(60)
    const count = t.core.store.db.prepare('SELECT COUNT(*) AS n FROM enterprises WHERE deleted = 0').get() as { n: number }
    expect(count.n).toBe(ROWS)
    const first = t.core.store.db.prepare("SELECT tags FROM enterprises WHERE name = '测试企业1有限公司'").get() as { tags: string }
    expect(JSON.parse(first.tags)).toEqual(['重点', '新标签'])
  })

  it('checks a 100,000-row .csv in a dry run, and refuses one with more rows than the limit', { timeout: 120_000 }, async () => {
    const lines = ['名称,地区']
    for (let i = 1; i <= ROWS; i++) lines.push(`企业${i},${REGIONS[i % REGIONS.length]}`)
    const path = join(t.dir, 'big.csv')
    writeFileSync(path, lines.join('\n'))
    const { result, seconds } = await measured(() => exchangeOf(t.core).importEnterprisesFrom(path, { mapping: { name: 0, region: 1 }, dryRun: true }))
    console.log(`100,000-row .csv dry run: ${seconds.toFixed(1)} s`)
    expect(result).toMatchObject({ rows: ROWS, created: ROWS, refused: 0 })

    for (let i = ROWS + 1; i <= MAX_IMPORT_ROWS + 1; i++) lines.push(`企业${i},`)
    writeFileSync(path, lines.join('\n'))
    const error = await exchangeOf(t.core).importEnterprisesFrom(path, { mapping: { name: 0 }, dryRun: true }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'tooManyRows' } })
    expect((t.core.store.db.prepare('SELECT COUNT(*) AS n FROM enterprises').get() as { n: number }).n).toBe(0)
  })
})
