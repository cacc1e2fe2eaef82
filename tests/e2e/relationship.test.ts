import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { call, pick, typeDate, useBrowser } from './ui'

const web = useBrowser()

/** The machines running these tests are shared: give the UI time rather than fail on a slow moment. */
const POLL = { timeout: 10_000 }

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      summaryTab: '概览',
      timelineTab: '往来记录',
      contactsTab: '联系人',
      channel: '方式',
      wechat: '微信',
      date: '日期',
      ourSide: '我方人员',
      theirSide: '对方',
      what: '内容',
      nextStep: '下一步',
      createFollowUp: '同时建跟进事项',
      dueDate: '截止日期',
      save: '记下',
      nextStepNeeded: '要建跟进事项，请写下一步做什么',
      invalidPhone: '电话号码不正确',
      phone: '电话',
      name: '姓名',
      add: '添加',
      never: '还没有联系记录',
      noContact90: '90 天未联系',
      withOpenFollowUps: '有未完成跟进',
      saveFilter: '保存当前筛选',
      filterName: '筛选名称',
      saveButton: '保存',
      delete: '删除',
    },
    data: {
      enterprise: '汇润集团（苏州）有限公司',
      idle: '七彩灵慧科技有限公司',
      contact: '曾辉',
      contactTitle: '董事长',
      ourSide: '李老师',
      summary: '微信沟通七月实习安排，对方同意接收 10 人',
      nextStep: '发实习协议草稿',
      filterName: '待跟进',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      summaryTab: 'Summary',
      timelineTab: 'Timeline',
      contactsTab: 'Contacts',
      channel: 'Channel',
      wechat: 'WeChat',
      date: 'Date',
      ourSide: 'Our side',
      theirSide: 'With',
      what: 'What',
      nextStep: 'Next step',
      createFollowUp: 'Also create a follow-up',
      dueDate: 'Due date',
      save: 'Log it',
      nextStepNeeded: 'Write the next step to create a follow-up from it',
      invalidPhone: 'Not a phone number',
      phone: 'Phone',
      name: 'Name',
      add: 'Add',
      never: 'No contact recorded yet',
      noContact90: 'No contact for 90 days',
      withOpenFollowUps: 'Open follow-ups',
      saveFilter: 'Save this filter',
      filterName: 'Filter name',
      saveButton: 'Save',
      delete: 'Delete',
    },
    data: {
      enterprise: 'Huirun Group (Suzhou) Co., Ltd.',
      idle: 'Qicai Lingxi Technology Co., Ltd.',
      contact: 'Zeng Hui',
      contactTitle: 'Chairman',
      ourSide: 'Ms Li',
      summary: 'WeChat about the July internships: they take 10 students',
      nextStep: 'Send the internship agreement draft',
      filterName: 'To follow up',
    },
  },
]

