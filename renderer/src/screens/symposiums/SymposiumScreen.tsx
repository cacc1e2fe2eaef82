import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function SymposiumScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('symposiums.title')}</Typography.Text>
}
