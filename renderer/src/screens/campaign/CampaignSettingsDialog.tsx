import { App, Col, DatePicker, Form, InputNumber, Modal, Radio, Row, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { CampaignSettings } from '../../../../shared/schemas/staff'
import { LEADERSHIP_LEVELS } from '../../../../shared/schemas/staff'
import { invoke } from '../../api/client'
import { useQueryClient } from '@tanstack/react-query'
import { DERIVED, useDerived } from '../../api/queries'
import { useCreateFailure } from '../../components/CreateDialog'

interface SettingsValues {
  kind: 'year' | 'custom'
  year: number
  range: [Dayjs, Dayjs] | null
  quotas: CampaignSettings['quotas']
  targets: CampaignSettings['targets']
}

/** The period (a calendar year or a range), the visits expected of each level, and optional targets. */
export function CampaignSettingsDialog({ open, onClose, today }: { open: boolean; onClose: () => void; today: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useDerived('campaign.settings', { today }, open)
  const [form] = Form.useForm<SettingsValues>()
  const failed = useCreateFailure(form)
  const kind = Form.useWatch('kind', form)
  const queries = useQueryClient()

  useEffect(() => {
    const value = settings.data
    if (!open || !value) return
    form.setFieldsValue({
      kind: value.period.kind,
      year: value.period.kind === 'year' ? value.period.year : Number(today.slice(0, 4)),
      range: value.period.kind === 'custom' ? [dayjs(value.period.from), dayjs(value.period.to)] : null,
      quotas: value.quotas,
      targets: value.targets,
    })
  }, [open, settings.data, form, today])

  async function submit() {
    const values = await form.validateFields()
    const period: CampaignSettings['period'] =
      values.kind === 'year' || !values.range
        ? { kind: 'year', year: values.year }
        : { kind: 'custom', from: values.range[0].format('YYYY-MM-DD'), to: values.range[1].format('YYYY-MM-DD') }
    try {
      await invoke('campaign.updateSettings', { period, quotas: values.quotas, targets: values.targets })
      // Settings are local, not records: no change event follows, so the figures are refreshed here.
      void queries.invalidateQueries({ queryKey: [DERIVED] })
      void message.success(t('campaign.settingsDialog.saved'))
      onClose()
    } catch (error) {
      failed(error)
    }
  }

  const count = <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
  return (
    <Modal title={t('campaign.settingsDialog.title')} open={open} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="kind" label={t('campaign.settingsDialog.periodKind')}>
          <Radio.Group
            options={[
              { value: 'year', label: t('campaign.settingsDialog.year') },
              { value: 'custom', label: t('campaign.settingsDialog.custom') },
            ]}
          />
        </Form.Item>
        {kind === 'custom' ? (
          <Form.Item name="range" label={t('campaign.settingsDialog.range')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        ) : (
          <Form.Item name="year" label={t('campaign.settingsDialog.yearValue')}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
        )}
        <Typography.Text strong>{t('campaign.settingsDialog.quotas')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {LEADERSHIP_LEVELS.map((level) => (
            <Col span={8} key={level}>
              <Form.Item name={['quotas', level]} label={t(`campaign.levels.${level}`)}>
                {count}
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text strong>{t('campaign.settingsDialog.targets')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col span={12}>
            <Form.Item name={['targets', 'positions']} label={t('campaign.settingsDialog.positionsTarget')}>
              {count}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['targets', 'agreements']} label={t('campaign.settingsDialog.agreementsTarget')}>
              {count}
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
