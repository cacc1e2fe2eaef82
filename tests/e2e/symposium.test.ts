import { describe, expect, it } from 'vitest'
import { visible, type AppSession } from './harness'
import { useBrowser, call, focusedLabel, visibleConfirm } from './ui'

const web = useBrowser()

/** The reference trip: the chairman leads the group; the general manager is on file as the enterprise's contact. */
async function seed(app: AppSession) {
  const trip = await call(app.core, 'trip.create', { title: '皖苏访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
  const kou = await call(app.core, 'member.create', { tripId: trip.id, name: '寇德林', position: '董事长', isLeader: true })
  const zhang = await call(app.core, 'member.create', { tripId: trip.id, name: '张敏', position: '校企合作中心主任' })
  const enterprise = await call(app.core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
  const zengContact = await call(app.core, 'contact.create', { enterpriseId: enterprise.id, name: '曾健', title: '总经理' })
  return { trip, kou, zhang, enterprise, zengContact }
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      empty: '这次行程还没有座谈会记录',
      new: '新建座谈会记录',
      enterprise: '座谈企业',
      attendeeInput: (side: string) => `添加出席人员（${side}）`,
      ours: '我方（学校）',
      theirs: '企业方',
      composer: '发言内容',
      remarkText: (n: number) => `第 ${n} 条发言的内容`,
      title: '会议名称',
      place: '地点',
      presidedBy: '主持人',
      topics: '议题',
      actionInput: '添加跟进事项',
      owner: '负责人',
      quotes: '金句 1',
      all: '全部 3',
      help: '键盘快捷键',
      delete: '删除',
      presidedLine: '曾健 主持',
      defaultTitle: '石台县七彩灵慧智能科技有限公司座谈会',
      listCount: '共 1 场座谈会',
    },
    meeting: {
      secondEnterprisePerson: '李娜 生产总监',
      title: '校企合作座谈会',
      place: '公司三楼会议室',
      topic: '高技能人才培养体系建设',
      remarks: [
        '欢迎学院一行来园区，我们这两年扩了两条灌装线，缺懂设备的年轻人。',
        '职业教育的根要扎在车间里，企业的真岗位就是学生最好的课堂。',
        '订单班可以先从设备运维专业做起，\n课程由双方一起定。',
      ],
      consensus: '共同开设产业工人订单班，招生即招工、入校即入企。',
      action: '两周内拟定订单班合作协议草案',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      empty: 'No symposiums on this trip yet',
      new: 'New symposium',
      enterprise: 'Enterprise',
      attendeeInput: (side: string) => `Add an attendee (${side})`,
      ours: 'Our side (college)',
      theirs: 'Enterprise side',
      composer: 'Remark',
      remarkText: (n: number) => `Text of remark ${n}`,
      title: 'Meeting title',
      place: 'Place',
      presidedBy: 'Presided by',
      topics: 'Topics',
      actionInput: 'Add a follow-up',
      owner: 'Owner',
      quotes: 'Quotes 1',
      all: 'All 3',
      help: 'Keyboard shortcuts',
      delete: 'Delete',
      presidedLine: 'presided by 曾健',
      defaultTitle: 'Symposium at 石台县七彩灵慧智能科技有限公司',
      listCount: '1 symposium',
    },
    meeting: {
      secondEnterprisePerson: '李娜, production director',
      title: 'School–enterprise cooperation symposium',
      place: 'Third-floor meeting room',
      topic: 'Building a high-skill talent system',
      remarks: [
        'Welcome to the park. We added two bottling lines in two years and need young people who understand the machines.',
        'Vocational education has to grow its roots on the shop floor: a real job in a company is the best classroom.',
        'The order class could start with equipment maintenance,\nwith a curriculum both sides write together.',
      ],
      consensus: 'Open an industrial-worker order class together: admission means employment.',
      action: 'Draft the order-class agreement within two weeks',
    },
  },
]

describe.each(LANGUAGES)('symposium minutes in $locale', ({ locale, text, meeting }) => {
  it('records the reference symposium with the keyboard only, then filters quotes, deletes and undoes a remark', async () => {
    const app = await web.open({ locale })
    const { page } = app
    const { keyboard } = page
    try {
      const { trip, kou, zhang, enterprise, zengContact } = await seed(app)
      await page.goto(`${web.url}#/trips/${trip.id}/symposiums`)
      await visible(page.getByText(text.empty))
      await app.screenshot('symposiums-empty')

      await page.getByRole('button', { name: text.new }).first().click()
      await visible(page.getByRole('dialog').getByLabel(text.enterprise))
      await keyboard.type('七彩')
      await visible(page.locator('.ant-select-item-option', { hasText: enterprise['name'] as string }))
      await keyboard.press('Enter')
      await page.getByTestId('new-symposium-ok').click()
      await page.waitForURL(/#\/symposiums\//)
      const symposiumId = page.url().split('/symposiums/')[1]!
      await visible(page.getByTestId('symposium-heading').getByText(text.defaultTitle))
      await app.screenshot('symposium-new')

      // ---- From here on, only the keyboard. ----
      // With nobody at the table yet, the screen starts in the attendee line, on the enterprise's side.
      await expect.poll(() => focusedLabel(page)).toBe(text.attendeeInput(text.theirs))
      await keyboard.type('曾健')
      await visible(page.locator('.ant-select-item-option', { hasText: '曾健 总经理' }))
      await keyboard.press('Enter') // the contact on file, with the title on file
      await keyboard.type(meeting.secondEnterprisePerson)
      await keyboard.press('Enter') // someone new: name and title typed on one line
      await keyboard.press('Alt+KeyX') // our side
      await expect.poll(() => focusedLabel(page)).toBe(text.attendeeInput(text.ours))
      await keyboard.type('寇德林')
      await visible(page.locator('.ant-select-item-option', { hasText: '寇德林 董事长' }))
      await keyboard.press('Enter')
      await keyboard.type('张敏')
      await visible(page.locator('.ant-select-item-option', { hasText: '张敏 校企合作中心主任' }))
      await keyboard.press('Enter')

      const attendees = () =>
        app.core.records.attendee.list({ symposiumId }).map((a) => ({ side: a['side'], name: a['name'], title: a['title'], memberId: a['memberId'], contactId: a['contactId'] }))
      const [liName, liTitle] = locale === 'zh-CN' ? ['李娜', '生产总监'] : ['李娜', 'production director']
      await expect.poll(attendees).toEqual([
        { side: 'enterprise', name: '曾健', title: '总经理', memberId: '', contactId: zengContact.id },
        { side: 'enterprise', name: liName, title: liTitle, memberId: '', contactId: '' },
        { side: 'school', name: '寇德林', title: '董事长', memberId: kou.id, contactId: '' },
        { side: 'school', name: '张敏', title: '校企合作中心主任', memberId: zhang.id, contactId: '' },
      ])
      // Numbered as shown, our side first: 1 寇德林, 2 张敏, 3 曾健, 4 李娜.
      await expect.poll(() => page.getByTestId('attendee').allTextContents()).toEqual(['1寇德林 董事长', '2张敏 校企合作中心主任', '3曾健 总经理', `4${liName} ${liTitle}`])
      await app.screenshot('symposium-attendees')

      // The meeting's details: Alt+I, then Tab from field to field.
      await keyboard.press('Alt+KeyI')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('symposium_title')
      await keyboard.type(meeting.title)
      await keyboard.press('Tab') // date, already the trip's first day
      await keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('symposium_place')
      await keyboard.type(meeting.place)
      await keyboard.press('Tab') // enterprise
      await keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('symposium_presidedBy')
      await keyboard.type('曾健')
      await keyboard.press('Tab') // moves on, even with the attendee suggestions open
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('symposium_topics')
      await keyboard.type(meeting.topic)
      await keyboard.press('Enter')
      await expect
        .poll(() => app.core.records.symposium.get(symposiumId))
        .toMatchObject({ title: meeting.title, place: meeting.place, presidedBy: '曾健', topics: [meeting.topic], date: '2025-05-16' })

      // Remarks: Alt+number picks the speaker and lands in the composer; Enter adds; the composer keeps focus.
      await keyboard.press('Alt+Digit3')
      expect(await focusedLabel(page)).toBe(text.composer)
      await keyboard.type(meeting.remarks[0]!)
      await keyboard.press('Enter')
      await expect.poll(() => app.core.records.remark.list({ symposiumId }).length).toBe(1)
      expect(await focusedLabel(page)).toBe(text.composer)

      // The chairman's words: Alt+Q while typing marks the remark being typed as a quote.
      await keyboard.press('Alt+Digit1')
      await keyboard.type(meeting.remarks[1]!)
      await keyboard.press('Alt+KeyQ')
      await visible(page.locator('[data-testid="composer-quote"][aria-pressed="true"]'))
      await keyboard.press('Enter')

      // Alt+S opens the speaker picker: type to find, Enter chooses and returns to the composer.
      await keyboard.press('Alt+KeyS')
      await keyboard.type('张')
      await keyboard.press('Enter')
      await expect.poll(() => focusedLabel(page)).toBe(text.composer)
      const [firstLine, secondLine] = meeting.remarks[2]!.split('\n')
      await keyboard.type(firstLine!)
      await keyboard.press('Shift+Enter') // a new line, not a new remark
      await keyboard.type(secondLine!)
      await keyboard.press('Enter')
      await expect.poll(() => app.core.records.remark.list({ symposiumId }).length).toBe(3)

      // With the composer empty, Alt+Q marks (and unmarks) the last remark.
      const quotes = () => app.core.records.remark.list({ symposiumId }).map((r) => r['isQuote'])
      await keyboard.press('Alt+KeyQ')
      await expect.poll(quotes).toEqual([false, true, true])
      await keyboard.press('Alt+KeyQ')
      await expect.poll(quotes).toEqual([false, true, false])

      // What is being typed becomes a point of consensus with Alt+C.
      await keyboard.type(meeting.consensus)
      await keyboard.press('Alt+KeyC')
      await expect.poll(() => app.core.records.symposium.get(symposiumId)['consensus']).toEqual([meeting.consensus])
      // The composer is cleared once the point is saved, which may be a moment after the data is written.
      await expect.poll(() => page.getByTestId('composer-text').inputValue()).toBe('')

      // Alt+A with an empty composer goes to the follow-up line; an owner can be given beside it.
      await keyboard.press('Alt+KeyA')
      expect(await focusedLabel(page)).toBe(text.actionInput)
      await keyboard.type(meeting.action)
      await keyboard.press('Tab')
      expect(await focusedLabel(page)).toBe(text.owner)
      await keyboard.type('张敏')
      await keyboard.press('Shift+Tab')
      await keyboard.press('Enter')
      await expect
        .poll(() => app.core.records.action.list({ tripId: trip.id }))
        .toMatchObject([
          { title: meeting.action, owner: '张敏', tripId: trip.id, enterpriseId: enterprise.id, linkedKind: 'symposium', linkedId: symposiumId, status: 'open' },
        ])

      // Alt+↑ walks back through the remarks to edit them in place; Esc returns to the composer.
      await keyboard.press('Alt+KeyR')
      await keyboard.press('Alt+ArrowUp')
      expect(await focusedLabel(page)).toBe(text.remarkText(3))
      await keyboard.press('Alt+ArrowUp')
      expect(await focusedLabel(page)).toBe(text.remarkText(2))
      await keyboard.press('Escape')
      expect(await focusedLabel(page)).toBe(text.composer)

      // F1 (or ? outside a text field) lists the shortcuts.
      await keyboard.press('F1')
      await visible(page.getByRole('dialog').getByText(text.help))
      await app.screenshot('symposium-shortcuts')
      await keyboard.press('F1')
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      // ---- End of the keyboard-only part. ----

      // The minutes in SQLite: speakers, order, time stamps, the one quote.
      const remarks = app.core.records.remark.list({ symposiumId })
      const byName = Object.fromEntries(app.core.records.attendee.list({ symposiumId }).map((a) => [a['name'], a.id]))
      expect(remarks.map((r) => [r['speakerId'], r['text'], r['isQuote']])).toEqual([
        [byName['曾健'], meeting.remarks[0], false],
        [byName['寇德林'], meeting.remarks[1], true],
        [byName['张敏'], meeting.remarks[2], false],
      ])
      const sortKeys = remarks.map((r) => r['sortKey'] as number)
      expect([...sortKeys].sort((a, b) => a - b)).toEqual(sortKeys)
      for (const remark of remarks) expect(remark['spokenAt']).toMatch(STAMP)

      // And on the screen: speakers with name and title, the time as HH:mm, the quote marked.
      const items = page.getByTestId('remark')
      await expect.poll(() => items.count()).toBe(3)
      expect(await items.nth(1).getByTestId('speaker-label').textContent()).toBe('1寇德林董事长')
      expect(await items.nth(0).getByTestId('speaker-label').textContent()).toBe('3曾健总经理')
      expect(await items.nth(1).getAttribute('data-quote')).toBe('true')
      expect(await items.nth(0).getAttribute('data-quote')).toBe('false')
      expect(await items.nth(1).getByTestId('remark-time').textContent()).toBe(String(remarks[1]!['spokenAt']).slice(11, 16))
      expect(await items.nth(2).getByTestId('remark-text').inputValue()).toBe(meeting.remarks[2])
      await visible(page.getByText(text.presidedLine))
      await visible(page.getByTestId('consensus-point').getByText(meeting.consensus))
      await visible(page.getByTestId('action').getByText(meeting.action))
      await visible(page.locator('[data-testid="save-status"][data-status="saved"]'))
      await app.screenshot('symposium-minutes')

      // Quotes can be filtered.
      await page.getByTestId('remark-filter').getByText(text.quotes).click()
      await expect.poll(() => items.count()).toBe(1)
      expect(await items.first().getByTestId('remark-text').inputValue()).toBe(meeting.remarks[1])
      await app.screenshot('symposium-quotes')
      await page.getByTestId('remark-filter').getByText(text.all).click()
      await expect.poll(() => items.count()).toBe(3)

      // Delete a remark: asked first, to the trash, and Undo brings it back in its place.
      await items.nth(0).getByTestId('remark-delete').click()
      await visibleConfirm(page).getByRole('button', { name: text.delete }).click()
      await expect.poll(() => app.core.records.remark.list({ symposiumId }).length).toBe(2)
      await expect.poll(() => items.count()).toBe(2)
      await app.screenshot('symposium-remark-deleted')
      await page.getByTestId('undo-delete').click()
      await expect.poll(() => app.core.records.remark.list({ symposiumId }).map((r) => r['text'])).toEqual(meeting.remarks)
      await expect.poll(() => items.count()).toBe(3)

      // The trip's list shows the symposium with its chair and the size of its minutes.
      await page.getByTestId('back-to-trip').click()
      const row = page.locator('.ant-table-row', { hasText: meeting.title })
      await visible(row)
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim())
      expect(cells[2]).toBe('曾健')
      expect(cells[3]).toBe('431')
      await visible(page.getByText(text.listCount))
      await app.screenshot('symposiums-list')

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('keeps a half-typed remark across a reload and explains an unknown speaker number', async () => {
    const app = await web.open({ locale })
    const { page } = app
    try {
      const { trip, enterprise } = await seed(app)
      const symposium = await call(app.core, 'symposium.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-16' })
      await call(app.core, 'attendee.create', { symposiumId: symposium.id, side: 'school', name: '寇德林', title: '董事长' })
      await page.goto(`${web.url}#/symposiums/${symposium.id}`)
      // With attendees present, the screen starts in the composer.
      await expect.poll(() => focusedLabel(page)).toBe(text.composer)
      await page.keyboard.press('Alt+Digit1')
      await page.keyboard.type(meeting.remarks[1]!)
      await page.reload()
      await expect.poll(() => page.getByTestId('composer-text').inputValue()).toBe(meeting.remarks[1])
      await visible(page.getByTestId('composer').getByText('寇德林'))
      // A speaker number nobody has says so instead of doing nothing.
      await page.getByTestId('composer-text').press('Alt+Digit9')
      await visible(page.locator('.ant-message').getByText(locale === 'zh-CN' ? '没有第 9 位出席人员' : 'There is no attendee number 9'))
      await page.getByTestId('composer-text').press('Enter')
      await expect.poll(() => app.core.records.remark.list({ symposiumId: symposium.id }).map((r) => r['text'])).toEqual([meeting.remarks[1]])
      await expect.poll(() => page.getByTestId('composer-text').inputValue()).toBe('')
      // `?` types a question mark in a text field, and opens the shortcuts anywhere else.
      await page.getByTestId('composer-text').press('?')
      expect(await page.getByTestId('composer-text').inputValue()).toBe('?')
      await page.getByTestId('symposium-heading').click()
      await page.keyboard.press('?')
      await visible(page.getByRole('dialog').getByText(text.help))
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
