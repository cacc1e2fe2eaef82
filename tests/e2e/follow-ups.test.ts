import { describe, expect, it } from 'vitest'
import type { Action } from '../../shared/schemas/action'
import { visible } from './harness'
import { useBrowser, typeDate, pick, stored } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      title: '跟进事项',
      emptyTitle: '还没有跟进事项',
      new: '新建跟进事项',
      create: '创建',
      delete: '删除',
      edit: '编辑',
      enterTitle: '请填写标题',
      overdueDays: /逾期 \d+ 天/,
      statuses: { open: '待办', in_progress: '进行中', done: '已完成' },
      allOwners: '按负责人筛选',
      allStatuses: '按状态筛选',
      count: '共 3 项，其中逾期 1 项',
      countAfter: '共 3 项，其中逾期 0 项',
      filtered: '筛选出 1 项（共 3 项）',
      fields: { title: '要做的事', owner: '负责人', dueDate: '完成期限', trip: '所属行程', enterprise: '相关企业', linked: '关联记录' },
      agreement: '合作协议',
      ownerColumn: '负责人',
      statusColumn: '状态',
      colon: '：',
    },
    data: {
      trip: '皖苏两省访企拓岗调研',
      huirun: '汇润集团（苏州）',
      centre: '智能装备运维实训中心',
      late: '建立“一企一档”合作机制',
      later: '上线“线上+线下”就业服务平台',
      finished: '寄送座谈会纪要',
      mentors: '邀请 50 名产业导师进校园授课',
      secretariat: '秘书处',
      centreOwner: '校企合作中心',
      newOwner: '就业指导中心',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      title: 'Follow-ups',
      emptyTitle: 'No follow-ups yet',
      new: 'New follow-up',
      create: 'Create',
      delete: 'Delete',
      edit: 'Edit',
      enterTitle: 'Enter a title',
      overdueDays: /\d+ days overdue/,
      statuses: { open: 'To do', in_progress: 'In progress', done: 'Done' },
      allOwners: 'Filter by owner',
      allStatuses: 'Filter by status',
      count: '3 items, 1 overdue',
      countAfter: '3 items, 0 overdue',
      filtered: '1 of 3 items shown',
      fields: { title: 'What to do', owner: 'Owner', dueDate: 'Due date', trip: 'Trip', enterprise: 'Enterprise', linked: 'Linked record' },
      agreement: 'Agreement',
      ownerColumn: 'Owner',
      statusColumn: 'Status',
      colon: ': ',
    },
    data: {
      trip: 'Anhui and Jiangsu employment visits',
      huirun: 'Huirun Group (Suzhou)',
      centre: 'Intelligent equipment O&M training centre',
      late: 'Set up the one-enterprise-one-file mechanism',
      later: 'Launch the online and offline job-matching platform',
      finished: 'Send the symposium minutes',
      mentors: 'Invite 50 industry mentors to teach on campus',
      secretariat: 'Secretariat',
      centreOwner: 'Cooperation centre',
      newOwner: 'Careers office',
    },
  },
]

