import { Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../exchange/ExportMenu'
import { ActionList } from './ActionList'

/** Every follow-up across trips: what the secretariat checks for months after a trip. */
export function FollowUpsScreen() {
  const { t } = useTranslation()
  return (
    <>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ marginTop: 0 }}>
          {t('followUps.title')}
        </Typography.Title>
        <ExportMenu kinds={['actions']} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('followUps.intro')}</Typography.Paragraph>
      <ActionList />
    </>
  )
}
