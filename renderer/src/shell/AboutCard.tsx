import { FileZipOutlined } from '@ant-design/icons'
import { App, Button, Card, Descriptions, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { invoke } from '../api/client'
import { queryKeys, useProcedure } from '../api/queries'
import { useErrorText } from '../api/records'
import { formatSize } from '../screens/settings/BackupPanel'
import { UpdatePanel } from './UpdatePanel'

/** Settings → About: the version and data folder, and the diagnostics a support request needs. */
export function AboutCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const info = useProcedure('app.info', {}, queryKeys.appInfo)
  const [exporting, setExporting] = useState(false)

  async function exportDiagnostics() {
    setExporting(true)
    try {
      const saved = await invoke('app.exportDiagnostics', {})
      if (saved) void message.success(t('shell.diagnosticsSaved', { file: saved.filePath, size: formatSize(saved.bytes) }))
    } catch (error) {
      void message.error(errorText(error))
    } finally {
      setExporting(false)
    }
  }

  return (
    <Card title={t('settings.about')} loading={info.isPending}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {info.data && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('settings.version')}>{info.data.version}</Descriptions.Item>
            <Descriptions.Item label={t('settings.dataDir')}>
              <Typography.Text copyable>{info.data.dataDir}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.schemaVersion')}>{info.data.schemaVersion}</Descriptions.Item>
          </Descriptions>
        )}
        <Space direction="vertical" size={4}>
          <Button icon={<FileZipOutlined />} loading={exporting} onClick={() => void exportDiagnostics()}>
            {t('shell.diagnostics')}
          </Button>
          <Typography.Text type="secondary">{t('shell.diagnosticsHint')}</Typography.Text>
        </Space>
        <UpdatePanel />
      </Space>
    </Card>
  )
}
