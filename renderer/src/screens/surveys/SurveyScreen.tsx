import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function SurveyScreen() {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('surveys.title')}</Typography.Text>
}
