import dayjs from 'dayjs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { visible } from './harness'
import { pick, useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      overdueLink: '逾期 2 项',
      selected: '已选 2 项',
      selectedOne: '已选 1 项',
      markDone: '标为已完成',
      reassign: '改负责人',
      reschedule: '改完成期限',
      apply: '应用',
      newOwner: '新负责人',
      newDueDate: '新完成期限',
      ownerRequired: '请填写新负责人',
      applied: '已更新 2 项',
      noMatch: '没有符合筛选条件的事项',
      due: { all: '全部', overdue: '已逾期', thisWeek: '本周到期', noDate: '未定期限', done: '已完成' },
      owner: '按负责人筛选',
      enterprise: '按企业筛选',
      trip: '按行程筛选',
      edit: '编辑',
      statusColumn: '状态',
    },
    data: {
      anhui: '皖南访企拓岗调研',
      jiangsu: '苏州产教融合调研',
      qicai: '石台县七彩灵慧智能科技有限公司',
      huirun: '汇润集团（苏州）',
      secretariat: '秘书处',
      centre: '校企合作中心',
      careers: '就业指导中心',
      titles: ['寄送座谈会纪要', '建立“一企一档”', '本周回访企业', '确定实习岗位', '已经办完的事', '共建产业学院'],
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      overdueLink: '2 overdue',
      selected: '2 selected',
      selectedOne: '1 selected',
      markDone: 'Mark done',
      reassign: 'Reassign',
      reschedule: 'Change due date',
      apply: 'Apply',
      newOwner: 'New owner',
      newDueDate: 'New due date',
      ownerRequired: 'Enter the new owner',
      applied: '2 items updated',
      noMatch: 'Nothing matches these filters',
      due: { all: 'All', overdue: 'Overdue', thisWeek: 'Due this week', noDate: 'No due date', done: 'Done' },
      owner: 'Filter by owner',
      enterprise: 'Filter by enterprise',
      trip: 'Filter by trip',
      edit: 'Edit',
      statusColumn: 'Status',
    },
    data: {
      anhui: 'Southern Anhui employment visits',
      jiangsu: 'Suzhou industry-education visits',
      qicai: 'Shitai Qicai Linghui Intelligent Technology Co., Ltd.',
      huirun: 'Huirun Group (Suzhou)',
      secretariat: 'Secretariat',
      centre: 'Cooperation centre',
      careers: 'Careers office',
      titles: [
        'Send the symposium minutes',
        'Set up the one-enterprise-one-file record',
        'Call the enterprise back this week',
        'Agree the internship positions',
        'Something already finished',
        'Found an industry college together',
      ],
    },
  },
]

const rowKeys = (page: Page) => page.locator('.ant-table-tbody .ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')))

