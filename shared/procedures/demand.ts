import { z } from 'zod'
import { Action, ActionFields } from '../schemas/action'
import { Id, IdInput, IsoDate } from '../schemas/common'
import { QuestionId, Questionnaire, QuestionnaireFields, Survey } from '../schemas/survey'
import { QUESTIONNAIRE_LANGUAGES } from '../standard-questionnaire'
import { procedure } from './define'

const byTripOrEnterprise = z.object({ tripId: Id.optional(), enterpriseId: Id.optional() }).strict()

/** A follow-up with what the list shows beside it, and whether it is late on the given day. */
export const ActionOverviewItem = Action.extend({
  tripTitle: z.string(),
  enterpriseName: z.string(),
  /** The linked record in words (an agreement's title, a survey's date…), empty when none or gone. */
  linkedLabel: z.string(),
  overdue: z.boolean(),
})
export type ActionOverviewItem = z.infer<typeof ActionOverviewItem>

/** A survey with its enterprise's name and its positions summed by kind, computed from the rows. */
export const SurveyOverviewItem = Survey.extend({
  tripTitle: z.string(),
  enterpriseName: z.string(),
  positionRows: z.number().int(),
  employment: z.number(),
  internship: z.number(),
})
export type SurveyOverviewItem = z.infer<typeof SurveyOverviewItem>

/** Agreements, talent-demand surveys with their questionnaire, and follow-up actions. */
export const demandProcedures = {
  /** The trip's questionnaire; made from the standard one, in the given language, the first time it is asked for. */
  'questionnaire.forTrip': procedure(
    z.object({ tripId: Id, language: z.enum(QUESTIONNAIRE_LANGUAGES) }).strict(),
    Questionnaire,
  ),
  /** How many live surveys of the trip answered each question: answered questions are retired, never removed. */
  'questionnaire.answered': procedure(z.object({ tripId: Id }).strict(), z.record(QuestionId, z.number().int())),
  /**
   * Replaces the question list. A question some survey answered is kept (retired) when left out, and its type
   * cannot change, so every survey already filled in stays readable.
   */
  'questionnaire.saveQuestions': procedure(
    z.object({ id: Id, questions: QuestionnaireFields.shape.questions }).strict(),
    Questionnaire,
  ),
  'survey.overview': procedure(byTripOrEnterprise, z.array(SurveyOverviewItem)),
  /** Marks a survey complete, refusing (with the questions as field errors `answers.<id>`) while required ones are unanswered. */
  'survey.complete': procedure(IdInput, Survey),
  /** Every live follow-up, overdue ones first, then by due date; `today` is passed in so tests can fix it. */
  'action.overview': procedure(
    z.object({ today: IsoDate, tripId: Id.optional(), enterpriseId: Id.optional() }).strict(),
    z.array(ActionOverviewItem),
  ),
  /**
   * One change (status, owner or due date) to several follow-ups at once, all or none: the list's bulk actions.
   * Each is an ordinary record update, so it syncs field by field like an edit in the row.
   */
  'action.updateMany': procedure(
    z
      .object({
        ids: z.array(Id).min(1).max(1000),
        patch: ActionFields.pick({ status: true, owner: true, dueDate: true }).partial().strict(),
      })
      .strict(),
    z.array(Action),
  ),
} as const
