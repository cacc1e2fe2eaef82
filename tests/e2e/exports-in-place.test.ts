import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { docxFilesToPdf, pdfPages } from '../helpers/pdf'
import { SCREENS_DIR, visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()

const CASES = [
  {
    locale: 'zh-CN' as const,
    language: 'zh' as const,
    tripAction: '导出调研报告 / 新闻稿…',
    enterpriseAction: '导出一企一档',
    tripKinds: ['调研报告', '新闻稿', '人才需求调研报告'],
    enterpriseKinds: ['企业档案（一企一档）', '人才需求调研报告'],
    researchReport: '调研报告',
    enterpriseFile: '企业档案（一企一档）',
    allExports: '全部导出记录',
    reportHeading: '调研情况的报告',
    createEnterprise: '新建企业',
  },
  {
    locale: 'en-US' as const,
    language: 'en' as const,
    tripAction: 'Export report / news brief…',
    enterpriseAction: 'Export enterprise file',
    tripKinds: ['Research report', 'News brief', 'Talent-demand report'],
    enterpriseKinds: ['Enterprise file', 'Talent-demand report'],
    researchReport: 'Research report',
    enterpriseFile: 'Enterprise file',
    allExports: 'All past exports',
    reportHeading: 'report on the research trip',
    createEnterprise: 'Add enterprise',
  },
]

const kindLabels = (drawer: Locator) =>
  drawer.locator('.ant-form-item').first().locator('.ant-radio-button-wrapper').allInnerTexts()

describe.each(CASES)('exports where people work, in $locale', (c) => {
  it('exports the research report from the trip and the enterprise file from the enterprise; both join the Documents history', async () => {
    const app = await web.open({ locale: c.locale })
    const { page } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const { tripId, title } = await call<{ tripId: string; title: string }>(app.core, 'app.loadSample', { language: c.language })

      // On the trip: its documents only, the trip already chosen.
      await page.goto(`${web.url}#/trips/${tripId}`)
      await page.getByRole('button', { name: c.tripAction }).click()
      const drawer = page.locator('.ant-drawer-content-wrapper')
      await visible(drawer.getByTestId('report-export-form'))
      expect(await kindLabels(drawer)).toEqual(c.tripKinds)
      await expect.poll(() => drawer.locator('.ant-select').count()).toBe(0)
      await page.screenshot({ path: join(SCREENS_DIR, `trip-export-open-${c.language}.png`), animations: 'disabled' })
      await drawer.getByTestId('export-button').click()
      await visible(drawer.getByTestId('export-done'), 60_000)
      const [report] = app.core.reports.history()
      expect(report).toMatchObject({ kind: 'research-report' })
      expect(report!.title).toContain(title)

      // On one of its enterprises: the enterprise's file and its demand, the enterprise already chosen.
      await page.keyboard.press('Escape')
      const visit = app.core.records.visit.list({ tripId })[0]!
      const enterprise = app.core.records.enterprise.get(String(visit.enterpriseId)) as unknown as { id: string; name: string }
      await page.goto(`${web.url}#/enterprises/${enterprise.id}`)
      await visible(page.getByRole('button', { name: c.enterpriseAction }))
      await page.screenshot({ path: join(SCREENS_DIR, `enterprise-export-action-${c.language}.png`), animations: 'disabled' })
      await page.getByRole('button', { name: c.enterpriseAction }).click()
      await visible(drawer.getByTestId('report-export-form'))
      expect(await kindLabels(drawer)).toEqual(c.enterpriseKinds)
      await expect.poll(() => drawer.locator('.ant-select').count()).toBe(0)
      await drawer.getByTestId('export-button').click()
      await visible(drawer.getByTestId('export-done'), 60_000)
      const history = app.core.reports.history()
      expect(history.map((record) => record.kind).sort()).toEqual(['enterprise-file', 'research-report'])
      const file = history.find((record) => record.kind === 'enterprise-file')!

      // The files written are real Word documents of that trip and that enterprise.
      expect(readdirSync(app.exportsDir).sort()).toEqual([report!.fileName, file.fileName].sort())
      const { pdfs, cleanup } = docxFilesToPdf({
        report: readFileSync(join(app.exportsDir, report!.fileName)),
        file: readFileSync(join(app.exportsDir, file.fileName)),
      })
      try {
        const reportText = pdfPages(pdfs['report']!).join('\n').replace(/\s+/g, '')
        const fileText = pdfPages(pdfs['file']!).join('\n').replace(/\s+/g, '')
        expect(reportText).toContain(title.replace(/\s+/g, ''))
        expect(reportText.toLowerCase()).toContain(c.reportHeading.replace(/\s+/g, '').toLowerCase())
        expect(fileText).toContain(enterprise.name.replace(/\s+/g, ''))
      } finally {
        cleanup()
      }

      // Both are listed on the Documents screen, which the drawer links to.
      await drawer.getByRole('link', { name: c.allExports }).click()
      await page.waitForURL(/#\/reports$/)
      const rows = page.getByTestId('export-history').locator('.ant-table-row')
      await visible(rows.filter({ hasText: report!.fileName }).filter({ hasText: c.researchReport }))
      await visible(rows.filter({ hasText: file.fileName }).filter({ hasText: c.enterpriseFile }))
      await app.screenshot('reports-history')

      // Choosing what to export never makes a new enterprise: a name no file has finds nothing to create.
      const enterprisesBefore = app.core.records.enterprise.list().length
      await page.getByTestId('report-export-form').getByText(c.enterpriseFile, { exact: true }).click()
      const picker = page.getByTestId('report-export-form').locator('.ant-select').first()
      await picker.click()
      await page.keyboard.type('没有这家企业')
      await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').count()).toBe(0)
      expect(await page.locator('.ant-select-dropdown:visible').getByText(c.createEnterprise).count()).toBe(0)
      await page.keyboard.press('Escape')
      expect(app.core.records.enterprise.list()).toHaveLength(enterprisesBefore)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
