import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { newId } from '../../electron/core/ids'
import type { ChangeInput } from '../../electron/core/store/store'
import { creditCodeCheckChar } from '../../shared/schemas/enterprise'
import { visible } from './harness'
import { useBrowser, call } from './ui'
import type { Row } from '../helpers/core'

const web = useBrowser()

/** The machines running these tests are shared: give the UI time rather than fail on a slow moment. */
const POLL = { timeout: 10_000 }

const first17 = '91320500MA1M11110'
const VALID_CODE = first17 + creditCodeCheckChar(first17)
const WRONG_CODE = first17 + (VALID_CODE.endsWith('0') ? '1' : '0')

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      empty: '还没有企业档案',
      newEnterprise: '新建企业',
      create: '创建',
      name: '企业名称',
      creditCode: '统一社会信用代码',
      industry: '行业',
      region: '地区',
      wechatAccount: '微信公众号',
      cooperating: '合作中',
      invalidCreditCode: '统一社会信用代码不正确（18 位，最后一位是校验码）',
      invalidFormat: '格式不正确',
      required: '必填',
      tabs: { profile: '基本信息', contacts: '联系人', timeline: '往来记录', demand: '需求变化', history: '合作历程', agreements: '合作协议', surveys: '需求调研', followUps: '跟进事项', files: '附件' },
      contact: { name: '姓名', title: '职务', phone: '电话', email: '邮箱', add: '添加' },
      delete: '删除',
      deleteFile: '删除档案',
      contactsEmpty: '还没有联系人',
      historyEmpty: '还没有合作历程',
      historyText: '经过与成效',
      timelineEmpty: '还没有和这家企业的往来记录',
      demandEmpty: '还没有这家企业的人才需求调研',
      remarks: '发言 2 条',
      quotes: '金句 1 条',
      amount: '金额 ¥500万',
      noTrip: '不属于任何行程',
      filter: '按名称、行业、地区或标签筛选',
      count: '共 10003 家企业',
      shown: (n: number) => `显示 ${n} 家，共 10003 家`,
      newLabel: '新增',
    },
    enterprise: { name: '汇润集团（苏州）有限公司', industry: '智能制造', region: '江苏苏州', wechatAccount: '汇润集团招聘' },
    contact: { name: '李经理', title: '人力资源部经理', phone: '0512-6666 8888', retitled: '人力资源总监' },
    history: '2023 年起共建智能制造学院，以现代学徒制培养 150 余人，高质量就业率 85%',
  },
  {
    locale: 'en-US' as const,
    text: {
      empty: 'No enterprise files yet',
      newEnterprise: 'New enterprise',
      create: 'Create',
      name: 'Name',
      creditCode: 'Unified social credit code',
      industry: 'Industry',
      region: 'Region',
      wechatAccount: 'WeChat official account',
      cooperating: 'Cooperating',
      invalidCreditCode: 'Not a valid unified social credit code (18 characters, the last a check character)',
      invalidFormat: 'Not in the right format',
      required: 'Required',
      tabs: { profile: 'Profile', contacts: 'Contacts', timeline: 'Timeline', demand: 'Demand history', history: 'Cooperation history', agreements: 'Agreements', surveys: 'Surveys', followUps: 'Follow-ups', files: 'Files' },
      contact: { name: 'Name', title: 'Title', phone: 'Phone', email: 'Email', add: 'Add' },
      delete: 'Delete',
      deleteFile: 'Delete file',
      contactsEmpty: 'No contacts yet',
      historyEmpty: 'No cooperation history yet',
      historyText: 'What happened and what came of it',
      timelineEmpty: 'Nothing recorded with this enterprise yet',
      demandEmpty: 'No talent-demand survey with this enterprise yet',
      remarks: '2 remarks',
      quotes: '1 quote',
      amount: 'Amount CN¥5M',
      noTrip: 'Not on a trip',
      filter: 'Filter by name, industry, region or tag',
      count: '10003 enterprises',
      shown: (n: number) => `Showing ${n} of 10003`,
      newLabel: 'New',
    },
    enterprise: { name: 'Huirun Group (Suzhou) Co., Ltd.', industry: 'Intelligent manufacturing', region: 'Suzhou, Jiangsu', wechatAccount: 'Huirun Careers' },
    contact: { name: 'Manager Li', title: 'HR manager', phone: '+86 512 6666 8888', retitled: 'HR director' },
    history: 'Since 2023 a joint Intelligent Manufacturing College: 150+ trained as apprentices, 85% in quality jobs',
  },
]

