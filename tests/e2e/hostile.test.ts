import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  { locale: 'zh-CN' as const, nav: ['调研行程', '企业档案', '回收站'], screenError: '这个页面无法显示', rowError: '这条记录无法显示', unknown: '未知（exploded）', trash: '打开回收站', history: '修改记录' },
  { locale: 'en-US' as const, nav: ['Trips', 'Enterprises', 'Trash'], screenError: 'This screen could not be shown', rowError: 'This record could not be shown', unknown: 'Unknown (exploded)', trash: 'Open the trash', history: 'History' },
]

/**
 * Records holding values this version cannot show (written before every received change was checked, or by hand
 * into the database): the screens keep their navigation and say what could not be shown, one row at a time in a
 * list, and offer the record's history and the trash.
 */
describe.each(LANGUAGES)('screens that a record cannot crash, in $locale', ({ locale, nav, screenError, rowError, trash, unknown }) => {
  it('the trips list shows the good trips and a line for the bad one; a symposium with bad values keeps the navigation', async () => {
    const app = await web.open({ locale, route: '/trips', checkOutputs: false })
    const { page, core } = app
    try {
      const { tripId } = await call<{ tripId: string }>(core, 'app.loadSample', { language: locale === 'zh-CN' ? 'zh' : 'en' })
      const good = await call<{ id: string; title: string }>(core, 'trip.create', { title: 'Good trip 好行程', startDate: '2025-05-12', endDate: '2025-05-16' })
      core.store.db.prepare(`UPDATE trips SET regions = '42', status = 'exploded' WHERE id = ?`).run(tripId)
      // Only an unknown status: the row shows, with the status named as unknown rather than as a raw key.
      core.store.db.prepare(`UPDATE trips SET status = 'exploded' WHERE id = ?`).run(good.id)
      const symposium = core.records.symposium.list({ tripId })[0]!
      core.store.db.prepare(`UPDATE symposiums SET consensus = '"x"', topics = '{"a":1}' WHERE id = ?`).run(symposium.id)

      await page.reload()
      await visible(page.getByTestId('row-error'))
      await visible(page.getByText(rowError))
      await visible(page.getByText(good.title))
      await visible(page.getByText(unknown))
      for (const label of nav) await visible(page.locator('.ant-menu').getByText(label, { exact: true }))
      await visible(page.getByTestId('row-error').getByRole('button', { name: trash }))
      await app.screenshot('hostile-trips-row')

      await page.goto(`${web.url}#/symposiums/${symposium.id}`)
      await visible(page.getByTestId('screen-error'))
      await visible(page.getByText(screenError))
      for (const label of nav) await visible(page.locator('.ant-menu').getByText(label, { exact: true }))
      await app.screenshot('hostile-symposium')
      // The way out works: the trash opens, and the navigation leads back to a list that renders.
      await page.getByTestId('screen-error').getByRole('button', { name: trash }).click()
      await expect.poll(() => page.url()).toMatch(/#\/trash$/)
      await page.locator('.ant-menu').getByText(nav[1]!, { exact: true }).click()
      await expect.poll(() => page.url()).toMatch(/#\/enterprises$/)
      await expect.poll(() => page.getByTestId('screen-error').count()).toBe(0)
    } finally {
      await app.close()
    }
  })
})
