import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function SymposiumList(_props: { tripId: string }) {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('symposiums.title')}</Typography.Text>
}
