import { Card, Empty, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export type PlaceholderSection = 'sync'

/** A section whose screen is still to come: says what will live here rather than showing nothing. */
export function PlaceholderScreen({ section }: { section: PlaceholderSection }) {
  const { t } = useTranslation()
  return (
    <>
      <Typography.Title level={1}>{t(`nav.${section}`)}</Typography.Title>
      <Card>
        <Empty description={t('placeholder.soon')}>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 480, margin: '0 auto' }}>
            {t(`placeholder.${section}`)}
          </Typography.Paragraph>
        </Empty>
      </Card>
    </>
  )
}
