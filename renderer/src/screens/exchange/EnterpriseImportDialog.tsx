import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Flex, Modal, Result, Select, Space, Spin, Statistic, Steps, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  DUPLICATE_DECISIONS,
  IMPORT_FIELDS,
  REPORT_LIST_LIMIT,
  type ColumnMapping,
  type DuplicateDecision,
  type DuplicateRow,
  type EnterpriseImportReport,
  type EnterprisePreview,
  type ImportField,
  type RefusedRow,
} from '../../../../shared/exchange/api'
import { invoke } from '../../api/client'
import { exchangeErrorText } from './errors'

type Step = 'choose' | 'mapping' | 'check' | 'done'
const STEPS: Step[] = ['choose', 'mapping', 'check', 'done']
const NOT_IMPORTED = -1

/**
 * Enterprise import in four steps: choose a file (the host's open dialog), match its columns to fields over a
 * preview of its first rows, check every row (a dry run: refused rows with reasons, duplicates with a choice
 * each), then import.
 */
export function EnterpriseImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const [step, setStep] = useState<Step>('choose')
  const [fileId, setFileId] = useState<string | null>(null)
  const [preview, setPreview] = useState<EnterprisePreview | null>(null)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [decisions, setDecisions] = useState<Record<string, DuplicateDecision>>({})
  const [report, setReport] = useState<EnterpriseImportReport | null>(null)
  const [busy, setBusy] = useState<'reading' | 'checking' | 'importing' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reset = () => {
    setStep('choose')
    setFileId(null)
    setPreview(null)
    setMapping({})
    setDecisions({})
    setReport(null)
    setError(null)
  }
  const close = () => {
    if (busy) return
    reset()
    onClose()
  }

  const choose = async () => {
    setError(null)
    try {
      const chosen = await invoke('exchange.chooseFile', { purpose: 'enterprises' })
      if (!chosen) return
      setBusy('reading')
      const read = await invoke('exchange.previewEnterprises', { fileId: chosen.fileId })
      setFileId(chosen.fileId)
      setPreview(read)
      setMapping(read.suggestedMapping)
      setStep('mapping')
    } catch (caught) {
      setError(exchangeErrorText(t, caught))
    } finally {
      setBusy(null)
    }
  }

  const run = async (dryRun: boolean) => {
    if (!fileId) return
    setError(null)
    setBusy(dryRun ? 'checking' : 'importing')
    try {
      const result = await invoke('exchange.importEnterprises', { fileId, mapping, decisions, dryRun })
      setReport(result)
      if (dryRun) {
        // Keep the choices already made; new duplicates start with what the core proposed.
        setDecisions((current) => ({ ...Object.fromEntries(result.duplicates.map((d) => [String(d.row), d.decision])), ...current }))
        setStep('check')
      } else setStep('done')
    } catch (caught) {
      setError(exchangeErrorText(t, caught))
    } finally {
      setBusy(null)
    }
  }

  const fieldOfColumn = (column: number): ImportField | undefined =>
    (Object.entries(mapping) as [ImportField, number][]).find(([, index]) => index === column)?.[0]
  const setColumnField = (column: number, field: ImportField | typeof NOT_IMPORTED) => {
    setMapping((current) => {
      const next: ColumnMapping = {}
      for (const [f, index] of Object.entries(current) as [ImportField, number][]) {
        if (index !== column && f !== field) next[f] = index
      }
      if (field !== NOT_IMPORTED) next[field] = column
      return next
    })
    setDecisions({})
  }

  const footer = (() => {
    switch (step) {
      case 'choose':
        return [<Button key="close" onClick={close}>{t('common.cancel')}</Button>]
      case 'mapping':
        return [
          <Button key="back" onClick={reset} disabled={Boolean(busy)}>{t('exchange.back')}</Button>,
          <Button key="check" type="primary" loading={busy === 'checking'} disabled={mapping.name === undefined} onClick={() => void run(true)}>
            {t('exchange.check')}
          </Button>,
        ]
      case 'check': {
        const nothing = report !== null && report.created + report.merged === 0 && report.contactsCreated === 0
        return [
          <Button key="back" onClick={() => setStep('mapping')} disabled={Boolean(busy)}>{t('exchange.back')}</Button>,
          <Button key="import" type="primary" loading={busy === 'importing'} disabled={nothing} onClick={() => void run(false)} data-testid="confirm-import">
            {t('exchange.import')}
          </Button>,
        ]
      }
      case 'done':
        return [<Button key="close" type="primary" onClick={close}>{t('exchange.close')}</Button>]
    }
  })()

  return (
    <Modal open={open} title={t('exchange.importTitle')} onCancel={close} footer={footer} width={980} maskClosable={false} destroyOnHidden>
      <Steps
        size="small"
        current={STEPS.indexOf(step)}
        status={step === 'done' ? 'finish' : 'process'}
        items={STEPS.map((s) => ({ title: t(`exchange.steps.${s}`) }))}
        style={{ margin: '8px 0 20px' }}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="import-error" />}
      {step === 'choose' && (
        <Flex vertical align="center" gap={16} style={{ padding: '24px 0' }}>
          <FileExcelOutlined style={{ fontSize: 40, color: '#1f6f5c' }} />
          <Typography.Paragraph type="secondary" style={{ maxWidth: 560, textAlign: 'center', margin: 0 }}>
            {t('exchange.chooseHint')}
          </Typography.Paragraph>
          <Button type="primary" icon={<UploadOutlined />} loading={busy === 'reading'} onClick={() => void choose()} autoFocus>
            {busy === 'reading' ? t('exchange.reading') : t('exchange.chooseFile')}
          </Button>
        </Flex>
      )}
      {step === 'mapping' && preview && (
        <MappingStep preview={preview} fieldOfColumn={fieldOfColumn} onChange={setColumnField} nameMissing={mapping.name === undefined} />
      )}
      {step === 'check' && report && (
        <Spin spinning={busy === 'importing'} tip={t('exchange.importing')}>
          <CheckStep report={report} decisions={decisions} onDecide={(row, decision) => setDecisions((d) => ({ ...d, [String(row)]: decision }))} />
        </Spin>
      )}
      {step === 'done' && report && (
        <Result
          status="success"
          title={t('exchange.doneTitle', { created: report.created, merged: report.merged })}
          subTitle={t('exchange.doneHint', { skipped: report.skipped, refused: report.refused, seconds: (report.elapsedMs / 1000).toFixed(1) })}
        />
      )}
    </Modal>
  )
}

