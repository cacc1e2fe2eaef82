import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function VisitList(_props: { tripId: string }) {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('visits.title')}</Typography.Text>
}
