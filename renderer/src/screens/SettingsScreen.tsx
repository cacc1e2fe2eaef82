import { Card, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../layout/LanguageSwitch'
import { CollegeProfileCard } from './reports/CollegeProfileCard'
import { AboutCard } from '../shell/AboutCard'
import { BackupPanel } from './settings/BackupPanel'

export function SettingsScreen() {
  const { t } = useTranslation()
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
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
      <AboutCard />
    </Space>
  )
}
