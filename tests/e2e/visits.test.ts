import { describe, expect, it } from 'vitest'
import { visible, type AppSession } from './harness'
import { useBrowser, call, focusedLabel, visibleConfirm } from './ui'

const web = useBrowser()

/** The reference trip's first day: the group, and the enterprise whose park they toured. */
async function seed(app: AppSession) {
  const trip = await call(app.core, 'trip.create', { title: '皖苏访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'] })
  const kou = await call(app.core, 'member.create', { tripId: trip.id, name: '寇德林', position: '董事长', isLeader: true })
  await call(app.core, 'member.create', { tripId: trip.id, name: '张敏', position: '校企合作中心主任' })
  const enterprise = await call(app.core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司', region: '安徽池州' })
  return { trip, kou, enterprise }
}

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      empty: '这次行程还没有参观记录',
      new: '新建参观记录',
      enterprise: '参观企业',
      date: '日期',
      title: '主题',
      participants: '参加人员',
      summary: '总体印象',
      addFirstStop: '添加第一个参观点',
      place: (n: number) => `第 ${n} 个参观点的地点`,
      observation: (n: number) => `第 ${n} 个参观点的所见所闻`,
      moveUp: '上移',
      moveDown: '下移',
      deleteStop: '删除参观点',
      delete: '删除',
      stopsTitle: '参观点（2）',
      back: '皖苏访企拓岗调研',
      backTab: '企业参观',
      count: '共 1 次参观',
      weekday: '2025-05-16 周五',
    },
    visit: {
      title: '参观硒产业园',
      summary: '园区规划完整，从水源到灌装全程可追溯，对设备运维人才需求明显。',
      stops: [
        { place: '硒泉水源地', observation: '水源地有专人值守，取水口周边划了保护区。' },
        { place: '灌装生产线', observation: '后段灌装线基本全自动，一条线只需三名工人巡检。' },
      ],
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      empty: 'No site visits on this trip yet',
      new: 'New site visit',
      enterprise: 'Enterprise visited',
      date: 'Date',
      title: 'Subject',
      participants: 'Participants',
      summary: 'Overall impression',
      addFirstStop: 'Add the first stop',
      place: (n: number) => `Place of stop ${n}`,
      observation: (n: number) => `Observations at stop ${n}`,
      moveUp: 'Move up',
      moveDown: 'Move down',
      deleteStop: 'Delete stop',
      delete: 'Delete',
      stopsTitle: 'Stops (2)',
      back: '皖苏访企拓岗调研',
      backTab: 'Site visits',
      count: '1 site visit',
      weekday: '2025-05-16 Fri',
    },
    visit: {
      title: 'Tour of the selenium industrial park',
      summary: 'A complete park, traceable from the spring to the bottle; a clear need for equipment maintenance staff.',
      stops: [
        { place: 'Selenium spring water source', observation: 'The source is guarded, with a protected zone around the intake.' },
        { place: 'Bottling line', observation: 'The back end is almost fully automatic: three workers patrol a line.' },
      ],
    },
  },
]

