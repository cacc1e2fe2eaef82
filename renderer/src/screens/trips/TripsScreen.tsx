import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Flex, Popconfirm, Result, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Trip } from '../../../../shared/schemas/trip'
import { ApiError } from '../../api/client'
import { useDeleteWithUndo, useRecords } from '../../api/records'
import { TripFormDrawer } from './TripFormDrawer'

const STATUS_COLORS: Record<Trip['status'], string> = {
  planned: 'blue',
  ongoing: 'green',
  completed: 'default',
  archived: 'default',
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true })

export function TripsScreen() {
  const { t } = useTranslation()
  const trips = useRecords('trip', {})
  const deleteWithUndo = useDeleteWithUndo('trip')
  const [editing, setEditing] = useState<{ trip: Trip | null } | null>(null)

  const columns: ColumnsType<Trip> = [
    {
      title: t('trips.columns.title'),
      dataIndex: 'title',
      sorter: (a, b) => collator.compare(a.title, b.title),
      render: (title: string, trip) => (
        <Button type="link" onClick={() => setEditing({ trip })} style={{ padding: 0, fontWeight: 600 }}>
          {title}
        </Button>
      ),
    },
    {
      title: t('trips.columns.dates'),
      key: 'dates',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.startDate.localeCompare(b.startDate),
      render: (_, trip) => {
        const days = dayjs(trip.endDate).diff(dayjs(trip.startDate), 'day') + 1
        return (
          <Space size={4} wrap>
            <span>
              {trip.startDate} – {trip.endDate}
            </span>
            <Typography.Text type="secondary">({t('trips.days', { count: days })})</Typography.Text>
          </Space>
        )
      },
    },
    {
      title: t('trips.columns.regions'),
      dataIndex: 'regions',
      render: (regions: string[]) => regions.map((region) => <Tag key={region}>{region}</Tag>),
    },
    {
      title: t('trips.columns.status'),
      dataIndex: 'status',
      render: (status: Trip['status']) => <Tag color={STATUS_COLORS[status]}>{t(`trips.status.${status}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, trip) => (
        <Space>
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ trip })} />
          <Popconfirm
            title={t('common.confirmDelete', { label: trip.title })}
            description={t('common.confirmDeleteHint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => deleteWithUndo(trip.id, trip.title)}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ]

  const newTripButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ trip: null })}>
      {t('trips.new')}
    </Button>
  )

  let body
  if (trips.isError) {
    body = (
      <Result
        status="warning"
        title={t(`errors.${trips.error instanceof ApiError ? trips.error.code : 'INTERNAL'}`)}
        extra={<Button onClick={() => void trips.refetch()}>{t('common.retry')}</Button>}
      />
    )
  } else if (trips.data && trips.data.length === 0) {
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space direction="vertical" size={4}>
              <Typography.Text strong>{t('trips.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 460, display: 'inline-block' }}>
                {t('trips.emptyHint')}
              </Typography.Text>
            </Space>
          }
        >
          {newTripButton}
        </Empty>
      </Card>
    )
  } else {
    body = (
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Trip>
          rowKey="id"
          loading={trips.isPending}
          columns={columns}
          dataSource={trips.data ?? []}
          pagination={false}
          footer={() => <Typography.Text type="secondary">{t('trips.count', { count: trips.data?.length ?? 0 })}</Typography.Text>}
        />
      </Card>
    )
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('trips.title')}
        </Typography.Title>
        {trips.data && trips.data.length > 0 && newTripButton}
      </Flex>
      {body}
      <TripFormDrawer open={editing !== null} trip={editing?.trip ?? null} onClose={() => setEditing(null)} />
    </>
  )
}
