import { CheckOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd'
import { useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Conflict } from '../../../../shared/procedures/sync'
import { RECORD_TABLES, type RecordKind } from '../../../../shared/procedures/records'
import { useErrorText, useRecord } from '../../api/records'
import { recordPath, type RecordLocation } from '../../routes'
import { CONFLICTS_KEY, invokeSync, SYNC_STATUS_KEY, useConflicts } from './api'
import { ConflictResolveDialog, listItems } from './ConflictResolveDialog'
import { fieldLabel, formatValue, kindLabel, relativeAndAbsolute } from './labels'
import { columnKind } from '../../../../shared/tables'

/** Kinds whose screen is found from the record itself; the others need the record they belong to. */
const OWN_SCREEN = new Set(['trip', 'enterprise', 'visit', 'symposium', 'agreement', 'survey'])

const isRecordKind = (kind: string): kind is RecordKind => Object.hasOwn(RECORD_TABLES, kind)

/** Where a conflicting record is shown: child rows (a remark, a stop) open their parent's screen. */
function useRecordLocation(kind: string, id: string): RecordLocation | undefined {
  const needsParent = !OWN_SCREEN.has(kind) && isRecordKind(kind)
  const record = useRecord(isRecordKind(kind) ? kind : 'trip', needsParent ? id : undefined)
  if (OWN_SCREEN.has(kind)) return { kind, id }
  const data = record.data as Record<string, unknown> | undefined
  if (!data) return undefined
  const text = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : undefined)
  return {
    kind,
    id,
    tripId: text('tripId'),
    enterpriseId: text('enterpriseId'),
    parentId: text('visitId') ?? text('symposiumId') ?? text('surveyId') ?? text('enterpriseId'),
  }
}

function RecordTitle({ conflict }: { conflict: Conflict }) {
  const { t, i18n } = useTranslation()
  const location = useRecordLocation(conflict.kind, conflict.rowId)
  const title = conflict.title || t('sync.conflicts.deletedRecord')
  return (
    <Space size={8} wrap>
      <Tag>{kindLabel(i18n, conflict.kind)}</Tag>
      {location ? <Link to={recordPath(location)}>{title}</Link> : <Typography.Text strong>{title}</Typography.Text>}
    </Space>
  )
}

/** One version of the text: who wrote it and when, the text itself, and the button that picks it. */
function Version({
  label,
  conflict,
  version,
  thisDevice,
  action,
  testId,
}: {
  label: string
  conflict: Conflict
  version: Conflict['current']
  thisDevice: string
  action: ReactNode
  testId: string
}) {
  const { t, i18n } = useTranslation()
  const items = conflict.mode === 'list' ? listItems(version.value) : []
  const time = relativeAndAbsolute(version.at)
  const device = version.device === thisDevice && thisDevice !== '' ? t('sync.conflicts.thisDevice', { device: version.device }) : version.device
  return (
    <Card size="small" type="inner" data-testid={testId} title={label} extra={action} style={{ height: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 6 }}>
        <Tooltip title={time.absolute}>{t('sync.conflicts.by', { device, time: time.relative })}</Tooltip>
      </Typography.Text>
      {conflict.mode === 'list' && items.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`${testId}-value`}>
          {items.map((item, index) => (
            <li key={index} style={{ whiteSpace: 'pre-wrap' }}>
              {item}
            </li>
          ))}
        </ul>
      ) : version.value.trim() === '' || (conflict.mode === 'list' && items.length === 0) ? (
        <Typography.Text type="secondary">{t('sync.conflicts.empty')}</Typography.Text>
      ) : conflict.mode === 'value' ? (
        <Typography.Text strong data-testid={`${testId}-value`}>
          {formatValue(i18n, conflict.table, conflict.column, columnKind(conflict.table, conflict.column) === 'text' ? version.value : Number(version.value))}
        </Typography.Text>
      ) : (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          ellipsis={{ rows: 8, expandable: 'collapsible' }}
          data-testid={`${testId}-value`}
        >
          {version.value}
        </Typography.Paragraph>
      )}
    </Card>
  )
}

/**
 * The fields two members changed at the same time, grouped by record, both versions side by side: keep the
 * current one, take the other, or merge them into one text.
 */
