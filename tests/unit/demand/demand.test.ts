import { describe, expect, it } from 'vitest'
import type { ActionOverviewItem, SurveyOverviewItem } from '../../../shared/procedures/demand'
import type { Question, Questionnaire, Survey } from '../../../shared/schemas/survey'
import { STANDARD_QUESTIONS } from '../../../shared/standard-questionnaire'
import { referenceTrip as backbone, useTempCore } from '../../helpers/core'

const temp = useTempCore()
const { ok, failure } = temp

const referenceTrip = () => backbone(temp.core)

function questionnaireRows(): number {
  return (temp.core.store.db.prepare('SELECT COUNT(*) AS n FROM questionnaires').get() as { n: number }).n
}

describe('questionnaire.forTrip', () => {
  it('creates the standard questionnaire once, in the language of whoever asks first', async () => {
    const { trip } = await referenceTrip()
    expect(questionnaireRows()).toBe(0)
    const first = await ok<Questionnaire>('questionnaire.forTrip', { tripId: trip.id, language: 'zh-CN' })
    expect(first.title).toBe('企业人才需求调研问卷')
    expect(first.questions.map((q) => q.id)).toEqual(STANDARD_QUESTIONS.map((q) => q.id))
    const cooperation = first.questions.find((q) => q.id === 'cooperation-forms')!
    expect(cooperation).toMatchObject({ type: 'multiple', required: true, retired: false })
    expect(cooperation.options).toEqual(['订单班', '现代学徒制', '实习基地', '实训基地', '产业学院', '联合技术研发'])
    expect(first.questions.find((q) => q.id === 'graduate-satisfaction')?.type).toBe('rating')

    // Asked again, in either language: the same record, nothing new written.
    const again = await ok<Questionnaire>('questionnaire.forTrip', { tripId: trip.id, language: 'en' })
    expect(again).toEqual(first)
    expect(questionnaireRows()).toBe(1)
    const stored = temp.core.store.db.prepare('SELECT trip_id, questions FROM questionnaires').get() as { trip_id: string; questions: string }
    expect(stored.trip_id).toBe(trip.id)
    expect((JSON.parse(stored.questions) as Question[])[0]?.text).toBe('企业在职员工规模')
  })

  it('speaks English to an English user and gives each trip its own copy', async () => {
    const { trip } = await referenceTrip()
    const other = await ok('trip.create', { title: 'Chengdu visits', startDate: '2025-06-02', endDate: '2025-06-03' })
    const zh = await ok<Questionnaire>('questionnaire.forTrip', { tripId: trip.id, language: 'zh-CN' })
    const en = await ok<Questionnaire>('questionnaire.forTrip', { tripId: other.id, language: 'en' })
    expect(en.id).not.toBe(zh.id)
    expect(en.title).toBe('Enterprise talent-demand questionnaire')
    expect(en.questions.find((q) => q.id === 'accept-interns')?.options).toEqual(['Yes', 'Depending on the positions', 'Not for now'])
    // Same ids in both languages, so answers aggregate across trips.
    expect(en.questions.map((q) => q.id)).toEqual(zh.questions.map((q) => q.id))
    expect(questionnaireRows()).toBe(2)
  })

  it('refuses a trip that does not exist or is in the trash', async () => {
    const { trip } = await referenceTrip()
    expect((await failure('questionnaire.forTrip', { tripId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', language: 'zh-CN' })).code).toBe('NOT_FOUND')
    await ok('trip.delete', { id: trip.id })
    expect((await failure('questionnaire.forTrip', { tripId: trip.id, language: 'zh-CN' })).code).toBe('NOT_FOUND')
    expect((await failure('questionnaire.forTrip', { tripId: trip.id, language: 'fr' })).code).toBe('VALIDATION')
    expect(questionnaireRows()).toBe(0)
  })
})

describe('editing a questionnaire that surveys already answered', () => {
  async function answeredSurvey() {
    const { trip, huirun } = await referenceTrip()
    const questionnaire = await ok<Questionnaire>('questionnaire.forTrip', { tripId: trip.id, language: 'zh-CN' })
    const survey = await ok<Survey>('survey.create', {
      tripId: trip.id,
      enterpriseId: huirun.id,
      date: '2025-05-18',
      answers: { 'enterprise-size': '1000–4999 人', 'annual-hiring-plan': 180, 'skills-lacking': ['专业技能', '动手实践能力'], 'hardest-positions': '' },
    })
    return { trip, huirun, questionnaire, survey }
  }

  it('counts answers per question, ignoring blank ones and trashed surveys', async () => {
    const { trip, huirun, survey } = await answeredSurvey()
    await ok('survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-19', answers: { 'annual-hiring-plan': 0 } })
    expect(await ok('questionnaire.answered', { tripId: trip.id })).toEqual({
      'enterprise-size': 1,
      'annual-hiring-plan': 2,
      'skills-lacking': 1,
    })
    await ok('survey.delete', { id: survey.id })
    expect(await ok('questionnaire.answered', { tripId: trip.id })).toEqual({ 'annual-hiring-plan': 1 })
  })

  it('adds, rewords and reorders questions; a removed answered question is retired, an unanswered one goes', async () => {
    const { trip, questionnaire, survey } = await answeredSurvey()
    const [size, plan, hardest, ...rest] = questionnaire.questions
    const added: Question = { id: 'q-new-1', text: '是否需要定制化培训？', type: 'single', options: ['需要', '不需要'], required: false, retired: false }
    // Leave out "enterprise-size" (answered) and "hardest-positions" (unanswered); reword the hiring plan.
    const saved = await ok<Questionnaire>('questionnaire.saveQuestions', {
      id: questionnaire.id,
      questions: [added, { ...plan!, text: '今年计划招聘人数' }, ...rest],
    })
    expect(saved.questions.map((q) => q.id)).toEqual(['q-new-1', 'annual-hiring-plan', ...rest.map((q) => q.id), 'enterprise-size'])
    expect(saved.questions.at(-1)).toEqual({ ...size!, retired: true })
    expect(saved.questions.some((q) => q.id === hardest!.id)).toBe(false)

    // The old survey still has every answer, and each still has its question (retired or not).
    const reread = await ok<Survey>('survey.get', { id: survey.id })
    expect(reread.answers).toEqual(survey.answers)
    const byId = new Map(saved.questions.map((q) => [q.id, q]))
    for (const [questionId, answer] of Object.entries(reread.answers)) {
      if (answer === '') continue
      expect(byId.get(questionId), questionId).toBeDefined()
    }
    // The trip still has exactly one questionnaire, the edited one.
    expect(await ok<Questionnaire>('questionnaire.forTrip', { tripId: trip.id, language: 'en' })).toEqual(saved)
  })

  it('refuses to change the type of an answered question, and checks choices and duplicates', async () => {
    const { questionnaire } = await answeredSurvey()
    const questions = questionnaire.questions
    const retyped = questions.map((q) => (q.id === 'annual-hiring-plan' ? { ...q, type: 'text' as const } : q))
    const error = await failure('questionnaire.saveQuestions', { id: questionnaire.id, questions: retyped })
    expect(error.details?.fieldErrors).toEqual([{ path: 'questions.1.type', key: 'typeLocked' }])

    // Unanswered questions may change type freely.
    const free = questions.map((q) => (q.id === 'suggestions' ? { ...q, type: 'rating' as const } : q))
    const saved = await ok<Questionnaire>('questionnaire.saveQuestions', { id: questionnaire.id, questions: free })
    expect(saved.questions.find((q) => q.id === 'suggestions')?.type).toBe('rating')

    const oneOption = questions.map((q) => (q.id === 'accept-interns' ? { ...q, options: ['愿意'] } : q))
    const choiceError = await failure('questionnaire.saveQuestions', { id: questionnaire.id, questions: oneOption })
    expect(choiceError.details?.fieldErrors).toEqual([{ path: 'questions.5.options', key: 'needsOptions' }])
    const duplicate = await failure('questionnaire.saveQuestions', { id: questionnaire.id, questions: [...questions, questions[0]] })
    expect(duplicate.details?.fieldErrors?.[0]?.key).toBe('duplicateQuestion')
  })

  it('marks a survey complete only when every required, current question is answered', async () => {
    const { questionnaire, survey } = await answeredSurvey()
    const error = await failure('survey.complete', { id: survey.id })
    expect(error.details?.fieldErrors).toEqual([
      { path: 'answers.cooperation-forms', key: 'required' },
      { path: 'answers.accept-interns', key: 'required' },
    ])
    expect((await ok<Survey>('survey.get', { id: survey.id })).status).toBe('draft')

    // Retiring a required question stops it from blocking.
    const questions = questionnaire.questions.map((q) => (q.id === 'accept-interns' ? { ...q, retired: true } : q))
    await ok('questionnaire.saveQuestions', { id: questionnaire.id, questions })
    const stillMissing = await failure('survey.complete', { id: survey.id })
    expect(stillMissing.details?.fieldErrors).toEqual([{ path: 'answers.cooperation-forms', key: 'required' }])

    await ok('survey.update', { id: survey.id, patch: { answers: { ...survey.answers, 'cooperation-forms': ['订单班', '实训基地'] } } })
    expect((await ok<Survey>('survey.complete', { id: survey.id })).status).toBe('complete')
  })
})

describe('survey.overview', () => {
  it('sums position headcounts by kind, leaving out trashed rows', async () => {
    const { trip, qicai, huirun } = await referenceTrip()
    const a = await ok('survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18' })
    const b = await ok('survey.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })
    await ok('position.create', { surveyId: a.id, title: '工业机器人运维', headcount: 120 })
    await ok('position.create', { surveyId: a.id, title: '设备维护实习生', headcount: 60, kind: 'internship' })
    const gone = await ok('position.create', { surveyId: a.id, title: '删掉的岗位', headcount: 999 })
    await ok('position.delete', { id: gone.id })
    await ok('position.create', { surveyId: b.id, title: '灌装线操作工', headcount: 40 })

    const all = await ok<SurveyOverviewItem[]>('survey.overview', { tripId: trip.id })
    expect(all.map((s) => [s.enterpriseName, s.positionRows, s.employment, s.internship])).toEqual([
      ['石台县七彩灵慧智能科技有限公司', 1, 40, 0],
      ['汇润集团（苏州）', 2, 120, 60],
    ])
    expect(all[0]?.tripTitle).toBe('皖苏访企拓岗')
    const one = await ok<SurveyOverviewItem[]>('survey.overview', { enterpriseId: huirun.id })
    expect(one.map((s) => s.id)).toEqual([a.id])
  })
})

describe('action.overview', () => {
  it('flags overdue actions, puts them first, names trip and enterprise, and leaves out the trash', async () => {
    const { trip, qicai, huirun } = await referenceTrip()
    const agreement = await ok('agreement.create', { tripId: trip.id, enterpriseId: huirun.id, title: '智能装备运维实训中心', kind: 'training_base' })
    const make = (fields: Record<string, unknown>) => ok('action.create', { tripId: trip.id, ...fields })
    const mentors = await make({ title: '邀请 50 名产业导师进校园', owner: '校企合作中心', dueDate: '2025-12-31' })
    const file = await make({ title: '建立一企一档', owner: '秘书处', dueDate: '2025-06-01', enterpriseId: qicai.id })
    const today = await make({ title: '今天到期', dueDate: '2025-06-10' })
    const doneLate = await make({ title: '已完成的旧事项', dueDate: '2025-05-20', status: 'done' })
    const cancelled = await make({ title: '取消的事项', dueDate: '2025-05-21', status: 'cancelled' })
    const undated = await make({ title: '没有期限', linkedKind: 'agreement', linkedId: agreement.id, enterpriseId: huirun.id })
    const trashed = await make({ title: '删除的事项', dueDate: '2025-05-01' })
    await ok('action.delete', { id: trashed.id })
    const loose = await ok('action.create', { title: '不属于行程的事项', dueDate: '2025-06-05', status: 'in_progress' })

    const items = await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-10' })
    expect(items.map((i) => [i.title, i.overdue])).toEqual([
      ['建立一企一档', true],
      ['不属于行程的事项', true],
      ['今天到期', false],
      ['邀请 50 名产业导师进校园', false],
      ['没有期限', false],
      ['已完成的旧事项', false],
      ['取消的事项', false],
    ])
    const byId = new Map(items.map((i) => [i.id, i]))
    expect(byId.get(file.id)).toMatchObject({ tripTitle: '皖苏访企拓岗', enterpriseName: '石台县七彩灵慧智能科技有限公司', owner: '秘书处' })
    expect(byId.get(loose.id)).toMatchObject({ tripTitle: '', enterpriseName: '' })
    expect(byId.get(undated.id)).toMatchObject({ linkedLabel: '智能装备运维实训中心', enterpriseName: '汇润集团（苏州）' })
    expect(byId.has(trashed.id)).toBe(false)
    for (const id of [mentors.id, today.id, doneLate.id, cancelled.id]) expect(byId.get(id)?.overdue).toBe(false)

    // A day later "today" is late too; filtering by enterprise keeps only its actions.
    const tomorrow = await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-11' })
    expect(tomorrow.filter((i) => i.overdue).map((i) => i.title)).toEqual(['建立一企一档', '不属于行程的事项', '今天到期'])
    const forQicai = await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-10', enterpriseId: qicai.id })
    expect(forQicai.map((i) => i.id)).toEqual([file.id])

    // Marking the overdue one done clears the flag; trashing the trip hides its actions until it is restored.
    await ok('action.update', { id: file.id, patch: { status: 'done' } })
    expect((await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-10' })).find((i) => i.id === file.id)?.overdue).toBe(false)
    await ok('trip.delete', { id: trip.id })
    expect((await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-10' })).map((i) => i.id)).toEqual([loose.id])
    await ok('trip.restore', { id: trip.id })
    expect(await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-10' })).toHaveLength(7)
    // A linked record in the trash no longer lends its title.
    await ok('agreement.delete', { id: agreement.id })
    expect((await ok<ActionOverviewItem[]>('action.overview', { today: '2025-06-10' })).find((i) => i.id === undated.id)?.linkedLabel).toBe('')
  })

  it('refuses an impossible date for today', async () => {
    expect((await failure('action.overview', { today: '2025-02-30' })).code).toBe('VALIDATION')
  })
})

describe('action.updateMany', () => {
  const stored = (id: string) =>
    temp.core.store.db.prepare('SELECT status, owner, due_date AS dueDate FROM actions WHERE id = ?').get(id) as Record<string, string>

  it('closes, reassigns and reschedules several follow-ups at once', async () => {
    const { trip } = await referenceTrip()
    const a = await ok<{ id: string }>('action.create', { tripId: trip.id, title: '寄送纪要', owner: '秘书处', dueDate: '2025-05-01' })
    const b = await ok<{ id: string }>('action.create', { tripId: trip.id, title: '回访企业', owner: '秘书处' })
    const other = await ok<{ id: string }>('action.create', { tripId: trip.id, title: '不动的事项', owner: '秘书处' })
    await ok('action.updateMany', { ids: [a.id, b.id], patch: { status: 'done' } })
    await ok('action.updateMany', { ids: [a.id, b.id], patch: { owner: '就业指导中心', dueDate: '2025-07-01' } })
    for (const id of [a.id, b.id]) expect(stored(id)).toEqual({ status: 'done', owner: '就业指导中心', dueDate: '2025-07-01' })
    expect(stored(other.id)).toEqual({ status: 'open', owner: '秘书处', dueDate: '' })
  })

  it('changes none when one of them cannot take the change', async () => {
    const { trip } = await referenceTrip()
    const a = await ok<{ id: string }>('action.create', { tripId: trip.id, title: '寄送纪要', owner: '秘书处' })
    const gone = await ok<{ id: string }>('action.create', { tripId: trip.id, title: '已删除', owner: '秘书处' })
    await ok('action.delete', { id: gone.id })
    expect((await failure('action.updateMany', { ids: [a.id, gone.id], patch: { owner: '就业指导中心' } })).code).toBe('NOT_FOUND')
    expect(stored(a.id).owner).toBe('秘书处')
    expect((await failure('action.updateMany', { ids: [a.id], patch: { dueDate: '2025-02-30' } })).code).toBe('VALIDATION')
    expect((await failure('action.updateMany', { ids: [a.id], patch: { title: '改名' } })).code).toBe('VALIDATION')
    expect((await failure('action.updateMany', { ids: [], patch: { status: 'done' } })).code).toBe('VALIDATION')
  })
})
