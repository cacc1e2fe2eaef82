import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EyeInvisibleOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Form, Input, Result, Select, Skeleton, Space, Switch, Tag, Tooltip, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldError } from '../../../../shared/errors'
import { Question, QuestionnaireFields, QuestionnairePatch, QUESTION_TYPES } from '../../../../shared/schemas/survey'
import { toFieldErrors } from '../../../../shared/validation'
import { ApiError, invoke } from '../../api/client'
import { useErrorText } from '../../api/records'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { translateFieldError } from '../../forms/fieldErrors'
import { AUTOSAVE_DELAY_MS, useAutosave, type SaveStatus } from '../../forms/useAutosave'
import { newQuestionId, useAnsweredCounts, useTripQuestionnaire } from './questionnaire'
import { ConfirmDelete } from '../../components/DeleteButton'

const QuestionList = QuestionnaireFields.shape.questions
type QuestionType = Question['type']
const hasOptions = (type: QuestionType) => type === 'single' || type === 'multiple'

/** Errors by `<index>.<field>` of the question list (the core prefixes `questions.`). */
function errorMap(errors: FieldError[], translate: (error: FieldError) => string): Record<string, string> {
  const map: Record<string, string> = {}
  for (const error of errors) {
    const [index, field] = error.path.replace(/^questions\.?/, '').split('.')
    const key = `${index ?? ''}.${field ?? ''}`
    if (!map[key]) map[key] = translate(error)
  }
  return map
}

interface NewQuestion {
  text?: string
  type?: QuestionType
  options?: string[]
  required?: boolean
}

/**
 * The trip's questionnaire: reword, retype, add, reorder, require. A question some survey answered can be retired
 * (hidden from new answers, still shown where it was answered) but not deleted, and keeps its type.
 */
