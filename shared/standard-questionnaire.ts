import type { Question } from './schemas/survey'

/** The languages the questionnaire ships in; a trip's copy is made in the language of whoever opens it first. */
export const QUESTIONNAIRE_LANGUAGES = ['zh-CN', 'en'] as const
export type QuestionnaireLanguage = (typeof QUESTIONNAIRE_LANGUAGES)[number]

interface Texts {
  text: string
  options?: string[]
}

interface StandardQuestion {
  /** Stable across versions and languages: reports aggregate answers by it. */
  id: string
  type: Question['type']
  required: boolean
  zh: Texts
  en: Texts
}

export const STANDARD_QUESTIONNAIRE_TITLE: Record<QuestionnaireLanguage, string> = {
  'zh-CN': '企业人才需求调研问卷',
  en: 'Enterprise talent-demand questionnaire',
}

/** The questions a talent-demand survey (人才需求调研) usually asks an enterprise's HR or management. */
export const STANDARD_QUESTIONS: readonly StandardQuestion[] = [
  {
    id: 'enterprise-size',
    type: 'single',
    required: true,
    zh: { text: '企业在职员工规模', options: ['50 人以下', '50–299 人', '300–999 人', '1000–4999 人', '5000 人及以上'] },
    en: { text: 'Number of employees', options: ['Under 50', '50–299', '300–999', '1,000–4,999', '5,000 or more'] },
  },
  {
    id: 'annual-hiring-plan',
    type: 'number',
    required: true,
    zh: { text: '今年计划招聘的高职毕业生人数（人）' },
    en: { text: 'Vocational graduates you plan to hire this year (people)' },
  },
  {
    id: 'hardest-positions',
    type: 'text',
    required: false,
    zh: { text: '目前最难招到人的岗位有哪些？' },
    en: { text: 'Which positions are hardest to fill at the moment?' },
  },
  {
    id: 'skills-lacking',
    type: 'multiple',
    required: false,
    zh: {
      text: '您认为应届毕业生最欠缺哪些能力？',
      options: ['专业技能', '动手实践能力', '数字化与智能化技能', '沟通协作能力', '职业素养与责任心', '学习与创新能力'],
    },
    en: {
      text: 'Which abilities do new graduates lack most?',
      options: ['Technical skills', 'Hands-on practice', 'Digital and automation skills', 'Communication and teamwork', 'Work ethic and responsibility', 'Learning and innovation'],
    },
  },
  {
    id: 'cooperation-forms',
    type: 'multiple',
    required: true,
    zh: { text: '贵单位希望与学校开展哪些合作？', options: ['订单班', '现代学徒制', '实习基地', '实训基地', '产业学院', '联合技术研发'] },
    en: {
      text: 'Which forms of cooperation with the college interest you?',
      options: ['Order class', 'Modern apprenticeship', 'Internship base', 'Training base', 'Industry college', 'Joint R&D'],
    },
  },
  {
    id: 'accept-interns',
    type: 'single',
    required: true,
    zh: { text: '是否愿意接收我校学生顶岗实习？', options: ['愿意', '视岗位情况而定', '暂不考虑'] },
    en: { text: 'Would you take our students as interns?', options: ['Yes', 'Depending on the positions', 'Not for now'] },
  },
  {
    id: 'intern-capacity',
    type: 'number',
    required: false,
    zh: { text: '每年可接收的实习生人数（人）' },
    en: { text: 'Interns you can take each year (people)' },
  },
  {
    id: 'graduate-satisfaction',
    type: 'rating',
    required: false,
    zh: { text: '对我校已录用毕业生的总体满意度（1–5 分）' },
    en: { text: 'Overall satisfaction with our graduates you employ (1–5)' },
  },
  {
    id: 'valued-certificates',
    type: 'text',
    required: false,
    zh: { text: '招聘时看重哪些职业资格或技能等级证书？' },
    en: { text: 'Which professional or skill-level certificates do you value when hiring?' },
  },
  {
    id: 'suggestions',
    type: 'text',
    required: false,
    zh: { text: '对学校专业设置和人才培养的意见与建议' },
    en: { text: 'Suggestions on our majors and how we train students' },
  },
]

/** The standard questions in one language, as a trip's questionnaire stores them. */
export function standardQuestions(language: QuestionnaireLanguage): Question[] {
  return STANDARD_QUESTIONS.map((question) => {
    const texts = language === 'zh-CN' ? question.zh : question.en
    return {
      id: question.id,
      text: texts.text,
      type: question.type,
      options: texts.options ?? [],
      required: question.required,
      retired: false,
    }
  })
}

/** True when an answer says something: blank text and an empty choice list count as unanswered. */
export function isAnswered(answer: unknown): boolean {
  if (answer === undefined || answer === null) return false
  if (typeof answer === 'string') return answer.trim() !== ''
  if (Array.isArray(answer)) return answer.length > 0
  if (typeof answer === 'number') return Number.isFinite(answer)
  return false
}
