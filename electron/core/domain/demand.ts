import { AppError, type FieldError } from '../../../shared/errors'
import type { ActionOverviewItem, SurveyOverviewItem } from '../../../shared/procedures/demand'
import type { Action } from '../../../shared/schemas/action'
import type { Question, Questionnaire, Survey } from '../../../shared/schemas/survey'
import {
  isAnswered,
  standardQuestions,
  STANDARD_QUESTIONNAIRE_TITLE,
  type QuestionnaireLanguage,
} from '../../../shared/standard-questionnaire'
import type { CoreContext } from '../context'

const FINISHED_STATUSES: readonly string[] = ['done', 'cancelled']

/**
 * Agreements, talent-demand surveys, their questionnaire and follow-ups: the reads that span several tables and
 * the rules that keep answered surveys readable. Every write still goes through the record services.
 */
export class DemandService {
  constructor(private readonly context: CoreContext) {}

  private get store() {
    return this.context.store
  }

  private liveTrip(tripId: string) {
    const trip = this.context.records.trip.find(tripId)
    if (!trip || trip.deleted) throw new AppError('NOT_FOUND', `No trip with id ${tripId}`, { id: tripId, table: 'trips' })
    return trip
  }

  /** The oldest live questionnaire of the trip (ids are time-ordered), so every replica picks the same one. */
  private findQuestionnaire(tripId: string): Questionnaire | undefined {
    return this.context.records.questionnaire.list({ tripId })[0] as Questionnaire | undefined
  }

  questionnaireForTrip(tripId: string, language: QuestionnaireLanguage): Questionnaire {
    this.liveTrip(tripId)
    const existing = this.findQuestionnaire(tripId)
    if (existing) return existing
    return this.context.records.questionnaire.create({
      tripId,
      title: STANDARD_QUESTIONNAIRE_TITLE[language],
      questions: standardQuestions(language),
    }) as Questionnaire
  }

  /** Answers of the trip's surveys, by survey; trashed surveys too when asked, since they can be restored. */
  private surveyAnswers(tripId: string, includeTrashed: boolean): Record<string, unknown>[] {
    const sql = `SELECT answers FROM surveys WHERE trip_id = ?${includeTrashed ? '' : ' AND deleted = 0'}`
    return (this.store.statement(sql).all(tripId) as { answers: string }[]).map((row) => {
      try {
        return JSON.parse(row.answers) as Record<string, unknown>
      } catch {
        return {}
      }
    })
  }

