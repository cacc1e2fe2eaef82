import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Answer, Question } from '../../../../shared/schemas/survey'
import { isAnswered, type QuestionnaireLanguage } from '../../../../shared/standard-questionnaire'
import { invoke } from '../../api/client'
import { DERIVED } from '../../api/queries'

export function questionnaireLanguage(language: string): QuestionnaireLanguage {
  return language.startsWith('zh') ? 'zh-CN' : 'en'
}

/** The trip's questionnaire, made from the standard one in the user's language the first time anyone opens it. */
export function useTripQuestionnaire(tripId: string | undefined) {
  const { i18n } = useTranslation()
  return useQuery({
    queryKey: ['questionnaires', 'forTrip', tripId],
    queryFn: () => invoke('questionnaire.forTrip', { tripId: tripId!, language: questionnaireLanguage(i18n.language) }),
    enabled: Boolean(tripId),
  })
}

/** How many surveys answered each question of the trip's questionnaire. */
export function useAnsweredCounts(tripId: string) {
  return useQuery({
    queryKey: [DERIVED, 'questionnaire.answered', tripId],
    queryFn: () => invoke('questionnaire.answered', { tripId }),
  })
}

/** Form values of answers as the record stores them: empty ones (a cleared field, no stars) are left out. */
export function cleanAnswers(values: Record<string, unknown>, questions: readonly Question[]): Record<string, Answer> {
  const types = new Map(questions.map((q) => [q.id, q.type]))
  const answers: Record<string, Answer> = {}
  for (const [questionId, value] of Object.entries(values ?? {})) {
    if (types.get(questionId) === 'rating' && value === 0) continue
    if (isAnswered(value)) answers[questionId] = value as Answer
  }
  return answers
}

/** A new question id: short, within the allowed alphabet, and unique enough among one trip's questions. */
export function newQuestionId(existing: readonly Question[]): string {
  const taken = new Set(existing.map((q) => q.id))
  for (;;) {
    const id = `q-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
    if (!taken.has(id)) return id
  }
}
