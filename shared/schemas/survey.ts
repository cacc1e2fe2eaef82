import { z } from 'zod'
import { Count, Id, IsoDate, record, requiredText, shortText } from './common'

export const QUESTION_TYPES = ['text', 'number', 'single', 'multiple', 'rating'] as const
export const QuestionId = z.string().regex(/^[a-z0-9-]{1,40}$/)

/**
 * A question of a trip's questionnaire. Questions are never removed once answered, only retired, and keep
 * their id, so surveys already filled in stay readable when the questionnaire changes.
 */
export const Question = z
  .object({
    id: QuestionId,
    text: requiredText(500),
    type: z.enum(QUESTION_TYPES),
    options: z.array(requiredText(200)).max(50),
    required: z.boolean(),
    retired: z.boolean(),
  })
  .refine((q) => !(q.type === 'single' || q.type === 'multiple') || q.options.length >= 2, {
    path: ['options'],
    params: { key: 'needsOptions' },
  })
export type Question = z.infer<typeof Question>

const questionnaireFields = {
  tripId: Id,
  title: shortText(200),
  questions: z
    .array(Question)
    .max(200)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { params: { key: 'duplicateQuestion' } }),
}
export const QuestionnaireInput = z.object({ ...questionnaireFields, title: questionnaireFields.title.default('') })
export const QuestionnaireFields = z.object(questionnaireFields)
export const QuestionnairePatch = QuestionnaireFields.omit({ tripId: true }).partial()
export const Questionnaire = record(questionnaireFields)
export type Questionnaire = z.infer<typeof Questionnaire>

export const Answer = z.union([z.string().max(5000), z.number().finite(), z.array(z.string().max(200)).max(50)])
export type Answer = z.infer<typeof Answer>

export const SURVEY_STATUSES = ['draft', 'complete'] as const

/** A talent-demand survey filled in with one enterprise. */
const surveyFields = {
  tripId: Id,
  enterpriseId: Id,
  date: IsoDate,
  respondent: shortText(100),
  respondentTitle: shortText(100),
  answers: z.record(QuestionId, Answer),
  notes: shortText(20_000),
  status: z.enum(SURVEY_STATUSES),
}
export const SurveyInput = z.object({
  ...surveyFields,
  respondent: surveyFields.respondent.default(''),
  respondentTitle: surveyFields.respondentTitle.default(''),
  answers: surveyFields.answers.default({}),
  notes: surveyFields.notes.default(''),
  status: surveyFields.status.default('draft'),
})
export const SurveyFields = z.object(surveyFields)
export const SurveyPatch = SurveyFields.omit({ tripId: true }).partial()
export const Survey = record(surveyFields)
export type Survey = z.infer<typeof Survey>

export const POSITION_KINDS = ['employment', 'internship'] as const
export const EDUCATION_LEVELS = ['', 'secondary', 'associate', 'bachelor', 'master', 'any'] as const

/** One row of a survey's demand: a position the enterprise wants filled. */
const positionFields = {
  surveyId: Id,
  title: requiredText(200),
  headcount: Count.max(100_000),
  kind: z.enum(POSITION_KINDS),
  majors: z.array(requiredText(100)).max(30),
  skills: shortText(2000),
  certificates: shortText(1000),
  education: z.enum(EDUCATION_LEVELS),
  payMin: Count,
  payMax: Count,
  startTiming: shortText(100),
  sortKey: z.number(),
}
/**
 * A row the user enters names at least one person: a row of 0 is not a position and would print as one. Rows
 * already stored (or arriving from a peer) are read as they are; only new entries and edits are refused.
 */
const enteredHeadcount = z.number().int().min(1).max(100_000)
const payRange = (p: { payMin?: number | undefined; payMax?: number | undefined }) =>
  !p.payMin || !p.payMax || p.payMax >= p.payMin
const payRule = { path: ['payMax'], params: { key: 'maxBelowMin' } }
export const PositionInput = z
  .object({
    ...positionFields,
    headcount: enteredHeadcount.default(1),
    kind: positionFields.kind.default('employment'),
    majors: positionFields.majors.default([]),
    skills: positionFields.skills.default(''),
    certificates: positionFields.certificates.default(''),
    education: positionFields.education.default(''),
    payMin: positionFields.payMin.default(0),
    payMax: positionFields.payMax.default(0),
    startTiming: positionFields.startTiming.default(''),
    sortKey: positionFields.sortKey.optional(),
  })
  .refine(payRange, payRule)
export const PositionFields = z.object(positionFields).refine(payRange, payRule)
export const PositionPatch = z.object({ ...positionFields, headcount: enteredHeadcount }).omit({ surveyId: true }).partial()
export const Position = record(positionFields)
export type Position = z.infer<typeof Position>
