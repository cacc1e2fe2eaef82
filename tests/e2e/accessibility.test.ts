import { describe, expect, it } from 'vitest'
import { axeViolations, type AxeViolation } from './axe'
import { visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()

/** Every main screen, each with something on it, in both languages: no serious or critical axe violation, one h1. */
describe.each(['zh-CN', 'en-US'] as const)('accessibility in %s', (locale) => {
  it('the main screens pass axe-core and have one h1 each', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    await page.setViewportSize({ width: 1366, height: 768 })
    try {
      const trip = await call(core, 'trip.create', { title: '皖苏访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
      const enterprise = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
      await call(core, 'contact.create', { enterpriseId: enterprise.id, name: '曾健', title: '总经理' })
      const on = { tripId: trip.id, enterpriseId: enterprise.id }
      const visit = await call(core, 'visit.create', { ...on, date: '2025-05-16', title: '参观灌装生产线' })
      const symposium = await call(core, 'symposium.create', { ...on, date: '2025-05-16', title: '校企合作座谈会' })
      await call(core, 'remark.create', { symposiumId: symposium.id, text: '欢迎学生来实习' })
      await call(core, 'action.create', { ...on, title: '两周内拟定订单班合作协议草案', dueDate: '2025-06-01' })

      const screens: Record<string, string> = {
        trips: '/trips',
        trip: `/trips/${trip.id}`,
        symposium: `/symposiums/${symposium.id}`,
        visit: `/visits/${visit.id}`,
        enterprises: '/enterprises',
        enterprise: `/enterprises/${enterprise.id}`,
        followUps: '/follow-ups',
        documents: '/reports',
        search: `/search?q=${encodeURIComponent('实习')}`,
        sync: '/sync',
        settings: '/settings',
        campaign: '/campaign',
      }
      const found: Record<string, AxeViolation[]> = {}
      const headings: Record<string, number> = {}
      for (const [screen, route] of Object.entries(screens)) {
        await page.goto(`${web.url}#${route}`)
        await visible(page.locator('main h1, .ant-layout-content h1').first())
        // Let queries settle and animations end before measuring colours.
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(400)
        const violations = await axeViolations(page)
        if (violations.length > 0) found[screen] = violations
        headings[screen] = await page.locator('h1').count()
      }
      expect(found).toEqual({})
      expect(Object.values(headings).every((count) => count === 1), JSON.stringify(headings)).toBe(true)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
