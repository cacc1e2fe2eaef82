import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { TripDashboard } from '../../shared/procedures/trip-overview'
import { visible } from './harness'
import { useBrowser, call, typeDate, allSaved, statValue } from './ui'

const web = useBrowser()

/** The reference trip, recorded the way the group would, through the same dispatcher as the UI. */
async function seedReferenceTrip(core: Core) {
  const trip = await call(core, 'trip.create', { title: '皖苏两省访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'], status: 'completed' })
  const qicai = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司', region: '安徽池州' })
  const huirun = await call(core, 'enterprise.create', { name: '汇润集团（苏州）', region: '江苏苏州' })
  await call(core, 'member.create', { tripId: trip.id, name: '寇德林', position: '董事长', isLeader: true })
  await call(core, 'visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })
  await call(core, 'visit.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18' })
  const talk = await call(core, 'symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', presidedBy: '曾健' })
  await call(core, 'symposium.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18', presidedBy: '曾辉' })
  await call(core, 'remark.create', { symposiumId: talk.id, text: '把产业前沿技术带进课堂', isQuote: true })
  await call(core, 'remark.create', { symposiumId: talk.id, text: '扎根产业土壤才能育出留得住的人才', isQuote: true })
  await call(core, 'agreement.create', { tripId: trip.id, enterpriseId: qicai.id, title: '产业工人定向班', kind: 'order_class', status: 'signed', positions: 40 })
  await call(core, 'agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '智能装备运维实训中心', kind: 'training_base', status: 'signed', amountYuan: 5_000_000 })
  await call(core, 'agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '智能制造产教融合共同体', kind: 'industry_college' })
  const trashed = await call(core, 'agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '录错的', amountYuan: 9_000_000, positions: 900 })
  await call(core, 'agreement.delete', { id: trashed.id })
  const qicaiSurvey = await call(core, 'survey.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', status: 'complete' })
  await call(core, 'position.create', { surveyId: qicaiSurvey.id, title: '灌装线操作工', headcount: 80, majors: ['食品智能加工技术'] })
  await call(core, 'position.create', { surveyId: qicaiSurvey.id, title: '质检实习生', headcount: 40, kind: 'internship', majors: ['食品检验检测技术'] })
  const huirunSurvey = await call(core, 'survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18' })
  await call(core, 'position.create', { surveyId: huirunSurvey.id, title: '工业机器人运维', headcount: 120, majors: ['工业机器人技术', '机电一体化技术'] })
  await call(core, 'position.create', { surveyId: huirunSurvey.id, title: '设备维护实习生', headcount: 60, kind: 'internship', majors: ['机电一体化技术'] })
  await call(core, 'action.create', { tripId: trip.id, title: '建立一企一档机制', dueDate: '2025-06-30' })
  await call(core, 'action.create', { tripId: trip.id, title: '邀请 50 名产业导师进校园', dueDate: '2999-12-31' })
  await call(core, 'action.create', { tripId: trip.id, title: '搭建线上线下就业服务平台', status: 'done' })
  return { trip, qicai, huirun, huirunSurvey }
}

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    tabs: ['概览', '调研组', '行程安排', '企业参观', '座谈会', '合作协议', '需求调研', '调研问卷', '跟进事项', '笔记'],
    text: {
      empty: '这里还没有数据',
      title: '行程名称',
      purpose: '调研目的',
      endDate: '结束日期',
      status: '状态',
      ongoing: '进行中',
      required: '必填',
      enterTitle: '请填写标题',
      endBeforeStart: '结束日期不能早于开始日期',
      name: '姓名',
      position: '职务',
      department: '部门',
      leader: '团长',
      addMember: '添加成员',
      noMembers: '还没有调研组成员',
      delete: '删除',
      addStop: '加入行程',
      noStops: '还没有行程安排',
      createEnterprise: (name: string) => `新建企业“${name}”`,
      day: '日期',
      note: '安排',
      day1: '第 1 天',
      day2: '第 2 天',
      noNotes: '还没有笔记',
      problem: '问题',
      add: '添加',
      overdue: '逾期 1 项',
      amount: '500万元',
      chartEnterprise: '汇润集团（苏州）',
      noMajor: '未填专业',
      inTrash: '这个行程在回收站里',
      notFound: '找不到这个行程',
    },
    trip: {
      title: '川渝访企调研',
      renamed: '川渝两地访企拓岗调研',
      purpose: '走访合作企业，拓展就业岗位',
      members: [
        { name: '寇德林', position: '董事长', department: '学院领导', leader: true },
        { name: '李主任', position: '主任', department: '校企合作中心', leader: false },
      ],
      changedPosition: '校企合作中心主任',
      enterprises: ['重庆智造装备有限公司', '成都数字影视基地'],
      stopNote: '上午参观生产线，下午座谈',
      problem: '企业反映实习生到岗时间与教学安排冲突',
    },
  },
  {
    locale: 'en-US' as const,
    tabs: ['Overview', 'Group', 'Itinerary', 'Site visits', 'Symposiums', 'Agreements', 'Surveys', 'Questionnaire', 'Follow-ups', 'Notes'],
    text: {
      empty: 'Nothing recorded yet',
      title: 'Trip title',
      purpose: 'Purpose',
      endDate: 'End date',
      status: 'Status',
      ongoing: 'Ongoing',
      required: 'Required',
      enterTitle: 'Enter a title',
      endBeforeStart: 'The end date cannot be before the start date',
      name: 'Name',
      position: 'Position',
      department: 'Department',
      leader: 'Leader',
      addMember: 'Add member',
      noMembers: 'No group members yet',
      delete: 'Delete',
      addStop: 'Add to itinerary',
      noStops: 'No itinerary yet',
      createEnterprise: (name: string) => `Add enterprise “${name}”`,
      day: 'Day',
      note: 'Plan',
      day1: 'Day 1',
      day2: 'Day 2',
      noNotes: 'No notes yet',
      problem: 'Problem',
      add: 'Add',
      overdue: '1 overdue',
      amount: '5,000,000yuan',
      chartEnterprise: '汇润集团（苏州）',
      noMajor: 'No major given',
      inTrash: 'This trip is in the trash',
      notFound: 'This trip was not found',
    },
    trip: {
      title: 'Sichuan and Chongqing visits',
      renamed: 'Sichuan & Chongqing employment visits',
      purpose: 'Visit partner enterprises to open up jobs',
      members: [
        { name: 'Kou Delin', position: 'Chairman', department: 'College leadership', leader: true },
        { name: 'Director Li', position: 'Director', department: 'Cooperation Centre', leader: false },
      ],
      changedPosition: 'Director of the Cooperation Centre',
      enterprises: ['Chongqing Smart Equipment Co.', 'Chengdu Digital Film Base'],
      stopNote: 'Production line in the morning, symposium after lunch',
      problem: 'Interns are expected on site while classes are still running',
    },
  },
]

