import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function AgreementList(_props: { tripId?: string; enterpriseId?: string }) {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('agreements.title')}</Typography.Text>
}