  private answerCounts(tripId: string, includeTrashed: boolean): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const answers of this.surveyAnswers(tripId, includeTrashed)) {
      for (const [questionId, answer] of Object.entries(answers)) {
        if (isAnswered(answer)) counts[questionId] = (counts[questionId] ?? 0) + 1
      }
    }
    return counts
  }

  answeredQuestions(tripId: string): Record<string, number> {
    this.liveTrip(tripId)
    return this.answerCounts(tripId, false)
  }

  saveQuestions(questionnaireId: string, questions: Question[]): Questionnaire {
    const current = this.context.records.questionnaire.get(questionnaireId) as Questionnaire
    if (current.deleted) throw new AppError('NOT_FOUND', `The questionnaire ${questionnaireId} is in the trash`, { id: questionnaireId })
    const answered = this.answerCounts(current.tripId, true)
    const before = new Map(current.questions.map((question) => [question.id, question]))

    // An answer of one type read as another would be nonsense: answered questions keep their type.
    const fieldErrors: FieldError[] = []
    questions.forEach((question, index) => {
      const previous = before.get(question.id)
      if (previous && answered[question.id] && previous.type !== question.type) {
        fieldErrors.push({ path: `questions.${index}.type`, key: 'typeLocked' })
      }
    })
    if (fieldErrors.length > 0) {
      throw new AppError('VALIDATION', 'The type of an answered question cannot change; retire it and add a new one', { fieldErrors })
    }

    // Left out but answered: kept, retired, so the surveys that answered it still show the question.
    const kept = new Set(questions.map((question) => question.id))
    const retiredInstead = current.questions
      .filter((question) => !kept.has(question.id) && answered[question.id])
      .map((question) => ({ ...question, retired: true }))
    return this.context.records.questionnaire.update(questionnaireId, {
      questions: [...questions, ...retiredInstead],
    }) as Questionnaire
  }

  completeSurvey(surveyId: string): Survey {
    const survey = this.context.records.survey.get(surveyId) as Survey
    if (survey.deleted) throw new AppError('NOT_FOUND', `The survey ${surveyId} is in the trash`, { id: surveyId })
    const questions = this.findQuestionnaire(survey.tripId)?.questions ?? []
    const missing = questions.filter((question) => question.required && !question.retired && !isAnswered(survey.answers[question.id]))
    if (missing.length > 0) {
      throw new AppError('VALIDATION', `Required questions are unanswered: ${missing.map((q) => q.id).join(', ')}`, {
        fieldErrors: missing.map((question) => ({ path: `answers.${question.id}`, key: 'required' })),
      })
    }
    return this.context.records.survey.update(surveyId, { status: 'complete' }) as Survey
  }

  private names(table: 'trips' | 'enterprises', column: 'title' | 'name'): Map<string, { name: string; deleted: boolean }> {
    const rows = this.store.statement(`SELECT id, "${column}" AS name, deleted FROM "${table}"`).all() as {
      id: string
      name: string
      deleted: number
    }[]
    return new Map(rows.map((row) => [row.id, { name: row.name, deleted: row.deleted === 1 }]))
  }

  surveyOverview(filter: { tripId?: string | undefined; enterpriseId?: string | undefined }): SurveyOverviewItem[] {
    const surveys = this.context.records.survey.list(filter) as Survey[]
    if (surveys.length === 0) return []
    const trips = this.names('trips', 'title')
    const enterprises = this.names('enterprises', 'name')
    const totals = this.store
      .statement(
        `SELECT p.survey_id AS surveyId, p.kind AS kind, COUNT(*) AS rowCount, SUM(p.headcount) AS headcount
         FROM positions p JOIN surveys s ON s.id = p.survey_id
         WHERE p.deleted = 0 AND s.deleted = 0 AND (@tripId IS NULL OR s.trip_id = @tripId) AND (@enterpriseId IS NULL OR s.enterprise_id = @enterpriseId)
         GROUP BY p.survey_id, p.kind`,
      )
      .all({ tripId: filter.tripId ?? null, enterpriseId: filter.enterpriseId ?? null }) as { surveyId: string; kind: string; rowCount: number; headcount: number }[]
    return surveys.map((survey) => {
      const own = totals.filter((row) => row.surveyId === survey.id)
      const sum = (kind: string) => own.filter((row) => row.kind === kind).reduce((total, row) => total + row.headcount, 0)
      return {
        ...survey,
        tripTitle: trips.get(survey.tripId)?.name ?? '',
        enterpriseName: enterprises.get(survey.enterpriseId)?.name ?? '',
        positionRows: own.reduce((total, row) => total + row.rowCount, 0),
        employment: sum('employment'),
        internship: sum('internship'),
      }
    })
  }

  private linkedLabel(action: Action): string {
    if (!action.linkedKind || !action.linkedId) return ''
    const service = this.context.records[action.linkedKind]
    const linked = service.find(action.linkedId)
    if (!linked || linked.deleted) return ''
    switch (action.linkedKind) {
      case 'trip':
      case 'agreement':
        return String(linked['title'] ?? '')
      case 'enterprise':
        return String(linked['name'] ?? '')
      case 'visit':
      case 'symposium':
        return String(linked['title'] || linked['date'] || '')
      case 'survey':
        return [linked['date'], linked['respondent']].filter(Boolean).join(' ')
    }
  }

  /**
   * Live follow-ups (not those of a trip or enterprise in the trash: they return with it), overdue first, then
   * open ones by due date, finished ones last; no due date sorts after any date.
   */
  /** The same patch on every listed follow-up in one transaction: one that cannot take it leaves all as they were. */
  updateActions(ids: readonly string[], patch: Partial<Pick<Action, 'status' | 'owner' | 'dueDate'>>): Action[] {
    const records = this.context.records.action
    return this.store.db.transaction(() => ids.map((id) => records.update(id, patch) as Action))()
  }

  actionOverview(input: { today: string; tripId?: string | undefined; enterpriseId?: string | undefined }): ActionOverviewItem[] {
    const trips = this.names('trips', 'title')
    const enterprises = this.names('enterprises', 'name')
    const actions = this.context.records.action.list({ tripId: input.tripId, enterpriseId: input.enterpriseId }) as Action[]
    const items = actions
      .filter((action) => !trips.get(action.tripId)?.deleted && !enterprises.get(action.enterpriseId)?.deleted)
      .map((action): ActionOverviewItem => {
        const finished = FINISHED_STATUSES.includes(action.status)
        return {
          ...action,
          tripTitle: trips.get(action.tripId)?.name ?? '',
          enterpriseName: enterprises.get(action.enterpriseId)?.name ?? '',
          linkedLabel: this.linkedLabel(action),
          overdue: !finished && action.dueDate !== '' && action.dueDate < input.today,
        }
      })
    const rank = (item: ActionOverviewItem) => (item.overdue ? 0 : FINISHED_STATUSES.includes(item.status) ? 2 : 1)
    const due = (item: ActionOverviewItem) => item.dueDate || '9999-99-99'
    return items.sort((a, b) => rank(a) - rank(b) || due(a).localeCompare(due(b)) || a.id.localeCompare(b.id))
  }
}