export function ConflictList({ thisDevice }: { thisDevice: string }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const client = useQueryClient()
  const conflicts = useConflicts()
  const [busy, setBusy] = useState<string>()
  const [merging, setMerging] = useState<Conflict>()

  const groups = useMemo(() => {
    const byRecord = new Map<string, Conflict[]>()
    for (const conflict of conflicts.data ?? []) {
      const key = `${conflict.table}/${conflict.rowId}`
      byRecord.set(key, [...(byRecord.get(key) ?? []), conflict])
    }
    return [...byRecord.values()]
  }, [conflicts.data])

  const label = (conflict: Conflict) => fieldLabel(i18n, conflict.table, conflict.column)

  async function resolve(conflict: Conflict, choice: 'current' | 'other' | 'merged', merged?: string): Promise<boolean> {
    setBusy(`${conflict.id}/${choice}`)
    try {
      await invokeSync('conflicts.resolve', merged === undefined ? { id: conflict.id, choice } : { id: conflict.id, choice, merged })
      void message.success(t('sync.conflicts.resolved', { field: label(conflict) }))
      return true
    } catch (error) {
      void message.error(errorText(error))
      return false
    } finally {
      setBusy(undefined)
      void client.invalidateQueries({ queryKey: CONFLICTS_KEY })
      void client.invalidateQueries({ queryKey: SYNC_STATUS_KEY })
    }
  }

  let body: ReactNode
  if (conflicts.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        title={errorText(conflicts.error)}
        action={
          <Button size="small" onClick={() => void conflicts.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    )
  } else if (!conflicts.data) {
    body = <Skeleton active />
  } else if (groups.length === 0) {
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        data-testid="conflicts-empty"
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>{t('sync.conflicts.emptyTitle')}</Typography.Text>
            <Typography.Text type="secondary" style={{ maxWidth: 560, display: 'inline-block' }}>
              {t('sync.conflicts.emptyHint')}
            </Typography.Text>
          </Space>
        }
      />
    )
  } else {
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('sync.conflicts.intro')}</Typography.Text>
        {groups.map((group) => (
          <Card key={`${group[0]!.table}/${group[0]!.rowId}`} size="small" title={<RecordTitle conflict={group[0]!} />} data-testid="conflict-record">
            <Space orientation="vertical" size={20} style={{ width: '100%' }}>
              {group.map((conflict) => (
                <div key={conflict.id} data-testid="conflict" data-conflict-id={conflict.id}>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} gap={8} wrap>
                    <Space size={8} wrap>
                      <Typography.Text strong>{label(conflict)}</Typography.Text>
                      {conflict.mode === 'value' && (
                        <Tooltip title={t('sync.conflicts.changedOnBothHint')}>
                          <Tag color="orange" data-testid="conflict-changed-on-both">
                            {t('sync.conflicts.changedOnBoth')}
                          </Tag>
                        </Tooltip>
                      )}
                    </Space>
                    {conflict.mode !== 'value' && (
                      <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(conflict)} disabled={Boolean(busy)}>
                        {t('sync.conflicts.merge')}
                      </Button>
                    )}
                  </Flex>
                  <Row gutter={[12, 12]}>
                    <Col xs={24} md={12}>
                      <Version
                        label={t(conflict.mode === 'value' ? 'sync.conflicts.currentValue' : 'sync.conflicts.current')}
                        conflict={conflict}
                        version={conflict.current}
                        thisDevice={thisDevice}
                        testId="conflict-current"
                        action={
                          <Button
                            size="small"
                            icon={<CheckOutlined />}
                            loading={busy === `${conflict.id}/current`}
                            disabled={Boolean(busy)}
                            onClick={() => void resolve(conflict, 'current')}
                          >
                            {t('sync.conflicts.keepCurrent')}
                          </Button>
                        }
                      />
                    </Col>
                    <Col xs={24} md={12}>
                      <Version
                        label={t(conflict.mode === 'value' ? 'sync.conflicts.otherValue' : 'sync.conflicts.other')}
                        conflict={conflict}
                        version={conflict.other}
                        thisDevice={thisDevice}
                        testId="conflict-other"
                        action={
                          <Button
                            size="small"
                            icon={<SwapOutlined />}
                            loading={busy === `${conflict.id}/other`}
                            disabled={Boolean(busy)}
                            onClick={() => void resolve(conflict, 'other')}
                          >
                            {t('sync.conflicts.takeOther')}
                          </Button>
                        }
                      />
                    </Col>
                  </Row>
                </div>
              ))}
            </Space>
          </Card>
        ))}
      </Space>
    )
  }

  return (
    <Card title={t('sync.conflicts.title')} id="conflicts" data-testid="conflicts">
      {body}
      {merging && (
        <ConflictResolveDialog
          key={merging.id}
          conflict={merging}
          fieldLabel={label(merging)}
          onSave={(conflict, merged) => resolve(conflict, 'merged', merged)}
          onClose={() => setMerging(undefined)}
        />
      )}
    </Card>
  )
}
