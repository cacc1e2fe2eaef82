import { Alert, Button, Card, Skeleton, Space, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '../../../../shared/procedures/sync'
import { useErrorText } from '../../api/records'
import { SYNC_STATUS_KEY, useSyncStatus } from './api'
import { ConflictList } from './ConflictList'
import { JoinForm } from './JoinForm'
import { SyncStatusPanel } from './SyncStatusPanel'

/** Sync (/sync): join a team, or see how this laptop's sync is doing; below, the conflicts to review. */
export function SyncScreen() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const client = useQueryClient()
  const status = useSyncStatus()
  const setStatus = (next: SyncStatus) => client.setQueryData(SYNC_STATUS_KEY, next)

  let body
  if (status.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        title={errorText(status.error)}
        action={
          <Button size="small" onClick={() => void status.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    )
  } else if (!status.data) {
    body = (
      <Card>
        <Skeleton active />
      </Card>
    )
  } else if (!status.data.joined) {
    body = (
      <>
        <JoinForm onJoined={setStatus} />
        {/* Conflicts found before leaving a team can still be settled. */}
        {status.data.openConflicts > 0 && <ConflictList thisDevice={status.data.deviceName} />}
      </>
    )
  } else {
    body = (
      <>
        <SyncStatusPanel
          status={status.data}
          onShowConflicts={() => document.getElementById('conflicts')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
        />
        <ConflictList thisDevice={status.data.deviceName} />
      </>
    )
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {t('sync.title')}
      </Typography.Title>
      {body}
    </Space>
  )
}
