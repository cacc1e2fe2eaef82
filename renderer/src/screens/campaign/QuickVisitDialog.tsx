import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { AGREEMENT_KINDS } from '../../../../shared/schemas/agreement'
import { invoke } from '../../api/client'
import { useRecords } from '../../api/records'
import { CreateDialog, useCreateFailure } from '../../components/CreateDialog'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { useMutation } from '@tanstack/react-query'

interface QuickVisitValues {
  date: Dayjs
  enterpriseId: string
  staffIds: string[]
  agreed: string
  jobs: number | null
  internships: number | null
  hasAgreement: boolean
  agreementTitle: string
  agreementKind: (typeof AGREEMENT_KINDS)[number]
  agreementPositions: number | null
  hasFollowUp: boolean
  followUpTitle: string
  followUpOwner: string
  followUpDue: Dayjs | null
}

/** One form for a half-day visit; saved as a one-day trip with its visit, positions, agreement and follow-up. */
export function QuickVisitDialog({ open, onClose, today }: { open: boolean; onClose: () => void; today: string }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<QuickVisitValues>()
  const failed = useCreateFailure(form)
  const staff = useRecords('staff', {})
  const save = useMutation({ mutationFn: (input: Parameters<typeof invoke<'campaign.quickVisit'>>[1]) => invoke('campaign.quickVisit', input) })
  const hasAgreement = Form.useWatch('hasAgreement', form)
  const hasFollowUp = Form.useWatch('hasFollowUp', form)
  const required = [{ required: true, message: t('validation.required') }]

  async function submit() {
    const values = await form.validateFields()
    try {
      await save.mutateAsync({
        date: values.date.format('YYYY-MM-DD'),
        enterpriseId: values.enterpriseId,
        staffIds: values.staffIds,
        agreed: values.agreed ?? '',
        jobs: values.jobs ?? 0,
        internships: values.internships ?? 0,
        agreement: values.hasAgreement ? { title: values.agreementTitle, kind: values.agreementKind, positions: values.agreementPositions ?? 0 } : null,
        followUp: values.hasFollowUp
          ? { title: values.followUpTitle, owner: values.followUpOwner ?? '', dueDate: values.followUpDue ? values.followUpDue.format('YYYY-MM-DD') : '' }
          : null,
        language: i18n.language.startsWith('zh') ? 'zh' : 'en',
      })
      const enterprise = await invoke('enterprise.get', { id: values.enterpriseId })
      void message.success(t('campaign.quick.saved', { name: enterprise.name }))
      onClose()
    } catch (error) {
      failed(error)
    }
  }

  return (
    <CreateDialog<QuickVisitValues>
      open={open}
      title={t('campaign.quick.title')}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      saving={save.isPending}
      okText={t('campaign.quick.save')}
      width={640}
      name="quickVisit"
      testId="quick-visit-form"
      initialValues={{ date: dayjs(today), jobs: null, internships: null, hasAgreement: false, hasFollowUp: false, agreementKind: 'employment_base' }}
    >
      <Typography.Paragraph type="secondary">{t('campaign.quick.intro')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="date" label={t('campaign.quick.date')} rules={required}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="enterpriseId" label={t('campaign.quick.enterprise')} rules={required}>
            <EnterprisePicker />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="staffIds" label={t('campaign.quick.people')} extra={t('campaign.quick.peopleHint')} rules={required}>
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={(staff.data ?? []).map((person) => ({ value: person.id, label: person.position ? `${person.name}（${person.position}）` : person.name }))}
          data-testid="quick-visit-people"
        />
      </Form.Item>
      <Form.Item name="agreed" label={t('campaign.quick.agreed')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={20_000} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="jobs" label={t('campaign.quick.jobs')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="internships" label={t('campaign.quick.internships')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="hasAgreement" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('campaign.quick.hasAgreement')}</Checkbox>
      </Form.Item>
      {hasAgreement ? (
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="agreementTitle" label={t('campaign.quick.agreementTitle')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="agreementKind" label={t('campaign.quick.agreementKind')}>
              <Select options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: t(`agreements.kinds.${kind}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="agreementPositions" label={t('campaign.quick.agreementPositions')}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Form.Item name="hasFollowUp" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('campaign.quick.hasFollowUp')}</Checkbox>
      </Form.Item>
      {hasFollowUp ? (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="followUpTitle" label={t('campaign.quick.followUpTitle')} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="followUpOwner" label={t('campaign.quick.followUpOwner')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="followUpDue" label={t('campaign.quick.followUpDue')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </CreateDialog>
  )
}
