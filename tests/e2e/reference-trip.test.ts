import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { TripDashboard } from '../../shared/procedures/trip-overview'
import { visible } from './harness'
import { useBrowser, typeDate, pick, focusedLabel, statValue } from './ui'

/**
 * The reference trip (the four-day visit the sample in electron/core/sample/reference-trip.ts holds) recorded from start to finish through the UI, the
 * way the research group would: the trip and its group, both enterprise files, the site visit with its stops and
 * a photo, the symposium minutes, the agreements, the talent-demand surveys and the follow-ups. Then the trip's
 * overview must show the figures the news brief quotes, computed from those records, and search must find what
 * was typed in the symposium. Nothing is seeded through the core: the core is only read to cross-check.
 */

const PHOTO = join(import.meta.dirname, '../fixtures/attachments/bottling-line.jpg')

const web = useBrowser()

/** The machines running these tests are shared: give the UI time rather than fail on a slow moment. */
const POLL = { timeout: 15_000 }

const hash = (page: Page) => new URL(page.url()).hash

interface StoredAttachment {
  file_name: string
  caption: string
  mime: string
  owner_kind: string
  owner_id: string
}

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    ui: {
      nav: { trips: '调研行程', enterprises: '企业档案', search: '搜索' },
      newTrip: '新建行程',
      create: '创建',
      tripFields: { title: '行程名称', startDate: '开始日期', endDate: '结束日期', regions: '地区', status: '状态', purpose: '调研目的' },
      completed: '已完成',
      tabs: { overview: '概览', group: '调研组', visits: '企业参观', symposiums: '座谈会', agreements: '合作协议', surveys: '需求调研', followUps: '跟进事项' },
      member: { name: '姓名', position: '职务', department: '部门', leader: '团长' },
      newEnterprise: '新建企业',
      enterpriseFields: { name: '企业名称', industry: '行业', region: '地区' },
      createEnterprise: (name: string) => `新建企业“${name}”`,
      visit: {
        new: '新建参观记录',
        enterprise: '参观企业',
        date: '日期',
        title: '主题',
        participants: '参加人员',
        summary: '总体印象',
        addFirstStop: '添加第一个参观点',
        place: (n: number) => `第 ${n} 个参观点的地点`,
        observation: (n: number) => `第 ${n} 个参观点的所见所闻`,
        count: '共 2 次参观',
      },
      symposium: {
        new: '新建座谈会记录',
        enterprise: '座谈企业',
        attendeeInput: (side: string) => `添加出席人员（${side}）`,
        ours: '我方（学校）',
        theirs: '企业方',
        composer: '发言内容',
        presidedLine: '曾健 主持',
      },
      agreement: {
        new: '新建协议',
        enterprise: '合作企业',
        title: '协议名称',
        kind: '协议类型',
        signedDate: '签约日期',
        amount: '金额（元）',
        terms: '主要条款',
        trainingBase: '实训基地',
        signed: '已签约',
        amountShown: '500万元',
      },
      survey: {
        new: '新建调研',
        enterprise: '企业',
        date: '调研日期',
        respondent: '受访人',
        respondentTitle: '职务',
        quickTitle: '岗位名称，回车添加',
        headcount: '人数',
        majors: '对口专业',
        kinds: { employment: '就业', internship: '实习' },
      },
      followUp: { new: '新建跟进事项', title: '要做的事', owner: '负责人', dueDate: '完成期限' },
      dashboard: { signed: '已签约 2 份', amount: '500万元', surveysComplete: '已填完 0 份' },
      search: { emptyTitle: '搜索全部记录', remarks: '座谈发言' },
    },
    trip: {
      title: '皖苏两省访企拓岗调研',
      regions: ['安徽', '江苏'],
      purpose: '走访安徽、江苏两地合作企业，拓展毕业生就业岗位，深化校企合作与产教融合。',
      members: [
        { name: '寇德林', position: '董事长', department: '学院领导', leader: true },
        { name: '刘明', position: '校企合作中心主任', department: '校企合作中心', leader: false },
        { name: '陈静', position: '秘书处处长', department: '秘书处', leader: false },
      ],
    },
    qicai: {
      name: '石台七彩灵慧智能科技有限公司',
      typed: '七彩灵慧',
      industry: '富硒饮用水及智能制造',
      region: '安徽省池州市石台县',
    },
    huirun: { name: '汇润集团（苏州）', typed: '汇润' },
    visit: {
      title: '参观硒泉水源地与灌装生产线',
      summary: '从水源保护到灌装装箱全程有记录可追溯，后段产线自动化程度高，对设备运维和品控人员需求明显。',
      stops: [
        { place: '硒泉水源地', observation: '取水口设有保护区并有专人值守，每批取水都做检测留档。' },
        { place: '灌装生产线', observation: '灌装、贴标、装箱基本自动完成，每条线只需几名技术工人巡检和调试。' },
      ],
      caption: '灌装生产线，后段自动装箱',
      huirunTitle: '参观智能装备生产车间',
    },
    symposium: {
      title: '校企合作座谈会',
      place: '公司二楼会议室',
      presidedBy: '曾健',
      topic: '产业工人定向培养',
      theirs: [
        { line: '曾健 总经理', name: '曾健', title: '总经理' },
        { line: '王芳 人力资源部经理', name: '王芳', title: '人力资源部经理' },
      ],
      /** What is typed to add each member of the group: their name, as the suggestion list offers it. */
      ours: ['寇德林', '刘明', '陈静'],
      remarks: [
        { speaker: 4, text: '公司今年新上了两条智能灌装线，设备运维和品控岗位缺口很大，欢迎学院的学生来。', quote: false },
        { speaker: 1, text: '把课堂搬到车间里，让学生在真实岗位上学本领，这是职业教育该走的路。', quote: true },
        { speaker: 2, text: '建议先办一个产业工人定向班，按企业岗位标准共同制定培养方案。', quote: false },
        { speaker: 5, text: '今年需要八十名一线员工、四十名实习生，主要面向机电和食品检验专业。', quote: false },
      ],
      consensus: '双方同意合作开设产业工人定向班，学生考核合格后直接入职。',
      searchPhrase: '把课堂搬到车间',
    },
    agreements: {
      orientation: {
        title: '产业工人定向班合作协议',
        terms: '招生即招工、入校即入企；学生在企业完成实训，考核合格后直接录用。',
        signedDate: '2025-05-16',
      },
      centre: { title: '智能装备运维实训中心共建协议', signedDate: '2025-05-18' },
    },
    surveys: [
      {
        enterprise: 'qicai' as const,
        date: '2025-05-16',
        respondent: '王芳',
        respondentTitle: '人力资源部经理',
        positions: [
          { title: '灌装线设备运维员', headcount: 80, kind: 'employment' as const, major: '机电一体化技术' },
          { title: '品控检验实习生', headcount: 40, kind: 'internship' as const, major: '食品检验检测技术' },
        ],
      },
      {
        enterprise: 'huirun' as const,
        date: '2025-05-18',
        respondent: '李强',
        respondentTitle: '人力资源总监',
        positions: [
          { title: '工业机器人运维工程师', headcount: 120, kind: 'employment' as const, major: '工业机器人技术' },
          { title: '智能装备装调实习生', headcount: 60, kind: 'internship' as const, major: '机电一体化技术' },
          { title: 'PLC 电气调试员', headcount: 20, kind: 'employment' as const, major: '电气自动化技术' },
        ],
      },
    ],
    followUps: [
      { title: '建立“一企一档”合作机制，动态跟踪企业需求', owner: '秘书处', dueDate: '2025-06-30' },
      { title: '年内邀请 50 名产业导师进校园授课', owner: '校企合作中心', dueDate: '2025-12-31' },
      { title: '搭建“线上+线下”就业服务平台，精准对接岗位', owner: '招生就业处', dueDate: '2025-09-30' },
    ],
  },
  {
    locale: 'en-US' as const,
    ui: {
      nav: { trips: 'Trips', enterprises: 'Enterprises', search: 'Search' },
      newTrip: 'New trip',
      create: 'Create',
      tripFields: { title: 'Trip title', startDate: 'Start date', endDate: 'End date', regions: 'Regions', status: 'Status', purpose: 'Purpose' },
      completed: 'Completed',
      tabs: { overview: 'Overview', group: 'Group', visits: 'Site visits', symposiums: 'Symposiums', agreements: 'Agreements', surveys: 'Surveys', followUps: 'Follow-ups' },
      member: { name: 'Name', position: 'Position', department: 'Department', leader: 'Leader' },
      newEnterprise: 'New enterprise',
      enterpriseFields: { name: 'Name', industry: 'Industry', region: 'Region' },
      createEnterprise: (name: string) => `Add enterprise “${name}”`,
      visit: {
        new: 'New site visit',
        enterprise: 'Enterprise visited',
        date: 'Date',
        title: 'Subject',
        participants: 'Participants',
        summary: 'Overall impression',
        addFirstStop: 'Add the first stop',
        place: (n: number) => `Place of stop ${n}`,
        observation: (n: number) => `Observations at stop ${n}`,
        count: '2 site visits',
      },
      symposium: {
        new: 'New symposium',
        enterprise: 'Enterprise',
        attendeeInput: (side: string) => `Add an attendee (${side})`,
        ours: 'Our side (college)',
        theirs: 'Enterprise side',
        composer: 'Remark',
        presidedLine: 'presided by Zeng Jian',
      },
      agreement: {
        new: 'New agreement',
        enterprise: 'Enterprise',
        title: 'Title',
        kind: 'Kind',
        signedDate: 'Signed on',
        amount: 'Amount (yuan)',
        terms: 'Main terms',
        trainingBase: 'Training base',
        signed: 'Signed',
        amountShown: '¥5,000,000',
      },
      survey: {
        new: 'New survey',
        enterprise: 'Enterprise',
        date: 'Date',
        respondent: 'Respondent',
        respondentTitle: 'Job title',
        quickTitle: 'Position, then Enter',
        headcount: 'Headcount',
        majors: 'Majors',
        kinds: { employment: 'Job', internship: 'Internship' },
      },
      followUp: { new: 'New follow-up', title: 'What to do', owner: 'Owner', dueDate: 'Due date' },
      dashboard: { signed: '2 signed', amount: '5,000,000yuan', surveysComplete: '0 complete' },
      search: { emptyTitle: 'Search all records', remarks: 'Symposium remarks' },
    },
    trip: {
      title: 'Anhui and Jiangsu enterprise visits for jobs',
      regions: ['Anhui', 'Jiangsu'],
      purpose: 'Visit partner enterprises in Anhui and Jiangsu to open up jobs for our graduates and deepen school–enterprise cooperation.',
      members: [
        { name: 'Kou Delin', position: 'Chairman', department: 'College leadership', leader: true },
        { name: 'Liu Ming', position: 'Head of the School–Enterprise Cooperation Centre', department: 'Cooperation Centre', leader: false },
        { name: 'Chen Jing', position: 'Head of the Secretariat', department: 'Secretariat', leader: false },
      ],
    },
    qicai: {
      name: 'Shitai Qicai Linghui Intelligent Technology Co., Ltd.',
      typed: 'Qicai Linghui',
      industry: 'Selenium-rich drinking water; smart manufacturing',
      region: 'Shitai County, Chizhou, Anhui',
    },
    huirun: { name: 'Huirun Group (Suzhou)', typed: 'Huirun' },
    visit: {
      title: 'Tour of the selenium spring source and bottling line',
      summary: 'Every step from the protected source to the packed case is logged; the automated back end needs maintenance and quality staff.',
      stops: [
        { place: 'Selenium spring water source', observation: 'The intake sits in a guarded protection zone and every batch drawn is tested and logged.' },
        { place: 'Bottling production line', observation: 'Filling, labelling and packing run almost unattended; a few technicians patrol and tune each line.' },
      ],
      caption: 'Bottling line, automatic packing at the back end',
      huirunTitle: 'Tour of the intelligent equipment workshop',
    },
    symposium: {
      title: 'School–enterprise cooperation symposium',
      place: 'Second-floor meeting room',
      presidedBy: 'Zeng Jian',
      topic: 'Training industrial workers to order',
      theirs: [
        { line: 'Zeng Jian, General manager', name: 'Zeng Jian', title: 'General manager' },
        { line: 'Wang Fang, HR manager', name: 'Wang Fang', title: 'HR manager' },
      ],
      /** Whole English names, spaces and all: the suggestion must keep the title on file, not take "Delin" as one. */
      ours: ['Kou Delin', 'Liu Ming', 'Chen Jing'],
      remarks: [
        { speaker: 4, text: 'We opened two smart bottling lines this year and are short of maintenance and quality staff; your students are welcome.', quote: false },
        { speaker: 1, text: 'Move the classroom onto the shop floor: students learn a trade best in a real job, and that is the road vocational education should take.', quote: true },
        { speaker: 2, text: 'Let us start with an industrial-worker orientation class, its curriculum written to the company’s job standards.', quote: false },
        { speaker: 5, text: 'This year we need eighty employees and forty interns, mostly in mechatronics and food testing.', quote: false },
      ],
      consensus: 'Both sides will open an industrial-worker orientation class; students who pass the assessment join the company directly.',
      searchPhrase: 'classroom onto the shop floor',
    },
    agreements: {
      orientation: {
        title: 'Industrial-worker orientation class agreement',
        terms: 'Enrolment is recruitment; students train at the company and are hired once they pass the assessment.',
        signedDate: '2025-05-16',
      },
      centre: { title: 'Intelligent equipment O&M training centre', signedDate: '2025-05-18' },
    },
    surveys: [
      {
        enterprise: 'qicai' as const,
        date: '2025-05-16',
        respondent: 'Wang Fang',
        respondentTitle: 'HR manager',
        positions: [
          { title: 'Bottling line maintenance technician', headcount: 80, kind: 'employment' as const, major: 'Mechatronics' },
          { title: 'Quality inspection intern', headcount: 40, kind: 'internship' as const, major: 'Food Testing' },
        ],
      },
      {
        enterprise: 'huirun' as const,
        date: '2025-05-18',
        respondent: 'Li Qiang',
        respondentTitle: 'HR director',
        positions: [
          { title: 'Industrial robot O&M engineer', headcount: 120, kind: 'employment' as const, major: 'Industrial Robotics' },
          { title: 'Smart equipment assembly intern', headcount: 60, kind: 'internship' as const, major: 'Mechatronics' },
          { title: 'PLC commissioning technician', headcount: 20, kind: 'employment' as const, major: 'Electrical Automation' },
        ],
      },
    ],
    followUps: [
      { title: 'Set up the one-enterprise-one-file mechanism and track each one’s needs', owner: 'Secretariat', dueDate: '2025-06-30' },
      { title: 'Invite 50 industry mentors to teach on campus within the year', owner: 'Cooperation Centre', dueDate: '2025-12-31' },
      { title: 'Build an online and offline job-matching platform', owner: 'Employment Office', dueDate: '2025-09-30' },
    ],
  },
]

