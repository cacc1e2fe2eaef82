import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { useBrowser, typeDate } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    nav: ['调研行程', '企业档案', '搜索', '跟进事项', '文档导出', '同步', '回收站', '设置'],
    text: {
      empty: '还没有调研行程',
      newTrip: '新建行程',
      create: '创建',
      save: '保存',
      title: '行程名称',
      startDate: '开始日期',
      endDate: '结束日期',
      regions: '地区',
      enterTitle: '请填写标题',
      endBeforeStart: '结束日期不能早于开始日期',
      delete: '删除',
      edit: '编辑',
      undo: '撤销',
      back: '调研行程',
      overview: '调研成果',
      settings: '设置',
      english: 'English',
    },
    trip: { title: '皖苏两省访企拓岗调研', renamed: '皖苏访企拓岗调研（五月）', regions: ['安徽', '江苏'] },
  },
  {
    locale: 'en-US' as const,
    nav: ['Trips', 'Enterprises', 'Search', 'Follow-ups', 'Reports', 'Sync', 'Trash', 'Settings'],
    text: {
      empty: 'No research trips yet',
      newTrip: 'New trip',
      create: 'Create',
      save: 'Save',
      title: 'Trip title',
      startDate: 'Start date',
      endDate: 'End date',
      regions: 'Regions',
      enterTitle: 'Enter a title',
      endBeforeStart: 'The end date cannot be before the start date',
      delete: 'Delete',
      edit: 'Edit',
      undo: 'Undo',
      back: 'Trips',
      overview: 'Results',
      settings: 'Settings',
      english: 'English',
    },
    trip: { title: 'Anhui and Jiangsu employment visits', renamed: 'Anhui & Jiangsu visits (May)', regions: ['Anhui', 'Jiangsu'] },
  },
]

describe.each(LANGUAGES)('trips in $locale', ({ locale, nav, text, trip }) => {
  it('create, validate, edit, delete and undo a trip through the real UI and core', async () => {
    const app = await web.open({ locale })
    const { page } = app
    try {
      // A new user sees the navigation and an empty state that says what to do.
      for (const label of nav) await visible(page.getByRole('menuitem', { name: label }))
      await visible(page.getByText(text.empty))
      await app.screenshot('trips-empty')

      // Validation errors show on the fields, in the user's language.
      await page.getByRole('button', { name: text.newTrip }).click()
      const drawer = page.getByRole('dialog')
      await drawer.getByRole('button', { name: text.create }).click()
      await visible(drawer.getByText(text.enterTitle))
      await drawer.getByLabel(text.title).fill(trip.title)
      await typeDate(drawer.getByLabel(text.startDate), '2025-05-19')
      await typeDate(drawer.getByLabel(text.endDate), '2025-05-16')
      await drawer.getByRole('button', { name: text.create }).click()
      await visible(drawer.getByText(text.endBeforeStart))
      // Only the end date is still wrong: the fixed fields no longer show errors (once their messages have faded out).
      await expect.poll(() => drawer.locator('.ant-form-item-explain-error').allTextContents()).toEqual([text.endBeforeStart])
      await app.screenshot('trip-form-errors')
      expect(app.core.records.trip.list()).toHaveLength(0)

      // Corrected, it is created and appears in the list, stored in SQLite.
      await typeDate(drawer.getByLabel(text.startDate), '2025-05-16')
      await typeDate(drawer.getByLabel(text.endDate), '2025-05-19')
      const regions = drawer.getByLabel(text.regions)
      for (const region of trip.regions) {
        await regions.fill(region)
        await regions.press('Enter')
      }
      await drawer.getByRole('button', { name: text.create }).click()
      // A new trip opens at once, ready for its group and itinerary.
      await expect.poll(() => app.core.records.trip.list().length).toBe(1)
      const stored = app.core.records.trip.list()
      expect(stored).toMatchObject([{ title: trip.title, startDate: '2025-05-16', endDate: '2025-05-19', regions: trip.regions }])
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/trips/${stored[0]!.id}`)
      await visible(page.getByTestId('trip-title').getByText(trip.title))
      await visible(page.getByRole('heading', { name: text.overview }))
      await page.locator('.ant-breadcrumb').getByRole('link', { name: text.back }).click()

      const row = page.locator('.ant-table-row', { hasText: trip.title })
      await visible(row)
      const rowText = await row.textContent()
      expect(rowText).toContain('2025-05-16 – 2025-05-19')
      for (const region of trip.regions) expect(rowText).toContain(region)
      await app.screenshot('trips-list')

      // Clicking the title opens the trip.
      await row.getByRole('link', { name: trip.title }).click()
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/trips/${stored[0]!.id}`)
      await page.locator('.ant-breadcrumb').getByRole('link', { name: text.back }).click()

      // Edit in the drawer from the list.
      await row.getByRole('button', { name: text.edit }).click()
      await drawer.getByLabel(text.title).fill(trip.renamed)
      await drawer.getByRole('button', { name: text.save }).click()
      const renamed = page.locator('.ant-table-row', { hasText: trip.renamed })
      await visible(renamed)
      expect(app.core.records.trip.list()[0]?.title).toBe(trip.renamed)

      // Delete asks first, then offers undo.
      await renamed.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await visible(page.getByText(text.empty))
      expect(app.core.records.trip.list()).toHaveLength(0)
      await app.screenshot('trip-deleted-undo')
      await page.getByTestId('undo-delete').click()
      await visible(page.locator('.ant-table-row', { hasText: trip.renamed }))
      expect(app.core.records.trip.list()).toHaveLength(1)

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('shows every section and remembers a language switch', async () => {
    const app = await web.open({ locale })
    const { page } = app
    try {
      for (const [index, label] of nav.entries()) {
        await page.getByRole('menuitem', { name: label }).click()
        await visible(page.locator('.ant-layout-content > *').first())
        const route = new URL(page.url()).hash.replace('#/', '')
        await app.screenshot(`section-${index}-${route}`)
      }
      await page.getByRole('menuitem', { name: text.settings }).click()
      await visible(page.getByText('e2e', { exact: true }))
      await visible(page.getByText(app.dataDir))
      // Switch to the other language, reload: the choice is remembered.
      const other = locale === 'zh-CN' ? 'English' : '中文'
      await page.getByText(other, { exact: true }).first().click()
      await page.reload()
      const otherSettings = locale === 'zh-CN' ? 'Settings' : '设置'
      await visible(page.getByRole('heading', { level: 1, name: otherSettings }))
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
