import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { visible } from './harness'
import { useBrowser, call } from './ui'

const web = useBrowser()

const deleted = (core: Core, table: string, id: string) =>
  (core.store.db.prepare(`SELECT deleted FROM "${table}" WHERE id = ?`).get(id) as { deleted: number }).deleted

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: { empty: '回收站是空的', explain: '删除的记录会先放在这里', restore: '恢复', symposiums: '座谈会 1', all: '全部 3', restored: '已恢复“校企合作座谈会”' },
  },
  {
    locale: 'en-US' as const,
    text: { empty: 'The trash is empty', explain: 'Deleted records wait here', restore: 'Restore', symposiums: 'Symposiums 1', all: 'All 3', restored: 'Restored “校企合作座谈会”' },
  },
]

describe.each(LANGUAGES)('trash in $locale', ({ locale, text }) => {
  it('shows deleted records of several kinds, filters them, and restores one at a time', async () => {
    const app = await web.open({ locale, route: '/trash' })
    const { page, core } = app
    try {
      await visible(page.getByText(text.empty))
      await visible(page.getByText(text.explain, { exact: false }))
      await app.screenshot('trash-empty')

      const trip = await call(core, 'trip.create', { title: '皖苏两省访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
      const qicai = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
      const symposium = await call(core, 'symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '校企合作座谈会' })
      const visit = await call(core, 'visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '参观灌装生产线' })
      const note = await call(core, 'note.create', { tripId: trip.id, text: '返程途中讨论的实训基地方案' })
      await call(core, 'note.delete', { id: note.id })
      await call(core, 'visit.delete', { id: visit.id })
      await call(core, 'symposium.delete', { id: symposium.id })

      // The list follows the data as it changes, newest first.
      const rows = page.locator('.ant-table-row')
      await expect.poll(() => rows.count()).toBe(3)
      expect(await rows.first().textContent()).toContain('校企合作座谈会')
      expect(await rows.first().textContent()).toContain('皖苏两省访企拓岗调研 · 石台县七彩灵慧智能科技有限公司')
      expect(await rows.nth(2).textContent()).toContain('返程途中讨论的实训基地方案')
      await app.screenshot('trash-list')

      // Filter by kind.
      await page.getByTestId('trash-filter').getByText(text.symposiums).click()
      await expect.poll(() => rows.count()).toBe(1)
      await page.getByTestId('trash-filter').getByText(text.all).click()
      await expect.poll(() => rows.count()).toBe(3)

      // Restore: the row leaves the trash, the record is back in SQLite.
      await rows.first().getByRole('button', { name: text.restore }).click()
      await visible(page.getByText(text.restored))
      await expect.poll(() => rows.count()).toBe(2)
      expect(deleted(core, 'symposiums', symposium.id)).toBe(0)
      expect(deleted(core, 'visits', visit.id)).toBe(1)
      for (let left = 2; left > 0; left--) {
        await rows.first().getByRole('button', { name: text.restore }).click()
        await expect.poll(() => rows.count()).toBe(left - 1)
      }
      await visible(page.getByText(text.empty))
      expect(deleted(core, 'visits', visit.id)).toBe(0)
      expect(deleted(core, 'notes', note.id)).toBe(0)

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
