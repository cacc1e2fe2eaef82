import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SCREENS_DIR, visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()

const CASES = [
  {
    locale: 'zh-CN' as const,
    language: 'zh' as const,
    suffix: 'zh',
    // 200 characters: what a trip called by its full official name, pasted twice, looks like.
    longTitle: '皖苏两省访企拓岗促就业专项调研'.repeat(14).slice(0, 200),
    language_switch: 'English',
  },
  {
    locale: 'en-US' as const,
    language: 'en' as const,
    suffix: 'en',
    longTitle: 'Anhui and Jiangsu enterprise visits to open up jobs for our graduates, '.repeat(3).slice(0, 199) + '.',
    language_switch: '中文',
  },
]

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))

describe.each(CASES)('one layout discipline in $locale at 1366×768', (c) => {
  it('a 200-character trip title never makes a main screen scroll sideways, and reads in full on hover', async () => {
    const app = await web.open({ locale: c.locale })
    const { page, core } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const { tripId } = await call<{ tripId: string }>(core, 'app.loadSample', { language: c.language })
      expect(c.longTitle).toHaveLength(200)
      await call(core, 'trip.update', { id: tripId, patch: { title: c.longTitle } })
      const visit = core.records.visit.list({ tripId })[0]!
      const symposium = core.records.symposium.list({ tripId })[0]!
      const agreement = core.records.agreement.list({ tripId })[0]!
      const survey = core.records.survey.list({ tripId })[0]!
      // An export of the trip puts its title in the Documents screen's history as well.
      await call(core, 'report.export', { kind: 'news-brief', tripId, style: 'standard', language: c.language })

      const routes = [
        '/trips',
        `/trips/${tripId}`,
        `/trips/${tripId}/visits`,
        `/trips/${tripId}/agreements`,
        `/trips/${tripId}/followUps`,
        `/visits/${String(visit.id)}`,
        `/symposiums/${String(symposium.id)}`,
        `/agreements/${String(agreement.id)}`,
        `/surveys/${String(survey.id)}`,
        '/enterprises',
        `/enterprises/${String(visit.enterpriseId)}/timeline`,
        '/follow-ups',
        '/campaign',
        '/reports',
        '/trash',
        '/sync',
        '/settings',
      ]
      const wide: string[] = []
      for (const route of routes) {
        await page.goto(`${web.url}#${route}`)
        // Measured once the screen has its content: its title is up and nothing is still loading.
        await visible(page.locator('.ant-layout-content').locator('h1, h2, h3, h4').first())
        await expect.poll(() => page.locator('.ant-layout-content .ant-skeleton, .ant-layout-content .ant-spin-spinning').count()).toBe(0)
        await page.waitForTimeout(200)
        const { scrollWidth, innerWidth } = await horizontalOverflow(page)
        if (scrollWidth > innerWidth) wide.push(`${route}: ${scrollWidth} > ${innerWidth}`)
      }
      expect(wide).toEqual([])

      // The trip's own screen: the title on one line, in full on hover.
      await page.goto(`${web.url}#/trips/${tripId}`)
      const title = page.getByTestId('trip-title')
      await visible(title)
      expect((await title.boundingBox())!.height).toBeLessThan(48)
      await title.hover()
      await visible(page.locator('.ant-tooltip').getByText(c.longTitle, { exact: true }))
      await page.screenshot({ path: join(SCREENS_DIR, `long-title-trip-${c.suffix}.png`), animations: 'disabled' })

      // A record's breadcrumb cuts the trip's title and gives it whole on hover.
      await page.goto(`${web.url}#/visits/${String(visit.id)}`)
      const crumb = page.getByTestId('back-to-trip')
      await visible(crumb)
      expect(await crumb.getAttribute('title')).toBe(c.longTitle)
      expect((await crumb.boundingBox())!.width).toBeLessThanOrEqual(360)

      // The Documents screen: the trip picker and the history keep their width.
      await page.goto(`${web.url}#/reports`)
      await visible(page.getByTestId('export-history').locator('.ant-table-row').first())
      const historyCell = page.getByTestId('export-history').locator('.ant-table-row').first().locator('td').first()
      expect(await historyCell.getAttribute('title')).toContain(c.longTitle.slice(0, 40).trim())
      await page.screenshot({ path: join(SCREENS_DIR, `long-title-reports-${c.suffix}.png`), animations: 'disabled' })
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('the header, with the language switch, stays in view while a long list scrolls', async () => {
    const app = await web.open({ locale: c.locale })
    const { page, core } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const { tripId } = await call<{ tripId: string }>(core, 'app.loadSample', { language: c.language })
      for (let n = 1; n <= 60; n++) await call(core, 'action.create', { tripId, title: `${c.suffix} follow-up ${n}`, owner: 'Chen Jing' })
      await page.goto(`${web.url}#/follow-ups`)
      await visible(page.getByText(`${c.suffix} follow-up 60`, { exact: true }))
      const before = await page.evaluate(() => document.scrollingElement!.scrollHeight)
      expect(before).toBeGreaterThan(768 * 2)

      await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight))
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(768)
      const header = (await page.getByTestId('app-header').boundingBox())!
      expect(header.y).toBe(0)
      const language = (await page.getByText(c.language_switch, { exact: true }).boundingBox())!
      expect(language.y).toBeGreaterThanOrEqual(0)
      expect(language.y + language.height).toBeLessThanOrEqual(header.height)
      // The navigation stays too: the last menu item is on screen.
      const menu = page.locator('.ant-layout-sider .ant-menu-item').last()
      const menuBox = (await menu.boundingBox())!
      expect(menuBox.y + menuBox.height).toBeLessThanOrEqual(768)
      expect(menuBox.y).toBeGreaterThanOrEqual(0)
      await page.screenshot({ path: join(SCREENS_DIR, `scrolled-header-${c.suffix}.png`), animations: 'disabled' })
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
