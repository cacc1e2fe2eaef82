import { MessageOutlined, StarFilled, TeamOutlined } from '@ant-design/icons'
import { Space, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { SymposiumSummary } from '../../../../shared/procedures/minutes'
import { SymposiumInput } from '../../../../shared/schemas/symposium'
import { invoke } from '../../api/client'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo, useRecord } from '../../api/records'
import { deleteColumn } from '../../components/DeleteButton'
import { RecordList } from '../../components/RecordList'
import { collator, dayColumn, NewRecordDialog, OpenButton } from '../visits/common'

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
    dayColumn(t('symposiums.columns.date')),
    {
      title: t('symposiums.columns.symposium'),
      key: 'title',
      sorter: (a, b) => collator.compare(a.enterpriseName, b.enterpriseName),
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <OpenButton onClick={() => open(s.id)}>{heading(s)}</OpenButton>
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
    deleteColumn({
      title: t('common.actions'),
      width: 80,
      label: heading,
      description: t('symposiums.deleteHint'),
      onDelete: deleteWithUndo,
      inClickableRow: true,
    }),
  ]

  return (
    <RecordList
      query={symposiums}
      table="symposiums"
      columns={columns}
      newLabel={t('symposiums.new')}
      onNew={() => setCreating(true)}
      emptyTitle={t('symposiums.emptyTitle')}
      emptyHint={t('symposiums.emptyHint')}
      emptyHintWidth={500}
      count={(count) => t('symposiums.count', { count })}
      onOpen={open}
      testId="symposium-table"
    >
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
    </RecordList>
  )
}
