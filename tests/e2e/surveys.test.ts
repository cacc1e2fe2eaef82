import { describe, expect, it } from 'vitest'
import type { Position, Questionnaire, Survey } from '../../shared/schemas/survey'
import { visible } from './harness'
import { useBrowser, call, typeDate, pick, stored } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      emptyTitle: '还没有人才需求调研',
      new: '新建调研',
      create: '创建',
      delete: '删除',
      enterprise: '企业',
      date: '调研日期',
      respondent: '受访人',
      respondentTitle: '职务',
      quickTitle: '岗位名称，回车添加',
      headcount: '人数',
      payMin: '最低',
      payMax: '最高',
      majors: '对口专业',
      internship: '实习',
      employment: '就业',
      atLeastOne: '不能小于 1',
      maxBelowMin: '上限不能低于下限',
      markComplete: '标记为完成',
      missing: '还有 4 道必答题没有回答',
      mustAnswer: '这是必答题',
      complete: '已完成',
      draft: '草稿',
      questionnaireTitle: '企业人才需求调研问卷',
      answeredOnce: '已有 1 份回答',
      retire: '停用',
      retired: '已停用',
      required: '必填',
      enterText: '请填写内容',
      newQuestion: '是否需要为员工开展定制化培训？',
      addQuestion: '添加题目',
      single: '单选',
      questionnaireTab: '调研问卷',
    },
    data: {
      trip: '皖苏两省访企拓岗调研',
      huirun: '汇润集团（苏州）',
      respondent: '张经理',
      respondentTitle: '人力资源部经理',
      positions: [
        { title: '工业机器人运维', headcount: '120' },
        { title: '设备维护实习生', headcount: '60', internship: true },
        { title: 'PLC 调试工程师', headcount: '30' },
      ],
      major: '工业机器人技术',
      size: '1000–4999 人',
      forms: ['订单班', '实训基地'],
      interns: '愿意',
      hardest: '智能装备运维工程师',
      options: ['需要', '不需要'],
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      emptyTitle: 'No talent-demand surveys yet',
      new: 'New survey',
      create: 'Create',
      delete: 'Delete',
      enterprise: 'Enterprise',
      date: 'Date',
      respondent: 'Respondent',
      respondentTitle: 'Job title',
      quickTitle: 'Position, then Enter',
      headcount: 'Headcount',
      payMin: 'Min',
      payMax: 'Max',
      majors: 'Majors',
      internship: 'Internship',
      employment: 'Job',
      atLeastOne: 'Must be at least 1',
      maxBelowMin: 'The maximum cannot be below the minimum',
      markComplete: 'Mark complete',
      missing: '4 required questions are unanswered',
      mustAnswer: 'This question must be answered',
      complete: 'Complete',
      draft: 'Draft',
      questionnaireTitle: 'Enterprise talent-demand questionnaire',
      answeredOnce: 'Answered in 1 survey',
      retire: 'Retire',
      retired: 'Retired',
      required: 'Required',
      enterText: 'Enter the text',
      newQuestion: 'Do you need tailored training for your staff?',
      addQuestion: 'Add question',
      single: 'Single choice',
      questionnaireTab: 'Questionnaire',
    },
    data: {
      trip: 'Anhui and Jiangsu employment visits',
      huirun: 'Huirun Group (Suzhou)',
      respondent: 'Ms Zhang',
      respondentTitle: 'HR manager',
      positions: [
        { title: 'Industrial robot O&M', headcount: '120' },
        { title: 'Equipment maintenance intern', headcount: '60', internship: true },
        { title: 'PLC commissioning engineer', headcount: '30' },
      ],
      major: 'Industrial robotics',
      size: '1,000–4,999',
      forms: ['Order class', 'Training base'],
      interns: 'Yes',
      hardest: 'Intelligent equipment maintenance engineers',
      options: ['Yes', 'No'],
    },
  },
]

