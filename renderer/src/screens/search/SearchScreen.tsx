import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function SearchScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('search.title')}</Typography.Text>
}
