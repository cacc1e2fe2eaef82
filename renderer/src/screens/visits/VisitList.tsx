import { CameraOutlined, DeleteOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Flex, Popconfirm, Result, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { VisitSummary } from '../../../../shared/procedures/minutes'
import { VisitInput } from '../../../../shared/schemas/visit'
import { ApiError, invoke } from '../../api/client'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo, useRecord } from '../../api/records'
import { collator, formatDay, NewRecordDialog } from './common'

/** A trip's site visits (the visits tab of the trip screen): what was toured where, and a way to record a new one. */
export function VisitList({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const trip = useRecord('trip', tripId)
  const visits = useDerived('visit.summaries', { tripId })
  const deleteWithUndo = useDeleteWithUndo('visit')
  const [creating, setCreating] = useState(false)

  const open = (id: string) => void navigate(`/visits/${id}`)
  const label = (visit: VisitSummary) => visit.title || visit.enterpriseName || t('visits.untitled')

  const columns: ColumnsType<VisitSummary> = [
    {
      title: t('visits.columns.date'),
      dataIndex: 'date',
      width: 150,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.date.localeCompare(b.date),
      render: (date: string) => formatDay(date),
    },
    {
      title: t('visits.columns.enterprise'),
      dataIndex: 'enterpriseName',
      sorter: (a, b) => collator.compare(a.enterpriseName, b.enterpriseName),
      render: (name: string, visit) => (
        <Button type="link" style={{ padding: 0, fontWeight: 600, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => open(visit.id)}>
          {name || t('visits.unknownEnterprise')}
        </Button>
      ),
    },
    {
      title: t('visits.columns.title'),
      dataIndex: 'title',
      render: (title: string) => title || <Typography.Text type="secondary">{t('visits.noTitle')}</Typography.Text>,
    },
    {
      title: t('visits.columns.stops'),
      dataIndex: 'stopCount',
      width: 110,
      align: 'right',
      render: (count: number) => (
        <Space size={4}>
          <EnvironmentOutlined />
          {count}
        </Space>
      ),
    },
    {
      title: t('visits.columns.photos'),
      dataIndex: 'photoCount',
      width: 90,
      align: 'right',
      render: (count: number) => (
        <Space size={4}>
          <CameraOutlined />
          {count}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, visit) => (
        // The confirmation renders in a portal whose clicks still bubble to the row: keep them from opening it.
        <span onClick={(e) => e.stopPropagation()}>
        <Popconfirm
          title={t('common.confirmDelete', { label: label(visit) })}
          description={t('common.confirmDeleteHint')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => deleteWithUndo(visit.id, label(visit))}
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
        </span>
      ),
    },
  ]

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('visits.new')}
    </Button>
  )

  let body
  if (visits.isError) {
    body = (
      <Result
        status="warning"
        title={t(`errors.${visits.error instanceof ApiError ? visits.error.code : 'INTERNAL'}`)}
        extra={<Button onClick={() => void visits.refetch()}>{t('common.retry')}</Button>}
      />
    )
  } else if (visits.data && visits.data.length === 0) {
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('visits.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 480, display: 'inline-block' }}>
                {t('visits.emptyHint')}
              </Typography.Text>
            </Space>
          }
        >
          {newButton}
        </Empty>
      </Card>
    )
  } else {
    body = (
      <Card styles={{ body: { padding: 0 } }}>
        <Table<VisitSummary>
          rowKey="id"
          loading={visits.isPending}
          columns={columns}
          dataSource={visits.data ?? []}
          pagination={false}
          onRow={(visit) => ({ onClick: () => open(visit.id), style: { cursor: 'pointer' } })}
          data-testid="visit-table"
        />
      </Card>
    )
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{visits.data && visits.data.length > 0 && t('visits.count', { count: visits.data.length })}</Typography.Text>
        {visits.data && visits.data.length > 0 && newButton}
      </Flex>
      {body}
      <NewRecordDialog
        open={creating}
        trip={trip.data}
        title={t('visits.newTitle')}
        okText={t('visits.createAndOpen')}
        enterpriseLabel={t('visits.fields.enterprise')}
        dateLabel={t('visits.fields.date')}
        schema={VisitInput}
        create={(input) => invoke('visit.create', input)}
        onCreated={(id) => {
          setCreating(false)
          open(id)
        }}
        onClose={() => setCreating(false)}
        testId="new-visit"
      />
    </>
  )
}
