import { PlusOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons'
import { usePrefetchQuery } from '@tanstack/react-query'
import { App, Button, Card, Flex, Input, Popover, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import type { EnterpriseSummary } from '../../../../shared/procedures/enterprise-file'
import { COOPERATION_STAGES } from '../../../../shared/schemas/enterprise'
import { invoke } from '../../api/client'
import { DERIVED, useDerived } from '../../api/queries'
import { enterprisePath } from '../../routes'
import { localToday } from '../campaign/localDate'
import { EnterpriseImportButton } from '../exchange/EnterpriseImportButton'
import { ExportMenu } from '../exchange/ExportMenu'
import { NewEnterpriseModal } from './NewEnterpriseModal'
import { isFiltering, loadSavedFilters, matchesFilter, storeSavedFilters, type EnterpriseFilter, type SavedFilter } from './savedFilters'
import { EmptyHint, LoadError, nameCollator, StageTag, type Stage } from './shared'

interface Row extends EnterpriseSummary {
  /** Lower-cased name, industry, region and tags: what the filter box searches. */
  haystack: string
  /** Position in pinyin order, so sorting by name again costs nothing. */
  rank: number
}

/** The name column's least width; a wider window gives the name all of its extra room. */
const NAME_MIN_WIDTH = 190

/**
 * The table fills the window down to its bottom edge and across its width; only the rows in view are in the
 * page. A virtual table needs both sizes in pixels.
 */
function useAvailableSize(reserve: number) {
  const ref = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState({ width: 0, height: 400 })
  useEffect(() => {
    const measure = () => {
      const box = ref.current?.getBoundingClientRect()
      setSize({
        width: Math.floor(box?.width ?? 0),
        height: Math.max(240, Math.floor(window.innerHeight - (box?.top ?? 200) - reserve)),
      })
    }
    measure()
    window.addEventListener('resize', measure)
    return () => window.removeEventListener('resize', measure)
  }, [reserve])
  return { ref, ...size }
}

export function EnterprisesScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  // Asked for while this first render runs, not after the table's first commit (useQuery fetches in an effect):
  // the core computes the list while the page mounts the table. The key is useDerived's, so this is one request.
  usePrefetchQuery({ queryKey: [DERIVED, 'enterprise.overview', {}], queryFn: () => invoke('enterprise.overview', {}) })
  // One light row per enterprise with its counts, refreshed after any change (counts depend on every table).
  const enterprises = useDerived('enterprise.overview', {})
  const [creating, setCreating] = useState(false)
  const { message } = App.useApp()
  const today = localToday()
  const [filter, setFilter] = useState<EnterpriseFilter>({ query: '' })
  const { query, stage } = filter
  const setQuery = (value: string) => setFilter((current) => ({ ...current, query: value }))
  const setStage = (value: Stage | undefined) => setFilter((current) => ({ ...current, stage: value }))
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSavedFilters())
  const [savingName, setSavingName] = useState('')
  const [savingOpen, setSavingOpen] = useState(false)
  // Typing stays responsive with ten thousand rows: the filter runs on the deferred text.
  const deferredQuery = useDeferredValue(query.trim().toLowerCase())
  const deferredFilter = useMemo(() => ({ ...filter, query: deferredQuery }), [filter, deferredQuery])
  const { ref: tableArea, width, height } = useAvailableSize(24 + 55 + 40 + 36)

  const rows = useMemo<Row[]>(() => {
    const sorted = [...(enterprises.data ?? [])].sort((a, b) => nameCollator.compare(a.name, b.name))
    return sorted.map((e, rank) => ({ ...e, rank, haystack: [e.name, e.industry, e.region, ...e.tags].join('\n').toLowerCase() }))
  }, [enterprises.data])

  const shown = useMemo(() => rows.filter((row) => matchesFilter(row, deferredFilter, today)), [rows, deferredFilter, today])

  function saveFilter() {
    const name = savingName.trim()
    if (!name) return
    const next = [...saved.filter((item) => item.name !== name), { name, filter }]
    storeSavedFilters(next)
    setSaved(next)
    setSavingOpen(false)
    setSavingName('')
    void message.success(t('relationship.list.saved', { name }))
  }
  function forgetFilter(name: string) {
    const next = saved.filter((item) => item.name !== name)
    storeSavedFilters(next)
    setSaved(next)
  }
  const sameFilter = (a: EnterpriseFilter, b: EnterpriseFilter) =>
    a.query.trim() === b.query.trim() && a.stage === b.stage && a.noContactDays === b.noContactDays && Boolean(a.openFollowUps) === Boolean(b.openFollowUps)

  const count = (key: 'trips' | 'visits' | 'agreements', width: number) => ({
    title: t(`enterprises.columns.${key}`),
    dataIndex: key,
    key,
    width,
    align: 'right' as const,
    // A one-word header on one line: wrapped, "Agreements" would break inside the word.
    onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
    // The busiest first on the first click.
    sortDirections: ['descend' as const, 'ascend' as const],
    sorter: (a: Row, b: Row) => a[key] - b[key],
    render: (value: number) => (value > 0 ? value : <Typography.Text type="secondary">0</Typography.Text>),
  })

  const columns: ColumnsType<Row> = [
    {
      title: t('enterprises.columns.name'),
      dataIndex: 'name',
      key: 'name',
      width: NAME_MIN_WIDTH,
      ellipsis: true,
      // Pinyin order by default; comparing precomputed ranks keeps re-sorting 10,000 rows instant.
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend', 'ascend'],
      sorter: (a, b) => a.rank - b.rank,
      render: (name: string, row) => (
        <Link to={enterprisePath(row.id)} style={{ fontWeight: 600 }} title={name}>
          {name}
        </Link>
      ),
    },
    { title: t('enterprises.columns.industry'), dataIndex: 'industry', key: 'industry', width: 90, ellipsis: true },
    { title: t('enterprises.columns.region'), dataIndex: 'region', key: 'region', width: 76, ellipsis: true },
    {
      title: t('enterprises.columns.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 92,
      render: (value: Stage) => <StageTag stage={value} />,
    },
    {
      title: t('relationship.list.owner'),
      dataIndex: 'owner',
      key: 'owner',
      width: 80,
      ellipsis: true,
    },
    {
      title: t('relationship.list.lastContact'),
      dataIndex: 'lastContact',
      key: 'lastContact',
      width: 104,
      // Activity: the most recently contacted first on the first click; never contacted sorts as oldest.
      sortDirections: ['descend', 'ascend', 'descend'],
      sorter: (a, b) => a.lastContact.localeCompare(b.lastContact),
      render: (date: string) =>
        date ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{date}</span> : <Typography.Text type="secondary">{t('relationship.list.never')}</Typography.Text>,
    },
    {
      title: t('relationship.list.nextFollowUp'),
      dataIndex: 'nextFollowUp',
      key: 'nextFollowUp',
      width: 112,
      sorter: (a, b) => (a.nextFollowUp || '9999').localeCompare(b.nextFollowUp || '9999'),
      render: (date: string, row) =>
        row.openFollowUps === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span title={t('relationship.list.openFollowUps', { count: row.openFollowUps })}>
            <Typography.Text type={date && date < today ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {date || t('relationship.list.noDate')}
            </Typography.Text>
            {row.openFollowUps > 1 && <Typography.Text type="secondary"> +{row.openFollowUps - 1}</Typography.Text>}
          </span>
        ),
    },
    {
      title: t('enterprises.columns.tags'),
      dataIndex: 'tags',
      key: 'tags',
      width: 80,
      render: (tags: string[]) => (
        // One line: a virtual table needs rows of a steady height.
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={tags.join('、')}>
          {tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </div>
      ),
    },
    count('trips', 70),
    count('visits', 72),
    count('agreements', 110),
  ]

  // The room the window has beyond the columns' widths goes to the name, not spread over the counts.
  const fixedWidth = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0)
  columns[0] = { ...columns[0]!, width: NAME_MIN_WIDTH + Math.max(0, width - 2 - fixedWidth) }
  const columnsWidth = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0)

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('enterprises.new')}
    </Button>
  )
  const total = enterprises.data?.length ?? 0
  const filtering = isFiltering(deferredFilter)

  let body
  if (enterprises.isError) {
    body = <LoadError error={enterprises.error} onRetry={() => void enterprises.refetch()} />
  } else if (enterprises.data && total === 0) {
    body = (
      <Card>
        <EmptyHint title={t('enterprises.emptyTitle')} hint={t('enterprises.emptyHint')}>
          <Space>
            {newButton}
            <EnterpriseImportButton />
          </Space>
        </EmptyHint>
      </Card>
    )
  } else {
    body = (
      <>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('enterprises.filterPlaceholder')}
            aria-label={t('enterprises.filterPlaceholder')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            style={{ width: 340 }}
          />
          <Select<Stage>
            allowClear
            placeholder={t('enterprises.allStages')}
            aria-label={t('enterprises.columns.stage')}
            value={stage}
            onChange={(value) => setStage(value)}
            options={COOPERATION_STAGES.map((value) => ({ value, label: t(`enterprises.stage.${value}`) }))}
            style={{ width: 160 }}
          />
          <Typography.Text type="secondary" data-testid="enterprise-count">
            {filtering ? t('enterprises.shown', { shown: shown.length, count: total }) : t('enterprises.count', { count: total })}
          </Typography.Text>
        </Flex>
        <Flex gap={4} wrap align="center" style={{ marginBottom: 12 }} data-testid="enterprise-quick-filters">
          <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
            {t('relationship.list.presets')}
          </Typography.Text>
          <Tag.CheckableTag
            checked={filter.noContactDays === 90}
            onChange={(checked) => setFilter((current) => ({ ...current, noContactDays: checked ? 90 : undefined }))}
          >
            {t('relationship.list.noContact90')}
          </Tag.CheckableTag>
          <Tag.CheckableTag
            checked={Boolean(filter.openFollowUps)}
            onChange={(checked) => setFilter((current) => ({ ...current, openFollowUps: checked || undefined }))}
          >
            {t('relationship.list.withOpenFollowUps')}
          </Tag.CheckableTag>
          <Tag.CheckableTag
            checked={filter.stage === 'cooperating'}
            onChange={(checked) => setFilter((current) => ({ ...current, stage: checked ? 'cooperating' : undefined }))}
          >
            {t('relationship.list.cooperating')}
          </Tag.CheckableTag>
          {saved.map((item) => (
            <Tag.CheckableTag key={item.name} checked={sameFilter(item.filter, filter)} onChange={(checked) => setFilter(checked ? item.filter : { query: '' })}>
              <span data-testid="saved-filter">{item.name}</span>
              <Typography.Link
                aria-label={t('relationship.list.deleteFilter', { name: item.name })}
                onClick={(event) => {
                  event.stopPropagation()
                  forgetFilter(item.name)
                }}
                style={{ marginInlineStart: 6, fontSize: 11 }}
              >
                ✕
              </Typography.Link>
            </Tag.CheckableTag>
          ))}
          {filtering && (
            <Popover
              open={savingOpen}
              onOpenChange={setSavingOpen}
              trigger="click"
              content={
                <Space.Compact>
                  <Input
                    autoFocus
                    aria-label={t('relationship.list.saveFilterName')}
                    placeholder={t('relationship.list.saveFilterNamePlaceholder')}
                    maxLength={40}
                    value={savingName}
                    onChange={(event) => setSavingName(event.target.value)}
                    onPressEnter={saveFilter}
                    style={{ width: 220 }}
                  />
                  <Button type="primary" onClick={saveFilter} disabled={!savingName.trim()}>
                    {t('common.save')}
                  </Button>
                </Space.Compact>
              }
            >
              <Button size="small" type="link" icon={<SaveOutlined />}>
                {t('relationship.list.saveFilter')}
              </Button>
            </Popover>
          )}
        </Flex>
        <div ref={tableArea}>
          <Card styles={{ body: { padding: 0 } }}>
            <Table<Row>
              virtual
              rowKey="id"
              size="middle"
              loading={enterprises.isPending}
              columns={columns}
              dataSource={shown}
              pagination={false}
              // Wider than the columns: they stretch; narrower: the table scrolls sideways.
              scroll={{ x: Math.max(columnsWidth, width - 2), y: height }}
              onRow={(row) => ({ onDoubleClick: () => void navigate(enterprisePath(row.id)) })}
              locale={{
                emptyText: (
                  <EmptyHint title={t('enterprises.noMatch')}>
                    <Button
                      onClick={() => setFilter({ query: '' })}
                    >
                      {t('enterprises.clearFilters')}
                    </Button>
                  </EmptyHint>
                ),
              }}
            />
          </Card>
        </div>
      </>
    )
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Space align="baseline">
          <Typography.Title level={1} style={{ margin: 0 }}>
            {t('enterprises.title')}
          </Typography.Title>
        </Space>
        {total > 0 && (
          <Space>
            <EnterpriseImportButton />
            <ExportMenu kinds={['enterprises']} />
            {newButton}
          </Space>
        )}
      </Flex>
      {body}
      <NewEnterpriseModal open={creating} onClose={() => setCreating(false)} enterprises={enterprises.data ?? []} />
    </>
  )
}