export function QuestionnaireEditor({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const questionnaire = useTripQuestionnaire(tripId)
  const answered = useAnsweredCounts(tripId)
  const counts = answered.data ?? {}
  const [draft, setDraft] = useState<Question[] | null>(null)
  const [status, setStatus] = useState<SaveStatus>('saved')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const latest = useRef<Question[] | null>(null)
  const dirty = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const loadedId = useRef<string | undefined>(undefined)
  const questionnaireId = questionnaire.data?.id
  const [addForm] = Form.useForm<NewQuestion>()
  const newType = Form.useWatch('type', addForm) ?? 'text'
  const title = useAutosave({ kind: 'questionnaire', record: questionnaire.data, patchSchema: QuestionnairePatch })

  const translate = useCallback((error: FieldError) => {
    if (error.key === 'typeLocked') return t('surveys.questionnaire.typeLocked')
    return translateFieldError(t, error)
  }, [t])

  // Load once per questionnaire; later refreshes must not overwrite what is being edited.
  useEffect(() => {
    const data = questionnaire.data
    if (data && loadedId.current !== data.id) {
      loadedId.current = data.id
      latest.current = data.questions
      setDraft(data.questions)
    }
  }, [questionnaire.data])

  const save = useCallback(async () => {
    clearTimeout(timer.current)
    const questions = latest.current
    if (!questionnaireId || !questions || !dirty.current) return
    const checked = QuestionList.safeParse(questions)
    if (!checked.success) {
      setErrors(errorMap(toFieldErrors(checked.error), translate))
      setStatus('invalid')
      return
    }
    dirty.current = false
    setStatus('saving')
    try {
      const saved = await invoke('questionnaire.saveQuestions', { id: questionnaireId, questions: checked.data })
      setErrors({})
      if (latest.current === questions) {
        // The core keeps answered questions that were left out; show them as it stored them.
        const kept = saved.questions.filter((q) => !questions.some((d) => d.id === q.id))
        if (kept.length > 0) {
          latest.current = [...questions, ...kept]
          setDraft(latest.current)
        }
      }
      setStatus(dirty.current ? 'pending' : 'saved')
    } catch (error) {
      dirty.current = true
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        setErrors(errorMap(error.fieldErrors, translate))
        setStatus('invalid')
      } else setStatus('error')
    }
  }, [questionnaireId, translate])

  // Whatever is pending is written when the editor goes away.
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  }, [save])
  useEffect(() => () => void saveRef.current(), [])

  function change(next: Question[]) {
    latest.current = next
    dirty.current = true
    setDraft(next)
    setStatus('pending')
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS)
  }

  const edit = (index: number, patch: Partial<Question>) => {
    const next = [...(latest.current ?? [])]
    next[index] = { ...next[index]!, ...patch }
    // An error on an edited field goes away until the next check.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !Object.keys(patch).some((f) => key === `${index}.${f}`))))
    change(next)
  }

  const move = (index: number, by: -1 | 1) => {
    const next = [...(latest.current ?? [])]
    const [moved] = next.splice(index, 1)
    next.splice(index + by, 0, moved!)
    setErrors({})
    change(next)
  }

  const remove = (index: number) => {
    const current = latest.current ?? []
    const removed = current[index]!
    setErrors({})
    change(current.filter((_, i) => i !== index))
    const key = `question-removed-${removed.id}`
    void message.open({
      key,
      type: 'success',
      duration: 8,
      content: (
        <Space>
          {t('common.deleted', { label: removed.text })}
          <Button
            size="small"
            type="link"
            data-testid="undo-delete"
            onClick={() => {
              message.destroy(key)
              const now = [...(latest.current ?? [])]
              now.splice(Math.min(index, now.length), 0, removed)
              change(now)
            }}
          >
            {t('common.undo')}
          </Button>
        </Space>
      ),
    })
  }

  function add() {
    const values = addForm.getFieldsValue(true) as NewQuestion
    const type = values.type ?? 'text'
    const candidate = {
      id: newQuestionId(latest.current ?? []),
      text: values.text ?? '',
      type,
      options: hasOptions(type) ? (values.options ?? []) : [],
      required: values.required ?? false,
      retired: false,
    }
    const checked = Question.safeParse(candidate)
    if (!checked.success) {
      const byField = new Map<string, string>()
      for (const error of toFieldErrors(checked.error)) if (!byField.has(error.path)) byField.set(error.path, translate(error))
      addForm.setFields([...byField].map(([name, message]) => ({ name: name as keyof NewQuestion, errors: [message] })))
      return
    }
    change([...(latest.current ?? []), checked.data])
    addForm.resetFields()
    document.getElementById('newQuestion_text')?.focus()
  }

  if (questionnaire.isError) {
    return <Result status="warning" title={errorText(questionnaire.error)} extra={<Button onClick={() => void questionnaire.refetch()}>{t('common.retry')}</Button>} />
  }
  if (!draft || !questionnaire.data) return <Skeleton active />

  const typeOptions = QUESTION_TYPES.map((type) => ({ value: type, label: t(`surveys.questionTypes.${type}`) }))
  const fieldError = (index: number, field: string) => errors[`${index}.${field}`]
  const listError = errors['.']

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }} data-testid="questionnaire-editor">
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Form form={title.form} onValuesChange={title.onValuesChange} component={false}>
          <Form.Item name="title" noStyle>
            <Input
              variant="borderless"
              maxLength={200}
              aria-label={t('surveys.questionnaire.titleLabel')}
              placeholder={t('surveys.questionnaire.titleLabel')}
              style={{ fontSize: 20, fontWeight: 600, paddingInline: 0, width: 520, maxWidth: '100%' }}
            />
          </Form.Item>
        </Form>
        <SaveStatusTag status={status === 'saved' ? title.status : status} />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('surveys.questionnaire.intro')}
      </Typography.Paragraph>
      {listError && <Alert type="error" showIcon title={listError} />}

      <Form layout="vertical" component={false}>
        {draft.map((question, index) => {
          const answeredBy = counts[question.id] ?? 0
          const locked = answeredBy > 0
          return (
            <Card
              key={question.id}
              size="small"
              data-testid="question-card"
              data-question={question.id}
              style={{ marginBottom: 12, opacity: question.retired ? 0.65 : 1 }}
              title={
                <Space size={6} wrap>
                  <Typography.Text strong>{t('surveys.questionnaire.number', { number: index + 1 })}</Typography.Text>
                  {question.required && !question.retired && <Tag color="red">{t('surveys.questionnaire.required')}</Tag>}
                  {question.retired && <Tag>{t('surveys.questionnaire.retired')}</Tag>}
                  {locked && <Tag color="blue">{t('surveys.questionnaire.answeredBy', { count: answeredBy })}</Tag>}
                </Space>
              }
              extra={
                <Space size={2}>
                  <Tooltip title={t('surveys.questionnaire.moveUp')}>
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('surveys.questionnaire.moveUp')} disabled={index === 0} onClick={() => move(index, -1)} />
                  </Tooltip>
                  <Tooltip title={t('surveys.questionnaire.moveDown')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('surveys.questionnaire.moveDown')}
                      disabled={index === draft.length - 1}
                      onClick={() => move(index, 1)}
                    />
                  </Tooltip>
                  {question.retired ? (
                    <Button size="small" type="text" icon={<UndoOutlined />} onClick={() => edit(index, { retired: false })}>
                      {t('surveys.questionnaire.reinstate')}
                    </Button>
                  ) : (
                    <Tooltip title={t('surveys.questionnaire.retireHint')}>
                      <Button size="small" type="text" icon={<EyeInvisibleOutlined />} onClick={() => edit(index, { retired: true })}>
                        {t('surveys.questionnaire.retire')}
                      </Button>
                    </Tooltip>
                  )}
                  {locked ? (
                    <Tooltip title={t('surveys.questionnaire.cannotDelete')}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} disabled />
                    </Tooltip>
                  ) : (
                    <ConfirmDelete label={question.text} onConfirm={() => remove(index)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </ConfirmDelete>
                  )}
                </Space>
              }
            >
              <Form.Item
                label={t('surveys.questionnaire.text')}
                validateStatus={fieldError(index, 'text') ? 'error' : undefined}
                help={fieldError(index, 'text')}
                style={{ marginBottom: 12 }}
              >
                <Input.TextArea
                  value={question.text}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={500}
                  aria-label={t('surveys.questionnaire.textOf', { number: index + 1 })}
                  onChange={(event) => edit(index, { text: event.target.value })}
                />
              </Form.Item>
              <Flex gap={24} wrap align="start">
                <Form.Item
                  label={t('surveys.questionnaire.type')}
                  validateStatus={fieldError(index, 'type') ? 'error' : undefined}
                  help={fieldError(index, 'type') ?? (locked ? t('surveys.questionnaire.typeLockedHint') : undefined)}
                  style={{ marginBottom: 0, width: 220 }}
                >
                  <Select
                    value={question.type}
                    options={typeOptions}
                    disabled={locked}
                    aria-label={t('surveys.questionnaire.type')}
                    onChange={(type: QuestionType) => edit(index, { type, options: hasOptions(type) ? question.options : [] })}
                  />
                </Form.Item>
                <Form.Item label={t('surveys.questionnaire.requiredLabel')} style={{ marginBottom: 0 }}>
                  <Switch
                    checked={question.required}
                    aria-label={t('surveys.questionnaire.requiredLabel')}
                    onChange={(required) => edit(index, { required })}
                  />
                </Form.Item>
                {hasOptions(question.type) && (
                  <Form.Item
                    label={t('surveys.questionnaire.options')}
                    validateStatus={fieldError(index, 'options') ? 'error' : undefined}
                    help={fieldError(index, 'options') ?? t('surveys.questionnaire.optionsHint')}
                    style={{ marginBottom: 0, flex: 1, minWidth: 280 }}
                  >
                    <Select
                      mode="tags"
                      open={false}
                      value={question.options}
                      aria-label={t('surveys.questionnaire.options')}
                      onChange={(options: string[]) => edit(index, { options })}
                    />
                  </Form.Item>
                )}
              </Flex>
            </Card>
          )
        })}
      </Form>

      <Card size="small" title={t('surveys.questionnaire.addTitle')} data-testid="add-question">
        <Form form={addForm} name="newQuestion" layout="vertical" initialValues={{ type: 'text', required: false }}>
          <Form.Item name="text" label={t('surveys.questionnaire.text')} style={{ marginBottom: 12 }}>
            <Input maxLength={500} placeholder={t('surveys.questionnaire.newTextPlaceholder')} onPressEnter={() => add()} />
          </Form.Item>
          <Flex gap={24} wrap align="start">
            <Form.Item name="type" label={t('surveys.questionnaire.type')} style={{ width: 220 }}>
              <Select options={typeOptions} />
            </Form.Item>
            <Form.Item name="required" label={t('surveys.questionnaire.requiredLabel')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {hasOptions(newType) && (
              <Form.Item name="options" label={t('surveys.questionnaire.options')} extra={t('surveys.questionnaire.optionsHint')} style={{ flex: 1, minWidth: 280 }}>
                <Select mode="tags" open={false} />
              </Form.Item>
            )}
          </Flex>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => add()}>
            {t('surveys.questionnaire.add')}
          </Button>
        </Form>
      </Card>
    </Space>
  )
}
