import { DeleteOutlined, EditOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Empty, Flex, Result, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { boundedRows } from '../../components/ErrorBoundaries'
import { TRIP_STATUSES, type Trip } from '../../../../shared/schemas/trip'
import { ApiError, invoke } from '../../api/client'
import { useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { tripPath } from '../../routes'
import { TripImportButton } from '../exchange/TripImportButton'
import { TRIP_STATUS_COLORS, tripDays } from '../trip/tripStatus'
import { TripFormDrawer } from './TripFormDrawer'
import { ConfirmDelete } from '../../components/DeleteButton'


const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true })

export function TripsScreen() {
  const { t, i18n } = useTranslation()
  const trips = useRecords('trip', {})
  const deleteWithUndo = useDeleteWithUndo('trip')
  const navigate = useNavigate()
  const [editing, setEditing] = useState<{ trip: Trip | null } | null>(null)
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [loadingSample, setLoadingSample] = useState(false)

  /** The sample trip, in the user's language, so a new user sees what a full trip looks like. */
  async function loadSample() {
    setLoadingSample(true)
    try {
      const { tripId } = await invoke('app.loadSample', { language: i18n.language.startsWith('zh') ? 'zh' : 'en' })
      void navigate(tripPath(tripId))
    } catch (error) {
      void message.error(errorText(error))
    } finally {
      setLoadingSample(false)
    }
  }

  const columns: ColumnsType<Trip> = [
    {
      title: t('trips.columns.title'),
      dataIndex: 'title',
      sorter: (a, b) => collator.compare(a.title, b.title),
      // A real link: the whole title opens the trip, and keyboard users reach it with Tab.
      render: (title: string, trip) => (
        <Link to={tripPath(trip.id)} style={{ fontWeight: 600 }} className="fb-clamp-2" title={title}>
          {title}
        </Link>
      ),
    },
    {
      title: t('trips.columns.dates'),
      key: 'dates',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.startDate.localeCompare(b.startDate),
      render: (_, trip) => {
        const days = tripDays(trip)
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
      render: (status: Trip['status']) => (
        <Tag color={TRIP_STATUS_COLORS[status]}>
          {(TRIP_STATUSES as readonly string[]).includes(status) ? t(`trips.status.${status}`) : t('screenError.unknownValue', { value: String(status).slice(0, 40) })}
        </Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, trip) => (
        <Space>
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ trip })} />
          <ConfirmDelete label={trip.title} onConfirm={() => deleteWithUndo(trip.id, trip.title)}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </ConfirmDelete>
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
          <Space wrap style={{ justifyContent: 'center' }}>
            {newTripButton}
            <Button icon={<ExperimentOutlined />} loading={loadingSample} onClick={() => void loadSample()} data-testid="load-sample">
              {t('trips.loadSample')}
            </Button>
            <TripImportButton />
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t('trips.loadSampleHint')}
          </Typography.Paragraph>
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
          components={boundedRows('trips', columns.length)}
          dataSource={trips.data ?? []}
          onRow={(trip) => ({
            // The whole row opens the trip; its buttons and links (and the delete popup, a portal) do their own thing.
            onClick: (event) => {
              const target = event.target as HTMLElement
              if (!event.currentTarget.contains(target) || target.closest('button, a')) return
              void navigate(tripPath(trip.id))
            },
            style: { cursor: 'pointer' },
          })}
          // Pages of 50: a college's years of trips (hundreds) would otherwise all be drawn before the first row shows.
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          footer={() => <Typography.Text type="secondary">{t('trips.count', { count: trips.data?.length ?? 0 })}</Typography.Text>}
        />
      </Card>
    )
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('trips.title')}
        </Typography.Title>
        {trips.data && trips.data.length > 0 && (
          <Space>
            <TripImportButton />
            {newTripButton}
          </Space>
        )}
      </Flex>
      {body}
      <TripFormDrawer
        open={editing !== null}
        trip={editing?.trip ?? null}
        onClose={() => setEditing(null)}
        onCreated={(trip) => void navigate(tripPath(trip.id))}
      />
    </>
  )
}
