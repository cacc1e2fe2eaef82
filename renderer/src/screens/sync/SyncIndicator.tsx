import { CheckCircleOutlined, CloudUploadOutlined, DisconnectOutlined, ExclamationCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons'
import { Button, Space, Tooltip } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { isSyncing, useSyncStatus } from './api'

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
  else if (status.phase === 'error') parts.push({ key: 'error', icon: <ExclamationCircleOutlined />, text: t('sync.indicator.error'), color: '#cf1322' })
  if (status.openConflicts > 0) {
    parts.push({ key: 'conflicts', icon: <WarningOutlined />, text: t('sync.indicator.conflicts', { count: status.openConflicts }), color: '#d46b08' })
  }
  if (status.pendingChanges > 0 && !isSyncing(status)) {
    parts.push({ key: 'waiting', icon: <CloudUploadOutlined />, text: t('sync.indicator.waiting', { count: status.pendingChanges }) })
  }
  if (parts.length === 0) parts.push({ key: 'synced', icon: <CheckCircleOutlined />, text: t('sync.indicator.synced'), color: '#1f6f5c' })

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
