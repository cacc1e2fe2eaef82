import { CheckOutlined, EditOutlined } from '@ant-design/icons'
import { AutoComplete, Button, Card, DatePicker, Flex, Form, Input, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import { useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ActionOverviewItem } from '../../../../shared/procedures/demand'
import { ACTION_STATUSES, ActionPatch } from '../../../../shared/schemas/action'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo } from '../../api/records'
import { DeleteButton } from '../../components/DeleteButton'
import { EmptyState, LoadError, NewButton } from '../../components/RecordList'
import { enterprisePath, tripPath } from '../../routes'
import { autosaveRow, RowSaveStatus, rowRecord } from '../surveys/AutosaveRow'
import { BulkActions } from './BulkActions'
import './followUps.css'
import { linkedPath } from './linkedRecords'
import { NewActionDialog } from './NewActionDialog'
import { lengthCount } from '../../forms/limits'

type Status = ActionOverviewItem['status']
const STATUS_COLORS: Record<Status, string> = { open: 'blue', in_progress: 'orange', done: 'green', cancelled: 'default' }
const FINISHED: readonly Status[] = ['done', 'cancelled']
const collator = new Intl.Collator('zh-CN', { numeric: true })

const ActionRow = autosaveRow({ kind: 'action', patchSchema: ActionPatch, dateFields: ['dueDate'] })
const cell = { style: { marginBottom: 0 } }

/** Where a follow-up stands against its due date, as the secretariat sorts its week. */
export const DUE_STATES = ['overdue', 'thisWeek', 'noDate', 'done'] as const
type DueState = (typeof DUE_STATES)[number]

interface Filters {
  owner?: string | undefined
  tripId?: string | undefined
  enterpriseId?: string | undefined
  due?: DueState | undefined
}

/** Whether an action is in a due state; "this week" runs from today to Sunday (weeks start on Monday). */
function inDueState(action: ActionOverviewItem, due: DueState, today: string, sunday: string): boolean {
  const open = !FINISHED.includes(action.status)
  switch (due) {
    case 'overdue':
      return action.overdue
    case 'thisWeek':
      return open && action.dueDate !== '' && action.dueDate >= today && action.dueDate <= sunday
    case 'noDate':
      return open && action.dueDate === ''
    case 'done':
      return action.status === 'done'
  }
}

/** Distinct non-empty id → label pairs, sorted by label, for a filter's options. */
function choices(pairs: Iterable<[string, string]>) {
  const unique = new Map([...pairs].filter(([id]) => id !== ''))
  return [...unique].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label))
}

/** One line of read-mode text, cut with an ellipsis and shown whole on hover. */
const line = (content: ReactNode, title?: string) => (
  <Typography.Text ellipsis={{ tooltip: title ?? content }} style={{ maxWidth: '100%' }}>
    {content}
  </Typography.Text>
)

/**
 * Follow-up actions (of one trip or enterprise, or all): overdue ones first and in red, then by due date. Rows read
 * as one compact line; the pencil turns a row into a form whose cells save themselves. Selected rows can be closed,
 * reassigned or rescheduled together.
 */