describe.each(LANGUAGES)('talent-demand surveys in $locale', ({ locale, text, data }) => {
  it('records a survey: position rows with totals, refused values, questionnaire answers, mark complete', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    try {
      const trip = core.records.trip.create({ title: data.trip, startDate: '2025-05-16', endDate: '2025-05-19' })
      const huirun = core.records.enterprise.create({ name: data.huirun })
      await page.goto(`${web.url}#/trips/${trip.id}/surveys`)
      await visible(page.getByText(text.emptyTitle))
      await app.screenshot('surveys-empty')

      // Enterprise and date start the survey; it opens to be filled in.
      await page.getByRole('button', { name: text.new }).click()
      const dialog = page.getByRole('dialog')
      await pick(page, dialog.getByLabel(text.enterprise), data.huirun.slice(0, 2), data.huirun)
      // The trip is not under way today, so its first day is offered.
      expect(await dialog.getByLabel(text.date).inputValue()).toBe('2025-05-16')
      await typeDate(dialog.getByLabel(text.date), '2025-05-18')
      await dialog.getByRole('button', { name: text.create }).click()
      await page.waitForURL(/#\/surveys\//)
      const [survey] = core.records.survey.list({ tripId: trip.id }) as Survey[]
      expect(survey).toMatchObject({ enterpriseId: huirun.id, date: '2025-05-18', status: 'draft', answers: {} })
      const id = survey!.id
      // Opening it made the trip's questionnaire, in the user's language.
      await visible(page.getByText(text.questionnaireTitle))
      expect((core.records.questionnaire.list({ tripId: trip.id }) as Questionnaire[]).map((q) => q.title)).toEqual([text.questionnaireTitle])

      await page.getByLabel(text.respondent, { exact: true }).fill(data.respondent)
      await page.getByLabel(text.respondentTitle).fill(data.respondentTitle)
      await stored(() => core.records.survey.get(id)['respondentTitle'], data.respondentTitle)
      expect(core.records.survey.get(id)['respondent']).toBe(data.respondent)

      // Positions are added from the keyboard: name, headcount, Enter.
      const quick = page.getByTestId('position-quick-add')
      const positions = () => core.records.position.list({ surveyId: id }) as Position[]
      for (const [index, position] of data.positions.entries()) {
        // The kind stays as last chosen, for a run of internships; each row here says which it is.
        await pick(page, quick.locator('.ant-select'), '', position.internship ? text.internship : text.employment)
        await quick.getByPlaceholder(text.quickTitle).fill(position.title)
        await quick.getByPlaceholder(text.headcount).fill(position.headcount)
        await quick.getByPlaceholder(text.quickTitle).press('Enter')
        await expect.poll(() => page.locator('.ant-table-row').count()).toBe(index + 1)
        // Ready for the next one: the name is cleared and has the focus.
        await expect.poll(() => quick.getByPlaceholder(text.quickTitle).inputValue()).toBe('')
      }
      const sum = (kind?: string) => positions().filter((p) => !kind || p.kind === kind).reduce((total, p) => total + p.headcount, 0)
      expect(positions().map((p) => [p.title, p.headcount, p.kind])).toEqual([
        [data.positions[0]!.title, 120, 'employment'],
        [data.positions[1]!.title, 60, 'internship'],
        [data.positions[2]!.title, 30, 'employment'],
      ])
      expect([sum('employment'), sum('internship'), sum()]).toEqual([150, 60, 210])
      await expect.poll(() => page.getByTestId('position-totals').innerText()).toMatch(/150[\s\S]*60[\s\S]*210/)

      // A position names at least one person: a negative headcount is refused under the cell, in the user's language, and not stored.
      const plc = page.locator(`tr[data-row-key="${positions()[2]!.id}"]`)
      await plc.getByLabel(text.headcount).fill('-3')
      await visible(plc.getByText(text.atLeastOne))
      await app.screenshot('survey-negative-headcount')
      expect(core.records.position.get(positions()[2]!.id)['headcount']).toBe(30)
      await plc.getByLabel(text.headcount).fill('25')
      await stored(() => sum(), 205)
      await expect.poll(() => plc.getByText(text.atLeastOne).count()).toBe(0)
      await expect.poll(() => page.getByTestId('position-total').innerText()).toContain('205')

      // Pay: a maximum below the minimum is refused on the maximum; fixed, both are stored.
      const robots = page.locator(`tr[data-row-key="${positions()[0]!.id}"]`)
      await robots.getByLabel(text.payMin).fill('6000')
      await stored(() => core.records.position.get(positions()[0]!.id)['payMin'], 6000)
      await robots.getByLabel(text.payMax).fill('5000')
      await visible(robots.getByText(text.maxBelowMin))
      expect(core.records.position.get(positions()[0]!.id)['payMax']).toBe(0)
      await robots.getByLabel(text.payMax).fill('9000')
      await stored(() => core.records.position.get(positions()[0]!.id)['payMax'], 9000)
      const majors = robots.getByLabel(text.majors)
      await majors.fill(data.major)
      await majors.press('Enter')
      await stored(() => core.records.position.get(positions()[0]!.id)['majors'], [data.major])
      await app.screenshot('survey-positions')

      // "Mark complete" refuses while required questions are unanswered, and says which.
      await page.getByRole('button', { name: text.markComplete }).click()
      await visible(page.getByTestId('missing-answers'))
      expect(await page.getByTestId('missing-answers').innerText()).toContain(text.missing)
      await visible(page.locator('[data-question="cooperation-forms"]').getByText(text.mustAnswer))
      expect(core.records.survey.get(id)['status']).toBe('draft')
      await app.screenshot('survey-missing-answers')

      // Answer every kind of question.
      await page.locator('[data-question="enterprise-size"]').getByRole('radio', { name: data.size }).check()
      await page.locator('[data-question="annual-hiring-plan"] input').fill('150')
      for (const form of data.forms) await page.locator('[data-question="cooperation-forms"]').getByRole('checkbox', { name: form }).check()
      await page.locator('[data-question="accept-interns"]').getByRole('radio', { name: data.interns, exact: true }).check()
      await page.locator('[data-question="graduate-satisfaction"] .ant-rate-star').nth(3).click()
      await page.locator('[data-question="hardest-positions"] textarea').fill(data.hardest)
      await stored(() => core.records.survey.get(id)['answers'], {
        'enterprise-size': data.size,
        'annual-hiring-plan': 150,
        'cooperation-forms': data.forms,
        'accept-interns': data.interns,
        'graduate-satisfaction': 4,
        'hardest-positions': data.hardest,
      })
      await expect.poll(() => page.getByTestId('missing-answers').count()).toBe(0)
      await page.getByRole('button', { name: text.markComplete }).click()
      await stored(() => core.records.survey.get(id)['status'], 'complete')
      await expect.poll(() => page.getByTestId('survey-status').innerText()).toBe(text.complete)
      await app.screenshot('survey-complete')

      // The trip's list counts the positions by kind.
      await page.locator('.ant-breadcrumb').getByRole('link', { name: data.trip }).click()
      const row = page.locator('.ant-table-row', { hasText: data.huirun })
      await visible(row)
      const cells = await row.locator('td').allInnerTexts()
      expect(cells.slice(1, 7)).toEqual(['2025-05-18', `${data.respondent}\n${data.respondentTitle}`, '145', '60', '205', text.complete])
      await app.screenshot('surveys-list')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('customises the questionnaire: adds a question, retires an answered one, older surveys keep their answers', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    try {
      const trip = core.records.trip.create({ title: data.trip, startDate: '2025-05-16', endDate: '2025-05-19' })
      const huirun = core.records.enterprise.create({ name: data.huirun })
      const language = locale === 'zh-CN' ? 'zh-CN' : 'en'
      const questionnaire = await call<Questionnaire>(core, 'questionnaire.forTrip', { tripId: trip.id, language })
      const older = await call<Survey>(core, 'survey.create', {
        tripId: trip.id,
        enterpriseId: huirun.id,
        date: '2025-05-18',
        answers: { 'hardest-positions': data.hardest, 'graduate-satisfaction': 4 },
      })
      const questions = () => (core.records.questionnaire.get(questionnaire.id) as Questionnaire).questions
      await page.goto(`${web.url}#/trips/${trip.id}/questionnaire`)
      const cards = page.getByTestId('question-card')
      await expect.poll(() => cards.count()).toBe(10)

      // The answered question says so, cannot be deleted and keeps its type; it is retired instead.
      const hardest = page.locator('[data-testid="question-card"][data-question="hardest-positions"]')
      await visible(hardest.getByText(text.answeredOnce))
      expect(await hardest.getByRole('button', { name: text.delete }).isDisabled()).toBe(true)
      await hardest.getByRole('button', { name: text.retire }).click()
      await stored(() => questions().find((q) => q.id === 'hardest-positions')?.retired, true)
      await visible(hardest.getByText(text.retired))

      // An unanswered question can go.
      const suggestions = page.locator('[data-testid="question-card"][data-question="suggestions"]')
      await suggestions.getByRole('button', { name: text.delete }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await stored(() => questions().some((q) => q.id === 'suggestions'), false)

      // A question left without text is refused on it, and nothing is stored until it is fixed.
      const first = cards.first().locator('textarea')
      const firstText = questions()[0]!.text
      await first.fill('')
      await expect.poll(() => cards.first().locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([text.enterText])
      expect(questions()[0]!.text).toBe(firstText)
      await first.fill(`${firstText}?`)
      await stored(() => questions()[0]!.text, `${firstText}?`)

      // Add a required single-choice question with its options.
      const add = page.getByTestId('add-question')
      await add.locator('input').first().fill(text.newQuestion)
      await pick(page, add.locator('.ant-select').first(), '', text.single)
      const options = add.locator('.ant-select').nth(1).locator('input')
      for (const option of data.options) {
        await options.fill(option)
        await options.press('Enter')
      }
      await add.getByRole('switch').click()
      await add.getByRole('button', { name: text.addQuestion }).click()
      await stored(() => questions().at(-1) && { ...questions().at(-1)!, id: 'new' }, {
        id: 'new',
        text: text.newQuestion,
        type: 'single',
        options: data.options,
        required: true,
        retired: false,
      })
      await expect.poll(() => cards.count()).toBe(10)
      await app.screenshot('questionnaire-editor')

      // The older survey still shows its answer to the retired question (read-only), and the new question.
      await page.goto(`${web.url}#/surveys/${older.id}`)
      const retired = page.locator('[data-question="hardest-positions"]')
      await visible(retired.getByText(text.retired))
      // Shown as text, not as a field to edit.
      expect(await retired.getByTestId('retired-answer').innerText()).toBe(data.hardest)
      expect(await retired.locator('textarea').count()).toBe(0)
      await visible(page.getByText(text.newQuestion))
      expect(await page.locator('[data-question="graduate-satisfaction"] .ant-rate-star-full').count()).toBe(4)
      await app.screenshot('survey-retired-question')
      expect((core.records.survey.get(older.id) as Survey).answers).toEqual({ 'hardest-positions': data.hardest, 'graduate-satisfaction': 4 })

      // A new survey no longer asks the retired question.
      const fresh = await call<Survey>(core, 'survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-19' })
      await page.goto(`${web.url}#/surveys/${fresh.id}`)
      await visible(page.getByText(text.newQuestion))
      expect(await page.locator('[data-question="hardest-positions"]').count()).toBe(0)
      expect(await page.locator('[data-question]').count()).toBe(9)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
