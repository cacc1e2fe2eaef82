import { FileWordOutlined, FolderOpenOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Form, Progress, Radio, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { REPORT_SECTIONS, type ExportRecord, type ReportKind, type ReportRequest, type ReportSection } from '../../../../shared/procedures/reports'
import { REPORT_STYLES } from '../../../../shared/schemas/settings'
import { ApiError, invoke } from '../../api/client'
import { queryKeys, useProcedure, useProcedureMutation } from '../../api/queries'
import { useErrorText, useRecords } from '../../api/records'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { showFieldErrors } from '../../forms/fieldErrors'

/** The query of past exports, shown on the Documents screen; every export from anywhere refreshes it. */
export const EXPORT_HISTORY_KEY = ['exports'] as const

/** The kinds of document that fit each place an export starts from. */
export const TRIP_REPORT_KINDS = ['research-report', 'news-brief', 'talent-demand'] as const satisfies readonly ReportKind[]
export const ENTERPRISE_REPORT_KINDS = ['enterprise-file', 'talent-demand'] as const satisfies readonly ReportKind[]

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

export async function showExportInFolder(id: string, onError: (error: unknown) => void): Promise<void> {
  try {
    await invoke('report.showInFolder', { id })
  } catch (error) {
    onError(error)
  }
}

/**
 * The export options — kind, scope, sections, layout and language — wherever a document is exported: the Documents
 * screen (every kind, any trip or enterprise), a trip (its documents, the trip fixed) or an enterprise (its file,
 * the enterprise fixed). A scope given here is not asked for; the enterprise picker never creates an enterprise.
 */
export function ReportExportForm(props: { kinds: readonly ReportKind[]; tripId?: string; enterpriseId?: string; onExported?: (record: ExportRecord) => void }) {
  const { kinds, tripId: fixedTripId, enterpriseId: fixedEnterpriseId } = props
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ExportForm>()
  const trips = useRecords('trip', {})
  const profile = useProcedure('settings.getProfile', {}, [...queryKeys.appInfo, 'profile'])
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
  const firstKind = kinds[0] ?? 'research-report'
  const kind = Form.useWatch('kind', form) ?? firstKind

  async function submit() {
    const values = form.getFieldsValue(true) as ExportForm
    const tripId = fixedTripId ?? values.tripId
    const enterpriseId = fixedEnterpriseId ?? values.enterpriseId
    const request = {
      kind: values.kind,
      style: values.style,
      language: values.language,
      ...(values.kind === 'research-report' && values.sections.length < REPORT_SECTIONS.length ? { sections: values.sections } : {}),
      ...(values.kind !== 'enterprise-file' && tripId ? { tripId } : {}),
      ...((values.kind === 'enterprise-file' || values.kind === 'talent-demand') && enterpriseId ? { enterpriseId } : {}),
    } as ReportRequest
    if (values.kind === 'research-report' && values.sections.length === 0) {
      form.setFields([{ name: 'sections', errors: [t('reports.sectionsRequired')] }])
      return
    }
    setLast(null)
    setStage(null)
    try {
      const record = await exportReport.mutateAsync(request)
      void queryClient.invalidateQueries({ queryKey: EXPORT_HISTORY_KEY })
      if (record) {
        setLast(record)
        props.onExported?.(record)
        void message.success(t('reports.done', { name: record.fileName }))
        for (const warning of record.warnings ?? []) void message.warning(t(`reports.warnings.${warning}`), 8)
      } else void message.info(t('reports.cancelled'))
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        showFieldErrors(form, t, error.fieldErrors, { tripId: values.kind === 'enterprise-file' ? 'enterpriseId' : 'tripId' })
      } else void message.error(errorText(error))
    }
  }

  const asksTrip = !fixedTripId && !fixedEnterpriseId && (kind === 'research-report' || kind === 'news-brief' || kind === 'talent-demand')
  const asksEnterprise = !fixedEnterpriseId && (kind === 'enterprise-file' || kind === 'talent-demand')
  const initialValues: ExportForm = {
    kind: firstKind,
    sections: [...REPORT_SECTIONS],
    style: profile.data?.defaultStyle ?? 'official',
    language: i18n.language.startsWith('zh') ? 'zh' : 'en',
    ...(asksTrip ? { tripId: trips.data?.[0]?.id } : {}),
  }

  if (profile.isPending || (!fixedTripId && !fixedEnterpriseId && trips.isPending)) return null
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={() => void submit()}
      onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof ExportForm, errors: [] })))}
      data-testid="report-export-form"
    >
      <Form.Item name="kind" label={t('reports.kind')}>
        <Radio.Group optionType="button" buttonStyle="solid" options={kinds.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))} />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
        {t(`reports.kindHints.${kind}`)}
      </Typography.Paragraph>
      {(asksTrip || asksEnterprise) && (
        <Space size="large" wrap style={{ width: '100%' }} align="start" className="fb-export-scope">
          {asksTrip && (
            <Form.Item name="tripId" label={t('reports.trip')} style={{ width: 360, maxWidth: '100%' }}>
              <Select
                placeholder={t('reports.tripPlaceholder')}
                allowClear={kind === 'talent-demand'}
                options={(trips.data ?? []).map((trip) => ({ value: trip.id, label: `${trip.title} (${trip.startDate})`, title: trip.title }))}
              />
            </Form.Item>
          )}
          {asksEnterprise && (
            <Form.Item
              name="enterpriseId"
              label={kind === 'talent-demand' ? t('reports.enterpriseOptional') : t('reports.enterprise')}
              style={{ width: 360, maxWidth: '100%' }}
            >
              <EnterprisePicker canCreate={false} />
            </Form.Item>
          )}
        </Space>
      )}
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
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" htmlType="submit" icon={<FileWordOutlined />} loading={exportReport.isPending} data-testid="export-button">
          {t('reports.export')}
        </Button>
        {exportReport.isPending && (
          <Space orientation="vertical" style={{ width: '100%', maxWidth: 480 }} size={0}>
            <Progress percent={STAGE_PERCENT[stage ?? 'waiting']} status="active" showInfo={false} />
            <Typography.Text type="secondary">{t(`reports.stages.${stage ?? 'waiting'}`)}</Typography.Text>
          </Space>
        )}
        {last && (
          <Alert
            type="success"
            showIcon
            title={<Typography.Text ellipsis={{ tooltip: last.fileName }}>{t('reports.done', { name: last.fileName })}</Typography.Text>}
            data-testid="export-done"
            action={
              <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void showExportInFolder(last.id, (error) => void message.error(errorText(error)))}>
                {t('reports.showInFolder')}
              </Button>
            }
          />
        )}
      </Space>
    </Form>
  )
}
