import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { useBrowser } from './ui'

const web = useBrowser()

const CASES = [
  {
    locale: 'zh-CN' as const,
    loadSample: '载入示例行程',
    settings: '设置',
    collegeName: '学校名称',
    reports: '文档导出',
    newsBrief: '新闻稿',
    export: '导出',
    showInFolder: '在文件夹中显示',
    expectedFile: '皖苏两省访企拓岗调研新闻稿.docx',
  },
  {
    locale: 'en-US' as const,
    loadSample: 'Load the sample trip',
    settings: 'Settings',
    collegeName: 'College name',
    reports: 'Reports',
    newsBrief: 'News brief',
    export: 'Export',
    showInFolder: 'Show in folder',
    expectedFile: 'Anhui–Jiangsu enterprise visits for jobs – news brief.docx',
  },
]

describe.each(CASES)('reports in $locale', (c) => {
  it('load the sample trip, set the college, export a news brief and find it in the history', async () => {
    const app = await web.open({ locale: c.locale })
    const { page } = app
    try {
      await page.getByRole('button', { name: c.loadSample }).click()
      await page.waitForURL(/#\/trips\/[0-9a-f-]{36}/)
      expect(app.core.records.trip.list()).toHaveLength(1)

      await page.getByRole('menuitem', { name: c.settings }).click()
      await page.getByLabel(c.collegeName).fill('南充影视工业职业学院')
      await expect.poll(() => app.core.reports.profile().collegeName, { timeout: 5000 }).toBe('南充影视工业职业学院')
      await app.screenshot('settings-college')

      await page.getByRole('menuitem', { name: c.reports }).click()
      await page.getByText(c.newsBrief, { exact: true }).click()
      await app.screenshot('reports-form')
      await page.getByTestId('export-button').click()
      await visible(page.locator('.ant-alert').filter({ hasText: c.expectedFile }), 30_000)
      expect(readdirSync(app.exportsDir)).toEqual([c.expectedFile])
      const history = app.core.reports.history()
      expect(history).toMatchObject([{ kind: 'news-brief', fileName: c.expectedFile }])
      await visible(page.locator('.ant-table-row', { hasText: c.expectedFile }))
      await app.screenshot('reports-done')

      await page.locator('.ant-alert').getByRole('button', { name: c.showInFolder }).click()
      await expect.poll(() => app.shownInFolder).toEqual([join(app.exportsDir, c.expectedFile)])
      expect(existsSync(join(app.exportsDir, c.expectedFile))).toBe(true)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
