import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  LoadingOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { Button, Space, Tooltip } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { isSyncing, useSyncStatus } from './api'
import { syncState } from './labels'

/**
 * The header's glance at sync, shown once this laptop is in a team: syncing, offline, failed, conflicts to review
 * or changes still waiting. Clicking opens the Sync screen.
 */
export function SyncIndicator() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data: status } = useSyncStatus()
  if (!status?.joined) return null

  const parts: { key: string; icon: ReactNode; text: string; color?: string }[] = []
  if (isSyncing(status)) parts.push({ key: 'syncing', icon: <LoadingOutlined />, text: t('sync.indicator.syncing') })
  else if (status.phase === 'offline') parts.push({ key: 'offline', icon: <DisconnectOutlined />, text: t('sync.indicator.offline'), color: '#d46b08' })
  else if (status.phase === 'error' && !status.clockAhead) parts.push({ key: 'error', icon: <ExclamationCircleOutlined />, text: t('sync.indicator.error'), color: '#cf1322' })
  if (status.openConflicts > 0) {
    parts.push({ key: 'conflicts', icon: <WarningOutlined />, text: t('sync.indicator.conflicts', { count: status.openConflicts }), color: '#d46b08' })
  }
  if (status.clockAhead && !isSyncing(status)) {
    parts.push({ key: 'clockAhead', icon: <FieldTimeOutlined />, text: t('sync.indicator.clockAhead'), color: '#cf1322' })
  }
  if (status.readOnly && !isSyncing(status)) parts.push({ key: 'readOnly', icon: <EyeOutlined />, text: t('sync.indicator.readOnly') })
  else if (status.pendingChanges > 0 && !isSyncing(status)) {
    parts.push({ key: 'waiting', icon: <CloudUploadOutlined />, text: t('sync.indicator.waiting', { count: status.pendingChanges }) })
  }
  // "Synced" only when it is true: never before the first sync, nor while anything waits.
  const state = syncState(status)
  if (parts.length === 0 && state === 'neverSynced') parts.push({ key: 'never', icon: <ClockCircleOutlined />, text: t('sync.indicator.neverSynced') })
  if (parts.length === 0 && state === 'upToDate') parts.push({ key: 'synced', icon: <CheckCircleOutlined />, text: t('sync.indicator.synced'), color: '#1f6f5c' })

  return (
    <Tooltip title={`${status.teamName} · ${t(`sync.phase.${status.phase}`)}`}>
      <Button type="text" size="small" onClick={() => void navigate('/sync')} data-testid="sync-indicator">
        <Space size={12}>
          {parts.map((part) => (
            <span key={part.key} style={{ color: part.color }} data-part={part.key}>
              {part.icon} {part.text}
            </span>
          ))}
        </Space>
      </Button>
    </Tooltip>
  )
}
