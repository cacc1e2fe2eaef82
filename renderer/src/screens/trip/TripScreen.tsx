import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function TripScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('tripDetail.title')}</Typography.Text>
}
