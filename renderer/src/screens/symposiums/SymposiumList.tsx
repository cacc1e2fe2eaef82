import { DeleteOutlined, MessageOutlined, PlusOutlined, StarFilled, TeamOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Flex, Popconfirm, Result, Space, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { SymposiumSummary } from '../../../../shared/procedures/minutes'
import { SymposiumInput } from '../../../../shared/schemas/symposium'
import { ApiError, invoke } from '../../api/client'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo, useRecord } from '../../api/records'
import { collator, formatDay, NewRecordDialog } from '../visits/common'

/** A trip's symposiums (the symposiums tab of the trip screen), with the size of each one's minutes. */
export function SymposiumList({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const trip = useRecord('trip', tripId)
  const symposiums = useDerived('symposium.summaries', { tripId })
  const deleteWithUndo = useDeleteWithUndo('symposium')
  const [creating, setCreating] = useState(false)

  const open = (id: string) => void navigate(`/symposiums/${id}`)
  const heading = (s: SymposiumSummary) => s.title || t('symposiums.defaultTitle', { enterprise: s.enterpriseName })

  const columns: ColumnsType<SymposiumSummary> = [
    {
      title: t('symposiums.columns.date'),
      dataIndex: 'date',
      width: 150,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.date.localeCompare(b.date),
      render: (date: string) => formatDay(date),
    },
    {
      title: t('symposiums.columns.symposium'),
      key: 'title',
      sorter: (a, b) => collator.compare(a.enterpriseName, b.enterpriseName),
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <Button type="link" style={{ padding: 0, fontWeight: 600, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => open(s.id)}>
            {heading(s)}
          </Button>
          {s.title && <Typography.Text type="secondary">{s.enterpriseName}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('symposiums.columns.presidedBy'),
      dataIndex: 'presidedBy',
      width: 120,
      render: (name: string) => name || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('symposiums.columns.minutes'),
      key: 'minutes',
      width: 190,
      render: (_, s) => (
        <Space size={12}>
          <Tooltip title={t('symposiums.columns.attendees')}>
            <Space size={4}>
              <TeamOutlined />
              {s.attendeeCount}
            </Space>
          </Tooltip>
          <Tooltip title={t('symposiums.columns.remarks')}>
            <Space size={4}>
              <MessageOutlined />
              {s.remarkCount}
            </Space>
          </Tooltip>
          <Tooltip title={t('symposiums.columns.quotes')}>
            <Space size={4}>
              <StarFilled style={{ color: s.quoteCount ? '#d48806' : undefined }} />
              {s.quoteCount}
            </Space>
          </Tooltip>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, s) => (
        // The confirmation renders in a portal whose clicks still bubble to the row: keep them from opening it.
        <span onClick={(e) => e.stopPropagation()}>
          <Popconfirm
            title={t('common.confirmDelete', { label: heading(s) })}
            description={t('symposiums.deleteHint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => deleteWithUndo(s.id, heading(s))}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </span>
      ),
    },
  ]

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('symposiums.new')}
    </Button>
  )

  let body
  if (symposiums.isError) {
    body = (
      <Result
        status="warning"
        title={t(`errors.${symposiums.error instanceof ApiError ? symposiums.error.code : 'INTERNAL'}`)}
        extra={<Button onClick={() => void symposiums.refetch()}>{t('common.retry')}</Button>}
      />
    )
  } else if (symposiums.data && symposiums.data.length === 0) {
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('symposiums.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 500, display: 'inline-block' }}>
                {t('symposiums.emptyHint')}
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
        <Table<SymposiumSummary>
          rowKey="id"
          loading={symposiums.isPending}
          columns={columns}
          dataSource={symposiums.data ?? []}
          pagination={false}
          onRow={(s) => ({ onClick: () => open(s.id), style: { cursor: 'pointer' } })}
          data-testid="symposium-table"
        />
      </Card>
    )
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{symposiums.data && symposiums.data.length > 0 && t('symposiums.count', { count: symposiums.data.length })}</Typography.Text>
        {symposiums.data && symposiums.data.length > 0 && newButton}
      </Flex>
      {body}
      <NewRecordDialog
        open={creating}
        trip={trip.data}
        title={t('symposiums.newTitle')}
        okText={t('symposiums.createAndOpen')}
        enterpriseLabel={t('symposiums.fields.enterprise')}
        dateLabel={t('symposiums.fields.date')}
        schema={SymposiumInput}
        create={(input) => invoke('symposium.create', input)}
        onCreated={(id) => {
          setCreating(false)
          open(id)
        }}
        onClose={() => setCreating(false)}
        testId="new-symposium"
      />
    </>
  )
}
