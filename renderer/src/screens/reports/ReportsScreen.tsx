import { FolderOpenOutlined } from '@ant-design/icons'
import { App, Button, Card, Empty, Space, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { REPORT_KINDS, type ExportRecord, type ReportKind } from '../../../../shared/procedures/reports'
import { useProcedure } from '../../api/queries'
import { useErrorText, useRecords } from '../../api/records'
import { EXPORT_HISTORY_KEY, ReportExportForm, showExportInFolder } from './ReportExportForm'

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Pick a document, its scope, layout and language; export it to a file the user chooses; see past exports. */
export function ReportsScreen() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const trips = useRecords('trip', {})
  const history = useProcedure('report.history', {}, EXPORT_HISTORY_KEY)
  const showInFolder = (id: string) => void showExportInFolder(id, (error) => void message.error(errorText(error)))

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {t('reports.title')}
      </Typography.Title>
      <Card title={t('reports.exportCard')} loading={trips.isPending}>
        {trips.data && trips.data.length === 0 ? <Empty description={t('reports.noTrips')} /> : <ReportExportForm kinds={REPORT_KINDS} />}
      </Card>
      <Card title={t('reports.history')} styles={{ body: { padding: 0 } }}>
        <Table<ExportRecord>
          rowKey="id"
          loading={history.isPending}
          dataSource={history.data ?? []}
          pagination={false}
          tableLayout="fixed"
          locale={{ emptyText: t('reports.historyEmpty') }}
          data-testid="export-history"
          columns={[
            { title: t('reports.columns.title'), dataIndex: 'fileName', ellipsis: { showTitle: true } },
            { title: t('reports.columns.kind'), dataIndex: 'kind', width: 170, render: (k: ReportKind) => t(`reports.kinds.${k}`) },
            { title: t('reports.columns.size'), dataIndex: 'bytes', width: 90, render: size },
            { title: t('reports.columns.time'), dataIndex: 'createdAt', width: 150, render: (time: string) => dayjs(time).format('YYYY-MM-DD HH:mm') },
            {
              key: 'open',
              width: 56,
              render: (_, record) => (
                <Button size="small" type="text" icon={<FolderOpenOutlined />} onClick={() => showInFolder(record.id)} aria-label={t('reports.showInFolder')} />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  )
}