describe.each(LANGUAGES)('enterprise relationship record in $locale', ({ locale, text, data }) => {
  it('opens on the summary, logs a contact that creates a follow-up, and lists the enterprise by activity', async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page, core } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const today = dayjs().format('YYYY-MM-DD')
      const firm = await call(core, 'enterprise.create', { name: data.enterprise, stage: 'cooperating', owner: data.ourSide, region: '江苏苏州', industry: '智能制造' })
      const idle = await call(core, 'enterprise.create', { name: data.idle, stage: 'prospect' })
      await call(core, 'contact.create', { enterpriseId: firm.id, name: data.contact, title: data.contactTitle, phone: '13812345678', wechat: 'zenghui-huirun', isPrimary: true })
      await call(core, 'contact.create', { enterpriseId: firm.id, name: '王敏', title: '人力资源部经理', phone: '0512-65881234转801' })
      const trip = await call(core, 'trip.create', { title: '苏州访企拓岗', startDate: '2024-05-10', endDate: '2024-05-12' })
      const member = await call(core, 'member.create', { tripId: trip.id, name: data.ourSide })
      await call(core, 'visit.create', { tripId: trip.id, enterpriseId: firm.id, date: '2024-05-10', title: '参观灌装车间', participantIds: [member.id] })
      await call(core, 'agreement.create', { tripId: trip.id, enterpriseId: firm.id, title: '共建实训基地', kind: 'training_base', status: 'signed', amountYuan: 500_000 })
      await call(core, 'agreement.create', { enterpriseId: firm.id, title: '订单班', kind: 'order_class', status: 'consensus' })
      for (const [date, jobs, interns] of [['2024-05-11', 5, 3], ['2025-04-01', 12, 6]] as const) {
        const survey = await call(core, 'survey.create', { tripId: trip.id, enterpriseId: firm.id, date })
        await call(core, 'position.create', { surveyId: survey.id, title: '设备运维', headcount: jobs })
        await call(core, 'position.create', { surveyId: survey.id, title: '质检实习', headcount: interns, kind: 'internship' })
      }
      // Made on the trip for this enterprise: it belongs under the enterprise too.
      await call(core, 'action.create', { tripId: trip.id, enterpriseId: firm.id, title: '寄送实训基地协议', owner: data.ourSide, dueDate: '2024-06-01' })

      await page.goto(`${web.url}#/enterprises/${firm.id}`)
      const summary = page.getByTestId('enterprise-summary')
      await visible(summary)
      await expect.poll(() => page.getByRole('tab', { selected: true }).innerText(), POLL).toBe(text.summaryTab)
      await visible(summary.getByTestId('summary-last-contact').getByText('2024-05-10'))
      await visible(summary.getByTestId('summary-contacts').getByText(data.contact, { exact: true }))
      await visible(summary.getByTestId('summary-contacts').getByText('zenghui-huirun'))
      await visible(summary.getByTestId('summary-follow-ups').getByText('寄送实训基地协议'))
      await visible(summary.getByTestId('summary-demand-chart'))
      expect(await summary.getByTestId('summary-demand-totals').getAttribute('data-totals')).toBe('2024:8,2025:18')
      expect(await summary.getByTestId('agreements-signed').innerText()).toContain('1')
      expect(await summary.getByTestId('agreements-consensus').innerText()).toContain('1')
      await app.screenshot('enterprise-summary-1366')

      // 记一笔往来: asking for a follow-up without a next step is refused on the next-step field, nothing saved.
      const log = page.getByTestId('log-contact')
      await pick(page, log.getByLabel(text.channel), '', text.wechat)
      await typeDate(log.getByLabel(text.date, { exact: true }), today)
      await log.getByLabel(text.ourSide).fill(data.ourSide)
      await log.getByLabel(text.theirSide, { exact: true }).fill(data.contact)
      await page.keyboard.press('Escape')
      await log.getByLabel(text.what).fill(data.summary)
      await log.getByText(text.createFollowUp).click()
      await log.getByRole('button', { name: text.save }).click()
      await visible(log.getByText(text.nextStepNeeded))
      expect(core.records.interaction.list({ enterpriseId: firm.id })).toEqual([])

      // Enter in a field submits the form: the due date typed here is refused again for the missing next step.
      await typeDate(log.getByLabel(text.dueDate), '2030-01-15')
      expect(core.records.interaction.list({ enterpriseId: firm.id })).toEqual([])
      await log.getByLabel(text.nextStep).fill(data.nextStep)
      await log.getByRole('button', { name: text.save }).click()
      await expect.poll(() => core.records.interaction.list({ enterpriseId: firm.id }).length, POLL).toBe(1)
      const [entry] = core.records.interaction.list({ enterpriseId: firm.id })
      expect(entry).toMatchObject({ channel: 'wechat', date: today, ourSide: data.ourSide, theirSide: data.contact, summary: data.summary, nextStep: data.nextStep })
      const action = core.records.action.get(String(entry!['actionId']))
      expect(action).toMatchObject({ enterpriseId: firm.id, title: data.nextStep, dueDate: '2030-01-15', owner: data.ourSide, status: 'open' })

      // The summary follows: last contact today by us over WeChat, the new follow-up among the open ones.
      await visible(summary.getByTestId('summary-last-contact').getByText(today))
      await visible(summary.getByTestId('summary-last-contact').getByText(text.wechat, { exact: false }))
      await visible(summary.getByTestId('summary-follow-ups').getByText(data.nextStep))
      expect(await summary.getByTestId('summary-open-count').locator('.ant-statistic-content-value').innerText()).toBe('2')
      // The form is ready for the next entry.
      expect(await log.getByLabel(text.what).inputValue()).toBe('')
      await app.screenshot('enterprise-summary-logged-1366')

      // The timeline shows the contact with its next step, and the follow-up.
      await page.getByRole('tab', { name: text.timelineTab }).click()
      const logged = page.locator('[data-testid="timeline-entry"][data-kind="interaction"]')
      await visible(logged)
      expect(await logged.innerText()).toContain(data.summary)
      expect(await logged.innerText()).toContain(data.nextStep)
      await visible(page.locator('[data-testid="timeline-entry"][data-kind="action"]', { hasText: data.nextStep }))
      // A contact logged by mistake goes to the trash from the timeline, with undo; its follow-up stays.
      await logged.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await expect.poll(() => logged.count(), POLL).toBe(0)
      expect(core.records.interaction.get(entry!.id).deleted).toBe(true)
      await page.getByTestId('undo-delete').click()
      await visible(logged)
      expect(core.records.interaction.get(entry!.id).deleted).toBe(false)
      await app.screenshot('enterprise-timeline-contact-1366')

      // A phone number that is neither a mobile nor a landline with its area code is refused on its field.
      await page.getByRole('tab', { name: text.contactsTab }).click()
      const addRow = page.locator('form#new-contact')
      await addRow.getByLabel(text.name, { exact: true }).fill('赵工')
      await addRow.getByLabel(text.phone).fill('6588123')
      await addRow.getByLabel(text.phone).press('Enter')
      await visible(addRow.getByText(text.invalidPhone, { exact: false }))
      expect(core.records.contact.list({ enterpriseId: firm.id })).toHaveLength(2)
      await app.screenshot('enterprise-contacts-1366')

      // The list: owner, last contact and next follow-up; quick and saved filters.
      await page.goto(`${web.url}#/enterprises`)
      const row = page.locator('.ant-table-row', { hasText: data.enterprise })
      await visible(row.getByText(today))
      await visible(row.getByText('2024-06-01'))
      await visible(row.getByText(data.ourSide))
      await visible(page.locator('.ant-table-row', { hasText: data.idle }))
      await page.getByTestId('enterprise-quick-filters').getByText(text.noContact90).click()
      // Contacted today: only the enterprise never contacted is left.
      await expect.poll(() => page.locator('.ant-table-row', { hasText: data.enterprise }).count(), POLL).toBe(0)
      await visible(page.locator('.ant-table-row', { hasText: data.idle }))
      await page.getByTestId('enterprise-quick-filters').getByText(text.noContact90).click()
      await page.getByTestId('enterprise-quick-filters').getByText(text.withOpenFollowUps).click()
      await expect.poll(() => page.locator('.ant-table-row', { hasText: data.idle }).count(), POLL).toBe(0)
      await visible(page.locator('.ant-table-row', { hasText: data.enterprise }))
      await app.screenshot('enterprise-list-1366')
      await page.getByRole('button', { name: text.saveFilter }).click()
      await page.getByLabel(text.filterName).fill(data.filterName)
      await page.getByLabel(text.filterName).press('Enter')
      // Kept on this computer: after a reload the saved filter is still offered and applies.
      await page.reload()
      const saved = page.getByTestId('saved-filter').filter({ hasText: data.filterName })
      await visible(saved)
      await visible(page.locator('.ant-table-row', { hasText: data.idle }))
      await saved.click()
      await expect.poll(() => page.locator('.ant-table-row', { hasText: data.idle }).count(), POLL).toBe(0)
      expect(idle.id).toBeTruthy()
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
