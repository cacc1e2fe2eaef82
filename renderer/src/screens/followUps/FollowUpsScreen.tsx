import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function FollowUpsScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('followUps.title')}</Typography.Text>
}
