import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      newAgreement: '新建协议',
      enterprise: '合作企业',
      addEnterprise: (name: string) => `新建企业“${name}”`,
      merge: '合并重复档案',
      pick: '要并入的档案',
      suggested: '名称或信用代码相同',
      confirm: '合并',
      merged: '已把“汇润集团(苏州)”合并到本档案，移入 2 条记录',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      newAgreement: 'New agreement',
      enterprise: 'Enterprise',
      addEnterprise: (name: string) => `Add enterprise “${name}”`,
      merge: 'Merge a duplicate file',
      pick: 'File to merge in',
      suggested: 'Same name or credit code',
      confirm: 'Merge',
      merged: 'Merged “汇润集团(苏州)” into this file: 2 records moved',
    },
  },
]

describe.each(LANGUAGES)('one identity per enterprise in $locale', ({ locale, text }) => {
  it('the picker finds a file typed with other brackets and offers no second one; a duplicate file merges into it', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    try {
      const trip = core.records.trip.create({ title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
      const huirun = core.records.enterprise.create({ name: '汇润集团（苏州）有限公司' })
      await page.goto(`${web.url}#/trips/${trip.id}/agreements`)
      await page.getByRole('button', { name: text.newAgreement }).first().click()
      const dialog = page.getByRole('dialog')
      const picker = dialog.getByLabel(text.enterprise)
      await picker.click()
      await picker.fill('汇润集团(苏州)')
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
      await expect.poll(() => options.allInnerTexts()).toEqual(['汇润集团（苏州）有限公司'])
      await app.screenshot('enterprise-picker-same-enterprise')
      // A name no file has is offered for creation.
      await picker.fill('七彩灵慧')
      await expect.poll(() => options.allInnerTexts()).toEqual([text.addEnterprise('七彩灵慧')])
      await page.keyboard.press('Escape')

      // A second file made on purpose earlier (or arrived from a teammate) is merged from the enterprise screen.
      const duplicate = core.records.enterprise.create({ name: '汇润集团(苏州)', allowDuplicate: true, region: '江苏苏州' })
      core.records.visit.create({ tripId: trip.id, enterpriseId: duplicate.id, date: '2025-05-18', title: '参观灌装车间' })
      core.records.contact.create({ enterpriseId: duplicate.id, name: '曾健' })
      await page.goto(`${web.url}#/enterprises/${huirun.id}`)
      await page.getByRole('button', { name: text.merge }).click()
      const mergeDialog = page.getByRole('dialog')
      await mergeDialog.getByLabel(text.pick).click()
      await visible(page.locator('.ant-select-dropdown:visible .ant-select-item-group', { hasText: text.suggested }))
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '汇润集团(苏州)' }).click()
      await app.screenshot('enterprise-merge-dialog')
      await mergeDialog.getByRole('button', { name: text.confirm }).click()
      await visible(page.getByText(text.merged))
      expect(core.records.enterprise.get(duplicate.id).deleted).toBe(true)
      expect(core.records.visit.list({ enterpriseId: huirun.id })).toMatchObject([{ title: '参观灌装车间' }])
      expect(core.records.enterprise.get(huirun.id)).toMatchObject({ region: '江苏苏州' })
    } finally {
      await app.close()
    }
  })
})