describe.each(LANGUAGES)('follow-ups in $locale', ({ locale, text, data }) => {
  it('lists overdue actions first, changes a status in place, filters, and creates one linked to an agreement', async () => {
    const app = await web.open({ locale, route: '/follow-ups' })
    const { page, core } = app
    try {
      await visible(page.getByText(text.emptyTitle))
      await app.screenshot('follow-ups-empty')

      const trip = core.records.trip.create({ title: data.trip, startDate: '2025-05-16', endDate: '2025-05-19' })
      const huirun = core.records.enterprise.create({ name: data.huirun })
      const centre = core.records.agreement.create({ tripId: trip.id, enterpriseId: huirun.id, title: data.centre, kind: 'training_base' })
      // Written straight to the core: the open screen refreshes from the data-changed events.
      const late = core.records.action.create({ tripId: trip.id, title: data.late, owner: data.secretariat, dueDate: '2020-01-10' })
      const later = core.records.action.create({
        tripId: trip.id,
        enterpriseId: huirun.id,
        title: data.later,
        owner: data.centreOwner,
        dueDate: '2099-12-31',
        status: 'in_progress',
        linkedKind: 'agreement',
        linkedId: centre.id,
      })
      const finished = core.records.action.create({ tripId: trip.id, title: data.finished, owner: data.secretariat, dueDate: '2020-01-01', status: 'done' })
      const action = (id: string) => core.records.action.get(id) as Action

      // Overdue first and marked, then by due date; the finished one, though its date is past, is not overdue.
      const rows = page.locator('.ant-table-tbody .ant-table-row')
      await expect.poll(() => rows.count()).toBe(3)
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')))).toEqual([late.id, later.id, finished.id])
      expect(await rows.nth(0).getAttribute('class')).toContain('followup-overdue')
      expect(await rows.nth(1).getAttribute('class')).not.toContain('followup-overdue')
      await expect.poll(() => rows.nth(0).getByTestId('overdue-tag').innerText()).toMatch(text.overdueDays)
      expect(await page.getByTestId('overdue-tag').count()).toBe(1)
      const secondRow = await rows.nth(1).innerText()
      expect(secondRow).toContain(data.trip)
      expect(secondRow).toContain(data.huirun)
      expect(secondRow).toContain(`${text.agreement}${text.colon}${data.centre}`)
      await visible(page.getByText(text.count))
      await app.screenshot('follow-ups-overdue')

      // Filter by owner.
      await pick(page, page.getByLabel(text.allOwners), '', data.centreOwner)
      await expect.poll(() => rows.count()).toBe(1)
      await visible(page.getByText(text.filtered))
      await app.screenshot('follow-ups-filtered')
      const ownerFilter = page.locator('.ant-select', { has: page.getByLabel(text.allOwners) })
      await ownerFilter.hover()
      await ownerFilter.locator('.ant-select-clear').click()
      await expect.poll(() => rows.count()).toBe(3)

      // Status change on the overdue row: done, saved, no longer overdue, moved among the finished by date.
      // Rows read as text until their pencil is pressed.
      expect(await page.locator('.ant-table-tbody .ant-select').count()).toBe(0)
      const lateRow = page.locator(`tr[data-row-key="${late.id}"]`)
      await lateRow.getByRole('button', { name: text.edit }).click()
      await pick(page, lateRow.getByLabel(text.statusColumn), '', text.statuses.done)
      await stored(() => action(late.id).status, 'done')
      await expect.poll(() => page.getByTestId('overdue-tag').count()).toBe(0)
      await visible(page.getByText(text.countAfter))
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')))).toEqual([later.id, finished.id, late.id])

      // Inline edits save themselves: owner and due date; one row is in edit mode at a time.
      const laterRow = page.locator(`tr[data-row-key="${later.id}"]`)
      await laterRow.getByRole('button', { name: text.edit }).click()
      await laterRow.getByLabel(text.ownerColumn).fill(data.newOwner)
      await stored(() => action(later.id).owner, data.newOwner)
      await typeDate(laterRow.locator('.ant-picker input'), '2099-06-30')
      await stored(() => action(later.id).dueDate, '2099-06-30')

      // A new follow-up: the title is required; then trip, enterprise and the linked agreement.
      await page.getByRole('button', { name: text.new }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: text.create }).click()
      await visible(dialog.getByText(text.enterTitle))
      await dialog.getByLabel(text.fields.title).fill(data.mentors)
      await dialog.getByLabel(text.fields.owner).fill(data.centreOwner)
      await typeDate(dialog.getByLabel(text.fields.dueDate), '2099-12-20')
      await pick(page, dialog.getByLabel(text.fields.trip), '', data.trip)
      await pick(page, dialog.getByLabel(text.fields.enterprise), data.huirun.slice(0, 2), data.huirun)
      await pick(page, dialog.getByLabel(text.fields.linked), '', text.agreement)
      await pick(page, dialog.locator('#newAction_linkedId'), '', data.centre)
      await app.screenshot('follow-up-new')
      await dialog.getByRole('button', { name: text.create }).click()
      await expect.poll(() => rows.count()).toBe(4)
      const created = (core.records.action.list({}) as Action[]).find((a) => a.title === data.mentors)
      expect(created).toMatchObject({
        owner: data.centreOwner,
        dueDate: '2099-12-20',
        tripId: trip.id,
        enterpriseId: huirun.id,
        linkedKind: 'agreement',
        linkedId: centre.id,
        status: 'open',
      })

      // Delete asks, then offers undo.
      const mentorsRow = page.locator(`tr[data-row-key="${created!.id}"]`)
      await mentorsRow.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await expect.poll(() => rows.count()).toBe(3)
      expect(action(created!.id).deleted).toBe(true)
      await page.getByTestId('undo-delete').click()
      await expect.poll(() => rows.count()).toBe(4)
      expect(action(created!.id).deleted).toBe(false)
      await app.screenshot('follow-ups-list')

      // The trip's own tab shows the same actions, without the trip column.
      await page.goto(`${web.url}#/trips/${trip.id}/followUps`)
      await expect.poll(() => rows.count()).toBe(4)
      await app.screenshot('follow-ups-trip-tab')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
