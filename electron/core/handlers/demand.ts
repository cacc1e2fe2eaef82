import type { demandProcedures } from '../../../shared/procedures/demand'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { DemandService } from '../domain/demand'

export function demandHandlers(context: CoreContext): Pick<Handlers, keyof typeof demandProcedures> {
  const demand = new DemandService(context)
  return {
    'questionnaire.forTrip': ({ tripId, language }) => demand.questionnaireForTrip(tripId, language),
    'questionnaire.answered': ({ tripId }) => demand.answeredQuestions(tripId),
    'questionnaire.saveQuestions': ({ id, questions }) => demand.saveQuestions(id, questions),
    'survey.overview': (filter) => demand.surveyOverview(filter),
    'survey.complete': ({ id }) => demand.completeSurvey(id),
    'action.overview': (input) => demand.actionOverview(input),
    'action.updateMany': ({ ids, patch }) => demand.updateActions(ids, patch),
  }
}