type Language = (typeof LANGUAGES)[number]

/** Waits until the core's copy of the enterprise matches, i.e. the autosave reached SQLite. */
async function stored(core: Core, id: string, expected: Record<string, unknown>) {
  await expect.poll(() => core.records.enterprise.get(id), POLL).toMatchObject(expected)
}

async function openTab(page: Page, label: string) {
  await page.getByRole('tab', { name: label }).click()
}

describe.each(LANGUAGES)('enterprise file in $locale', ({ locale, text, enterprise, contact, history }: Language) => {
  it('create from the list, edit the profile, refuse a wrong credit code, keep contacts and history', async () => {
    const app = await web.open({ locale, route: '/enterprises' })
    const { page, core } = app
    try {
      await visible(page.getByText(text.empty))
      await app.screenshot('enterprises-empty')

      // Create: a name is required; then the new file opens.
      await page.getByRole('button', { name: text.newEnterprise }).click()
      const dialog = page.getByRole('dialog')
      const focused = () => dialog.getByLabel(text.name).evaluate((input) => input === document.activeElement)
      await expect.poll(focused, POLL).toBe(true)
      await dialog.getByRole('button', { name: text.create }).click()
      await visible(dialog.getByText(text.required))
      // The cursor is back in the name field: the user just types, and the error goes as soon as they do.
      await expect.poll(focused, POLL).toBe(true)
      await page.keyboard.type(enterprise.name)
      expect(await dialog.getByLabel(text.name).inputValue()).toBe(enterprise.name)
      await expect.poll(() => dialog.getByText(text.required).count(), POLL).toBe(0)
      await app.screenshot('enterprise-new-dialog')
      await dialog.getByLabel(text.name).press('Enter')
      await visible(page.getByTestId('enterprise-name').getByText(enterprise.name))
      const [created] = core.records.enterprise.list()
      expect(created).toMatchObject({ name: enterprise.name, stage: 'prospect', creditCode: '' })
      expect(page.url()).toContain(`#/enterprises/${created!.id}`)
      const id = created!.id

      // Profile saves as you type, no Save button.
      await page.getByLabel(text.industry).fill(enterprise.industry)
      await page.getByLabel(text.region).fill(enterprise.region)
      await page.getByLabel(text.wechatAccount).fill(enterprise.wechatAccount)
      await page.locator('.ant-radio-button-wrapper', { hasText: text.cooperating }).click()
      await stored(core, id, { industry: enterprise.industry, region: enterprise.region, wechatAccount: enterprise.wechatAccount, stage: 'cooperating' })
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), POLL).toBe('saved')
      await visible(page.getByTestId('stage-tag').filter({ hasText: text.cooperating }).first())

      // A wrong check character: the error shows on the field, in the user's language, and nothing is saved.
      const creditCode = page.getByLabel(text.creditCode)
      await creditCode.fill(WRONG_CODE)
      await visible(page.getByText(text.invalidCreditCode))
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), POLL).toBe('invalid')
      expect(core.records.enterprise.get(id).creditCode).toBe('')
      await app.screenshot('enterprise-profile-error')
      // Corrected (typed in lower case with a space), it is saved normalised and the error goes away.
      await creditCode.fill(`${VALID_CODE.slice(0, 8)} ${VALID_CODE.slice(8).toLowerCase()}`)
      await stored(core, id, { creditCode: VALID_CODE })
      await expect.poll(() => page.getByText(text.invalidCreditCode).count(), POLL).toBe(0)
      await app.screenshot('enterprise-profile')

      // Contacts: quick add with Enter, a bad email refused on its field, inline edit, delete and undo.
      await openTab(page, text.tabs.contacts)
      await visible(page.getByText(text.contactsEmpty))
      const addRow = page.locator('form#new-contact')
      await addRow.getByLabel(text.contact.name).fill(contact.name)
      await addRow.getByLabel(text.contact.title).fill(contact.title)
      await addRow.getByLabel(text.contact.phone).fill(contact.phone)
      await addRow.getByLabel(text.contact.email).fill('li@huirun')
      await addRow.getByLabel(text.contact.email).press('Enter')
      await visible(addRow.getByText(text.invalidFormat))
      expect(core.records.contact.list({ enterpriseId: id })).toEqual([])
      await addRow.getByLabel(text.contact.email).fill('li@huirun.example.com')
      await addRow.getByLabel(text.contact.email).press('Enter')
      const row = page.locator('.ant-table-row').first()
      await expect.poll(() => row.getByLabel(text.contact.name).inputValue(), POLL).toBe(contact.name)
      expect(core.records.contact.list({ enterpriseId: id })).toMatchObject([
        { name: contact.name, title: contact.title, phone: contact.phone, email: 'li@huirun.example.com' },
      ])
      // The quick-add row is cleared for the next person.
      expect(await addRow.getByLabel(text.contact.name).inputValue()).toBe('')

      await row.getByLabel(text.contact.title).fill(contact.retitled)
      await expect.poll(() => core.records.contact.list({ enterpriseId: id })[0]?.['title'], POLL).toBe(contact.retitled)
      await row.getByLabel(text.contact.email).fill('not-an-email')
      await visible(row.getByText(text.invalidFormat))
      await app.screenshot('enterprise-contacts-error')
      await new Promise((done) => setTimeout(done, 600))
      expect(core.records.contact.list({ enterpriseId: id })[0]?.['email']).toBe('li@huirun.example.com')
      await row.getByLabel(text.contact.email).fill('hr@huirun.example.com')
      await expect.poll(() => core.records.contact.list({ enterpriseId: id })[0]?.['email'], POLL).toBe('hr@huirun.example.com')
      await app.screenshot('enterprise-contacts')

      await row.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await visible(page.getByText(text.contactsEmpty))
      expect(core.records.contact.list({ enterpriseId: id })).toEqual([])
      await page.getByTestId('undo-delete').click()
      await expect.poll(() => page.locator('.ant-table-row').first().getByLabel(text.contact.name).inputValue(), POLL).toBe(contact.name)
      expect(core.records.contact.list({ enterpriseId: id })).toMatchObject([{ title: contact.retitled }])

      // Cooperation history: add, edit in place, delete.
      await openTab(page, text.tabs.history)
      await visible(page.getByText(text.historyEmpty))
      await app.screenshot('enterprise-history-empty')
      const newHistory = page.locator('form#new-history')
      await newHistory.getByLabel(text.historyText).fill(history)
      await newHistory.getByRole('button', { name: text.contact.add }).click()
      const entry = page.getByTestId('history-entry')
      await visible(entry)
      const notes = () => core.records.note.list({ enterpriseId: id })
      expect(notes()).toMatchObject([{ kind: 'history', text: history, tripId: '' }])
      await entry.getByLabel(text.historyText).fill(`${history}。`)
      await expect.poll(() => notes()[0]?.['text'], POLL).toBe(`${history}。`)
      await app.screenshot('enterprise-history')
      await entry.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await visible(page.getByText(text.historyEmpty))
      expect(notes()).toEqual([])

      // The other tabs of a new file say what belongs there.
      await openTab(page, text.tabs.timeline)
      await visible(page.getByText(text.timelineEmpty))
      await app.screenshot('enterprise-timeline-empty')
      await openTab(page, text.tabs.demand)
      await visible(page.getByText(text.demandEmpty))
      await app.screenshot('enterprise-demand-empty')

      // Back in the list, the new file is there with its stage.
      await page.getByRole('link', { name: locale === 'zh-CN' ? '企业档案' : 'Enterprises' }).first().click()
      const listRow = page.locator('.ant-table-row', { hasText: enterprise.name })
      await visible(listRow)
      expect(await listRow.textContent()).toContain(text.cooperating)
      await app.screenshot('enterprises-list')

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('shows the timeline and the demand history of records made on two trips', async () => {
    const app = await web.open({ locale, route: '/enterprises' })
    const { page, core } = app
    try {
      const may = await call(core, 'trip.create', { title: '皖苏访企拓岗调研', startDate: '2025-05-16', endDate: '2025-05-19' })
      const next = await call(core, 'trip.create', { title: '苏州回访', startDate: '2026-04-08', endDate: '2026-04-09' })
      const huirun = await call(core, 'enterprise.create', { name: enterprise.name, stage: 'cooperating', industry: enterprise.industry })
      const on = (trip: Row) => ({ tripId: trip.id, enterpriseId: huirun.id })
      const visit = await call(core, 'visit.create', { ...on(may), date: '2025-05-18', title: '参观智能装备车间', summary: '产线自动化程度高' })
      await call(core, 'visitStop.create', { visitId: visit.id, place: '装配车间' })
      const symposium = await call(core, 'symposium.create', { ...on(may), date: '2025-05-18', title: '校企合作座谈会', consensus: ['共建产业学院'] })
      await call(core, 'remark.create', { symposiumId: symposium.id, text: '招生即招工', isQuote: true })
      await call(core, 'remark.create', { symposiumId: symposium.id, text: '欢迎学生来实习' })
      await call(core, 'agreement.create', { ...on(may), title: '智能装备运维实训中心', kind: 'training_base', amountYuan: 5_000_000 })
      const first = await call(core, 'survey.create', { ...on(may), date: '2025-05-18', respondent: '人力资源部' })
      await call(core, 'position.create', { surveyId: first.id, title: '设备运维', headcount: 100 })
      await call(core, 'position.create', { surveyId: first.id, title: '实习生', headcount: 50, kind: 'internship' })
      const second = await call(core, 'survey.create', { ...on(next), date: '2026-04-08', respondent: '人力资源部' })
      await call(core, 'position.create', { surveyId: second.id, title: '设备运维', headcount: 120 })
      await call(core, 'position.create', { surveyId: second.id, title: '工业机器人编程', headcount: 30 })
      await call(core, 'note.create', { enterpriseId: huirun.id, kind: 'history', date: '2023-09-01', text: history })
      const trashed = await call(core, 'visit.create', { ...on(next), date: '2026-04-09', title: '已删除的参观' })
      await call(core, 'visit.delete', { id: trashed.id })

      await page.goto(`${web.url}#/enterprises/${huirun.id}/timeline`)
      const entries = page.getByTestId('timeline-entry')
      await expect.poll(() => entries.count(), POLL).toBe(6)
      // Newest first; within the day of the first trip, the order of the visit; the unsigned agreement with its trip.
      expect(await entries.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')))).toEqual([
        'survey',
        'visit',
        'symposium',
        'survey',
        'agreement',
        'note',
      ])
      const texts = await entries.allTextContents()
      expect(texts[0]).toContain('2026-04-08')
      expect(texts[0]).toContain('苏州回访')
      expect(texts[2]).toContain('校企合作座谈会')
      expect(texts[2]).toContain(text.remarks)
      expect(texts[2]).toContain(text.quotes)
      expect(texts[4]).toContain(text.amount)
      expect(texts[5]).toContain(text.noTrip)
      expect(texts.join('\n')).not.toContain('已删除的参观')
      await app.screenshot('enterprise-timeline')

      // Each entry opens its record.
      await entries.nth(1).getByRole('link', { name: '参观智能装备车间' }).click()
      await expect.poll(() => new URL(page.url()).hash, POLL).toBe(`#/visits/${visit.id}`)
      await page.goBack()

      await openTab(page, text.tabs.demand)
      const matrix = page.getByTestId('demand-matrix')
      await visible(matrix)
      const machineRow = matrix.locator('.ant-table-row', { hasText: '设备运维' })
      expect((await machineRow.locator('td').allTextContents()).slice(1).map((cell) => cell.trim())).toEqual(['100', '120', '+20'])
      expect((await matrix.getByTestId('demand-total-employment').locator('td').allTextContents()).slice(1).map((cell) => cell.trim())).toEqual(['100', '150', '+50'])
      const robotRow = matrix.locator('.ant-table-row', { hasText: '工业机器人编程' })
      expect((await robotRow.locator('td').allTextContents()).slice(1).map((cell) => cell.trim())).toEqual(['—', '30', text.newLabel])
      await app.screenshot('enterprise-demand')

      for (const tab of ['profile', 'contacts', 'history', 'agreements', 'surveys', 'followUps', 'files'] as const) {
        await openTab(page, text.tabs[tab])
        await visible(page.getByRole('tabpanel'))
        await app.screenshot(`enterprise-tab-${tab}`)
      }

      // The whole file can go to the trash too, after a confirmation, with undo.
      await page.getByRole('button', { name: text.deleteFile }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await visible(page.getByText(text.empty))
      expect(core.records.enterprise.get(huirun.id).deleted).toBe(true)
      await page.getByTestId('undo-delete').click()
      await visible(page.locator('.ant-table-row', { hasText: enterprise.name }))
      expect(core.records.enterprise.get(huirun.id).deleted).toBe(false)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('lists 10,000 enterprises in pinyin order with few rows in the page, and filters a Chinese substring', async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page, core } = app
    try {
      const names = seedEnterprises(core, 10_000)
      const collator = new Intl.Collator('zh-CN', { numeric: true })
      const sorted = [...names].sort(collator.compare)

      await page.getByRole('menuitem', { name: locale === 'zh-CN' ? '企业档案' : 'Enterprises' }).click()
      // Playwright's binding serialises big answers slowly (seconds for 10,000 rows, where Electron's IPC takes
      // milliseconds): the first load gets time; what is checked below is the page, not the transport.
      await visible(page.getByText(text.count), 60_000)
      const rowNames = () => page.locator('.ant-table-row > .ant-table-cell:first-child').allTextContents()
      await expect.poll(async () => (await rowNames()).slice(0, 5), POLL).toEqual(sorted.slice(0, 5))
      const domRows = await page.locator('.ant-table-row').count()
      expect(domRows).toBeGreaterThan(5)
      expect(domRows).toBeLessThan(100)
      await app.screenshot('enterprises-10000')

      // A Chinese substring from the middle of names.
      const needle = '灵慧'
      const matching = sorted.filter((name) => name.includes(needle))
      expect(matching.length).toBeGreaterThan(0)
      await page.getByLabel(text.filter).fill(needle)
      await visible(page.getByText(text.shown(matching.length)))
      await expect.poll(async () => (await rowNames()).slice(0, 3), POLL).toEqual(matching.slice(0, 3))
      await app.screenshot('enterprises-filtered')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})

/** Writes enterprises straight through the store's write path in one batch, as an import would. */
function seedEnterprises(core: Core, count: number): string[] {
  const places = ['安徽', '北京', '常州', '大连', '鄂尔多斯', '福州', '广州', '杭州', '济南', '昆明', '兰州', '南京', '宁波', '青岛', '苏州', '上海', '天津', '无锡', '厦门', '扬州', '郑州', '重庆']
  const words = ['华润', '七彩', '灵慧', '汇通', '智造', '达源', '恒信', '泰和', '新能', '精工']
  const kinds = ['科技有限公司', '制造有限公司', '集团有限公司', '电子股份有限公司']
  const industries = ['智能制造', '饮用水', '电子信息', '新能源汽车', '物流']
  const names: string[] = []
  const changes: ChangeInput[] = []
  for (let i = 0; i < count; i++) {
    const name = `${places[i % places.length]}${words[Math.floor(i / places.length) % words.length]}${kinds[i % kinds.length]}${i}`
    const id = newId()
    names.push(name)
    changes.push(
      { table: 'enterprises', rowId: id, column: 'name', value: name },
      { table: 'enterprises', rowId: id, column: 'industry', value: industries[i % industries.length]! },
      { table: 'enterprises', rowId: id, column: 'region', value: places[i % places.length]! },
      { table: 'enterprises', rowId: id, column: 'stage', value: (['prospect', 'contacted', 'negotiating', 'cooperating', 'paused'] as const)[i % 5]! },
      { table: 'enterprises', rowId: id, column: 'tags', value: JSON.stringify(i % 3 === 0 ? ['订单班'] : []) },
      { table: 'enterprises', rowId: id, column: 'deleted', value: 0 },
    )
  }
  // The three real ones of the reference trip, among the crowd.
  for (const name of ['石台县七彩灵慧智能科技有限公司', '汇润集团（苏州）有限公司', '阿里巴巴（中国）有限公司']) {
    const id = newId()
    names.push(name)
    changes.push({ table: 'enterprises', rowId: id, column: 'name', value: name }, { table: 'enterprises', rowId: id, column: 'deleted', value: 0 })
  }
  core.store.applyChanges(changes)
  return names
}
