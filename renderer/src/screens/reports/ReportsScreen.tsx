import { FileWordOutlined, FolderOpenOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Empty, Form, Progress, Radio, Select, Space, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { REPORT_KINDS, REPORT_SECTIONS, type ExportRecord, type ReportKind, type ReportRequest, type ReportSection } from '../../../../shared/procedures/reports'
import { REPORT_STYLES } from '../../../../shared/schemas/settings'
import { invoke } from '../../api/client'
import { queryKeys, useProcedure, useProcedureMutation } from '../../api/queries'
import { useErrorText, useRecords } from '../../api/records'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { showFieldErrors } from '../../forms/fieldErrors'
import { ApiError } from '../../api/client'

interface ExportForm {
  kind: ReportKind
  sections: ReportSection[]
  tripId?: string
  enterpriseId?: string
  style: ReportRequest['style']
  language: ReportRequest['language']
}

type ExportStage = 'reading' | 'building' | 'packing'
const STAGE_PERCENT: Record<ExportStage | 'waiting', number> = { waiting: 5, reading: 25, building: 55, packing: 85 }

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Pick a document, its scope, layout and language; export it to a file the user chooses; see past exports. */
export function ReportsScreen() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<ExportForm>()
  const trips = useRecords('trip', {})
  const profile = useProcedure('settings.getProfile', {}, [...queryKeys.appInfo, 'profile'])
  const history = useProcedure('report.history', {}, ['exports'])
  const exportReport = useProcedureMutation('report.export')
  const [last, setLast] = useState<ExportRecord | null>(null)
  const [stage, setStage] = useState<ExportStage | null>(null)
  // The core reports each step of building the document; the bar follows it.
  useEffect(
    () =>
      window.fieldbook.onEvent((event) => {
        if (event.type === 'export.progress') setStage(event.stage)
      }),
    [],
  )
  const kind = Form.useWatch('kind', form) ?? 'research-report'

  async function submit() {
    const values = form.getFieldsValue(true) as ExportForm
    const request = {
      kind: values.kind,
      style: values.style,
      language: values.language,
      ...(values.kind === 'research-report' && values.sections.length < REPORT_SECTIONS.length ? { sections: values.sections } : {}),
      ...(values.kind !== 'enterprise-file' && values.tripId ? { tripId: values.tripId } : {}),
      ...((values.kind === 'enterprise-file' || values.kind === 'talent-demand') && values.enterpriseId ? { enterpriseId: values.enterpriseId } : {}),
    } as ReportRequest
    if (values.kind === 'research-report' && values.sections.length === 0) {
      form.setFields([{ name: 'sections', errors: [t('reports.sectionsRequired')] }])
      return
    }
    setLast(null)
    setStage(null)
    try {
      const record = await exportReport.mutateAsync(request)
      void history.refetch()
      if (record) {
        setLast(record)
        void message.success(t('reports.done', { name: record.fileName }))
        for (const warning of record.warnings ?? []) void message.warning(t(`reports.warnings.${warning}`), 8)
      } else void message.info(t('reports.cancelled'))
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        showFieldErrors(form, t, error.fieldErrors, { tripId: values.kind === 'enterprise-file' ? 'enterpriseId' : 'tripId' })
      } else void message.error(errorText(error))
    }
  }

  async function showInFolder(id: string) {
    try {
      await invoke('report.showInFolder', { id })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  const needsTrip = kind === 'research-report' || kind === 'news-brief' || kind === 'talent-demand'
  const needsEnterprise = kind === 'enterprise-file' || kind === 'talent-demand'
  const initialValues: ExportForm = {
    kind: 'research-report',
    sections: [...REPORT_SECTIONS],
    style: profile.data?.defaultStyle ?? 'official',
    language: i18n.language.startsWith('zh') ? 'zh' : 'en',
    tripId: trips.data?.[0]?.id,
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {t('reports.title')}
      </Typography.Title>
      <Card title={t('reports.exportCard')} loading={trips.isPending || profile.isPending}>
        {trips.data && trips.data.length === 0 ? (
          <Empty description={t('reports.noTrips')} />
        ) : (
          <Form form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit()} onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof ExportForm, errors: [] })))}>
            <Form.Item name="kind" label={t('reports.kind')}>
              <Radio.Group optionType="button" buttonStyle="solid" options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))} />
            </Form.Item>
            <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
              {t(`reports.kindHints.${kind}`)}
            </Typography.Paragraph>
            <Space size="large" wrap style={{ width: '100%' }} align="start">
              {needsTrip && (
                <Form.Item name="tripId" label={t('reports.trip')} style={{ minWidth: 320 }}>
                  <Select
                    placeholder={t('reports.tripPlaceholder')}
                    allowClear={kind === 'talent-demand'}
                    options={(trips.data ?? []).map((trip) => ({ value: trip.id, label: `${trip.title} (${trip.startDate})` }))}
                  />
                </Form.Item>
              )}
              {needsEnterprise && (
                <Form.Item name="enterpriseId" label={kind === 'talent-demand' ? t('reports.enterpriseOptional') : t('reports.enterprise')} style={{ minWidth: 320 }}>
                  <EnterprisePicker />
                </Form.Item>
              )}
            </Space>
            {kind === 'research-report' && (
              <Form.Item name="sections" label={t('reports.sections')}>
                <Checkbox.Group options={REPORT_SECTIONS.map((section) => ({ value: section, label: t(`reports.sectionNames.${section}`) }))} />
              </Form.Item>
            )}
            <Space size="large" wrap>
              <Form.Item name="style" label={t('reports.style')}>
                <Radio.Group options={REPORT_STYLES.map((s) => ({ value: s, label: t(`reports.styles.${s}`) }))} />
              </Form.Item>
              <Form.Item name="language" label={t('reports.language')}>
                <Radio.Group options={(['zh', 'en'] as const).map((l) => ({ value: l, label: t(`reports.languages.${l}`) }))} />
              </Form.Item>
            </Space>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button type="primary" htmlType="submit" icon={<FileWordOutlined />} loading={exportReport.isPending} data-testid="export-button">
                {t('reports.export')}
              </Button>
              {exportReport.isPending && (
                <Space direction="vertical" style={{ width: '100%', maxWidth: 480 }} size={0}>
                  <Progress percent={STAGE_PERCENT[stage ?? 'waiting']} status="active" showInfo={false} />
                  <Typography.Text type="secondary">{t(`reports.stages.${stage ?? 'waiting'}`)}</Typography.Text>
                </Space>
              )}
              {last && (
                <Alert
                  type="success"
                  showIcon
                  message={t('reports.done', { name: last.fileName })}
                  action={
                    <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void showInFolder(last.id)}>
                      {t('reports.showInFolder')}
                    </Button>
                  }
                />
              )}
            </Space>
          </Form>
        )}
      </Card>
      <Card title={t('reports.history')} styles={{ body: { padding: 0 } }}>
        <Table<ExportRecord>
          rowKey="id"
          loading={history.isPending}
          dataSource={history.data ?? []}
          pagination={false}
          locale={{ emptyText: t('reports.historyEmpty') }}
          columns={[
            { title: t('reports.columns.title'), dataIndex: 'fileName' },
            { title: t('reports.columns.kind'), dataIndex: 'kind', render: (k: ReportKind) => t(`reports.kinds.${k}`) },
            { title: t('reports.columns.size'), dataIndex: 'bytes', render: size },
            { title: t('reports.columns.time'), dataIndex: 'createdAt', render: (time: string) => dayjs(time).format('YYYY-MM-DD HH:mm') },
            {
              key: 'open',
              render: (_, record) => (
                <Button size="small" type="text" icon={<FolderOpenOutlined />} onClick={() => void showInFolder(record.id)} aria-label={t('reports.showInFolder')} />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  )
}
