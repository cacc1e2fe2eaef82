import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function VisitScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('visits.title')}</Typography.Text>
}