describe.each(LANGUAGES)('follow-ups in bulk in $locale', ({ locale, text, data }) => {
  it('filters by due state, owner, enterprise and trip, then closes, reassigns and reschedules selected follow-ups', async () => {
    const app = await web.open({ locale, route: '/follow-ups' })
    const { page, core } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const anhui = core.records.trip.create({ title: data.anhui, startDate: '2025-05-16', endDate: '2025-05-19' })
      const jiangsu = core.records.trip.create({ title: data.jiangsu, startDate: '2025-06-02', endDate: '2025-06-03' })
      const qicai = core.records.enterprise.create({ name: data.qicai })
      const huirun = core.records.enterprise.create({ name: data.huirun })
      const today = dayjs().format('YYYY-MM-DD')
      const make = (title: string, fields: Record<string, unknown>) => core.records.action.create({ title, ...fields }).id
      const [minutes, file, callBack, internships, finished, college] = [
        make(data.titles[0]!, { tripId: anhui.id, enterpriseId: qicai.id, owner: data.secretariat, dueDate: '2020-01-10' }),
        make(data.titles[1]!, { tripId: jiangsu.id, enterpriseId: huirun.id, owner: data.secretariat, dueDate: '2020-02-01', status: 'in_progress' }),
        make(data.titles[2]!, { tripId: anhui.id, enterpriseId: huirun.id, owner: data.centre, dueDate: today }),
        make(data.titles[3]!, { tripId: jiangsu.id, enterpriseId: qicai.id, owner: data.centre }),
        make(data.titles[4]!, { tripId: anhui.id, owner: data.secretariat, dueDate: '2020-01-01', status: 'done' }),
        make(data.titles[5]!, { owner: data.centre, dueDate: '2099-12-31', status: 'in_progress' }),
      ]
      const stored = (id: string) =>
        core.store.db.prepare('SELECT status, owner, due_date AS dueDate FROM actions WHERE id = ?').get(id) as {
          status: string
          owner: string
          dueDate: string
        }

      // Compact read-mode rows: one line each, no form controls until a row is edited.
      const rows = page.locator('.ant-table-tbody .ant-table-row')
      await expect.poll(() => rows.count()).toBe(6)
      for (const height of await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))) {
        expect(height).toBeLessThanOrEqual(44)
      }
      expect(await page.locator('.ant-table-tbody .ant-select, .ant-table-tbody .ant-picker').count()).toBe(0)
      // Nothing wider than the window at 1366 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
      await app.screenshot('follow-ups-bulk-all')

      // The overdue count is a link to the overdue filter.
      const overdueLink = page.getByTestId('overdue-link')
      expect(await overdueLink.innerText()).toBe(text.overdueLink)
      await overdueLink.click()
      await expect.poll(() => rowKeys(page)).toEqual([minutes, file])
      expect(await page.locator('.followup-due .ant-segmented-item-selected').innerText()).toBe(text.due.overdue)

      // Select both and give them to another owner: the owner is required, then both change in SQLite.
      await page.locator('.ant-table-thead .ant-checkbox-input').check()
      await visible(page.getByText(text.selected))
      await app.screenshot('follow-ups-bulk-selected')
      await page.getByRole('button', { name: text.reassign }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: text.apply }).click()
      await visible(dialog.getByText(text.ownerRequired))
      expect(stored(minutes).owner).toBe(data.secretariat)
      await dialog.getByLabel(text.newOwner).fill(data.careers)
      await app.screenshot('follow-ups-bulk-reassign')
      await dialog.getByRole('button', { name: text.apply }).click()
      await expect.poll(() => [stored(minutes).owner, stored(file).owner]).toEqual([data.careers, data.careers])
      await visible(page.getByText(text.applied))
      expect(stored(finished).owner).toBe(data.secretariat)
      expect(stored(callBack).owner).toBe(data.centre)
      // The applied change ends the selection.
      await expect.poll(() => page.getByTestId('bulk-actions').count()).toBe(0)

      // Select them again and close both; Undo gives each its own earlier status back.
      await page.locator('.ant-table-thead .ant-checkbox-input').check()
      await page.getByRole('button', { name: text.markDone }).click()
      await expect.poll(() => [stored(minutes).status, stored(file).status]).toEqual(['done', 'done'])
      await page.getByTestId('undo-bulk').last().click()
      await expect.poll(() => [stored(minutes).status, stored(file).status]).toEqual(['open', 'in_progress'])
      await expect.poll(() => rowKeys(page)).toEqual([minutes, file])

      // Closed for good: they leave the overdue list and the link goes away.
      await page.locator('.ant-table-thead .ant-checkbox-input').check()
      await page.getByRole('button', { name: text.markDone }).click()
      await expect.poll(() => [stored(minutes).status, stored(file).status]).toEqual(['done', 'done'])
      await expect.poll(() => rows.count()).toBe(0)
      await visible(page.getByText(text.noMatch))
      expect(await overdueLink.count()).toBe(0)
      expect(stored(callBack).status).toBe('open')
      expect(stored(college).status).toBe('in_progress')

      // The other due states.
      const due = (label: string) => page.locator('.followup-due .ant-segmented-item', { hasText: new RegExp(`^${label}$`) }).click()
      await due(text.due.done)
      await expect.poll(async () => (await rowKeys(page)).sort()).toEqual([minutes, file, finished].sort())
      await due(text.due.thisWeek)
      await expect.poll(() => rowKeys(page)).toEqual([callBack])
      await due(text.due.noDate)
      await expect.poll(() => rowKeys(page)).toEqual([internships])

      // Give the undated one a due date from the bulk bar.
      await rows.first().locator('.ant-checkbox-input').check()
      await visible(page.getByText(text.selectedOne))
      await page.getByRole('button', { name: text.reschedule }).click()
      // Enter in the date field takes the typed date and applies it.
      const dueInput = dialog.getByLabel(text.newDueDate)
      await dueInput.fill('2099-06-30')
      await dueInput.press('Enter')
      await expect.poll(() => stored(internships).dueDate).toBe('2099-06-30')
      await expect.poll(() => rows.count()).toBe(0)
      await due(text.due.all)
      await expect.poll(() => rows.count()).toBe(6)

      // Owner, enterprise and trip filters combine.
      await pick(page, page.getByLabel(text.owner), '', data.centre)
      await expect.poll(async () => (await rowKeys(page)).sort()).toEqual([callBack, internships, college].sort())
      await pick(page, page.getByLabel(text.enterprise), '', data.qicai)
      await expect.poll(() => rowKeys(page)).toEqual([internships])
      await pick(page, page.getByLabel(text.trip), '', data.anhui)
      await expect.poll(() => rows.count()).toBe(0)
      await page.goto(`${web.url}#/trips`)
      await page.goto(`${web.url}#/follow-ups`)
      await pick(page, page.getByLabel(text.trip), '', data.anhui)
      await expect.poll(async () => (await rowKeys(page)).sort()).toEqual([minutes, callBack, finished].sort())

      // Inline edit on demand: the pencil turns one row into fields that save themselves.
      const callBackRow = page.locator(`tr[data-row-key="${callBack}"]`)
      await callBackRow.getByRole('button', { name: text.edit }).click()
      await pick(page, callBackRow.getByLabel(text.statusColumn), '', text.due.done)
      await expect.poll(() => stored(callBack).status).toBe('done')
      await app.screenshot('follow-ups-bulk-editing')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