function MappingStep({
  preview,
  fieldOfColumn,
  onChange,
  nameMissing,
}: {
  preview: EnterprisePreview
  fieldOfColumn: (column: number) => ImportField | undefined
  onChange: (column: number, field: ImportField | typeof NOT_IMPORTED) => void
  nameMissing: boolean
}) {
  const { t } = useTranslation()
  const options = [
    { value: NOT_IMPORTED, label: t('exchange.notImported') },
    ...IMPORT_FIELDS.map((field) => ({ value: field, label: t(`exchange.fields.${field}`) })),
  ]
  const columns = preview.headers.map((header, index) => {
    const field = fieldOfColumn(index)
    return {
      key: String(index),
      width: 170,
      title: (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Select<ImportField | typeof NOT_IMPORTED>
            size="small"
            value={field ?? NOT_IMPORTED}
            options={options}
            onChange={(value) => onChange(index, value)}
            style={{ width: '100%' }}
            status={field ? undefined : 'warning'}
            aria-label={t('exchange.steps.mapping') + ' ' + (header || String(index + 1))}
            data-testid={`map-column-${index}`}
            popupMatchSelectWidth={false}
          />
          <Typography.Text type="secondary" ellipsis={{ tooltip: header }} style={{ fontWeight: 'normal', fontSize: 12 }}>
            {header || '—'}
          </Typography.Text>
        </Space>
      ),
      render: (_: unknown, row: string[]) => (
        <Typography.Text ellipsis={{ tooltip: row[index] }} type={field ? undefined : 'secondary'} style={{ maxWidth: 150 }}>
          {row[index]}
        </Typography.Text>
      ),
    }
  })
  const format = preview.format === 'csv' ? `CSV · ${t(`exchange.encodings.${preview.encoding}`, { defaultValue: preview.encoding })}` : `Excel${preview.sheetName ? ` · ${t('exchange.sheet', { name: preview.sheetName })}` : ''}`
  return (
    <>
      <Flex justify="space-between" align="baseline" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('exchange.mappingHint')}</Typography.Text>
        <Tag data-testid="import-file-info">{t('exchange.fileInfo', { file: preview.fileName, format })}</Tag>
      </Flex>
      {nameMissing && <Alert type="warning" showIcon message={t('exchange.nameRequired')} style={{ marginBottom: 8 }} />}
      <Table<string[]>
        size="small"
        bordered
        rowKey={(_, index) => String(index)}
        columns={columns}
        dataSource={preview.sampleRows}
        pagination={false}
        scroll={{ x: preview.headers.length * 170 }}
        data-testid="import-preview"
      />
    </>
  )
}

