import { useQueryClient } from '@tanstack/react-query'
import { CloudUploadOutlined, FolderOpenOutlined, HistoryOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Empty, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupSchedule, BackupSummary, StoredBackup } from '../../../../shared/procedures/backup'
import { BACKUP_REFUSALS } from '../../../../shared/procedures/backup'
import { ApiError, invoke } from '../../api/client'
import { queryKeys, useProcedure } from '../../api/queries'
import { useErrorText } from '../../api/records'

const LIST_KEY = [...queryKeys.appInfo, 'backups']
const SCHEDULE_KEY = [...queryKeys.appInfo, 'backupSchedule']
const KIND_COLORS = { auto: 'blue', safety: 'orange', other: 'default' } as const

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm')

/** Settings → backup and restore: back up now, restore from a file or a recent backup, the automatic schedule. */
export function BackupPanel() {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const errorText = useErrorText()
  const client = useQueryClient()
  const list = useProcedure('backup.list', {}, LIST_KEY)
  const schedule = useProcedure('backup.getSchedule', {}, SCHEDULE_KEY)
  const [busy, setBusy] = useState<'backup' | 'check' | null>(null)

  /** A refused file says why, in the user's language: the code's sentence and the reason's. */
  function showFailure(error: unknown) {
    const reason = error instanceof ApiError ? error.details?.['reason'] : undefined
    const known = typeof reason === 'string' && (BACKUP_REFUSALS as readonly string[]).includes(reason)
    if (error instanceof ApiError && (error.code === 'BACKUP_INVALID' || error.code === 'BACKUP_NEWER_VERSION')) {
      modal.error({
        title: t('backup.failedTitle'),
        content: (
          <Space direction="vertical">
            {known && <Typography.Text strong>{t(`backup.reasons.${reason}`)}</Typography.Text>}
            <Typography.Text>{errorText(error)}</Typography.Text>
          </Space>
        ),
      })
    } else void message.error(errorText(error))
  }

  async function backUpNow() {
    setBusy('backup')
    try {
      const created = await invoke('backup.create', { language: i18n.language.startsWith('zh') ? 'zh' : 'en' })
      if (created) void message.success(t('backup.backedUp', { file: created.filePath, size: formatSize(created.bytes) }))
      void client.invalidateQueries({ queryKey: LIST_KEY })
    } catch (error) {
      showFailure(error)
    } finally {
      setBusy(null)
    }
  }

  async function chooseBackup(name?: string) {
    setBusy('check')
    let summary: BackupSummary | null
    try {
      summary = await invoke('backup.inspect', name === undefined ? {} : { name })
    } catch (error) {
      showFailure(error)
      return
    } finally {
      setBusy(null)
    }
    if (summary) confirmRestore(summary)
  }

  function confirmRestore(summary: BackupSummary) {
    modal.confirm({
      title: t('backup.confirm.title'),
      width: 560,
      okText: t('backup.confirm.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('backup.confirm.file')}>{summary.fileName}</Descriptions.Item>
            <Descriptions.Item label={t('backup.confirm.madeAt')}>{formatTime(summary.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('backup.confirm.version')}>{summary.appVersion}</Descriptions.Item>
            <Descriptions.Item label={t('backup.confirm.trips')}>{summary.trips}</Descriptions.Item>
            <Descriptions.Item label={t('backup.confirm.enterprises')}>{summary.enterprises}</Descriptions.Item>
            <Descriptions.Item label={t('backup.confirm.records')}>{summary.records}</Descriptions.Item>
            <Descriptions.Item label={t('backup.confirm.attachments')}>{summary.attachments}</Descriptions.Item>
          </Descriptions>
          {summary.skippedAttachments > 0 && <Alert type="warning" showIcon message={t('backup.confirm.skipped', { count: summary.skippedAttachments })} />}
          <Alert
            type="warning"
            showIcon
            message={t('backup.confirm.replaces')}
            description={
              <Space direction="vertical" size={4}>
                <span>{t('backup.confirm.safety')}</span>
                <span>{t('backup.confirm.sync')}</span>
              </Space>
            }
          />
        </Space>
      ),
      onOk: async () => {
        try {
          const result = await invoke('backup.restore', { token: summary.token })
          // Every screen shows restored data: nothing cached from before may survive.
          await client.invalidateQueries()
          void message.success({ content: t('backup.restored', { time: formatTime(result.restored.createdAt), safety: result.safetyCopy }), duration: 8 })
        } catch (error) {
          showFailure(error)
        }
      },
    })
  }

  async function updateSchedule(patch: Partial<BackupSchedule>) {
    try {
      client.setQueryData(SCHEDULE_KEY, await invoke('backup.setSchedule', patch))
      void client.invalidateQueries({ queryKey: LIST_KEY })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  async function showInFolder(name?: string) {
    try {
      await invoke('backup.showInFolder', name === undefined ? {} : { name })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  const backups = list.data?.backups ?? []
  const lastError = list.data?.lastAutoError
  return (
    <Card title={t('backup.title')} data-testid="backup-panel">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('backup.intro')}</Typography.Text>
        <Space wrap>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'backup'} disabled={busy !== null} onClick={() => void backUpNow()}>
            {busy === 'backup' ? t('backup.backingUp') : t('backup.backUpNow')}
          </Button>
          <Button icon={<HistoryOutlined />} loading={busy === 'check'} disabled={busy !== null} onClick={() => void chooseBackup()}>
            {busy === 'check' ? t('backup.checking') : t('backup.restoreFrom')}
          </Button>
        </Space>

        <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
          {t('backup.auto.title')}
        </Typography.Title>
        {schedule.data && (
          <Space wrap align="center">
            <Switch
              checked={schedule.data.enabled}
              aria-label={t('backup.auto.enabled')}
              onChange={(enabled) => void updateSchedule({ enabled })}
            />
            <Typography.Text>{t('backup.auto.enabled')}</Typography.Text>
            <Select
              aria-label={t('backup.auto.frequency')}
              value={schedule.data.frequency}
              disabled={!schedule.data.enabled}
              style={{ width: 120 }}
              options={[
                { value: 'daily', label: t('backup.auto.daily') },
                { value: 'weekly', label: t('backup.auto.weekly') },
              ]}
              onChange={(frequency) => void updateSchedule({ frequency })}
            />
            <Typography.Text>{t('backup.auto.keep')}</Typography.Text>
            <InputNumber
              aria-label={t('backup.auto.keep')}
              min={1}
              max={100}
              precision={0}
              value={schedule.data.keep}
              disabled={!schedule.data.enabled}
              style={{ width: 80 }}
              // Saved once the number is whole and in range; a half-typed value is not.
              onChange={(keep) => {
                if (typeof keep === 'number' && Number.isInteger(keep) && keep >= 1 && keep <= 100) void updateSchedule({ keep })
              }}
            />
            <Typography.Text>{t('backup.auto.copies')}</Typography.Text>
          </Space>
        )}
        <Space wrap>
          <Typography.Text type="secondary">{t('backup.auto.where')}</Typography.Text>
          <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void showInFolder()}>
            {t('backup.auto.openFolder')}
          </Button>
        </Space>
        {lastError && <Alert type="error" showIcon message={t('backup.auto.failed', { time: formatTime(lastError.at), error: errorText(new ApiError({ code: lastError.code as never, message: lastError.message })) })} />}

        <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
          {t('backup.recent.title')}
        </Typography.Title>
        <Table<StoredBackup>
          size="small"
          rowKey="name"
          loading={list.isPending}
          dataSource={backups}
          pagination={backups.length > 10 ? { pageSize: 10, size: 'small' } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space direction="vertical" size={2}><span>{t('backup.recent.empty')}</span><Typography.Text type="secondary">{t('backup.recent.emptyHint')}</Typography.Text></Space>} /> }}
          columns={[
            { title: t('backup.recent.time'), dataIndex: 'createdAt', render: (iso: string) => formatTime(iso), width: 150 },
            { title: t('backup.recent.kind'), dataIndex: 'kind', render: (kind: StoredBackup['kind']) => <Tag color={KIND_COLORS[kind]}>{t(`backup.recent.kinds.${kind}`)}</Tag> },
            { title: t('backup.recent.size'), dataIndex: 'bytes', render: (bytes: number) => formatSize(bytes), width: 90 },
            {
              title: t('backup.recent.actions'),
              key: 'actions',
              render: (_: unknown, backup: StoredBackup) => (
                <Space size={0}>
                  <Button type="link" size="small" disabled={busy !== null} onClick={() => void chooseBackup(backup.name)}>
                    {t('backup.recent.restore')}
                  </Button>
                  <Button type="link" size="small" onClick={() => void showInFolder(backup.name)}>
                    {t('backup.recent.show')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  )
}
