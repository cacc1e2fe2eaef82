import { writeFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { encodeGb18030 } from '../unit/exchange/gb18030'
import { visible } from './harness'
import { tempDir } from '../helpers/temp'
import { call, useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    // What Excel on a Chinese Windows saves: GB18030 without a BOM.
    encode: (text: string) => encodeGb18030(text),
    text: { region: '地区', check: '检查', import: '导入', exportList: '企业名录（Excel）', refusedReason: '统一社会信用代码：统一社会信用代码不正确', encoding: 'GBK / GB18030' },
  },
  {
    locale: 'en-US' as const,
    encode: (text: string) => Buffer.from(`\ufeff${text}`, 'utf8'),
    text: { region: 'Region', check: 'Check', import: 'Import', exportList: 'Enterprise list (Excel)', refusedReason: 'Credit code: Not a valid unified social credit code', encoding: 'UTF-8 (BOM)' },
  },
]

describe.each(LANGUAGES)('import and export in $locale', ({ locale, encode, text }) => {
  it('imports enterprises with a column mapping, a checked report and a duplicate merged; exports the list', async () => {
    const app = await web.open({ locale, route: '/enterprises' })
    try {
      const existing = app.core.records.enterprise.create({ name: '汇润集团（苏州）有限公司', region: '江苏苏州' })
      const csv = [
        '企业名称,统一社会信用代码,片区,行业,内部编号',
        '石台县七彩灵慧智能科技有限公司,,安徽池州,电子信息,A-01',
        '汇润集团(苏州),,浙江杭州,食品饮料,A-02',
        '坏代码企业,123456,安徽,制造,A-03',
      ].join('\r\n')
      const path = join(app.dataDir, 'enterprises.csv')
      writeFileSync(path, encode(csv))

      await visible(app.page.getByTestId('import-enterprises'))
      await app.page.getByTestId('import-enterprises').click()
      await app.screenshot('exchange-choose')
      app.openPaths.push(path)
      await app.page.getByRole('dialog').getByRole('button', { name: /选择文件|Choose file/ }).click()
      await visible(app.page.getByTestId('import-preview'))
      await expect.poll(() => app.page.getByTestId('import-file-info').innerText()).toContain(text.encoding)
      await expect.poll(() => app.page.getByTestId('import-preview').innerText()).toContain('石台县七彩灵慧智能科技有限公司')
      // "片区" is not a header the app knows: map it to the region by hand.
      await app.page.locator('thead').getByTestId('map-column-2').click()
      await app.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${text.region}$`) }).click()
      await app.screenshot('exchange-mapping')

      await app.page.getByRole('button', { name: text.check, exact: true }).click()
      await visible(app.page.getByTestId('import-summary'))
      await visible(app.page.getByTestId('import-duplicates'))
      await expect.poll(() => app.page.getByTestId('import-refused').innerText()).toContain(text.refusedReason)
      expect(app.core.records.enterprise.list()).toHaveLength(1) // the check wrote nothing
      await app.screenshot('exchange-check')

      await app.page.getByTestId('confirm-import').click()
      await visible(app.page.locator('.ant-result-success'))
      await app.screenshot('exchange-done')
      const enterprises = app.core.records.enterprise.list()
      expect(enterprises.map((e) => e['name']).sort()).toEqual(['汇润集团（苏州）有限公司', '石台县七彩灵慧智能科技有限公司'].sort())
      // Merged: the empty industry filled, our region kept.
      expect(app.core.records.enterprise.get(existing.id)).toMatchObject({ region: '江苏苏州', industry: '食品饮料' })
      expect(enterprises.find((e) => e.id !== existing.id)).toMatchObject({ region: '安徽池州', industry: '电子信息' })
      await app.page.locator('.ant-modal-footer').getByRole('button', { name: /关闭|Close/ }).click()

      await app.page.getByTestId('export-menu').click()
      await app.page.getByRole('menuitem', { name: text.exportList }).click()
      await expect.poll(() => readdirSync(app.exportsDir).filter((f) => f.endsWith('.xlsx'))).toHaveLength(1)
      const file = readdirSync(app.exportsDir).find((f) => f.endsWith('.xlsx'))!
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile(join(app.exportsDir, file))
      const names = workbook.worksheets[0]!.getColumn(1).values.slice(2)
      expect(names).toHaveLength(2)
      await app.screenshot('exchange-exported')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('exports a trip file from the trip and imports it into another data folder from the trips list', async () => {
    const sourceDir = tempDir('fieldbook-e2e-source-')
    try {
      const source = await web.open({ locale, route: '/trips', dataDir: sourceDir.path })
      let file = ''
      try {
        const { tripId, title } = await call<{ tripId: string; title: string }>(source.core, 'app.loadSample', { language: locale === 'zh-CN' ? 'zh' : 'en' })
        await source.page.goto(`${web.url}#/trips/${tripId}`)
        await visible(source.page.getByTestId('trip-title'))
        await source.page.getByTestId('export-menu').click()
        await source.screenshot('exchange-trip-menu')
        await source.page.getByRole('menuitem', { name: /导出行程文件|Export trip file/ }).click()
        await expect.poll(() => readdirSync(source.exportsDir).filter((f) => f.endsWith('.fbtrip'))).toHaveLength(1)
        file = join(source.exportsDir, readdirSync(source.exportsDir).find((f) => f.endsWith('.fbtrip'))!)
        expect(file).toContain(title)
        expect(source.problems).toEqual([])
      } finally {
        await source.close()
      }

      const target = await web.open({ locale, route: '/trips' })
      try {
        target.openPaths.push(file)
        await target.page.getByTestId('import-trip').first().click()
        await visible(target.page.getByTestId('confirm-trip-import'))
        await target.screenshot('exchange-trip-import')
        await target.page.getByTestId('confirm-trip-import').click()
        await visible(target.page.getByTestId('trip-title'))
        const trips = target.core.records.trip.list()
        expect(trips).toHaveLength(1)
        expect(target.core.records.visit.list({ tripId: trips[0]!.id })).toHaveLength(1)
        expect(target.core.records.enterprise.list()).toHaveLength(2)
        // The same file again: nothing new, the import button stays disabled.
        await target.page.goto(`${web.url}#/trips`)
        target.openPaths.push(file)
        await target.page.getByTestId('import-trip').first().click()
        await visible(target.page.getByRole('dialog').locator('.ant-alert-info'))
        expect(await target.page.getByTestId('confirm-trip-import').isDisabled()).toBe(true)
        await target.screenshot('exchange-trip-nothing-new')
        expect(target.problems).toEqual([])
      } finally {
        await target.close()
      }
    } finally {
      sourceDir.cleanup()
    }
  })
})
