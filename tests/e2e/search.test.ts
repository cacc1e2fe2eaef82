import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { visible } from './harness'
import { useBrowser, call } from './ui'

const web = useBrowser()

/** The reference trip's first symposium, with remarks typed during it, and a second trip. */
async function seed(core: Core) {
  const trip = await call(core, 'trip.create', { title: '皖苏两省访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
  const other = await call(core, 'trip.create', { title: '浙江企业回访', startDate: '2025-09-01', endDate: '2025-09-02' })
  const qicai = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
  const symposium = await call(core, 'symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '校企合作座谈会' })
  const remark = await call(core, 'remark.create', { symposiumId: symposium.id, text: '总经理提出，希望学校把产业的前沿技术融入日常教学。' })
  await call(core, 'remark.create', { symposiumId: symposium.id, text: '双方同意先开设产业工人订单班。' })
  await call(core, 'note.create', { tripId: other.id, text: '回访时再安排一次座谈' })
  return { trip, other, qicai, symposium, remark }
}

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      emptyTitle: '搜索全部记录',
      remarks: '座谈发言',
      symposiums: '座谈会',
      notes: '笔记',
      total1: '找到 1 条结果',
      noResults: '没有找到“不存在的词语”',
      onlySymposiums: '座谈会',
      clearFilters: '清除筛选',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      emptyTitle: 'Search all records',
      remarks: 'Symposium remarks',
      symposiums: 'Symposiums',
      notes: 'Notes',
      total1: '1 result',
      noResults: 'Nothing found for “不存在的词语”',
      onlySymposiums: 'Symposiums',
      clearFilters: 'Clear filters',
    },
  },
]

describe.each(LANGUAGES)('search in $locale', ({ locale, text }) => {
  it('finds a phrase typed in a symposium and opens it; two-character words, filters, no results', async () => {
    const app = await web.open({ locale, route: '/search' })
    const { page, core } = app
    try {
      const data = await seed(core)
      await visible(page.getByText(text.emptyTitle))
      await app.screenshot('search-empty')

      // The box has focus already: typing goes straight into it.
      await page.keyboard.type('前沿技术')
      const remarks = page.getByTestId('search-group-remark')
      await visible(remarks)
      await visible(page.getByText(text.total1))
      expect(await remarks.locator('.ant-card-head').textContent()).toBe(`${text.remarks}1`)
      expect(await remarks.locator('mark').allTextContents()).toEqual(['前沿技术'])
      expect(await remarks.getByTestId('search-hit').textContent()).toContain('校企合作座谈会')
      await app.screenshot('search-results')

      // Two characters: found by the short-word path, in three kinds of record.
      await page.getByTestId('search-box').fill('座谈')
      await visible(page.getByTestId('search-group-note'))
      await visible(page.getByTestId('search-group-symposium'))
      expect(await page.getByTestId('search-group-symposium').locator('mark').allTextContents()).toEqual(['座谈'])
      expect(new URL(page.url()).hash).toContain('q=%E5%BA%A7%E8%B0%88')
      await app.screenshot('search-short-word')

      // Only symposiums: the note and the remark groups go.
      await page.getByRole('checkbox', { name: text.onlySymposiums, exact: true }).check()
      await page.getByTestId('search-group-note').waitFor({ state: 'detached' })
      expect(await page.locator('[data-testid^="search-group-"]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-testid')))).toEqual([
        'search-group-symposium',
      ])

      // Nothing found says so, and offers to clear the filters.
      await page.getByTestId('search-box').fill('不存在的词语')
      await visible(page.getByText(text.noResults))
      await app.screenshot('search-no-results')
      await page.getByRole('button', { name: text.clearFilters }).click()
      await expect.poll(() => page.getByRole('checkbox', { checked: true }).count()).toBe(0)

      // Opening a result goes to its symposium; Back returns to the same search.
      await page.getByTestId('search-box').fill('前沿技术')
      await visible(remarks)
      await remarks.getByTestId('search-hit').click()
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/symposiums/${data.symposium.id}?hl=${encodeURIComponent('前沿技术')}`)
      await page.goBack()
      await visible(page.getByTestId('search-group-remark'))
      expect(await page.getByTestId('search-box').inputValue()).toBe('前沿技术')

      // The keyboard alone: arrow down from the box into the results, Enter opens.
      await page.getByTestId('search-box').press('ArrowDown')
      await page.keyboard.press('Enter')
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/symposiums/${data.symposium.id}?hl=${encodeURIComponent('前沿技术')}`)

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
