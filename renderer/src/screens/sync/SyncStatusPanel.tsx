import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloudSyncOutlined,
  CloudUploadOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  LoadingOutlined,
  LogoutOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Progress, Row, Space, Statistic, Switch, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '../../../../shared/procedures/sync'
import { useErrorText } from '../../api/records'
import { invokeSync, isSyncing, SYNC_STATUS_KEY } from './api'
import { driftText, durationText, relativeAndAbsolute, syncState, type SyncState } from './labels'

/** What is true of this device's sync, in words, with an icon a glance can read (labels.ts `syncState`). */
export function PhaseText({ status }: { status: SyncStatus }) {
  const { t } = useTranslation()
  const state = syncState(status)
  const icons: Record<SyncState, ReactNode> = {
    syncing: <LoadingOutlined />,
    offline: <DisconnectOutlined />,
    clockAhead: <FieldTimeOutlined />,
    error: <ExclamationCircleOutlined />,
    conflicts: <WarningOutlined />,
    readOnly: <EyeOutlined />,
    waiting: <CloudUploadOutlined />,
    neverSynced: <ClockCircleOutlined />,
    upToDate: <CheckCircleOutlined />,
  }
  const types: Partial<Record<SyncState, 'danger' | 'warning' | 'success' | 'secondary'>> = {
    offline: 'warning',
    clockAhead: 'danger',
    error: 'danger',
    conflicts: 'warning',
    readOnly: 'secondary',
    neverSynced: 'secondary',
    upToDate: 'success',
  }
  const text =
    state === 'syncing'
      ? t(`sync.phase.${status.phase}`)
      : state === 'conflicts'
        ? t('sync.state.conflicts', { count: status.openConflicts })
        : state === 'waiting'
          ? t('sync.state.waiting', { count: status.pendingChanges + status.pendingBlobs })
          : t(`sync.state.${state}`)
  return (
    <Typography.Text type={types[state]} data-testid="sync-phase" data-phase={status.phase} data-state={state}>
      {icons[state]} {text}
    </Typography.Text>
  )
}

/**
 * The server refused this device's changes because its clock runs ahead: which machine is wrong (this one), by
 * how much in days and hours, and how to set it right. The changes wait here meanwhile.
 */
function ClockAheadAlert({ status }: { status: SyncStatus }) {
  const { t } = useTranslation()
  const ahead = status.clockAhead
  if (!ahead) return null
  const amount = driftText(t, ahead.aheadMs)
  return (
    <Alert
      type="error"
      showIcon
      icon={<FieldTimeOutlined />}
      data-testid="sync-clock-ahead"
      title={t('sync.status.clockAheadTitle', { amount })}
      description={
        <Space orientation="vertical" size={4}>
          <span>{t('sync.status.clockAheadWhich', { device: status.deviceName, server: dayjs(ahead.serverTime).format('YYYY-MM-DD HH:mm'), amount })}</span>
          <span>{t('sync.status.clockAheadFix')}</span>
        </Space>
      }
    />
  )
}

/**
 * Joined: where this laptop syncs to, what is still waiting, what is happening now, and the last error in plain
 * words with what to do about it.
 */
