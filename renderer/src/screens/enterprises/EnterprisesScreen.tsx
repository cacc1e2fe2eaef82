import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function EnterprisesScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('enterprises.title')}</Typography.Text>
}
