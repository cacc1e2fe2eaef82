import { Button, Card, Col, DatePicker, Flex, Form, Input, Result, Row, Select, Skeleton, Space, Steps, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, AgreementPatch } from '../../../../shared/schemas/agreement'
import { useDeleteWithUndo, useErrorText, useRecord } from '../../api/records'
import { HistoryButton } from '../../components/HistoryPanel'
import { ScreenBreadcrumb } from '../../layout/ScreenBreadcrumb'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { useAutosave } from '../../forms/useAutosave'
import { enterprisePath, tripPath } from '../../routes'
import { AttachmentPanel } from '../attachments/AttachmentPanel'
import { OptionalNumber } from './OptionalNumber'
import { formatYuan, groupDigits, ungroupDigits, type AgreementStatus } from './format'
import { DeleteRecordButton } from '../../components/DeleteButton'
import { lengthCount } from '../../forms/limits'

const DATE_FIELDS = ['signedDate', 'termStart', 'termEnd'] as const

/** consensus → signed → in execution → closed, as steps the user clicks (or tabs to and presses Enter) to move. */
function StatusSteps({ value, onChange }: { value?: AgreementStatus; onChange?: (status: AgreementStatus) => void }) {
  const { t } = useTranslation()
  return (
    <Steps
      current={Math.max(0, AGREEMENT_STATUSES.indexOf(value ?? 'consensus'))}
      onChange={(index) => onChange?.(AGREEMENT_STATUSES[index]!)}
      items={AGREEMENT_STATUSES.map((status) => ({
        title: t(`agreements.statuses.${status}`),
        content: t(`agreements.statusHints.${status}`),
      }))}
      data-testid="agreement-steps"
    />
  )
}

export function AgreementScreen() {
  const { agreementId } = useParams()
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const agreement = useRecord('agreement', agreementId)
  const record = agreement.data
  const enterprise = useRecord('enterprise', record?.enterpriseId)
  const trip = useRecord('trip', record?.tripId || undefined)
  const deleteWithUndo = useDeleteWithUndo('agreement')
  const { form, status, onValuesChange } = useAutosave({ kind: 'agreement', record, patchSchema: AgreementPatch, dateFields: DATE_FIELDS })
  const title = Form.useWatch('title', form) as string | undefined
  const amount = Form.useWatch('amountYuan', form) as number | null | undefined

  if (agreement.isError || record?.deleted) {
    return (
      <Result
        status="warning"
        title={record?.deleted ? t('agreements.inTrash') : errorText(agreement.error)}
        extra={<Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>}
      />
    )
  }
  if (!record) return <Skeleton active />

  const backTo = record.tripId ? tripPath(record.tripId, 'agreements') : enterprisePath(record.enterpriseId)

  // A cleared amount or count means none, not an error.
  const handleValuesChange = (changed: Record<string, unknown>) => {
    const patch = { ...changed }
    for (const field of ['amountYuan', 'positions']) if (field in patch && patch[field] === null) patch[field] = 0
    onValuesChange(patch)
  }

  async function remove() {
    if (await deleteWithUndo(record!.id, record!.title)) void navigate(backTo)
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1040 }}>
      <ScreenBreadcrumb
        items={[
          record.tripId ? { title: t('nav.trips'), to: '/trips' } : { title: t('nav.enterprises'), to: '/enterprises' },
          { title: (record.tripId ? trip.data?.title : enterprise.data?.name) ?? '…', to: backTo },
          { title: t('agreements.title') },
        ]}
      />
      <Flex justify="space-between" align="start" gap={16}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} style={{ margin: 0 }}>
            {title || record.title}
          </Typography.Title>
          <Space size={8} wrap>
            <Link to={enterprisePath(record.enterpriseId)}>{enterprise.data?.name}</Link>
            <SaveStatusTag status={status} />
          </Space>
        </div>
        <Space wrap>
          <HistoryButton table="agreements" rowId={record.id} label={record.title} />
          <DeleteRecordButton label={record.title} onConfirm={() => remove()} />
        </Space>
      </Flex>

      <Form form={form} layout="vertical" onValuesChange={handleValuesChange}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('agreements.fields.status')} size="small">
            <Form.Item name="status" noStyle>
              <StatusSteps />
            </Form.Item>
          </Card>

          <Card title={t('agreements.details')}>
            <Row gutter={16}>
              <Col xs={24} md={16}>
                <Form.Item name="title" label={t('agreements.fields.title')} required>
                  <Input count={lengthCount(AgreementPatch, 'title')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="kind" label={t('agreements.fields.kind')}>
                  <Select options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: t(`agreements.kinds.${kind}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="parties" label={t('agreements.fields.parties')}>
                  <Input placeholder={t('agreements.fields.partiesPlaceholder')} count={lengthCount(AgreementPatch, 'parties')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="signedDate" label={t('agreements.fields.signedDate')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="amountYuan"
                  label={t('agreements.fields.amount')}
                  extra={amount ? formatYuan(amount, i18n.language) : t('agreements.fields.amountHint')}
                >
                  <OptionalNumber
                    style={{ width: '100%' }}
                    suffix={t('agreements.yuan')}
                    formatter={groupDigits}
                    parser={(text) => Number(ungroupDigits(text))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="positions" label={t('agreements.fields.positions')} extra={t('agreements.fields.positionsHint')}>
                  <OptionalNumber style={{ width: '100%' }} suffix={t('agreements.people')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="owner" label={t('agreements.fields.owner')}>
                  <Input placeholder={t('agreements.fields.ownerPlaceholder')} count={lengthCount(AgreementPatch, 'owner')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="termStart" label={t('agreements.fields.termStart')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="termEnd" label={t('agreements.fields.termEnd')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="terms" label={t('agreements.fields.terms')}>
                  <Input.TextArea placeholder={t('agreements.fields.termsPlaceholder')} autoSize={{ minRows: 4, maxRows: 16 }} count={lengthCount(AgreementPatch, 'terms')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        </Space>
      </Form>

      <Card title={t('agreements.document')}>
        <AttachmentPanel ownerKind="agreement" ownerId={record.id} />
      </Card>
    </Space>
  )
}
