import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { SCREENS_DIR, visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()

describe.each(['zh-CN', 'en-US'] as const)('search hits in the record, %s', (locale) => {
  it('opening a result scrolls to the remark that holds the words and highlights them', async () => {
    const app = await web.open({ locale, route: '/search' })
    const { page, core } = app
    await page.setViewportSize({ width: 1366, height: 768 })
    try {
      const trip = await call(core, 'trip.create', { title: '皖苏两省访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
      const qicai = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
      const symposium = await call(core, 'symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '校企合作座谈会' })
      // A long meeting: the remark with the words is far below the fold.
      for (let n = 1; n <= 30; n++) await call(core, 'remark.create', { symposiumId: symposium.id, text: `第 ${n} 位发言：介绍了企业近年的用工情况和实习安排。` })
      const wanted = '总经理提出，希望学校把产业的前沿技术融入日常教学。'
      await call(core, 'remark.create', { symposiumId: symposium.id, text: wanted })

      await page.getByTestId('search-box').fill('前沿技术')
      const hit = page.getByTestId('search-group-remark').getByTestId('search-hit')
      await visible(hit)
      await hit.click()
      await page.waitForURL(new RegExp(`#/symposiums/${symposium.id}\\?hl=`))

      const found = page.locator('[data-search-hit="true"]')
      await visible(found)
      expect(await found.inputValue()).toBe(wanted)
      // In view, with the words themselves selected in the highlight colour.
      await expect.poll(() => found.evaluate((element) => {
        const box = element.getBoundingClientRect()
        return box.top >= 0 && box.bottom <= window.innerHeight
      })).toBe(true)
      expect(await found.evaluate((field) => {
        const { value, selectionStart, selectionEnd } = field as HTMLTextAreaElement
        return value.slice(selectionStart ?? 0, selectionEnd ?? 0)
      })).toBe('前沿技术')
      await expect.poll(() => found.evaluate((field) => getComputedStyle(field).backgroundColor)).toBe('rgb(255, 251, 230)')
      // What the user sees on opening the result: the window, not the whole page.
      await page.screenshot({ path: join(SCREENS_DIR, `search-hit-highlighted-${locale === 'zh-CN' ? 'zh' : 'en'}.png`), animations: 'disabled' })
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
