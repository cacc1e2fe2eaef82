import { Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { SurveyOverviewItem } from '../../../../shared/procedures/demand'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo } from '../../api/records'
import { deleteColumn } from '../../components/DeleteButton'
import { RecordList } from '../../components/RecordList'
import { NewSurveyDialog } from './NewSurveyDialog'

const collator = new Intl.Collator('zh-CN', { numeric: true })

/** Talent-demand surveys of a trip or an enterprise, with the positions each one counts. */
export function SurveyList({ tripId, enterpriseId }: { tripId?: string; enterpriseId?: string }) {
  const { t } = useTranslation()
  const filter = useMemo(() => ({ ...(tripId ? { tripId } : {}), ...(enterpriseId ? { enterpriseId } : {}) }), [tripId, enterpriseId])
  const surveys = useDerived('survey.overview', filter)
  const deleteWithUndo = useDeleteWithUndo('survey')
  const [creating, setCreating] = useState(false)
  const rows = surveys.data ?? []
  const label = (survey: SurveyOverviewItem) => t('surveys.label', { enterprise: survey.enterpriseName, date: survey.date })

  const columns: ColumnsType<SurveyOverviewItem> = [
    {
      title: enterpriseId ? t('surveys.columns.trip') : t('surveys.columns.enterprise'),
      key: 'name',
      // The name takes the room the narrow figures leave; a long one shows two lines, whole on hover.
      sorter: (a, b) => (enterpriseId ? collator.compare(a.tripTitle, b.tripTitle) : collator.compare(a.enterpriseName, b.enterpriseName)),
      render: (_, survey) => {
        const name = enterpriseId ? survey.tripTitle : survey.enterpriseName
        return (
          <Link to={`/surveys/${survey.id}`} style={{ fontWeight: 600 }} className="fb-clamp-2" title={name}>
            {name}
          </Link>
        )
      },
    },
    { title: t('surveys.columns.date'), dataIndex: 'date', width: 120, sorter: (a, b) => a.date.localeCompare(b.date) },
    {
      title: t('surveys.columns.respondent'),
      key: 'respondent',
      render: (_, survey) => (
        <Space size={4} wrap>
          {survey.respondent}
          {survey.respondentTitle && <Typography.Text type="secondary">{survey.respondentTitle}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('surveys.columns.employment'),
      dataIndex: 'employment',
      align: 'right',
      width: 96,
      sorter: (a, b) => a.employment - b.employment,
    },
    {
      title: t('surveys.columns.internship'),
      dataIndex: 'internship',
      align: 'right',
      width: 96,
      sorter: (a, b) => a.internship - b.internship,
    },
    {
      title: t('surveys.columns.total'),
      key: 'total',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.employment + a.internship - (b.employment + b.internship),
      render: (_, survey) => <Typography.Text strong>{survey.employment + survey.internship}</Typography.Text>,
    },
    {
      title: t('surveys.columns.status'),
      dataIndex: 'status',
      width: 96,
      render: (status: SurveyOverviewItem['status']) => <Tag color={status === 'complete' ? 'green' : 'default'}>{t(`surveys.statuses.${status}`)}</Tag>,
    },
    deleteColumn({ title: t('common.actions'), width: 72, label, onDelete: deleteWithUndo }),
  ]

  const sum = (pick: (s: SurveyOverviewItem) => number) => rows.reduce((total, s) => total + pick(s), 0)
  return (
    <RecordList
      query={surveys}
      table="surveys"
      columns={columns}
      newLabel={t('surveys.new')}
      onNew={() => setCreating(true)}
      emptyTitle={t('surveys.emptyTitle')}
      emptyHint={t('surveys.emptyHint')}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <Typography.Text type="secondary">{t('surveys.count', { count: rows.length })}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {sum((s) => s.employment)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {sum((s) => s.internship)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <Typography.Text strong data-testid="surveys-total">
                {sum((s) => s.employment + s.internship)}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} colSpan={2} />
          </Table.Summary.Row>
        ) : null
      }
    >
      <NewSurveyDialog open={creating} tripId={tripId} enterpriseId={enterpriseId} onClose={() => setCreating(false)} />
    </RecordList>
  )
}
