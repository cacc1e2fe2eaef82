import { AutoComplete, Card, Checkbox, DatePicker, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ActionOverviewItem } from '../../../../shared/procedures/demand'
import { ACTION_STATUSES, ActionPatch } from '../../../../shared/schemas/action'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo, useRecords } from '../../api/records'
import { DeleteButton } from '../../components/DeleteButton'
import { EmptyState, LoadError, NewButton } from '../../components/RecordList'
import { enterprisePath, tripPath } from '../../routes'
import { autosaveRow, RowSaveStatus, rowRecord } from '../surveys/AutosaveRow'
import './followUps.css'
import { linkedPath } from './linkedRecords'
import { NewActionDialog } from './NewActionDialog'

type Status = ActionOverviewItem['status']
const STATUS_COLORS: Record<Status, string> = { open: 'blue', in_progress: 'orange', done: 'green', cancelled: 'default' }
const collator = new Intl.Collator('zh-CN', { numeric: true })

const ActionRow = autosaveRow({ kind: 'action', patchSchema: ActionPatch, dateFields: ['dueDate'] })
const cell = { style: { marginBottom: 0 } }

interface Filters {
  statuses: Status[]
  owner?: string | undefined
  tripId?: string | undefined
  overdueOnly: boolean
}

/**
 * Follow-up actions (of one trip or enterprise, or all): overdue ones first and in red, then by due date. Every
 * cell edits in place and saves itself; the status is one click away.
 */
