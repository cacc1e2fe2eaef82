import { describe, expect, it } from 'vitest'
import type { Agreement } from '../../shared/schemas/agreement'
import { visible, type AppSession } from './harness'
import { useBrowser, typeDate, pick, stored } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      emptyTitle: '还没有合作协议',
      new: '新建协议',
      create: '创建',
      delete: '删除',
      chooseEnterprise: '请选择企业',
      enterTitle: '请填写标题',
      endBeforeStart: '结束日期不能早于开始日期',
      notNegative: '不能小于 0',
      fields: {
        enterprise: '合作企业',
        title: '协议名称',
        kind: '协议类型',
        parties: '签约各方',
        positions: '承诺岗位数',
        owner: '负责人',
        signedDate: '签约日期',
        termStart: '期限开始',
        termEnd: '期限结束',
        terms: '主要条款',
        amount: '金额（元）',
      },
      kinds: { order_class: '订单班 / 定向班', training_base: '实训基地' },
      statuses: { consensus: '达成共识', signed: '已签约', executing: '执行中' },
    },
    data: {
      trip: '皖苏两省访企拓岗调研',
      qicai: '石台县七彩灵慧智能科技有限公司',
      huirun: '汇润集团（苏州）',
      orientation: '产业工人定向培养班',
      centre: '智能装备运维实训中心',
      amount: '500万元',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      emptyTitle: 'No agreements yet',
      new: 'New agreement',
      create: 'Create',
      delete: 'Delete',
      chooseEnterprise: 'Choose an enterprise',
      enterTitle: 'Enter a title',
      endBeforeStart: 'The end date cannot be before the start date',
      notNegative: 'Must be at least 0',
      fields: {
        enterprise: 'Enterprise',
        title: 'Title',
        kind: 'Kind',
        parties: 'Parties',
        positions: 'Positions committed',
        owner: 'Owner',
        signedDate: 'Signed on',
        termStart: 'Term starts',
        termEnd: 'Term ends',
        terms: 'Main terms',
        amount: 'Amount (yuan)',
      },
      kinds: { order_class: 'Order / orientation class', training_base: 'Training base' },
      statuses: { consensus: 'Consensus', signed: 'Signed', executing: 'In execution' },
    },
    data: {
      trip: 'Anhui and Jiangsu employment visits',
      qicai: 'Shitai Qicai Linghui Intelligent Technology Co., Ltd.',
      huirun: 'Huirun Group (Suzhou)',
      orientation: 'Industrial worker orientation class',
      centre: 'Intelligent equipment O&M training centre',
      amount: '¥5,000,000',
    },
  },
]