export function ActionList({ tripId, enterpriseId }: { tripId?: string; enterpriseId?: string }) {
  const { t } = useTranslation()
  // Fixed for the screen's life, so the list does not reshuffle under the user at midnight.
  const [today] = useState(() => dayjs().format('YYYY-MM-DD'))
  const sunday = useMemo(() => dayjs(today).add((7 - dayjs(today).day()) % 7, 'day').format('YYYY-MM-DD'), [today])
  const input = useMemo(() => ({ today, ...(tripId ? { tripId } : {}), ...(enterpriseId ? { enterpriseId } : {}) }), [today, tripId, enterpriseId])
  const overview = useDerived('action.overview', input)
  const deleteWithUndo = useDeleteWithUndo('action')
  const [creating, setCreating] = useState(false)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [selectedIds, setSelectedIds] = useState<readonly string[]>([])
  const [filters, setFiltersState] = useState<Filters>({})
  // A selection hidden by a new filter would be changed unseen: filtering starts a new selection.
  const setFilters = (next: Filters) => {
    setFiltersState(next)
    setSelectedIds([])
  }

  const all = useMemo(() => overview.data ?? [], [overview.data])
  const owners = useMemo(() => [...new Set(all.map((a) => a.owner).filter(Boolean))].sort(collator.compare), [all])
  const tripChoices = useMemo(() => choices(all.map((a) => [a.tripId, a.tripTitle])), [all])
  const enterpriseChoices = useMemo(() => choices(all.map((a) => [a.enterpriseId, a.enterpriseName])), [all])
  const overdueCount = all.filter((a) => a.overdue).length
  const rows = all.filter(
    (a) =>
      (!filters.owner || a.owner === filters.owner) &&
      (!filters.tripId || a.tripId === filters.tripId) &&
      (!filters.enterpriseId || a.enterpriseId === filters.enterpriseId) &&
      (!filters.due || inDueState(a, filters.due, today, sunday)),
  )
  const selectedActions = rows.filter((a) => selectedIds.includes(a.id))
  const selected = selectedActions.map((a) => a.id)
  const filtering = Boolean(filters.owner || filters.tripId || filters.enterpriseId || filters.due)

  const columns: ColumnsType<ActionOverviewItem> = [
    {
      title: t('followUps.columns.status'),
      key: 'status',
      width: 112,
      render: (_, action) =>
        action.id === editingId ? (
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
        ) : (
          <Tag color={STATUS_COLORS[action.status]} style={{ marginInlineEnd: 0 }} data-testid="status-tag">
            {t(`followUps.statuses.${action.status}`)}
          </Tag>
        ),
    },
    {
      title: t('followUps.columns.title'),
      key: 'title',
      render: (_, action) => {
        const path = linkedPath(action.linkedKind, action.linkedId)
        const overdueTag = action.overdue && (
          <Tag color="error" data-testid="overdue-tag" style={{ marginInlineEnd: 0 }}>
            {t('followUps.overdueBy', { count: dayjs(today).diff(dayjs(action.dueDate), 'day') })}
          </Tag>
        )
        const linked = path && action.linkedKind && action.linkedLabel && (
          <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0, maxWidth: '45%' }} ellipsis>
            {t('followUps.linkedTo', { kind: t(`followUps.linkKinds.${action.linkedKind}`) })}
            <Link to={path}>{action.linkedLabel}</Link>
          </Typography.Text>
        )
        if (action.id === editingId) {
          return (
            <Flex vertical gap={2}>
              <Form.Item name="title" {...cell}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} count={lengthCount(ActionPatch, 'title', { quiet: true })} aria-label={t('followUps.columns.title')} />
              </Form.Item>
              {(overdueTag || linked) && (
                <Flex gap={6} align="center">
                  {overdueTag}
                  {linked}
                </Flex>
              )}
            </Flex>
          )
        }
        return (
          <Flex gap={6} align="center" style={{ minWidth: 0 }}>
            {overdueTag}
            <span style={{ minWidth: 0, flex: '0 1 auto', overflow: 'hidden' }}>{line(action.title)}</span>
            {linked}
          </Flex>
        )
      },
    },
    {
      title: t('followUps.columns.owner'),
      key: 'owner',
      // Owners are departments as often as people ("Employment Office", "校企合作中心").
      width: 150,
      render: (_, action) =>
        action.id === editingId ? (
          <Form.Item name="owner" {...cell}>
            <AutoComplete
              aria-label={t('followUps.columns.owner')}
              options={owners.map((owner) => ({ value: owner }))}
              showSearch={{ filterOption: (typed, option) => String(option?.value ?? '').includes(typed.trim()) }}
              maxLength={100}
              style={{ width: '100%' }}
            />
          </Form.Item>
        ) : (
          line(action.owner)
        ),
    },
    {
      title: t('followUps.columns.dueDate'),
      key: 'dueDate',
      width: 140,
      render: (_, action) =>
        action.id === editingId ? (
          <Form.Item name="dueDate" {...cell}>
            <DatePicker aria-label={t('followUps.columns.dueDate')} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Typography.Text type={action.overdue ? 'danger' : undefined}>{action.dueDate}</Typography.Text>
        ),
    },
    ...(tripId
      ? []
      : [
          {
            title: t('followUps.columns.trip'),
            key: 'trip',
            width: 150,
            render: (_: unknown, action: ActionOverviewItem) =>
              action.tripId ? line(<Link to={tripPath(action.tripId, 'followUps')}>{action.tripTitle}</Link>, action.tripTitle) : null,
          },
        ]),
    ...(enterpriseId
      ? []
      : [
          {
            title: t('followUps.columns.enterprise'),
            key: 'enterprise',
            width: 150,
            render: (_: unknown, action: ActionOverviewItem) =>
              action.enterpriseId
                ? line(<Link to={enterprisePath(action.enterpriseId)}>{action.enterpriseName}</Link>, action.enterpriseName)
                : null,
          },
        ]),
    {
      key: 'actions',
      width: 84,
      render: (_, action) => (
        <Flex gap={2} align="center">
          {action.id === editingId ? (
            <Tooltip title={t('followUps.finishEdit')}>
              <Button type="text" size="small" icon={<CheckOutlined />} aria-label={t('followUps.finishEdit')} onClick={() => setEditingId(null)} />
            </Tooltip>
          ) : (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditingId(action.id)} />
            </Tooltip>
          )}
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
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 8 }}>
          <Flex gap={8} wrap align="center">
            <Segmented<DueState | 'all'>
              className="followup-due"
              aria-label={t('followUps.filters.due')}
              value={filters.due ?? 'all'}
              onChange={(due) => setFilters({ ...filters, due: due === 'all' ? undefined : due })}
              options={(['all', ...DUE_STATES] as const).map((due) => ({ value: due, label: t(`followUps.dueStates.${due}`) }))}
            />
            {overdueCount > 0 && (
              <Button type="link" danger data-testid="overdue-link" onClick={() => setFilters({ ...filters, due: 'overdue' })} style={{ paddingInline: 4 }}>
                {t('followUps.overdueLink', { count: overdueCount })}
              </Button>
            )}
          </Flex>
          {newButton}
        </Flex>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 170 }}
            placeholder={t('followUps.filters.allOwners')}
            aria-label={t('followUps.filters.owner')}
            value={filters.owner}
            onChange={(owner?: string) => setFilters({ ...filters, owner })}
            options={owners.map((owner) => ({ value: owner, label: owner }))}
          />
          {!enterpriseId && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220 }}
              placeholder={t('followUps.filters.allEnterprises')}
              aria-label={t('followUps.filters.enterprise')}
              value={filters.enterpriseId}
              onChange={(value?: string) => setFilters({ ...filters, enterpriseId: value })}
              options={enterpriseChoices}
            />
          )}
          {!tripId && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220 }}
              placeholder={t('followUps.filters.allTrips')}
              aria-label={t('followUps.filters.trip')}
              value={filters.tripId}
              onChange={(value?: string) => setFilters({ ...filters, tripId: value })}
              options={tripChoices}
            />
          )}
          {selected.length > 0 && <BulkActions actions={selectedActions} owners={owners} onDone={() => setSelectedIds([])} />}
        </Flex>
        <Card styles={{ body: { padding: 0 } }}>
          <Table<ActionOverviewItem>
            rowKey="id"
            size="small"
            className="followup-table"
            loading={overview.isPending}
            columns={columns}
            dataSource={rows}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelectedIds(keys.map(String)), columnWidth: 40 }}
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
