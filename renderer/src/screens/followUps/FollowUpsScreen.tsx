import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ActionList } from './ActionList'

/** Every follow-up across trips: what the secretariat checks for months after a trip. */
export function FollowUpsScreen() {
  const { t } = useTranslation()
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('followUps.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('followUps.intro')}</Typography.Paragraph>
      <ActionList />
    </>
  )
}
