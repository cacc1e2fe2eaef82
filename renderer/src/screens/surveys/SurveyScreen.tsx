import { CheckCircleOutlined, RollbackOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Result, Row, Skeleton, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { SurveyPatch, type Answer } from '../../../../shared/schemas/survey'
import { isAnswered } from '../../../../shared/standard-questionnaire'
import { ApiError, invoke } from '../../api/client'
import { useDeleteWithUndo, useErrorText, useRecord, useUpdateRecord } from '../../api/records'
import { HistoryButton } from '../../components/HistoryPanel'
import { ScreenBreadcrumb } from '../../layout/ScreenBreadcrumb'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { useAutosave } from '../../forms/useAutosave'
import { tripPath } from '../../routes'
import { AttachmentPanel } from '../attachments/AttachmentPanel'
import { PositionTable } from './PositionTable'
import { QuestionnaireAnswers } from './QuestionnaireAnswers'
import { cleanAnswers, useTripQuestionnaire } from './questionnaire'
import { DeleteRecordButton } from '../../components/DeleteButton'
import { lengthCount } from '../../forms/limits'

const DATE_FIELDS = ['date'] as const

export function SurveyScreen() {
  const { surveyId } = useParams()
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const survey = useRecord('survey', surveyId)
  const record = survey.data
  const enterprise = useRecord('enterprise', record?.enterpriseId)
  const trip = useRecord('trip', record?.tripId)
  const questionnaire = useTripQuestionnaire(record?.tripId)
  const questions = questionnaire.data?.questions ?? []
  const update = useUpdateRecord('survey')
  const deleteWithUndo = useDeleteWithUndo('survey')
  const { form, status, onValuesChange, flush } = useAutosave({ kind: 'survey', record, patchSchema: SurveyPatch, dateFields: DATE_FIELDS })
  // The answers as typed, for the list of required questions still open; the record's until the first edit.
  const [answers, setAnswers] = useState<Record<string, Answer> | null>(null)
  const [triedToComplete, setTriedToComplete] = useState(false)
  const [completing, setCompleting] = useState(false)

  if (survey.isError || record?.deleted) {
    return (
      <Result
        status="warning"
        title={record?.deleted ? t('surveys.inTrash') : errorText(survey.error)}
        extra={<Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>}
      />
    )
  }
  if (!record) return <Skeleton active />

  const backTo = tripPath(record.tripId, 'surveys')
  const current = answers ?? record.answers
  const unanswered = questions.filter((q) => q.required && !q.retired && !isAnswered(current[q.id]))
  const numberOf = (questionId: string) => questions.filter((q) => !q.retired || isAnswered(record.answers[q.id])).findIndex((q) => q.id === questionId) + 1

  const handleValuesChange = (changed: Record<string, unknown>) => {
    if (!('answers' in changed)) {
      onValuesChange(changed)
      return
    }
    const touched = Object.keys((changed['answers'] as Record<string, unknown> | undefined) ?? {})
    form.setFields(touched.map((id) => ({ name: ['answers', id], errors: [] })))
    const cleaned = cleanAnswers((form.getFieldValue('answers') as Record<string, unknown>) ?? {}, questions)
    setAnswers(cleaned)
    onValuesChange({ ...changed, answers: cleaned })
  }

  async function markComplete() {
    setCompleting(true)
    try {
      await flush()
      await invoke('survey.complete', { id: record!.id })
      setTriedToComplete(false)
      void message.success(t('surveys.completed'))
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        setTriedToComplete(true)
        const ids = error.fieldErrors.map((e) => e.path.replace(/^answers\./, ''))
        form.setFields(ids.map((id) => ({ name: ['answers', id], errors: [t('surveys.answers.required')] })))
        document.querySelector(`[data-question="${ids[0]}"]`)?.scrollIntoView({ block: 'center' })
      } else void message.error(errorText(error))
    } finally {
      setCompleting(false)
    }
  }

  async function reopen() {
    try {
      await update.mutateAsync({ id: record!.id, patch: { status: 'draft' } })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  async function remove() {
    const label = t('surveys.label', { enterprise: enterprise.data?.name ?? '', date: record!.date })
    if (await deleteWithUndo(record!.id, label)) void navigate(backTo)
  }

  const complete = record.status === 'complete'

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1200 }}>
      <ScreenBreadcrumb items={[{ title: t('nav.trips'), to: '/trips' }, { title: trip.data?.title ?? '…', to: backTo }, { title: t('surveys.title') }]} />
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} style={{ margin: 0 }}>
            {t('surveys.screenTitle', { enterprise: enterprise.data?.name ?? '' })}
          </Typography.Title>
          <Space size={8} wrap>
            <Tag color={complete ? 'green' : 'default'} data-testid="survey-status">
              {t(`surveys.statuses.${record.status}`)}
            </Tag>
            <SaveStatusTag status={status} />
          </Space>
        </div>
        <Space wrap>
          <HistoryButton table="surveys" rowId={record.id} label={t('surveys.screenTitle', { enterprise: enterprise.data?.name ?? '' })} />
          {complete ? (
            <Button icon={<RollbackOutlined />} onClick={() => void reopen()} loading={update.isPending}>
              {t('surveys.reopen')}
            </Button>
          ) : (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => void markComplete()} loading={completing}>
              {t('surveys.markComplete')}
            </Button>
          )}
          <DeleteRecordButton label={t('surveys.label', { enterprise: enterprise.data?.name ?? '', date: record.date })} onConfirm={() => remove()} />
        </Space>
      </Flex>

      {/* No <form> element: the position rows inside are forms of their own. */}
      <Form form={form} component={false} layout="vertical" onValuesChange={handleValuesChange}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('surveys.basics')}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="enterpriseId" label={t('surveys.fields.enterprise')} required>
                  <EnterprisePicker />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="date" label={t('surveys.fields.date')} required>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="respondent" label={t('surveys.fields.respondent')}>
                  <Input count={lengthCount(SurveyPatch, 'respondent')} placeholder={t('surveys.fields.respondentPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="respondentTitle" label={t('surveys.fields.respondentTitle')}>
                  <Input count={lengthCount(SurveyPatch, 'respondentTitle')} placeholder={t('surveys.fields.respondentTitlePlaceholder')} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="notes" label={t('surveys.fields.notes')} style={{ marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} count={lengthCount(SurveyPatch, 'notes')} placeholder={t('surveys.fields.notesPlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('surveys.positions.heading')}>
            <PositionTable surveyId={record.id} />
          </Card>

          <Card
            title={questionnaire.data?.title || t('surveys.questionnaire.heading')}
            extra={<Link to={tripPath(record.tripId, 'questionnaire')}>{t('surveys.questionnaire.edit')}</Link>}
            loading={questionnaire.isPending}
          >
            {triedToComplete && unanswered.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('surveys.answers.missing', { count: unanswered.length })}
                description={unanswered.map((q) => `${numberOf(q.id)}. ${q.text}`).join('；')}
                data-testid="missing-answers"
              />
            )}
            {questionnaire.isError ? (
              <Typography.Text type="danger">{errorText(questionnaire.error)}</Typography.Text>
            ) : (
              <QuestionnaireAnswers questions={questions} answers={record.answers} />
            )}
          </Card>
        </Space>
      </Form>

      <Card title={t('surveys.attachments')}>
        <AttachmentPanel ownerKind="survey" ownerId={record.id} />
      </Card>
    </Space>
  )
}
