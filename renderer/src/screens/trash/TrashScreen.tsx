import { DeleteOutlined, RollbackOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Empty, Flex, Result, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { TrashItem } from '../../../../shared/procedures/search'
import { ApiError, invoke } from '../../api/client'
import { DERIVED } from '../../api/queries'
import { useErrorText } from '../../api/records'
import { CATEGORY_NAMES, categoryOf, locationOf, type Category } from '../search/kinds'

const ALL = 'all'

/** "今天 14:05", "昨天 09:30", else the date: enough to recognise what was deleted when. */
function useDeletedAt(): (ms: number) => string {
  const { t } = useTranslation()
  return (ms) => {
    if (!ms) return ''
    const at = dayjs(ms)
    const today = dayjs().startOf('day')
    if (!at.isBefore(today)) return t('trash.today', { time: at.format('HH:mm') })
    if (!at.isBefore(today.subtract(1, 'day'))) return t('trash.yesterday', { time: at.format('HH:mm') })
    return at.format('YYYY-MM-DD HH:mm')
  }
}

/**
 * Everything deleted, across every kind of record, newest first. Deleting only marks a record, so that every
 * member's laptop agrees after syncing; restoring brings it back everywhere.
 */
export function TrashScreen() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const deletedAt = useDeletedAt()
  const [category, setCategory] = useState<Category | typeof ALL>(ALL)
  const [restoring, setRestoring] = useState<string | null>(null)
  const trash = useQuery({ queryKey: [DERIVED, 'trash.list'], queryFn: () => invoke('trash.list', {}) })

  const items = useMemo(() => trash.data ?? [], [trash.data])
  const counts = useMemo(() => {
    const byCategory = new Map<Category, number>()
    for (const item of items) byCategory.set(categoryOf(item.kind), (byCategory.get(categoryOf(item.kind)) ?? 0) + 1)
    return byCategory
  }, [items])
  // A category emptied by restoring its last item falls back to all.
  const shownCategory = category !== ALL && counts.has(category) ? category : ALL
  const shown = shownCategory === ALL ? items : items.filter((item) => categoryOf(item.kind) === shownCategory)

  const labelOf = (item: TrashItem) => item.label || t('trash.untitled', { kind: t(`trash.kinds.${item.kind}`) })

  async function restore(item: TrashItem) {
    setRestoring(item.id)
    try {
      await invoke('trash.restore', { kind: item.kind, id: item.id })
      const key = `restored-${item.id}`
      void message.open({
        key,
        type: 'success',
        duration: 6,
        content: (
          <Space>
            {t('common.restored', { label: labelOf(item) })}
            <Button
              size="small"
              type="link"
              onClick={() => {
                message.destroy(key)
                void navigate(locationOf(item))
              }}
            >
              {t('common.open')}
            </Button>
          </Space>
        ),
      })
    } catch (error) {
      void message.error(errorText(error))
    } finally {
      setRestoring(null)
    }
  }

  const columns: ColumnsType<TrashItem> = [
    {
      title: t('trash.columns.record'),
      key: 'record',
      render: (_, item) => (
        <Space orientation="vertical" size={2}>
          <Space size={6} wrap>
            <Tag>{t(`trash.kinds.${item.kind}`)}</Tag>
            <Typography.Text strong>{labelOf(item)}</Typography.Text>
          </Space>
          {item.parentDeleted && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('trash.parentDeleted')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('trash.columns.belongsTo'),
      key: 'belongsTo',
      render: (_, item) => {
        const where = [item.tripTitle, item.enterpriseName, item.parentLabel].filter(Boolean)
        return where.length > 0 ? <Typography.Text type="secondary">{where.join(' · ')}</Typography.Text> : null
      },
    },
    {
      title: t('trash.columns.deletedAt'),
      dataIndex: 'deletedAt',
      width: 150,
      render: (ms: number) => (
        <Tooltip title={ms ? dayjs(ms).format('YYYY-MM-DD HH:mm:ss') : undefined}>
          <Typography.Text type="secondary">{deletedAt(ms)}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, item) => (
        <Button
          size="small"
          icon={<RollbackOutlined />}
          loading={restoring === item.id}
          onClick={() => void restore(item)}
          aria-label={t('trash.restoreLabel', { label: labelOf(item) })}
        >
          {t('trash.restore')}
        </Button>
      ),
    },
  ]

  let body
  if (trash.isError) {
    body = (
      <Result
        status="warning"
        title={t(`errors.${trash.error instanceof ApiError ? trash.error.code : 'INTERNAL'}`)}
        extra={<Button onClick={() => void trash.refetch()}>{t('common.retry')}</Button>}
      />
    )
  } else if (trash.data && items.length === 0) {
    body = (
      <Card>
        <Empty
          image={<DeleteOutlined style={{ fontSize: 48, color: '#bfbfbf' }} />}
          styles={{ image: { height: 56 } }}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('trash.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 460, display: 'inline-block' }}>
                {t('trash.emptyHint')}
              </Typography.Text>
            </Space>
          }
        />
      </Card>
    )
  } else {
    body = (
      <Card styles={{ body: { padding: 0 } }}>
        {counts.size > 1 && (
          <div style={{ padding: 12, borderBottom: '1px solid #f0f0f0', overflowX: 'auto' }}>
            <Segmented
              value={shownCategory}
              onChange={(value) => setCategory(value as Category | typeof ALL)}
              options={[
                { value: ALL, label: t('trash.all', { count: items.length }) },
                ...CATEGORY_NAMES.filter((name) => counts.has(name)).map((name) => ({
                  value: name,
                  label: `${t(`search.categories.${name}`)} ${counts.get(name)}`,
                })),
              ]}
              data-testid="trash-filter"
            />
          </div>
        )}
        <Table<TrashItem>
          rowKey="id"
          loading={trash.isPending}
          columns={columns}
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          data-testid="trash-table"
        />
      </Card>
    )
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('trash.title')}
        </Typography.Title>
      </Flex>
      <Alert type="info" showIcon title={t('trash.explainTitle')} description={t('trash.explain')} />
      {body}
    </Space>
  )
}
