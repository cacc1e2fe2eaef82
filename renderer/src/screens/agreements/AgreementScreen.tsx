import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function AgreementScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('agreements.title')}</Typography.Text>
}
