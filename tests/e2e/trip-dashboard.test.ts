import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCREENS_DIR, visible } from './harness'
import { call, statValue, useBrowser } from './ui'

const web = useBrowser()

const CASES = [
  { locale: 'zh-CN' as const, language: 'zh' as const, suffix: 'zh', agreementsTab: '合作协议', followUpsTab: '跟进事项', surveysTab: '需求调研', kind: '订单班 / 定向班' },
  { locale: 'en-US' as const, language: 'en' as const, suffix: 'en', agreementsTab: 'Agreements', followUpsTab: 'Follow-ups', surveysTab: 'Surveys', kind: 'Order / orientation class' },
]

describe.each(CASES)('trip dashboard in $locale at 1366×768', (c) => {
  it('shows the KPI strip and both charts above the fold, and every figure opens what it counts', async () => {
    const app = await web.open({ locale: c.locale })
    const { page } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const { tripId } = await call<{ tripId: string }>(app.core, 'app.loadSample', { language: c.language })
      await page.goto(`${web.url}#/trips/${tripId}`)
      await expect.poll(() => statValue(page, 'agreements')).toBe('5')

      // The strip is one row and the charts start above the fold, with room to read them.
      const tiles = page.getByTestId('kpi-strip').locator('.fb-kpi')
      const tops = new Set(await tiles.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().top))))
      expect(tops.size).toBe(1)
      for (const chart of ['chart-by-enterprise', 'chart-by-major']) {
        const box = (await page.getByTestId(chart).boundingBox())!
        expect(box.y + 200).toBeLessThanOrEqual(768)
      }
      await visible(page.getByTestId('chart-by-enterprise').getByTestId('echart').locator('svg').first())
      await page.screenshot({ path: join(SCREENS_DIR, `trip-dashboard-fold-${c.suffix}.png`), animations: 'disabled' })

      // Agreements: the breakdown by kind on hover, the trip's agreements on a click.
      await page.getByTestId('stat-agreements').hover()
      await visible(page.getByTestId('agreements-breakdown').getByText(c.kind, { exact: false }))
      await page.getByTestId('stat-agreements').click()
      await page.waitForURL(new RegExp(`#/trips/${tripId}/agreements$`))
      await visible(page.getByRole('tab', { name: c.agreementsTab, selected: true }))

      await page.goBack()
      await page.getByTestId('stat-followUps').click()
      await page.waitForURL(new RegExp(`#/trips/${tripId}/followUps$`))
      await visible(page.getByRole('tab', { name: c.followUpsTab, selected: true }))

      await page.goBack()
      await page.getByTestId('chart-by-major').getByRole('link').click()
      await page.waitForURL(new RegExp(`#/trips/${tripId}/surveys$`))
      await visible(page.getByRole('tab', { name: c.surveysTab, selected: true }))
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