export function ActionList({ tripId, enterpriseId }: { tripId?: string; enterpriseId?: string }) {
  const { t } = useTranslation()
  // Fixed for the screen's life, so the list does not reshuffle under the user at midnight.
  const [today] = useState(() => dayjs().format('YYYY-MM-DD'))
  const input = useMemo(() => ({ today, ...(tripId ? { tripId } : {}), ...(enterpriseId ? { enterpriseId } : {}) }), [today, tripId, enterpriseId])
  const overview = useDerived('action.overview', input)
  const trips = useRecords('trip', {}, !tripId)
  const deleteWithUndo = useDeleteWithUndo('action')
  const [creating, setCreating] = useState(false)
  const [filters, setFilters] = useState<Filters>({ statuses: [], overdueOnly: false })

  const all = useMemo(() => overview.data ?? [], [overview.data])
  const owners = useMemo(() => [...new Set(all.map((a) => a.owner).filter(Boolean))].sort(collator.compare), [all])
  const overdueCount = all.filter((a) => a.overdue).length
  const rows = all.filter(
    (a) =>
      (filters.statuses.length === 0 || filters.statuses.includes(a.status)) &&
      (!filters.owner || a.owner === filters.owner) &&
      (!filters.tripId || a.tripId === filters.tripId) &&
      (!filters.overdueOnly || a.overdue),
  )
  const filtering = filters.statuses.length > 0 || Boolean(filters.owner) || Boolean(filters.tripId) || filters.overdueOnly

  const columns: ColumnsType<ActionOverviewItem> = [
    {
      title: t('followUps.columns.status'),
      key: 'status',
      width: 140,
      render: () => (
        <Form.Item name="status" {...cell}>
          <Select
            aria-label={t('followUps.columns.status')}
            style={{ width: '100%' }}
            options={ACTION_STATUSES.map((status) => ({
              value: status,
              label: <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`followUps.statuses.${status}`)}</Tag>,
            }))}
          />
        </Form.Item>
      ),
    },
    {
      title: t('followUps.columns.title'),
      key: 'title',
      render: (_, action) => {
        const path = linkedPath(action.linkedKind, action.linkedId)
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Form.Item name="title" {...cell}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} aria-label={t('followUps.columns.title')} />
            </Form.Item>
            {(action.overdue || (path && action.linkedKind)) && (
              <Space size={6} wrap>
                {action.overdue && (
                  <Tag color="error" data-testid="overdue-tag">
                    {t('followUps.overdueBy', { count: dayjs(today).diff(dayjs(action.dueDate), 'day') })}
                  </Tag>
                )}
                {path && action.linkedKind && action.linkedLabel && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('followUps.linkedTo', { kind: t(`followUps.linkKinds.${action.linkedKind}`) })}
                    <Link to={path}>{action.linkedLabel}</Link>
                  </Typography.Text>
                )}
              </Space>
            )}
          </Space>
        )
      },
    },
    {
      title: t('followUps.columns.owner'),
      key: 'owner',
      // Owners are departments as often as people ("Employment Office", "校企合作中心").
      width: 190,
      render: () => (
        <Form.Item name="owner" {...cell}>
          <AutoComplete
            aria-label={t('followUps.columns.owner')}
            options={owners.map((owner) => ({ value: owner }))}
            showSearch={{ filterOption: (typed, option) => String(option?.value ?? '').includes(typed.trim()) }}
            maxLength={100}
            style={{ width: '100%' }}
          />
        </Form.Item>
      ),
    },
    {
      title: t('followUps.columns.dueDate'),
      key: 'dueDate',
      width: 150,
      render: () => (
        <Form.Item name="dueDate" {...cell}>
          <DatePicker aria-label={t('followUps.columns.dueDate')} style={{ width: '100%' }} />
        </Form.Item>
      ),
    },
    ...(tripId
      ? []
      : [
          {
            title: t('followUps.columns.trip'),
            key: 'trip',
            width: 140,
            render: (_: unknown, action: ActionOverviewItem) =>
              action.tripId ? <Link to={tripPath(action.tripId, 'followUps')}>{action.tripTitle}</Link> : null,
          },
        ]),
    ...(enterpriseId
      ? []
      : [
          {
            title: t('followUps.columns.enterprise'),
            key: 'enterprise',
            width: 140,
            render: (_: unknown, action: ActionOverviewItem) =>
              action.enterpriseId ? <Link to={enterprisePath(action.enterpriseId)}>{action.enterpriseName}</Link> : null,
          },
        ]),
    {
      key: 'actions',
      width: 60,
      render: (_, action) => (
        <Flex gap={4} align="center">
          <DeleteButton label={action.title} onConfirm={() => deleteWithUndo(action.id, action.title)} />
          <RowSaveStatus />
        </Flex>
      ),
    },
  ]

  const newButton = <NewButton onClick={() => setCreating(true)}>{t('followUps.new')}</NewButton>

  let body
  if (overview.isError) {
    body = <LoadError error={overview.error} onRetry={overview.refetch} />
  } else if (overview.data && all.length === 0) {
    body = (
      <EmptyState title={t('followUps.emptyTitle')} hint={t('followUps.emptyHint')}>
        {newButton}
      </EmptyState>
    )
  } else {
    body = (
      <>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap align="center">
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('followUps.filters.allStatuses')}
              aria-label={t('followUps.filters.status')}
              value={filters.statuses}
              onChange={(statuses: Status[]) => setFilters({ ...filters, statuses })}
              options={ACTION_STATUSES.map((status) => ({ value: status, label: t(`followUps.statuses.${status}`) }))}
            />
            <Select
              allowClear
              style={{ minWidth: 150 }}
              placeholder={t('followUps.filters.allOwners')}
              aria-label={t('followUps.filters.owner')}
              value={filters.owner}
              onChange={(owner?: string) => setFilters({ ...filters, owner })}
              options={owners.map((owner) => ({ value: owner, label: owner }))}
            />
            {!tripId && (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 200 }}
                placeholder={t('followUps.filters.allTrips')}
                aria-label={t('followUps.filters.trip')}
                value={filters.tripId}
                onChange={(value?: string) => setFilters({ ...filters, tripId: value })}
                options={(trips.data ?? []).map((trip) => ({ value: trip.id, label: trip.title }))}
              />
            )}
            <Checkbox checked={filters.overdueOnly} onChange={(event) => setFilters({ ...filters, overdueOnly: event.target.checked })}>
              {t('followUps.filters.overdueOnly', { count: overdueCount })}
            </Checkbox>
          </Flex>
          {newButton}
        </Flex>
        <Card styles={{ body: { padding: 0 } }}>
          <Table<ActionOverviewItem>
            rowKey="id"
            size="middle"
            loading={overview.isPending}
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            tableLayout="fixed"
            components={{ body: { row: ActionRow } }}
            onRow={rowRecord}
            rowClassName={(action) => (action.overdue ? 'followup-overdue' : '')}
            locale={{ emptyText: <Typography.Text type="secondary">{t('followUps.noMatch')}</Typography.Text> }}
            footer={() => (
              <Typography.Text type="secondary">
                {filtering
                  ? t('followUps.countFiltered', { count: rows.length, total: all.length })
                  : t('followUps.count', { count: all.length, overdue: overdueCount })}
              </Typography.Text>
            )}
          />
        </Card>
      </>
    )
  }

  return (
    <>
      {body}
      <NewActionDialog open={creating} tripId={tripId} enterpriseId={enterpriseId} owners={owners} onClose={() => setCreating(false)} />
    </>
  )
}