type Language = (typeof LANGUAGES)[number]

describe.each(LANGUAGES)('the reference trip recorded through the UI in $locale', (language: Language) => {
  const { locale, ui, trip: sample } = language

  it('records the whole trip; the overview shows its figures; search finds the symposium', { timeout: 300_000 }, async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page, core } = app
    page.setDefaultTimeout(15_000)
    const started = Date.now()
    let step = 0
    /** A screenshot of each screen on the way, numbered in the order visited: ref-01-trips-zh.png, … */
    const shot = (name: string) => app.screenshot(`ref-${String(++step).padStart(2, '0')}-${name}`)
    try {
      // ---- 1. The trip. ----
      await visible(page.getByRole('button', { name: ui.newTrip }).first())
      await shot('trips-empty')
      await page.getByRole('button', { name: ui.newTrip }).first().click()
      const drawer = page.getByRole('dialog')
      await drawer.getByLabel(ui.tripFields.title).fill(sample.title)
      await typeDate(drawer.getByLabel(ui.tripFields.startDate), '2025-05-16', POLL)
      await typeDate(drawer.getByLabel(ui.tripFields.endDate), '2025-05-19', POLL)
      const regions = drawer.getByLabel(ui.tripFields.regions)
      for (const region of sample.regions) {
        await regions.fill(region)
        await regions.press('Enter')
      }
      await drawer.getByLabel(ui.tripFields.purpose).fill(sample.purpose)
      // The trip is over: the group records it afterwards, as the secretariat often does.
      await pick(page, drawer.getByLabel(ui.tripFields.status), '', ui.completed)
      await shot('new-trip')
      await drawer.getByRole('button', { name: ui.create }).click()
      await expect.poll(() => core.records.trip.list().length, POLL).toBe(1)
      const trip = core.records.trip.list()[0]!
      expect(trip).toMatchObject({
        title: sample.title,
        startDate: '2025-05-16',
        endDate: '2025-05-19',
        regions: sample.regions,
        purpose: sample.purpose,
        status: 'completed',
      })
      await expect.poll(() => hash(page), POLL).toBe(`#/trips/${trip.id}`)
      await visible(page.getByTestId('trip-title').getByText(sample.title))
      const tab = (name: keyof typeof ui.tabs) => page.getByRole('tab', { name: ui.tabs[name], exact: true })

      // ---- 2. The research group: the chairman leads. ----
      await tab('group').click()
      const addMember = page.getByTestId('add-member')
      for (const member of sample.members) {
        await addMember.getByLabel(ui.member.position).fill(member.position)
        await addMember.getByLabel(ui.member.department).fill(member.department)
        if (member.leader) await addMember.getByText(ui.member.leader, { exact: true }).click()
        await addMember.getByLabel(ui.member.name).fill(member.name)
        await addMember.getByLabel(ui.member.name).press('Enter')
        await expect.poll(() => core.records.member.list({ tripId: trip.id }).some((m) => m['name'] === member.name), POLL).toBe(true)
      }
      expect(core.records.member.list({ tripId: trip.id })).toMatchObject(
        sample.members.map((m) => ({ name: m.name, position: m.position, department: m.department, isLeader: m.leader })),
      )
      await expect.poll(() => page.getByTestId('member-row').count(), POLL).toBe(3)
      await visible(page.getByTestId('trip-leaders').getByText(sample.members[0]!.name))
      await shot('group')

      // ---- 3. The first enterprise's file, from the Enterprises screen. ----
      await page.getByRole('menuitem', { name: ui.nav.enterprises }).click()
      await page.getByRole('button', { name: ui.newEnterprise }).click()
      const newEnterprise = page.getByRole('dialog')
      await newEnterprise.getByLabel(ui.enterpriseFields.name).fill(language.qicai.name)
      await shot('enterprise-new')
      await newEnterprise.getByLabel(ui.enterpriseFields.name).press('Enter')
      await visible(page.getByTestId('enterprise-name').getByText(language.qicai.name))
      const qicai = core.records.enterprise.list().find((e) => e['name'] === language.qicai.name)!
      expect(qicai).toBeDefined()
      await page.getByLabel(ui.enterpriseFields.industry).fill(language.qicai.industry)
      await page.getByLabel(ui.enterpriseFields.region).fill(language.qicai.region)
      await expect.poll(() => core.records.enterprise.get(qicai.id), POLL).toMatchObject({ industry: language.qicai.industry, region: language.qicai.region })
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), POLL).toBe('saved')
      await shot('enterprise-qicai')

      // Back to the trip through the list of trips.
      await page.getByRole('menuitem', { name: ui.nav.trips }).click()
      const tripRow = page.locator('.ant-table-row', { hasText: sample.title })
      await visible(tripRow)
      await shot('trips')
      await tripRow.getByRole('link', { name: sample.title }).click()
      await expect.poll(() => hash(page), POLL).toBe(`#/trips/${trip.id}`)

      // ---- 4. The site visit at the first enterprise: two stops and a photo. ----
      await tab('visits').click()
      await page.getByRole('button', { name: ui.visit.new }).first().click()
      let dialog = page.getByRole('dialog')
      await visible(dialog.getByLabel(ui.visit.enterprise))
      await page.keyboard.type(language.qicai.typed)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: language.qicai.name }).click()
      expect(await dialog.getByLabel(ui.visit.date).inputValue()).toBe('2025-05-16')
      await shot('visit-new')
      await page.getByTestId('new-visit-ok').click()
      await page.waitForURL(/#\/visits\//)
      const visitId = page.url().split('/visits/')[1]!
      await visible(page.getByTestId('visit-heading').getByText(language.qicai.name))
      await page.getByLabel(ui.visit.title, { exact: true }).fill(language.visit.title)
      await page.getByLabel(ui.visit.participants).click()
      for (const member of sample.members) {
        await page.keyboard.type(member.name)
        await page.keyboard.press('Enter')
      }
      await page.keyboard.press('Escape')
      await page.getByLabel(ui.visit.summary).fill(language.visit.summary)
      const memberIds = core.records.member.list({ tripId: trip.id }).map((m) => m.id)
      await expect
        .poll(() => core.records.visit.get(visitId), POLL)
        .toMatchObject({ tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: language.visit.title, summary: language.visit.summary })
      expect([...(core.records.visit.get(visitId)['participantIds'] as string[])].sort()).toEqual([...memberIds].sort())

      await page.getByRole('button', { name: ui.visit.addFirstStop }).click()
      await expect.poll(() => focusedLabel(page), POLL).toBe(ui.visit.place(1))
      const [stop1, stop2] = language.visit.stops
      await page.keyboard.type(stop1!.place)
      await page.keyboard.press('Tab')
      await page.keyboard.type(stop1!.observation)
      await page.getByLabel(ui.visit.place(1)).press('Enter')
      await expect.poll(() => focusedLabel(page), POLL).toBe(ui.visit.place(2))
      await page.keyboard.type(stop2!.place)
      await page.keyboard.press('Tab')
      await page.keyboard.type(stop2!.observation)
      const stops = () => core.records.visitStop.list({ visitId }).map((s) => ({ place: s['place'], observation: s['observation'] }))
      await expect.poll(stops, POLL).toEqual(language.visit.stops)

      // The photo, through the attachment panel's file input, with its caption.
      const panel = page.getByTestId('attachment-panel')
      await panel.locator('input[type=file]').setInputFiles(PHOTO)
      const cards = panel.getByTestId('attachment-card')
      await expect.poll(() => cards.count(), POLL).toBe(1)
      await visible(cards.first().locator('img[src^="data:image/jpeg"]'))
      await cards.first().getByTestId('attachment-caption').fill(language.visit.caption)
      const attachments = () =>
        core.store.db.prepare('SELECT file_name, caption, mime, owner_kind, owner_id FROM attachments WHERE deleted = 0').all() as StoredAttachment[]
      await expect
        .poll(attachments, POLL)
        .toEqual([{ file_name: 'bottling-line.jpg', caption: language.visit.caption, mime: 'image/jpeg', owner_kind: 'visit', owner_id: visitId }])
      await visible(page.locator('[data-testid="save-status"][data-status="saved"]'))
      await shot('visit-qicai')

      // ---- 5. The second enterprise, created from the enterprise picker of its site visit. ----
      await page.getByTestId('back-to-trip').click()
      await expect.poll(() => hash(page), POLL).toBe(`#/trips/${trip.id}/visits`)
      await page.getByRole('button', { name: ui.visit.new }).first().click()
      dialog = page.getByRole('dialog')
      await visible(dialog.getByLabel(ui.visit.enterprise))
      await page.keyboard.type(language.huirun.name)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: ui.createEnterprise(language.huirun.name) }).click()
      await expect.poll(() => core.records.enterprise.list().some((e) => e['name'] === language.huirun.name), POLL).toBe(true)
      const huirun = core.records.enterprise.list().find((e) => e['name'] === language.huirun.name)!
      await typeDate(dialog.getByLabel(ui.visit.date), '2025-05-18', POLL)
      await shot('visit-new-enterprise')
      await page.getByTestId('new-visit-ok').click()
      await page.waitForURL((url) => url.hash.startsWith('#/visits/') && !url.hash.includes(visitId))
      const huirunVisitId = hash(page).split('/visits/')[1]!
      await visible(page.getByTestId('visit-heading').getByText(language.huirun.name))
      await page.getByLabel(ui.visit.title, { exact: true }).fill(language.visit.huirunTitle)
      await expect
        .poll(() => core.records.visit.get(huirunVisitId), POLL)
        .toMatchObject({ enterpriseId: huirun.id, date: '2025-05-18', title: language.visit.huirunTitle })
      await visible(page.locator('[data-testid="save-status"][data-status="saved"]'))
      await shot('visit-huirun')
      await page.getByTestId('back-to-trip').click()
      const visitRow = page.locator('.ant-table-row', { hasText: language.qicai.name })
      await visible(visitRow)
      // Stops and photos of the first visit in its row.
      expect((await visitRow.locator('td').allTextContents()).slice(3, 5).map((c) => c.trim())).toEqual(['2', '1'])
      await visible(page.getByText(ui.visit.count))
      await shot('visits')

      // ---- 6. The symposium at the first enterprise, typed as it goes. ----
      const meeting = language.symposium
      await tab('symposiums').click()
      await page.getByRole('button', { name: ui.symposium.new }).first().click()
      await visible(page.getByRole('dialog').getByLabel(ui.symposium.enterprise))
      await page.keyboard.type(language.qicai.typed)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: language.qicai.name }).click()
      await shot('symposium-new')
      await page.getByTestId('new-symposium-ok').click()
      await page.waitForURL(/#\/symposiums\//)
      const symposiumId = page.url().split('/symposiums/')[1]!
      const { keyboard } = page

      // Attendees: the enterprise's side first (where the screen starts), then ours from the group.
      await expect.poll(() => focusedLabel(page), POLL).toBe(ui.symposium.attendeeInput(ui.symposium.theirs))
      for (const person of meeting.theirs) {
        await keyboard.type(person.line)
        await keyboard.press('Enter')
      }
      await keyboard.press('Alt+KeyX')
      await expect.poll(() => focusedLabel(page), POLL).toBe(ui.symposium.attendeeInput(ui.symposium.ours))
      for (const [index, typed] of meeting.ours.entries()) {
        const member = sample.members[index]!
        await keyboard.type(typed)
        await visible(page.locator('.ant-select-item-option', { hasText: `${member.name} ${member.position}` }))
        await keyboard.press('Enter')
      }
      const attendees = () => core.records.attendee.list({ symposiumId }).map((a) => ({ side: a['side'], name: a['name'], title: a['title'] }))
      await expect.poll(attendees, POLL).toEqual([
        ...meeting.theirs.map((p) => ({ side: 'enterprise', name: p.name, title: p.title })),
        ...sample.members.map((m) => ({ side: 'school', name: m.name, title: m.position })),
      ])

      // The meeting's details: Alt+I, then Tab from field to field.
      await keyboard.press('Alt+KeyI')
      await keyboard.type(meeting.title)
      await keyboard.press('Tab') // date: the trip's first day already
      await keyboard.press('Tab')
      await keyboard.type(meeting.place)
      await keyboard.press('Tab') // enterprise
      await keyboard.press('Tab')
      await keyboard.type(meeting.presidedBy)
      await keyboard.press('Tab')
      await keyboard.type(meeting.topic)
      await keyboard.press('Enter')
      await expect
        .poll(() => core.records.symposium.get(symposiumId), POLL)
        .toMatchObject({ title: meeting.title, place: meeting.place, presidedBy: meeting.presidedBy, topics: [meeting.topic], date: '2025-05-16', enterpriseId: qicai.id })

      // Remarks: Alt+number names the speaker (ours are 1–3, theirs 4–5); Alt+Q marks the chairman's as a quote.
      await keyboard.press('Alt+KeyR')
      for (const [index, remark] of meeting.remarks.entries()) {
        await keyboard.press(`Alt+Digit${remark.speaker}`)
        await expect.poll(() => focusedLabel(page), POLL).toBe(ui.symposium.composer)
        await keyboard.type(remark.text)
        if (remark.quote) {
          await keyboard.press('Alt+KeyQ')
          await visible(page.locator('[data-testid="composer-quote"][aria-pressed="true"]'))
        }
        await keyboard.press('Enter')
        await expect.poll(() => core.records.remark.list({ symposiumId }).length, POLL).toBe(index + 1)
      }
      // What is being typed becomes a point of consensus with Alt+C.
      await keyboard.type(meeting.consensus)
      await keyboard.press('Alt+KeyC')
      await expect.poll(() => core.records.symposium.get(symposiumId)['consensus'], POLL).toEqual([meeting.consensus])

      const byNumber = [...sample.members.map((m) => m.name), ...meeting.theirs.map((p) => p.name)]
      const attendeeIds = Object.fromEntries(core.records.attendee.list({ symposiumId }).map((a) => [a['name'], a.id]))
      expect(core.records.remark.list({ symposiumId }).map((r) => [r['speakerId'], r['text'], r['isQuote']])).toEqual(
        meeting.remarks.map((r) => [attendeeIds[byNumber[r.speaker - 1]!], r.text, r.quote]),
      )
      const items = page.getByTestId('remark')
      await expect.poll(() => items.count(), POLL).toBe(meeting.remarks.length)
      expect(await items.nth(1).getAttribute('data-quote')).toBe('true')
      await visible(page.getByText(ui.symposium.presidedLine))
      await visible(page.getByTestId('consensus-point').getByText(meeting.consensus))
      await visible(page.locator('[data-testid="save-status"][data-status="saved"]'))
      await shot('symposium')
      await page.getByTestId('back-to-trip').click()
      await visible(page.locator('.ant-table-row', { hasText: meeting.title }))
      await shot('symposiums')

      // ---- 7. The agreements: the orientation class and the training centre, both signed. ----
      const agreementUi = ui.agreement
      const agreementsOf = () => core.records.agreement.list({ tripId: trip.id })
      await tab('agreements').click()
      await page.getByRole('button', { name: agreementUi.new }).click()
      dialog = page.getByRole('dialog')
      await pick(page, dialog.getByLabel(agreementUi.enterprise), language.qicai.typed, language.qicai.name)
      await dialog.getByLabel(agreementUi.title).fill(language.agreements.orientation.title)
      await shot('agreement-new')
      // The kind offered first is the order / orientation class.
      await dialog.getByRole('button', { name: ui.create }).click()
      await page.waitForURL(/#\/agreements\//)
      await expect.poll(() => agreementsOf().length, POLL).toBe(1)
      const orientationId = agreementsOf()[0]!.id
      await page.getByRole('button', { name: new RegExp(agreementUi.signed) }).click()
      await typeDate(page.getByLabel(agreementUi.signedDate), language.agreements.orientation.signedDate, POLL)
      await page.getByLabel(agreementUi.terms).fill(language.agreements.orientation.terms)
      await expect.poll(() => core.records.agreement.get(orientationId), POLL).toMatchObject({
        enterpriseId: qicai.id,
        title: language.agreements.orientation.title,
        kind: 'order_class',
        status: 'signed',
        signedDate: language.agreements.orientation.signedDate,
        terms: language.agreements.orientation.terms,
      })
      await shot('agreement-orientation')

      await page.locator('.ant-breadcrumb').getByRole('link', { name: sample.title }).click()
      await page.getByRole('button', { name: agreementUi.new }).click()
      await pick(page, dialog.getByLabel(agreementUi.enterprise), language.huirun.typed, language.huirun.name)
      await dialog.getByLabel(agreementUi.title).fill(language.agreements.centre.title)
      await pick(page, dialog.getByLabel(agreementUi.kind), '', agreementUi.trainingBase)
      await dialog.getByRole('button', { name: ui.create }).click()
      await page.waitForURL((url) => url.hash.startsWith('#/agreements/') && !url.hash.includes(orientationId))
      await expect.poll(() => agreementsOf().length, POLL).toBe(2)
      const centreId = agreementsOf().find((a) => a.id !== orientationId)!.id
      await page.getByLabel(agreementUi.amount).fill('5000000')
      await page.getByRole('button', { name: new RegExp(agreementUi.signed) }).click()
      await typeDate(page.getByLabel(agreementUi.signedDate), language.agreements.centre.signedDate, POLL)
      await expect.poll(() => core.records.agreement.get(centreId), POLL).toMatchObject({
        enterpriseId: huirun.id,
        title: language.agreements.centre.title,
        kind: 'training_base',
        status: 'signed',
        amountYuan: 5_000_000,
        signedDate: language.agreements.centre.signedDate,
      })
      await visible(page.getByText(agreementUi.amountShown, { exact: true }))
      await shot('agreement-centre')
      await page.locator('.ant-breadcrumb').getByRole('link', { name: sample.title }).click()
      await visible(page.locator('.ant-table-row', { hasText: language.agreements.centre.title }))
      expect(await page.getByTestId('agreements-total-amount').innerText()).toBe(agreementUi.amountShown)
      await shot('agreements')

      // ---- 8. The talent-demand surveys, one per enterprise, with their position rows. ----
      const surveyUi = ui.survey
      const enterpriseOf = { qicai: { id: qicai.id, ...language.qicai }, huirun: { id: huirun.id, ...language.huirun } }
      for (const [index, survey] of language.surveys.entries()) {
        const enterprise = enterpriseOf[survey.enterprise]
        await tab('surveys').click()
        await page.getByRole('button', { name: surveyUi.new }).click()
        dialog = page.getByRole('dialog')
        await pick(page, dialog.getByLabel(surveyUi.enterprise), enterprise.typed, enterprise.name)
        if (survey.date !== '2025-05-16') await typeDate(dialog.getByLabel(surveyUi.date), survey.date, POLL)
        expect(await dialog.getByLabel(surveyUi.date).inputValue()).toBe(survey.date)
        if (index === 0) await shot('survey-new')
        await dialog.getByRole('button', { name: ui.create }).click()
        await expect.poll(() => core.records.survey.list({ tripId: trip.id }).length, POLL).toBe(index + 1)
        const surveyId = core.records.survey.list({ tripId: trip.id }).find((s) => s['enterpriseId'] === enterprise.id)!.id
        await expect.poll(() => hash(page), POLL).toBe(`#/surveys/${surveyId}`)

        await page.getByLabel(surveyUi.respondent, { exact: true }).fill(survey.respondent)
        await page.getByLabel(surveyUi.respondentTitle).fill(survey.respondentTitle)
        await expect
          .poll(() => core.records.survey.get(surveyId), POLL)
          .toMatchObject({ enterpriseId: enterprise.id, date: survey.date, respondent: survey.respondent, respondentTitle: survey.respondentTitle })

        const quick = page.getByTestId('position-quick-add')
        const positions = () => core.records.position.list({ surveyId })
        for (const [row, position] of survey.positions.entries()) {
          await pick(page, quick.locator('.ant-select'), '', surveyUi.kinds[position.kind])
          await quick.getByPlaceholder(surveyUi.quickTitle).fill(position.title)
          await quick.getByPlaceholder(surveyUi.headcount).fill(String(position.headcount))
          await quick.getByPlaceholder(surveyUi.quickTitle).press('Enter')
          await expect.poll(() => positions().length, POLL).toBe(row + 1)
          await expect.poll(() => quick.getByPlaceholder(surveyUi.quickTitle).inputValue(), POLL).toBe('')
          const majors = page.locator(`tr[data-row-key="${positions()[row]!.id}"]`).getByLabel(surveyUi.majors)
          await majors.fill(position.major)
          await majors.press('Enter')
          await expect.poll(() => core.records.position.get(positions()[row]!.id)['majors'], POLL).toEqual([position.major])
        }
        expect(positions().map((p) => [p['title'], p['headcount'], p['kind'], p['majors']])).toEqual(
          survey.positions.map((p) => [p.title, p.headcount, p.kind, [p.major]]),
        )
        const surveyTotal = survey.positions.reduce((sum, p) => sum + p.headcount, 0)
        await expect.poll(() => page.getByTestId('position-total').innerText(), POLL).toContain(String(surveyTotal))
        await shot(`survey-${survey.enterprise}`)
        await page.locator('.ant-breadcrumb').getByRole('link', { name: sample.title }).click()
      }
      await expect.poll(() => page.locator('.ant-table-row').count(), POLL).toBe(2)
      await shot('surveys')

      // ---- 9. The follow-ups, each with an owner and a due date. ----
      await tab('followUps').click()
      const rows = page.locator('.ant-table-tbody .ant-table-row')
      for (const [index, action] of language.followUps.entries()) {
        await page.getByRole('button', { name: ui.followUp.new }).click()
        dialog = page.getByRole('dialog')
        await dialog.getByLabel(ui.followUp.title).fill(action.title)
        await dialog.getByLabel(ui.followUp.owner).fill(action.owner)
        await typeDate(dialog.getByLabel(ui.followUp.dueDate), action.dueDate, POLL)
        if (index === 0) await shot('follow-up-new')
        await dialog.getByRole('button', { name: ui.create }).click()
        await expect.poll(() => rows.count(), POLL).toBe(index + 1)
      }
      expect(
        core.records.action
          .list({ tripId: trip.id })
          .map((a) => ({ title: a['title'], owner: a['owner'], dueDate: a['dueDate'], status: a['status'] }))
          .sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate))),
      ).toEqual([...language.followUps].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).map((a) => ({ ...a, status: 'open' })))
      await shot('follow-ups')

      // ---- 10. The overview: the figures of the news brief, computed from what was recorded. ----
      const positionsTotal = language.surveys.flatMap((s) => s.positions).reduce((sum, p) => sum + p.headcount, 0)
      expect(positionsTotal).toBeGreaterThan(300)
      const today = new Date().toISOString().slice(0, 10)
      const result = await core.dispatch('trip.dashboard', { tripId: trip.id, today })
      if (!result.ok) throw new Error(`trip.dashboard failed: ${JSON.stringify(result.error)}`)
      const dashboard = result.value as TripDashboard
      expect(dashboard).toMatchObject({
        enterprisesVisited: 2,
        siteVisits: 2,
        symposiums: 1,
        quotes: 1,
        agreements: { total: 2, signed: 2, amountYuan: 5_000_000 },
        positions: { total: positionsTotal, fromAgreements: 0 },
        surveys: { total: 2 },
        followUps: { open: 3 },
      })
      expect(dashboard.agreements.byKind).toMatchObject({ order_class: 1, training_base: 1 })
      expect(dashboard.positions.fromSurveys).toEqual({ employment: 220, internship: 100, total: positionsTotal })
      // The same figures straight from the SQLite tables.
      const count = (sql: string) => (core.store.db.prepare(sql).get(trip.id) as { n: number }).n
      expect(count('SELECT COUNT(DISTINCT enterprise_id) AS n FROM visits WHERE trip_id = ? AND deleted = 0')).toBe(2)
      expect(count("SELECT COUNT(*) AS n FROM agreements WHERE trip_id = ? AND deleted = 0 AND status = 'signed'")).toBe(2)
      expect(count('SELECT COUNT(*) AS n FROM surveys WHERE trip_id = ? AND deleted = 0')).toBe(2)
      expect(
        count('SELECT SUM(p.headcount) AS n FROM positions p JOIN surveys s ON s.id = p.survey_id WHERE s.trip_id = ? AND p.deleted = 0 AND s.deleted = 0'),
      ).toBe(positionsTotal)

      await tab('overview').click()
      await visible(page.getByTestId('trip-dashboard'))
      await expect.poll(() => statValue(page, 'enterprisesVisited'), POLL).toBe('2')
      expect(await statValue(page, 'siteVisits')).toBe('2')
      expect(await statValue(page, 'symposiums')).toBe('1')
      expect(await statValue(page, 'agreements')).toBe('2')
      expect(await page.getByTestId('stat-agreements').innerText()).toContain(ui.dashboard.signed)
      expect((await page.getByTestId('stat-amount').locator('.ant-statistic-content').innerText()).replace(/\s/g, '')).toBe(ui.dashboard.amount)
      expect(await statValue(page, 'positions')).toBe(String(positionsTotal))
      const positionsCard = await page.getByTestId('stat-positions').innerText()
      for (const figure of ['220', '100']) expect(positionsCard).toContain(figure)
      expect(await statValue(page, 'surveys')).toBe('2')
      expect(await page.getByTestId('stat-surveys').innerText()).toContain(ui.dashboard.surveysComplete)
      expect(await statValue(page, 'quotes')).toBe('1')
      expect(await statValue(page, 'followUps')).toBe('3')
      const enterpriseChart = page.getByTestId('chart-by-enterprise').getByTestId('echart').locator('svg').first()
      await expect.poll(() => enterpriseChart.textContent(), POLL).toContain(language.huirun.name)
      await shot('overview')

      // ---- 11. Search finds a phrase typed in a remark, and opens its symposium. ----
      await page.getByRole('menuitem', { name: ui.nav.search }).click()
      await visible(page.getByText(ui.search.emptyTitle))
      await page.getByTestId('search-box').click()
      await keyboard.type(meeting.searchPhrase)
      const remarkHits = page.getByTestId('search-group-remark')
      await visible(remarkHits)
      expect(await remarkHits.locator('.ant-card-head').textContent()).toBe(`${ui.search.remarks}1`)
      expect((await remarkHits.locator('mark').allTextContents()).join('').toLowerCase()).toContain(meeting.searchPhrase.toLowerCase().split(' ')[0])
      expect(await remarkHits.getByTestId('search-hit').textContent()).toContain(meeting.title)
      await shot('search')
      await remarkHits.getByTestId('search-hit').click()
      // The record opens with the words found to highlight (?hl=).
      await expect.poll(() => hash(page).split('?')[0], POLL).toBe(`#/symposiums/${symposiumId}`)
      await visible(page.getByTestId('symposium-heading').getByText(meeting.title))
      await shot('search-opened')

      console.info(`reference trip in ${locale}: recorded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