describe.each(LANGUAGES)('trip screen in $locale', ({ locale, tabs, text, trip: sample }) => {
  it('shows every tab; edits the trip, its group, itinerary and notes, all saved as typed', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    try {
      const trip = await call(core, 'trip.create', { title: sample.title, startDate: '2025-06-02', endDate: '2025-06-04', regions: ['重庆'] })
      await page.goto(`${web.url}#/trips/${trip.id}`)
      await visible(page.getByTestId('trip-title').getByText(sample.title))
      await expect.poll(() => page.getByTestId('trip-dates').innerText()).toContain('2025-06-02 – 2025-06-04')

      // Every tab opens, with its name in the URL.
      const tripKeys = ['overview', 'group', 'itinerary', 'visits', 'symposiums', 'agreements', 'surveys', 'questionnaire', 'followUps', 'notes']
      for (const [index, label] of tabs.entries()) {
        await page.getByRole('tab', { name: label, exact: true }).click()
        const key = tripKeys[index]!
        await expect.poll(() => new URL(page.url()).hash).toBe(key === 'overview' ? `#/trips/${trip.id}` : `#/trips/${trip.id}/${key}`)
        await visible(page.getByRole('tabpanel', { name: label, exact: true }))
        await app.screenshot(`trip-tab-${key}`)
      }

      // Overview of a new trip: zeros and a hint of what to do.
      await page.getByRole('tab', { name: tabs[0], exact: true }).click()
      await visible(page.getByTestId('dashboard-empty').getByText(text.empty, { exact: false }))
      expect(await statValue(page, 'enterprisesVisited')).toBe('0')
      await app.screenshot('trip-overview-empty')

      // The trip's fields save as they are typed.
      const details = page.getByTestId('trip-details')
      await details.getByLabel(text.title).fill(sample.renamed)
      await details.getByLabel(text.purpose).fill(sample.purpose)
      await expect.poll(() => core.records.trip.get(trip.id)).toMatchObject({ title: sample.renamed, purpose: sample.purpose })
      await visible(page.getByTestId('trip-title').getByText(sample.renamed))
      await details.getByLabel(text.status).click()
      await page.locator('.ant-select-dropdown').getByText(text.ongoing, { exact: true }).click()
      await expect.poll(() => core.records.trip.get(trip.id)['status']).toBe('ongoing')
      await visible(page.getByTestId('trip-status').getByText(text.ongoing))
      // Impossible values are refused on their field and never stored.
      await details.getByLabel(text.title).fill('')
      await visible(details.getByText(text.enterTitle))
      await typeDate(details.getByLabel(text.endDate), '2025-06-01')
      await visible(details.getByText(text.endBeforeStart))
      await app.screenshot('trip-details-errors')
      expect(core.records.trip.get(trip.id)).toMatchObject({ title: sample.renamed, endDate: '2025-06-04' })
      await details.getByLabel(text.title).fill(sample.renamed)
      await typeDate(details.getByLabel(text.endDate), '2025-06-05')
      await expect.poll(() => core.records.trip.get(trip.id)['endDate']).toBe('2025-06-05')
      await allSaved(page)

      // Group: quick add with Enter; a name is required; the leader is marked and listed first.
      await page.getByRole('tab', { name: tabs[1], exact: true }).click()
      await visible(page.getByText(text.noMembers))
      const addMember = page.getByTestId('add-member')
      await addMember.getByRole('button', { name: text.addMember }).click()
      await visible(addMember.getByText(text.required))
      for (const member of [...sample.members].reverse()) {
        await addMember.getByLabel(text.position).fill(member.position)
        await addMember.getByLabel(text.department).fill(member.department)
        if (member.leader) await addMember.getByText(text.leader, { exact: true }).click()
        await addMember.getByLabel(text.name).fill(member.name)
        await addMember.getByLabel(text.name).press('Enter')
        await expect.poll(() => core.records.member.list({ tripId: trip.id }).some((m) => m['name'] === member.name)).toBe(true)
        // The cursor is back on the name, ready for the next member.
        await expect.poll(() => addMember.getByLabel(text.name).evaluate((input) => input === document.activeElement)).toBe(true)
      }
      expect(core.records.member.list({ tripId: trip.id })).toMatchObject(
        sample.members.map((m) => ({ name: m.name, position: m.position, department: m.department, isLeader: m.leader })),
      )
      const rows = page.getByTestId('member-row')
      await expect.poll(() => rows.count()).toBe(2)
      await visible(rows.first().getByTestId('leader-tag'))
      expect(await rows.nth(1).getByTestId('leader-tag').count()).toBe(0)
      await visible(page.getByTestId('trip-leaders').getByText(sample.members[0]!.name))
      // Inline edit saves the row.
      await rows.nth(1).getByLabel(text.position).fill(sample.changedPosition)
      await expect.poll(() => core.records.member.list({ tripId: trip.id })[1]?.['position']).toBe(sample.changedPosition)
      await allSaved(page)
      await app.screenshot('trip-group')
      // Delete asks, then offers undo.
      await rows.nth(1).getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await expect.poll(() => core.records.member.list({ tripId: trip.id }).length).toBe(1)
      await page.getByTestId('undo-delete').click()
      await expect.poll(() => core.records.member.list({ tripId: trip.id }).length).toBe(2)
      await expect.poll(() => rows.count()).toBe(2)

      // Itinerary: enterprises created from the picker, grouped by day.
      await page.getByRole('tab', { name: tabs[2], exact: true }).click()
      await visible(page.getByText(text.noStops))
      const addStop = page.getByTestId('add-stop')
      for (const [index, name] of sample.enterprises.entries()) {
        const picker = addStop.getByRole('combobox').first()
        await picker.click()
        await picker.fill(name)
        await page.locator('.ant-select-dropdown:visible').getByText(text.createEnterprise(name)).click()
        await expect.poll(() => core.records.enterprise.list().some((e) => e['name'] === name)).toBe(true)
        if (index === 1) await typeDate(addStop.getByLabel(text.day), '2025-06-03')
        await addStop.getByLabel(text.note).fill(sample.stopNote)
        await addStop.getByLabel(text.note).press('Enter')
        await expect.poll(() => core.records.itinerary.list({ tripId: trip.id }).length).toBe(index + 1)
      }
      const enterpriseIds = new Map(core.records.enterprise.list().map((e) => [e['name'], e.id]))
      expect(core.records.itinerary.list({ tripId: trip.id })).toMatchObject([
        { enterpriseId: enterpriseIds.get(sample.enterprises[0]), day: '2025-06-02', note: sample.stopNote },
        { enterpriseId: enterpriseIds.get(sample.enterprises[1]), day: '2025-06-03', note: sample.stopNote },
      ])
      const days = page.getByTestId('itinerary-day')
      await expect.poll(() => days.count()).toBe(2)
      expect(await days.nth(0).innerText()).toContain(text.day1)
      expect(await days.nth(0).innerText()).toContain(sample.enterprises[0])
      expect(await days.nth(1).innerText()).toContain(text.day2)
      expect(await days.nth(1).innerText()).toContain(sample.enterprises[1])
      await app.screenshot('trip-itinerary')

      // Notes: a problem, added with Ctrl+Enter, ready for the research report.
      await page.getByRole('tab', { name: tabs[9], exact: true }).click()
      await visible(page.getByText(text.noNotes))
      const addNote = page.getByTestId('add-note')
      await addNote.getByText(text.problem, { exact: true }).click()
      await addNote.getByRole('textbox').fill(sample.problem)
      await addNote.getByRole('textbox').press('Control+Enter')
      await expect.poll(() => core.records.note.list({ tripId: trip.id })).toMatchObject([{ kind: 'problem', text: sample.problem }])
      await visible(page.getByTestId('note-card').getByText(text.problem, { exact: true }))
      expect(await addNote.getByRole('textbox').inputValue()).toBe('')
      await app.screenshot('trip-notes')

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('shows the reference trip’s figures and charts, and follows new records', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    try {
      const { trip, huirunSurvey } = await seedReferenceTrip(core)
      await page.goto(`${web.url}#/trips/${trip.id}`)
      await visible(page.getByTestId('trip-dashboard'))
      const expected = (await call<TripDashboard>(core, 'trip.dashboard', { tripId: trip.id, today: new Date().toISOString().slice(0, 10) }))
      // New positions are the surveyed 300; the 40 an agreement commits are shown beside them, not added.
      expect(expected.positions.total).toBe(300)

      await expect.poll(() => statValue(page, 'enterprisesVisited')).toBe('2')
      expect(await statValue(page, 'siteVisits')).toBe('2')
      expect(await statValue(page, 'symposiums')).toBe('2')
      expect(await statValue(page, 'surveys')).toBe('2')
      expect(await statValue(page, 'followUps')).toBe('2')
      expect(await page.getByTestId('stat-followUps').innerText()).toContain(text.overdue)
      expect(await statValue(page, 'quotes')).toBe('2')
      expect(await statValue(page, 'positions')).toBe('300')
      const positionsCard = await page.getByTestId('stat-positions').innerText()
      for (const figure of ['300', '200', '100', '40']) expect(positionsCard).toContain(figure)
      expect(await statValue(page, 'agreements')).toBe('3')
      expect((await page.getByTestId('stat-amount').locator('.ant-statistic-content').innerText()).replace(/\s/g, '')).toBe(text.amount)

      // Both charts draw, with the enterprises and majors as their labels.
      const enterpriseChart = page.getByTestId('chart-by-enterprise').getByTestId('echart').locator('svg').first()
      await visible(enterpriseChart)
      await expect.poll(() => enterpriseChart.textContent()).toContain(text.chartEnterprise)
      const majorChart = page.getByTestId('chart-by-major').getByTestId('echart').locator('svg').first()
      await visible(majorChart)
      await expect.poll(() => majorChart.textContent()).toContain('机电一体化技术')
      await visible(page.getByTestId('major-note'))
      await app.screenshot('trip-dashboard')

      // A record added elsewhere (another screen, or sync) shows up without reloading.
      await call(core, 'position.create', { surveyId: huirunSurvey.id, title: 'PLC 调试', headcount: 30 })
      await expect.poll(() => statValue(page, 'positions')).toBe('330')
      await expect.poll(() => majorChart.textContent()).toContain(text.noMajor)

      // A trip moved to the trash (on another screen, or by sync) says so instead of showing stale data.
      await call(core, 'trip.delete', { id: trip.id })
      await visible(page.getByText(text.inTrash))
      await app.screenshot('trip-in-trash')
      await page.goto(`${web.url}#/trips/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`)
      await visible(page.getByText(text.notFound))

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
