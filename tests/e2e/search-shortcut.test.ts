import { describe, expect, it } from 'vitest'
import { useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  { locale: 'zh-CN' as const, text: { ownerFilter: '按负责人筛选', titleColumn: '事项', edit: '编辑' }, data: { title: '寄送座谈会纪要', owner: '秘书处' } },
  { locale: 'en-US' as const, text: { ownerFilter: 'Filter by owner', titleColumn: 'Action', edit: 'Edit' }, data: { title: 'Send the minutes', owner: 'Secretariat' } },
]

describe.each(LANGUAGES)('the search shortcut in $locale', ({ locale, text, data }) => {
  it('opens search with the query box focused on "/" outside text fields and on Ctrl+K anywhere', async () => {
    const app = await web.open({ locale, route: '/follow-ups' })
    const { page, core } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      core.records.action.create({ title: data.title, owner: data.owner })
      const rows = page.locator('.ant-table-tbody .ant-table-row')
      await expect.poll(() => rows.count()).toBe(1)
      const route = () => new URL(page.url()).hash
      const searchBoxFocused = () => page.evaluate(() => document.activeElement?.hasAttribute('data-search-box') ?? false)

      // "/" typed into a text field is a character: the screen stays.
      const ownerFilter = page.getByLabel(text.ownerFilter)
      await ownerFilter.click()
      await page.keyboard.type('/')
      expect(await ownerFilter.inputValue()).toBe('/')
      expect(route()).toBe('#/follow-ups')
      await page.keyboard.press('Escape')

      // Outside a text field it opens search; the box has the focus and not the "/".
      await page.locator('h1').first().click()
      await page.keyboard.press('/')
      await expect.poll(route).toBe('#/search')
      await expect.poll(searchBoxFocused).toBe(true)
      expect(await page.getByTestId('search-box').inputValue()).toBe('')
      await page.keyboard.type(data.owner)
      expect(await page.getByTestId('search-box').inputValue()).toBe(data.owner)

      // Ctrl+K works from inside a text field too.
      await page.goto(`${web.url}#/follow-ups`)
      await rows.first().getByRole('button', { name: text.edit }).click()
      await rows.first().getByRole('textbox', { name: text.titleColumn }).focus()
      await page.keyboard.press('Control+k')
      await expect.poll(route).toBe('#/search')
      await expect.poll(searchBoxFocused).toBe(true)
      // On the search screen it selects what is in the box, ready for a new query.
      await page.keyboard.type(data.title)
      await page.locator('h1').first().click()
      await page.keyboard.press('Control+k')
      await expect.poll(searchBoxFocused).toBe(true)
      const selection = await page.evaluate(() => {
        const box = document.activeElement as HTMLInputElement
        return [box.selectionStart, box.selectionEnd]
      })
      expect(selection).toEqual([0, data.title.length])
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
