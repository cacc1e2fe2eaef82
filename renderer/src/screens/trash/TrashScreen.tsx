import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function TrashScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('trash.title')}</Typography.Text>
}