describe.each(LANGUAGES)('site visits in $locale', ({ locale, text, visit }) => {
  it('records a visit with two stops in order, reorders, deletes and undoes a stop', async () => {
    const app = await web.open({ locale })
    const { page } = app
    try {
      const { trip, kou, enterprise } = await seed(app)
      await page.goto(`${web.url}#/trips/${trip.id}/visits`)

      // A new trip's visits tab says what a site visit record is, and how to start one.
      await visible(page.getByText(text.empty))
      await app.screenshot('visits-empty')

      // New visit: find the enterprise by typing part of its name; the day defaults to the trip's first day.
      await page.getByRole('button', { name: text.new }).first().click()
      const dialog = page.getByRole('dialog')
      await visible(dialog.getByLabel(text.enterprise))
      await page.keyboard.type('七彩灵慧')
      await visible(page.locator('.ant-select-item-option', { hasText: enterprise['name'] as string }))
      await page.keyboard.press('Enter')
      expect(await dialog.getByLabel(text.date).inputValue()).toBe('2025-05-16')
      await app.screenshot('visit-new-dialog')
      await page.getByTestId('new-visit-ok').click()

      // It opens the new visit, stored with the chosen enterprise and day.
      await page.waitForURL(/#\/visits\//)
      const visitId = page.url().split('/visits/')[1]!
      await visible(page.getByTestId('visit-heading').getByText(enterprise['name'] as string))
      await visible(page.getByText(`· ${text.weekday}`))
      expect(app.core.records.visit.get(visitId)).toMatchObject({ tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-16', deleted: false })

      // The details save as they are typed: no Save button.
      await page.getByLabel(text.title, { exact: true }).fill(visit.title)
      await page.getByLabel(text.participants).click()
      await page.keyboard.type('寇德林')
      await page.keyboard.press('Enter')
      await page.keyboard.press('Escape')
      await page.getByLabel(text.summary).fill(visit.summary)
      await expect
        .poll(() => app.core.records.visit.get(visitId))
        .toMatchObject({ title: visit.title, summary: visit.summary, participantIds: [kou.id] })

      // Stops: the first from the button, the next with Enter in the last place field.
      await visible(page.getByText(text.addFirstStop))
      await app.screenshot('visit-no-stops')
      await page.getByRole('button', { name: text.addFirstStop }).click()
      await expect.poll(() => focusedLabel(page)).toBe(text.place(1))
      await page.keyboard.type(visit.stops[0]!.place)
      await page.keyboard.press('Tab')
      expect(await focusedLabel(page)).toBe(text.observation(1))
      await page.keyboard.type(visit.stops[0]!.observation)
      await page.getByLabel(text.place(1)).press('Enter')
      await expect.poll(() => focusedLabel(page)).toBe(text.place(2))
      await page.keyboard.type(visit.stops[1]!.place)
      await page.keyboard.press('Tab')
      await page.keyboard.type(visit.stops[1]!.observation)

      const stops = () => app.core.records.visitStop.list({ visitId }).map((s) => ({ place: s['place'], observation: s['observation'] }))
      await expect.poll(stops).toEqual(visit.stops)
      await visible(page.getByText(text.stopsTitle))
      await visible(page.locator('[data-testid="save-status"][data-status="saved"]'))
      await app.screenshot('visit-two-stops')

      // Reorder: the second stop moves up, then back down.
      const stopRows = page.getByTestId('visit-stop')
      await stopRows.nth(1).getByRole('button', { name: text.moveUp }).click()
      await expect.poll(() => stops().map((s) => s.place)).toEqual([visit.stops[1]!.place, visit.stops[0]!.place])
      await expect.poll(() => page.getByLabel(text.place(1)).inputValue()).toBe(visit.stops[1]!.place)
      await stopRows.nth(0).getByRole('button', { name: text.moveDown }).click()
      await expect.poll(() => stops().map((s) => s.place)).toEqual(visit.stops.map((s) => s.place))
      await expect.poll(() => page.getByLabel(text.place(1)).inputValue()).toBe(visit.stops[0]!.place)

      // Delete asks first, goes to the trash, and Undo brings the stop back.
      await stopRows.nth(1).getByRole('button', { name: text.deleteStop }).click()
      await visibleConfirm(page).getByRole('button', { name: text.delete }).click()
      await expect.poll(stops).toEqual([visit.stops[0]])
      await expect.poll(() => stopRows.count()).toBe(1)
      await app.screenshot('visit-stop-deleted')
      await page.getByTestId('undo-delete').click()
      await expect.poll(stops).toEqual(visit.stops)
      await expect.poll(() => stopRows.count()).toBe(2)

      // Back on the trip, the list shows the visit with its day, enterprise, subject and stops.
      // The breadcrumb: the trips, this trip (back to its visits) and what this screen is.
      await visible(page.locator('.ant-breadcrumb').getByText(text.backTab, { exact: true }))
      await page.locator('.ant-breadcrumb').getByRole('link', { name: text.back }).click()
      const row = page.locator('.ant-table-row', { hasText: enterprise['name'] as string })
      await visible(row)
      const cells = await row.locator('td').allTextContents()
      expect(cells.slice(0, 4).map((c) => c.trim())).toEqual([text.weekday, enterprise['name'], visit.title, '2'])
      await visible(page.getByText(text.count))
      await app.screenshot('visits-list')

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
