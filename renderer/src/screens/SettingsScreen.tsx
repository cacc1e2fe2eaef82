import { Card, Descriptions, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { queryKeys, useProcedure } from '../api/queries'
import { LanguageSwitch } from '../layout/LanguageSwitch'
import { CollegeProfileCard } from './reports/CollegeProfileCard'
import { BackupPanel } from './settings/BackupPanel'

export function SettingsScreen() {
  const { t } = useTranslation()
  const info = useProcedure('app.info', {}, queryKeys.appInfo)
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      <Card title={t('settings.language')}>
        <Space direction="vertical">
          <LanguageSwitch />
          <Typography.Text type="secondary">{t('settings.languageHint')}</Typography.Text>
        </Space>
      </Card>
      <CollegeProfileCard />
      <BackupPanel />
      <Card title={t('settings.about')} loading={info.isPending}>
        {info.data && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('settings.version')}>{info.data.version}</Descriptions.Item>
            <Descriptions.Item label={t('settings.dataDir')}>
              <Typography.Text copyable>{info.data.dataDir}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.schemaVersion')}>{info.data.schemaVersion}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </Space>
  )
}