export function SyncStatusPanel({ status, onShowConflicts }: { status: SyncStatus; onShowConflicts: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const client = useQueryClient()
  const [starting, setStarting] = useState(false)
  const [switching, setSwitching] = useState(false)
  const syncing = isSyncing(status)
  const last = status.lastSyncedAt ? relativeAndAbsolute(status.lastSyncedAt) : undefined
  const setStatus = (next: SyncStatus) => client.setQueryData(SYNC_STATUS_KEY, next)

  async function syncNow() {
    setStarting(true)
    try {
      const summary = await invokeSync('sync.now', {})
      if (summary.conflicts > 0) void message.warning(t('sync.status.syncedConflicts', { count: summary.conflicts }))
      else void message.success(t('sync.status.synced', { pushed: summary.pushed, pulled: summary.pulled }))
    } catch {
      // The status carries the error (shown below, with what to do); a toast would only repeat it.
    } finally {
      setStarting(false)
      void client.invalidateQueries({ queryKey: SYNC_STATUS_KEY })
    }
  }

  async function setAuto(autoSync: boolean) {
    setSwitching(true)
    try {
      setStatus(await invokeSync('sync.setAuto', { autoSync }))
    } catch (error) {
      void message.error(errorText(error))
    } finally {
      setSwitching(false)
    }
  }

  async function leave() {
    try {
      setStatus(await invokeSync('sync.leave', {}))
      void message.success(t('sync.status.left'))
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  const error = status.lastError
  const failedAt = error ? relativeAndAbsolute(error.at) : undefined
  const progress = status.progress && status.progress.total > 0 ? Math.min(100, Math.round((status.progress.done / status.progress.total) * 100)) : undefined

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ClockAheadAlert status={status} />
      {status.readOnly && (
        <Alert
          type="info"
          showIcon
          icon={<EyeOutlined />}
          data-testid="sync-read-only"
          title={t('sync.status.readOnlyTitle')}
          description={t('sync.status.readOnlyHint', { pending: status.pendingChanges })}
        />
      )}
      {error && !(status.clockAhead && error.code === 'SYNC_CLOCK_AHEAD') && (
        <Alert
          type={error.code === 'SYNC_UNREACHABLE' ? 'warning' : 'error'}
          showIcon
          data-testid="sync-error"
          title={t(`errors.${error.code}`)}
          description={failedAt && <Tooltip title={failedAt.absolute}>{t('sync.status.failedAt', { time: failedAt.relative })}</Tooltip>}
          action={
            error.code === 'SYNC_REVOKED' || error.code === 'SYNC_NOT_JOINED' ? (
              <Button size="small" onClick={() => void leave()}>
                {t('sync.status.rejoin')}
              </Button>
            ) : undefined
          }
        />
      )}
      {status.clockDriftMs !== undefined && (
        <Alert
          type="info"
          showIcon
          data-testid="sync-clock-drift"
          title={t('sync.status.clockDriftTitle', { amount: durationText(status.clockDriftMs) })}
          description={t('sync.status.clockDrift')}
        />
      )}
      <Card
        title={
          <Space>
            <CloudSyncOutlined />
            {t('sync.status.title')}
          </Space>
        }
        extra={
          <Space size={12} wrap>
            <Popconfirm
              title={t('sync.status.leaveConfirm')}
              description={<div style={{ maxWidth: 320 }}>{t('sync.status.leaveHint')}</div>}
              okText={t('sync.status.leave')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => leave()}
            >
              <Button icon={<LogoutOutlined />} disabled={syncing}>
                {t('sync.status.leave')}
              </Button>
            </Popconfirm>
            <Button type="primary" icon={<CloudSyncOutlined />} loading={starting || syncing} onClick={() => void syncNow()} data-testid="sync-now">
              {t('sync.status.syncNow')}
            </Button>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="sync-details">
          <Descriptions.Item label={t('sync.status.server')}>
            <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
              {status.serverUrl}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.status.team')}>{status.teamName}</Descriptions.Item>
          <Descriptions.Item label={t('sync.status.device')}>{status.deviceName}</Descriptions.Item>
          <Descriptions.Item label={t('sync.status.lastSynced')}>
            {last ? (
              <Tooltip title={last.absolute}>
                <span data-testid="sync-last">{last.relative}</span>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary" data-testid="sync-last">
                {t('sync.status.never')}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.status.autoSync')}>
            <Space>
              <Switch checked={status.autoSync} loading={switching} onChange={(on) => void setAuto(on)} aria-label={t('sync.status.autoSync')} />
              <Typography.Text type="secondary">{t('sync.status.autoSyncHint')}</Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.status.now')}>
            <PhaseText status={status} />
          </Descriptions.Item>
        </Descriptions>
        {syncing && (
          <Progress
            percent={progress ?? 100}
            status="active"
            strokeColor="#1f6f5c"
            showInfo={progress !== undefined}
            style={{ marginTop: 8 }}
            data-testid="sync-progress"
            aria-label={t(`sync.phase.${status.phase}`)}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('sync.status.pendingChanges')} value={status.pendingChanges} data-testid="stat-pendingChanges" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('sync.status.pendingBlobs')} value={status.pendingBlobs} data-testid="stat-pendingBlobs" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('sync.status.missingBlobs')} value={status.missingBlobs} data-testid="stat-missingBlobs" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Flex justify="space-between" align="end">
              <Statistic
                title={t('sync.status.conflicts')}
                value={status.openConflicts}
                data-testid="stat-openConflicts"
                styles={status.openConflicts > 0 ? { content: { color: '#d46b08' } } : undefined}
              />
              {status.openConflicts > 0 && (
                <Button type="link" size="small" onClick={onShowConflicts}>
                  {t('sync.status.viewConflicts')}
                </Button>
              )}
            </Flex>
          </Card>
        </Col>
      </Row>
    </Space>
  )
}
