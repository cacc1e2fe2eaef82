import { Checkbox, Empty, Form, Input, InputNumber, Radio, Rate, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Answer, Question } from '../../../../shared/schemas/survey'
import { isAnswered } from '../../../../shared/standard-questionnaire'

/** Choices offered for a question, plus a stored answer whose option was since renamed, so it still shows. */
function choicesOf(question: Question, stored: Answer | undefined): string[] {
  const kept = Array.isArray(stored) ? stored : typeof stored === 'string' && stored ? [stored] : []
  return [...question.options, ...kept.filter((value) => !question.options.includes(value))]
}

interface ControlProps {
  question: Question
  stored: Answer | undefined
  disabled: boolean
  /** Given by the Form.Item around it, which labels the control by this id. */
  id?: string
  value?: unknown
  onChange?: (value: unknown) => void
}

/** The control for one question's type; the Form.Item around it passes value and onChange. */
function AnswerControl({ question, stored, disabled, id, value, onChange }: ControlProps) {
  const { t } = useTranslation()
  // A retired question's written answer is read, not edited: plain text reads better than a greyed-out box.
  if (disabled && (question.type === 'text' || question.type === 'number')) {
    return (
      <Typography.Paragraph id={id} data-testid="retired-answer" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
        {String(value ?? '')}
      </Typography.Paragraph>
    )
  }
  switch (question.type) {
    case 'text':
      return (
        <Input.TextArea
          id={id}
          value={value as string | undefined}
          onChange={(event) => onChange?.(event.target.value)}
          autoSize={{ minRows: 1, maxRows: 8 }}
          maxLength={5000}
          disabled={disabled}
          placeholder={t('surveys.answers.textPlaceholder')}
        />
      )
    case 'number':
      return (
        <InputNumber<number>
          id={id}
          value={value as number | null | undefined}
          onChange={(number) => onChange?.(number)}
          disabled={disabled}
          style={{ width: 200 }}
          placeholder={t('surveys.answers.numberPlaceholder')}
        />
      )
    case 'single':
      return (
        <Radio.Group
          id={id}
          value={value}
          onChange={(event) => onChange?.(event.target.value)}
          disabled={disabled}
          options={choicesOf(question, stored).map((option) => ({ value: option, label: option }))}
        />
      )
    case 'multiple':
      return (
        <Checkbox.Group
          value={(value as string[] | undefined) ?? []}
          onChange={(values) => onChange?.(values)}
          disabled={disabled}
          options={choicesOf(question, stored).map((option) => ({ value: option, label: option }))}
        />
      )
    case 'rating':
      return (
        <Rate
          id={id}
          value={typeof value === 'number' ? value : 0}
          onChange={(stars) => onChange?.(stars)}
          disabled={disabled}
          tooltips={[1, 2, 3, 4, 5].map((n) => t('surveys.answers.stars', { count: n }))}
        />
      )
  }
}

/**
 * The trip's questions answered inside the survey's form (fields `answers.<question id>`). Retired questions show
 * only where this survey answered them, read-only.
 */
export function QuestionnaireAnswers({ questions, answers }: { questions: readonly Question[]; answers: Record<string, Answer> }) {
  const { t } = useTranslation()
  const shown = questions.filter((q) => !q.retired || isAnswered(answers[q.id]))
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.answers.noQuestions')} />
  return (
    <div data-testid="questionnaire-answers">
      {shown.map((question, index) => (
        <div key={question.id} data-question={question.id}>
          <Form.Item
            required={question.required && !question.retired}
            label={
              <Space size={6} wrap>
                <span>
                  {index + 1}. {question.text}
                </span>
                {question.retired && <Tag>{t('surveys.questionnaire.retired')}</Tag>}
                {question.type === 'multiple' && !question.retired && (
                  <Typography.Text type="secondary">{t('surveys.answers.pickAny')}</Typography.Text>
                )}
              </Space>
            }
            name={['answers', question.id]}
            // Nothing is checked while typing; "Mark complete" puts its errors here.
            validateTrigger={[]}
          >
            <AnswerControl question={question} stored={answers[question.id]} disabled={question.retired} />
          </Form.Item>
        </div>
      ))}
    </div>
  )
}