function CheckStep({
  report,
  decisions,
  onDecide,
}: {
  report: EnterpriseImportReport
  decisions: Record<string, DuplicateDecision>
  onDecide: (row: number, decision: DuplicateDecision) => void
}) {
  const { t } = useTranslation()
  const fieldLabel = (path: string) => (IMPORT_FIELDS as readonly string[]).includes(path) ? t(`exchange.fields.${path}`) : path
  const duplicateColumns = [
    { key: 'row', title: t('exchange.duplicateColumns.row'), dataIndex: 'row', width: 64 },
    { key: 'name', title: t('exchange.duplicateColumns.inFile'), dataIndex: 'name', ellipsis: true },
    {
      key: 'target',
      title: t('exchange.duplicateColumns.matches'),
      ellipsis: true,
      render: (_: unknown, d: DuplicateRow) => (
        <Space size={4}>
          <Tag>{d.target.kind === 'existing' ? t('exchange.existing') : t('exchange.fileRow', { row: d.target.row })}</Tag>
          {d.target.name}
        </Space>
      ),
    },
    { key: 'by', title: t('exchange.duplicateColumns.by'), width: 120, render: (_: unknown, d: DuplicateRow) => t(`exchange.matchedBy.${d.matchedBy}`) },
    {
      key: 'decision',
      title: t('exchange.duplicateColumns.decision'),
      width: 200,
      render: (_: unknown, d: DuplicateRow) => (
        <Select<DuplicateDecision>
          size="small"
          value={decisions[String(d.row)] ?? d.decision}
          onChange={(value) => onDecide(d.row, value)}
          options={DUPLICATE_DECISIONS.map((value) => ({ value, label: t(`exchange.decisions.${value}`) }))}
          style={{ width: '100%' }}
          aria-label={`${t('exchange.duplicateColumns.decision')} ${d.row}`}
          data-testid={`decision-${d.row}`}
        />
      ),
    },
    {
      key: 'changes',
      title: t('exchange.duplicateColumns.changes'),
      ellipsis: true,
      render: (_: unknown, d: DuplicateRow) =>
        d.changedFields.length === 0 ? <Typography.Text type="secondary">{t('exchange.noChanges')}</Typography.Text> : d.changedFields.map(fieldLabel).join(t('exchange.listJoin')),
    },
  ]
  const refusedColumns = [
    { key: 'row', title: t('exchange.refusedColumns.row'), dataIndex: 'row', width: 64 },
    { key: 'name', title: t('exchange.refusedColumns.name'), dataIndex: 'name', width: 220, ellipsis: true },
    {
      key: 'reasons',
      title: t('exchange.refusedColumns.reasons'),
      render: (_: unknown, r: RefusedRow) =>
        r.errors
          .map((e) => t('exchange.fieldError', { field: fieldLabel(e.path), message: t(`validation.${e.key}`, { ...e.params, defaultValue: t('validation.invalid') }) }))
          .join(t('exchange.reasonsJoin')),
    },
  ]
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type={report.created + report.merged > 0 ? 'info' : 'warning'}
        showIcon
        message={report.created + report.merged > 0 ? t('exchange.checkedTitle') : t('exchange.nothingToImport')}
        description={report.created + report.merged > 0 ? t('exchange.checkedHint') : undefined}
      />
      <Flex gap={40} wrap data-testid="import-summary">
        <Statistic title={t('exchange.summary.rows')} value={report.rows} />
        <Statistic title={t('exchange.summary.create')} value={report.created} valueStyle={{ color: '#1f6f5c' }} />
        <Statistic title={t('exchange.summary.merge')} value={report.merged} />
        <Statistic title={t('exchange.summary.skip')} value={report.skipped} />
        <Statistic title={t('exchange.summary.refused')} value={report.refused} valueStyle={report.refused > 0 ? { color: '#cf1322' } : undefined} />
      </Flex>
      {report.contactsCreated > 0 && <Typography.Text type="secondary">{t('exchange.summary.contacts', { count: report.contactsCreated })}</Typography.Text>}
      {report.duplicateCount > 0 && (
        <div>
          <Typography.Title level={5}>{t('exchange.duplicatesTitle', { count: report.duplicateCount })}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('exchange.duplicatesHint')}</Typography.Paragraph>
          <Table<DuplicateRow> size="small" rowKey="row" columns={duplicateColumns} dataSource={report.duplicates} pagination={{ pageSize: 8, hideOnSinglePage: true }} data-testid="import-duplicates" />
          {report.duplicateCount > REPORT_LIST_LIMIT && <Typography.Text type="secondary">{t('exchange.listCapped', { count: REPORT_LIST_LIMIT })}</Typography.Text>}
        </div>
      )}
      {report.refused > 0 && (
        <div>
          <Typography.Title level={5}>{t('exchange.refusedTitle', { count: report.refused })}</Typography.Title>
          <Table<RefusedRow> size="small" rowKey="row" columns={refusedColumns} dataSource={report.refusedRows} pagination={{ pageSize: 8, hideOnSinglePage: true }} data-testid="import-refused" />
          {report.refused > REPORT_LIST_LIMIT && <Typography.Text type="secondary">{t('exchange.listCapped', { count: REPORT_LIST_LIMIT })}</Typography.Text>}
        </div>
      )}
    </Space>
  )
}
