import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export function AttachmentPanel(_props: { ownerKind: 'trip' | 'enterprise' | 'visit' | 'symposium' | 'agreement' | 'survey'; ownerId: string }) {
  const { t } = useTranslation()
  return <Typography.Text type="secondary">{t('attachments.title')}</Typography.Text>
}
