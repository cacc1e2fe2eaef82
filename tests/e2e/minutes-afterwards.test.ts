import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  { locale: 'zh-CN' as const, text: { start: '会后补记时，会议的开始时间（发言按会议日期和这个时间记录）', composer: '发言内容', time: (n: number) => `第 ${n} 条发言的时间` } },
  { locale: 'en-US' as const, text: { start: 'When typing up the minutes later: the time the meeting began (remarks take the meeting’s date and this time)', composer: 'Remark', time: (n: number) => `Time of remark ${n}` } },
]

/** The clock part of a stamp, as the meeting's clock read it. */
const clock = (stamp: unknown) => String(stamp).slice(0, 16)

describe.each(LANGUAGES)('minutes typed up after the meeting in $locale', ({ locale, text }) => {
  it('stamps remarks with the meeting’s date and start time, and lets one remark’s time be set', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    await page.setViewportSize({ width: 1366, height: 768 })
    try {
      const trip = await call(core, 'trip.create', { title: '皖苏访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
      const enterprise = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
      const symposium = await call(core, 'symposium.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-17', title: '校企合作座谈会' })
      await page.goto(`${web.url}#/symposiums/${symposium.id}`)

      // The meeting began at 14:30 two days ago; the secretary types the minutes up now.
      const start = page.getByLabel(text.start)
      await start.click()
      await start.fill('14:30')
      await start.press('Enter')
      await expect.poll(() => start.inputValue()).toBe('14:30')

      const composer = page.getByLabel(text.composer, { exact: true })
      await composer.click()
      await page.keyboard.type('欢迎学院一行来园区。')
      await page.keyboard.press('Enter')
      await page.keyboard.type('订单班可以先从设备运维专业做起。')
      await page.keyboard.press('Enter')
      await expect.poll(() => core.records.remark.list({ symposiumId: symposium.id }).length).toBe(2)
      const remarks = () => core.records.remark.list({ symposiumId: symposium.id })
      for (const remark of remarks()) expect(clock(remark['spokenAt'])).toBe('2025-05-17T14:30')
      await expect.poll(() => page.getByTestId('remark-time').allTextContents()).toEqual(['14:30', '14:30'])

      // The second remark came a quarter of an hour later: its time is set on it, the day stays the meeting's.
      await page.getByTestId('remark-time').nth(1).click()
      const time = page.getByLabel(text.time(2), { exact: true })
      await visible(time)
      await time.fill('14:45')
      await time.press('Enter')
      await expect.poll(() => clock(remarks()[1]!['spokenAt'])).toBe('2025-05-17T14:45')
      expect(clock(remarks()[0]!['spokenAt'])).toBe('2025-05-17T14:30')
      await expect.poll(() => page.getByTestId('remark-time').allTextContents()).toEqual(['14:30', '14:45'])
      await app.screenshot('minutes-afterwards')

      // Cleared, the composer stamps with the time now again.
      await start.click()
      await page.locator('.ant-picker-clear').first().click()
      await expect.poll(() => start.inputValue()).toBe('')
      await composer.click()
      await page.keyboard.type('双方同意先开设订单班。')
      await page.keyboard.press('Enter')
      await expect.poll(() => remarks().length).toBe(3)
      expect(String(remarks()[2]!['spokenAt']).slice(0, 10)).not.toBe('2025-05-17')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