describe.each(LANGUAGES)('agreements in $locale', ({ locale, text, data }) => {
  it('records the reference agreements and moves one through its status steps', async () => {
    const app: AppSession = await web.open({ locale })
    const { page, core } = app
    try {
      const trip = core.records.trip.create({ title: data.trip, startDate: '2025-05-16', endDate: '2025-05-19' })
      const qicai = core.records.enterprise.create({ name: data.qicai })
      const huirun = core.records.enterprise.create({ name: data.huirun })
      const agreements = () => core.records.agreement.list({ tripId: trip.id }) as Agreement[]
      await page.goto(`${web.url}#/trips/${trip.id}/agreements`)

      // A new trip's list says what agreements are for and how to start.
      await visible(page.getByText(text.emptyTitle))
      await app.screenshot('agreements-empty')

      // The dialog refuses an agreement without enterprise or title, on the fields.
      await page.getByRole('button', { name: text.new }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: text.create }).click()
      await expect.poll(() => dialog.locator('.ant-form-item-explain-error').allTextContents()).toEqual([
        text.chooseEnterprise,
        text.enterTitle,
      ])
      await app.screenshot('agreement-new-errors')
      expect(agreements()).toHaveLength(0)

      // The orientation class with Qicai: enterprise, title and the default kind (order / orientation class).
      await pick(page, dialog.getByLabel(text.fields.enterprise), data.qicai.slice(0, 4), data.qicai)
      await dialog.getByLabel(text.fields.title).fill(data.orientation)
      await dialog.getByRole('button', { name: text.create }).click()
      await page.waitForURL(/#\/agreements\//)
      expect(agreements()).toMatchObject([{ title: data.orientation, enterpriseId: qicai.id, kind: 'order_class', status: 'consensus' }])
      const orientation = agreements()[0]!
      await visible(page.getByRole('heading', { name: data.orientation }))

      // Details autosave field by field.
      await page.getByLabel(text.fields.parties).fill(`${data.qicai}; ${data.trip}`)
      await page.getByLabel(text.fields.positions).fill('40')
      await page.getByLabel(text.fields.owner).fill(locale === 'zh-CN' ? '校企合作中心' : 'School-enterprise cooperation centre')
      await typeDate(page.getByLabel(text.fields.signedDate), '2025-05-16')
      await stored(() => core.records.agreement.get(orientation.id)['signedDate'], '2025-05-16')
      await stored(() => core.records.agreement.get(orientation.id)['positions'], 40)

      // Status steps: a click moves to "signed", the keyboard (Tab to the step, Enter) to "in execution".
      await page.getByRole('button', { name: new RegExp(text.statuses.signed) }).click()
      await stored(() => core.records.agreement.get(orientation.id)['status'], 'signed')
      const executing = page.getByRole('button', { name: new RegExp(text.statuses.executing) })
      await executing.focus()
      await page.keyboard.press('Enter')
      await stored(() => core.records.agreement.get(orientation.id)['status'], 'executing')
      await expect.poll(() => page.locator('.ant-steps-item-active').innerText()).toContain(text.statuses.executing)

      // A term that ends before it starts is refused on the end date, in the user's language, and not saved.
      await typeDate(page.getByLabel(text.fields.termStart), '2025-09-01')
      await typeDate(page.getByLabel(text.fields.termEnd), '2025-06-30')
      await visible(page.getByText(text.endBeforeStart))
      await app.screenshot('agreement-term-error')
      expect(core.records.agreement.get(orientation.id)['termEnd']).toBe('')
      await typeDate(page.getByLabel(text.fields.termEnd), '2028-06-30')
      await stored(() => core.records.agreement.get(orientation.id)['termEnd'], '2028-06-30')
      expect(core.records.agreement.get(orientation.id)['termStart']).toBe('2025-09-01')
      await expect.poll(() => page.getByText(text.endBeforeStart).count()).toBe(0)
      await page.getByLabel(text.fields.terms).fill(
        locale === 'zh-CN' ? '招生即招工、入校即入企，考核合格的毕业生直接入职。' : 'Enrolment is recruitment; graduates who pass the assessment join the company.',
      )
      await stored(() => String(core.records.agreement.get(orientation.id)['terms']).length > 10, true)
      await app.screenshot('agreement-screen')

      // Back to the trip's list through the breadcrumb; the training centre with Huirun, 5,000,000 yuan.
      await page.locator('.ant-breadcrumb').getByRole('link', { name: data.trip }).click()
      await page.getByRole('button', { name: text.new }).click()
      await pick(page, dialog.getByLabel(text.fields.enterprise), data.huirun.slice(0, 2), data.huirun)
      await dialog.getByLabel(text.fields.title).fill(data.centre)
      await pick(page, dialog.getByLabel(text.fields.kind), '', text.kinds.training_base)
      await dialog.getByRole('button', { name: text.create }).click()
      await page.waitForURL((url) => url.hash.startsWith('#/agreements/') && !url.hash.includes(orientation.id))
      const centre = agreements().find((a) => a.title === data.centre)!
      expect(centre).toMatchObject({ enterpriseId: huirun.id, kind: 'training_base', tripId: trip.id })
      const amount = page.getByLabel(text.fields.amount)
      // A negative amount is refused on the field.
      await amount.fill('-5')
      await visible(page.getByText(text.notNegative))
      await amount.fill('5000000')
      await stored(() => core.records.agreement.get(centre.id)['amountYuan'], 5_000_000)
      await visible(page.getByText(data.amount, { exact: true }))
      await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0)
      await app.screenshot('agreement-amount')

      // The list shows both, with kind, status step, amount in the locale's way and the totals.
      await page.locator('.ant-breadcrumb').getByRole('link', { name: data.trip }).click()
      const orientationRow = page.locator('.ant-table-row', { hasText: data.orientation })
      const centreRow = page.locator('.ant-table-row', { hasText: data.centre })
      await visible(centreRow)
      expect(await orientationRow.innerText()).toContain(`3/4 ${text.statuses.executing}`)
      expect(await orientationRow.innerText()).toContain(text.kinds.order_class)
      expect(await orientationRow.innerText()).toContain('2025-05-16')
      expect(await centreRow.innerText()).toContain(`1/4 ${text.statuses.consensus}`)
      expect(await centreRow.innerText()).toContain(data.amount)
      expect(await centreRow.innerText()).toContain(data.huirun)
      expect(await page.getByTestId('agreements-total-amount').innerText()).toBe(data.amount)
      await app.screenshot('agreements-list')

      // Delete asks first, goes to the trash, and can be undone.
      await centreRow.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await expect.poll(() => agreements().map((a) => a.title)).toEqual([data.orientation])
      expect(core.records.agreement.get(centre.id).deleted).toBe(true)
      await page.getByTestId('undo-delete').click()
      await visible(centreRow)
      expect(agreements()).toHaveLength(2)

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
