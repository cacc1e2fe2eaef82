import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { usePrefetchQuery } from '@tanstack/react-query'
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import type { EnterpriseSummary } from '../../../../shared/procedures/enterprise-file'
import { COOPERATION_STAGES } from '../../../../shared/schemas/enterprise'
import { invoke } from '../../api/client'
import { DERIVED, useDerived } from '../../api/queries'
import { enterprisePath } from '../../routes'
import { EnterpriseImportButton } from '../exchange/EnterpriseImportButton'
import { ExportMenu } from '../exchange/ExportMenu'
import { NewEnterpriseModal } from './NewEnterpriseModal'
import { EmptyHint, LoadError, nameCollator, StageTag, type Stage } from './shared'

interface Row extends EnterpriseSummary {
  /** Lower-cased name, industry, region and tags: what the filter box searches. */
  haystack: string
  /** Position in pinyin order, so sorting by name again costs nothing. */
  rank: number
}

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
  const [query, setQuery] = useState('')
  const [stage, setStage] = useState<Stage | undefined>(undefined)
  // Typing stays responsive with ten thousand rows: the filter runs on the deferred text.
  const deferredQuery = useDeferredValue(query.trim().toLowerCase())
  const { ref: tableArea, width, height } = useAvailableSize(24 + 55 + 40)

  const rows = useMemo<Row[]>(() => {
    const sorted = [...(enterprises.data ?? [])].sort((a, b) => nameCollator.compare(a.name, b.name))
    return sorted.map((e, rank) => ({ ...e, rank, haystack: [e.name, e.industry, e.region, ...e.tags].join('\n').toLowerCase() }))
  }, [enterprises.data])

  const shown = useMemo(
    () => rows.filter((row) => (!stage || row.stage === stage) && (!deferredQuery || row.haystack.includes(deferredQuery))),
    [rows, stage, deferredQuery],
  )

  const count = (key: 'trips' | 'visits' | 'agreements', width: number) => ({
    title: t(`enterprises.columns.${key}`),
    dataIndex: key,
    key,
    width,
    align: 'right' as const,
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
      width: 250,
      // Pinyin order by default; comparing precomputed ranks keeps re-sorting 10,000 rows instant.
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend', 'ascend'],
      sorter: (a, b) => a.rank - b.rank,
      render: (name: string, row) => (
        <Link to={enterprisePath(row.id)} style={{ fontWeight: 600 }}>
          {name}
        </Link>
      ),
    },
    { title: t('enterprises.columns.industry'), dataIndex: 'industry', key: 'industry', width: 120, ellipsis: true },
    { title: t('enterprises.columns.region'), dataIndex: 'region', key: 'region', width: 100, ellipsis: true },
    {
      title: t('enterprises.columns.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 100,
      render: (value: Stage) => <StageTag stage={value} />,
    },
    {
      title: t('enterprises.columns.tags'),
      dataIndex: 'tags',
      key: 'tags',
      width: 140,
      render: (tags: string[]) => (
        // One line: a virtual table needs rows of a steady height.
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={tags.join('、')}>
          {tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </div>
      ),
    },
    count('trips', 72),
    count('visits', 72),
    count('agreements', 116),
  ]

  const columnsWidth = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0)

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('enterprises.new')}
    </Button>
  )
  const total = enterprises.data?.length ?? 0
  const filtering = Boolean(deferredQuery) || Boolean(stage)

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
                      onClick={() => {
                        setQuery('')
                        setStage(undefined)
                      }}
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
