import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons'
import { Space, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { VisitSummary } from '../../../../shared/procedures/minutes'
import { VisitInput } from '../../../../shared/schemas/visit'
import { invoke } from '../../api/client'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo, useRecord } from '../../api/records'
import { deleteColumn } from '../../components/DeleteButton'
import { RecordList } from '../../components/RecordList'
import { collator, dayColumn, NewRecordDialog, OpenButton } from './common'

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
  const counted = (count: number, icon: ReactNode) => (
    <Space size={4}>
      {icon}
      {count}
    </Space>
  )

  const columns: ColumnsType<VisitSummary> = [
    dayColumn(t('visits.columns.date')),
    {
      title: t('visits.columns.enterprise'),
      dataIndex: 'enterpriseName',
      sorter: (a, b) => collator.compare(a.enterpriseName, b.enterpriseName),
      render: (name: string, visit) => <OpenButton onClick={() => open(visit.id)}>{name || t('visits.unknownEnterprise')}</OpenButton>,
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
      render: (count: number) => counted(count, <EnvironmentOutlined />),
    },
    {
      title: t('visits.columns.photos'),
      dataIndex: 'photoCount',
      width: 90,
      align: 'right',
      render: (count: number) => counted(count, <CameraOutlined />),
    },
    deleteColumn({ title: t('common.actions'), width: 80, label, onDelete: deleteWithUndo, inClickableRow: true }),
  ]

  return (
    <RecordList
      query={visits}
      table="visits"
      columns={columns}
      newLabel={t('visits.new')}
      onNew={() => setCreating(true)}
      emptyTitle={t('visits.emptyTitle')}
      emptyHint={t('visits.emptyHint')}
      count={(count) => t('visits.count', { count })}
      onOpen={open}
      testId="visit-table"
    >
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
    </RecordList>
  )
}
