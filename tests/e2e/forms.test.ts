import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { call, pick, useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      newSymposium: '新建座谈会记录',
      newTrip: '新建行程',
      create: '创建',
      enterTitle: '请填写标题',
      enterStart: '请填写开始日期',
      enterEnd: '请填写结束日期',
      chooseEnterprise: '请选择企业',
      newFollowUp: '新建跟进事项',
      followUpTitle: '要做的事',
      discardTitle: '放弃填写的内容？',
      newAgreement: '新建协议',
      agreementTitle: '协议名称',
      enterprise: '合作企业',
      visitTitle: '主题',
      tooLong: '不能超过 200 个字符',
      leaveTitle: '有内容没有保存',
      enterprisesNav: '企业档案',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      newSymposium: 'New symposium',
      newTrip: 'New trip',
      create: 'Create',
      enterTitle: 'Enter a title',
      enterStart: 'Enter the start date',
      enterEnd: 'Enter the end date',
      chooseEnterprise: 'Choose an enterprise',
      newFollowUp: 'New follow-up',
      followUpTitle: 'What to do',
      discardTitle: 'Discard what you typed?',
      newAgreement: 'New agreement',
      agreementTitle: 'Title',
      enterprise: 'Enterprise',
      visitTitle: 'Subject',
      tooLong: 'At most 200 characters',
      leaveTitle: 'Some changes are not saved',
      enterprisesNav: 'Enterprises',
    },
  },
]

describe.each(LANGUAGES)('forms that never drop input in $locale', ({ locale, text }) => {
  it('shows every error at once in the field’s words, asks before discarding, submits with Enter, flags a too long paste', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    await page.setViewportSize({ width: 1366, height: 768 })
    const confirmTitle = (title: string) => page.locator('.ant-modal-confirm-title', { hasText: title })
    try {
      const trip = await call(core, 'trip.create', { title: '皖苏访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
      const enterprise = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })

      // A new trip with nothing filled in: all three errors at once, each saying what is missing.
      await page.getByRole('button', { name: text.newTrip }).first().click()
      const drawer = page.getByRole('dialog')
      await drawer.getByRole('button', { name: text.create }).click()
      await expect.poll(() => drawer.locator('.ant-form-item-explain-error').allTextContents()).toEqual([text.enterTitle, text.enterStart, text.enterEnd])
      await app.screenshot('form-errors-trip')
      await page.keyboard.press('Escape')
      // Nothing typed: Esc closes without asking.
      await expect.poll(() => drawer.isVisible()).toBe(false)

      // An empty enterprise is "choose an enterprise", not "format incorrect".
      await page.goto(`${web.url}#/trips/${trip.id}/symposiums`)
      await page.getByRole('button', { name: text.newSymposium }).first().click()
      const dialog = page.getByRole('dialog')
      await page.getByTestId('new-symposium-ok').click()
      await visible(dialog.locator('.ant-form-item-explain-error', { hasText: text.chooseEnterprise }))
      await app.screenshot('form-errors-enterprise')
      await page.keyboard.press('Escape')
      await expect.poll(() => dialog.isVisible()).toBe(false)

      // Esc on a dialog with typed content asks first; "keep editing" keeps the text; "discard" closes.
      await page.goto(`${web.url}#/follow-ups`)
      await page.getByRole('button', { name: text.newFollowUp }).first().click()
      const followUp = page.getByRole('dialog', { name: text.newFollowUp })
      const title = followUp.getByLabel(text.followUpTitle)
      await title.fill('两周内拟定订单班合作协议草案')
      await page.keyboard.press('Escape')
      await visible(confirmTitle(text.discardTitle))
      await app.screenshot('dialog-discard-question')
      await page.getByTestId('discard-keep').click()
      await expect.poll(() => confirmTitle(text.discardTitle).isVisible()).toBe(false)
      expect(await title.inputValue()).toBe('两周内拟定订单班合作协议草案')
      // The keyboard is back in the field the user was typing in.
      await expect.poll(() => title.evaluate((field) => field === document.activeElement)).toBe(true)
      // Focus stays inside the dialog: tabbing through it never reaches the page behind (past its last button the
      // browser's own chrome may take the focus for one step, which the window of the app does not have).
      const visited = new Set<string>()
      for (let step = 0; step < 14; step++) {
        await page.keyboard.press('Tab')
        const where = await page.evaluate(() =>
          document.activeElement === document.body ? 'body' : document.activeElement?.closest('.ant-modal-wrap') ? 'dialog' : document.activeElement?.outerHTML.slice(0, 120),
        )
        expect(['dialog', 'body'], `tab ${step}`).toContain(where)
        if (where) visited.add(where)
      }
      expect(visited.has('dialog')).toBe(true)
      await page.keyboard.press('Escape')
      await page.getByTestId('discard-confirm').click()
      await expect.poll(() => followUp.isVisible()).toBe(false)
      expect(core.records.action.list({})).toHaveLength(0)

      // Enter in a one-line field submits the dialog.
      await page.goto(`${web.url}#/trips/${trip.id}/agreements`)
      await page.getByRole('button', { name: text.newAgreement }).first().click()
      const agreement = page.getByRole('dialog')
      await pick(page, agreement.getByLabel(text.enterprise), '七彩', enterprise['name'] as string)
      await agreement.getByLabel(text.agreementTitle).fill('共建产业学院协议')
      await page.keyboard.press('Enter')
      await page.waitForURL(/#\/agreements\//)
      expect(core.records.agreement.list({}).map((a) => a['title'])).toEqual(['共建产业学院协议'])

      // A pasted text longer than the limit is kept whole and flagged, never cut and never saved cut.
      const visit = await call(core, 'visit.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-16', title: '参观灌装生产线' })
      await page.goto(`${web.url}#/visits/${visit.id}`)
      const visitTitle = page.getByLabel(text.visitTitle, { exact: true })
      const pasted = '参观灌装生产线与智能仓储中心，'.repeat(16)
      expect(pasted.length).toBeGreaterThan(200)
      // Pasted over the whole title, as a user replaces it.
      await visitTitle.focus()
      await page.keyboard.press('Control+a')
      await page.keyboard.insertText(pasted)
      expect(await visitTitle.inputValue()).toBe(pasted)
      await visible(page.locator('.ant-form-item-explain-error', { hasText: text.tooLong }))
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('invalid')
      expect(core.records.visit.get(visit.id)['title']).toBe('参观灌装生产线')
      await app.screenshot('form-too-long-paste')

      // Leaving with it asks first; staying keeps the text on its field.
      await page.getByRole('menuitem', { name: text.enterprisesNav }).click()
      await visible(confirmTitle(text.leaveTitle))
      await page.getByTestId('leave-stay').click()
      expect(new URL(page.url()).hash).toBe(`#/visits/${visit.id}`)
      expect(await visitTitle.inputValue()).toBe(pasted)
      await page.getByRole('menuitem', { name: text.enterprisesNav }).click()
      await page.getByTestId('leave-confirm').click()
      await page.waitForURL(/#\/enterprises$/)
      expect(core.records.visit.get(visit.id)['title']).toBe('参观灌装生产线')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
