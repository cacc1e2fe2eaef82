import { SearchOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Button, Card, Checkbox, Col, Empty, Flex, Input, Result, Row, Select, Space, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import type { SearchHit, SearchKind } from '../../../../shared/procedures/search'
import { ApiError, invoke } from '../../api/client'
import { DERIVED } from '../../api/queries'
import { useRecords } from '../../api/records'
import { Highlighted } from './Highlighted'
import { markedTerms, withHighlight } from './SearchHitHighlight'
import { CATEGORIES, CATEGORY_NAMES, locationOf, type Category } from './kinds'

/** Long enough to wait for the next key of a fast typist, short enough to feel immediate. */
const DEBOUNCE_MS = 250
const HITS_PER_KIND = 20
const collator = new Intl.Collator('zh-CN', { numeric: true })

/** Moves focus between results with the arrow keys, and from the search box into them. */
function focusHit(from: Element | null, step: 1 | -1): void {
  const hits = Array.from(document.querySelectorAll<HTMLElement>('[data-search-hit]'))
  if (hits.length === 0) return
  const index = from ? hits.indexOf(from as HTMLElement) : -1
  const next = index < 0 ? (step === 1 ? 0 : -1) : index + step
  if (next < 0) document.querySelector<HTMLInputElement>('[data-search-box]')?.focus()
  else hits[Math.min(next, hits.length - 1)]?.focus()
}

/**
 * One result: its title (or, for a remark, its symposium), the matching text, and where it belongs. A record
 * with neither title nor parent (a note) shows its text as the title.
 */
function HitItem({ hit }: { hit: SearchHit }) {
  const title = hit.title.trim() ? hit.title : hit.parentLabel
  const snippet = hit.snippet.trim()
  const heading = title || snippet
  const context = [hit.tripTitle, hit.enterpriseName, hit.title.trim() ? hit.parentLabel : ''].filter(Boolean)
  return (
    <Link
      to={withHighlight(locationOf(hit), markedTerms(hit.title, hit.snippet))}
      data-search-hit
      data-testid="search-hit"
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault()
          focusHit(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1)
        }
      }}
      style={{ display: 'block', padding: '10px 16px', borderTop: '1px solid #f0f0f0', color: 'inherit' }}
    >
      <Typography.Text strong={Boolean(title)} style={{ display: 'block', color: title ? '#1f6f5c' : undefined }}>
        <Highlighted text={heading} />
      </Typography.Text>
      {title && snippet && (
        <Typography.Paragraph style={{ margin: '2px 0 0', color: 'rgba(0, 0, 0, 0.75)' }} ellipsis={{ rows: 2 }}>
          <Highlighted text={snippet} />
        </Typography.Paragraph>
      )}
      {context.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
          {context.join(' · ')}
        </Typography.Text>
      )}
    </Link>
  )
}

export function SearchScreen() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  // The screen keeps its own state (a checkbox must change at once) and mirrors it into the URL, so Back from a
  // result returns to the same search; the URL is read once, when the screen opens.
  const [filters, setFilters] = useState(() => ({
    q: params.get('q') ?? '',
    tripId: params.get('trip') ?? undefined,
    enterpriseId: params.get('enterprise') ?? undefined,
    categories: (params.get('kinds') ?? '').split(',').filter((c): c is Category => CATEGORY_NAMES.includes(c as Category)),
  }))
  const { q, tripId, enterpriseId, categories } = filters
  const [text, setText] = useState(q)
  const update = (changes: Partial<typeof filters>) => setFilters((current) => ({ ...current, ...changes }))

  useEffect(() => {
    const next = new URLSearchParams()
    if (q) next.set('q', q)
    if (tripId) next.set('trip', tripId)
    if (enterpriseId) next.set('enterprise', enterpriseId)
    if (categories.length > 0) next.set('kinds', categories.join(','))
    setParams(next, { replace: true })
  }, [q, tripId, enterpriseId, categories, setParams])

  // The query follows the box after a pause long enough for the next key of a fast typist.
  useEffect(() => {
    if (text === q) return
    const timer = setTimeout(() => setFilters((current) => ({ ...current, q: text })), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, q])

  const kinds = useMemo(() => (categories.length > 0 ? categories.flatMap((c) => [...CATEGORIES[c]]) : undefined), [categories])
  const input = { q: q.trim(), tripId, enterpriseId, kinds: kinds as SearchKind[] | undefined, limit: HITS_PER_KIND }
  const results = useQuery({
    queryKey: [DERIVED, 'search.query', input],
    queryFn: () => invoke('search.query', input),
    enabled: input.q.length > 0,
    // The previous results stay while the next ones load, so the list does not flash with each key.
    placeholderData: keepPreviousData,
  })

  const trips = useRecords('trip', {})
  const enterprises = useRecords('enterprise', {})
  const tripOptions = (trips.data ?? []).map((trip) => ({ value: trip.id, label: trip.title }))
  const enterpriseOptions = [...(enterprises.data ?? [])]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((enterprise) => ({ value: enterprise.id, label: enterprise.name }))
  const filtered = Boolean(tripId || enterpriseId || categories.length > 0)

  const onBoxKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      focusHit(null, 1)
    }
  }

  let body
  if (!input.q) {
    body = (
      <Card>
        <Empty
          image={<SearchOutlined style={{ fontSize: 48, color: '#bfbfbf' }} />}
          styles={{ image: { height: 56 } }}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('search.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 520, display: 'inline-block' }}>
                {t('search.emptyHint')}
              </Typography.Text>
            </Space>
          }
        />
      </Card>
    )
  } else if (results.isError) {
    body = (
      <Result
        status="warning"
        title={t(`errors.${results.error instanceof ApiError ? results.error.code : 'INTERNAL'}`)}
        extra={<Button onClick={() => void results.refetch()}>{t('common.retry')}</Button>}
      />
    )
  } else if (results.data && results.data.total === 0 && !results.isPlaceholderData) {
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('search.noResults', { q: input.q })}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 520, display: 'inline-block' }}>
                {filtered ? t('search.noResultsFiltered') : t('search.noResultsHint')}
              </Typography.Text>
            </Space>
          }
        >
          {filtered && <Button onClick={() => update({ tripId: undefined, enterpriseId: undefined, categories: [] })}>{t('search.clearFilters')}</Button>}
        </Empty>
      </Card>
    )
  } else if (results.data) {
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%', opacity: results.isPlaceholderData ? 0.6 : 1 }} data-testid="search-results">
        <Typography.Text type="secondary">{t('search.total', { count: results.data.total })}</Typography.Text>
        {results.data.groups.map((group) => (
          <Card
            key={group.kind}
            size="small"
            styles={{ body: { padding: 0 } }}
            title={
              <Space>
                {t(`search.kinds.${group.kind}`)}
                <Tag>{group.count}</Tag>
              </Space>
            }
            data-testid={`search-group-${group.kind}`}
          >
            {group.hits.map((hit) => (
              <HitItem key={hit.id} hit={hit} />
            ))}
            {group.count > group.hits.length && (
              <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 16px', borderTop: '1px solid #f0f0f0', fontSize: 12 }}>
                {t('search.more', { count: group.count - group.hits.length })}
              </Typography.Text>
            )}
          </Card>
        ))}
      </Space>
    )
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {t('search.title')}
      </Typography.Title>
      <Input
        size="large"
        autoFocus
        allowClear
        maxLength={200}
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.title')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onPressEnter={() => update({ q: text })}
        onKeyDown={onBoxKey}
        data-search-box
        data-testid="search-box"
      />
      <Row gutter={[12, 8]} align="middle">
        <Col xs={24} md={12}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            placeholder={t('search.allTrips')}
            aria-label={t('search.trip')}
            options={tripOptions}
            value={tripId}
            onChange={(value?: string) => update({ tripId: value })}
            data-testid="search-trip"
          />
        </Col>
        <Col xs={24} md={12}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            placeholder={t('search.allEnterprises')}
            aria-label={t('search.enterprise')}
            options={enterpriseOptions}
            value={enterpriseId}
            onChange={(value?: string) => update({ enterpriseId: value })}
            data-testid="search-enterprise"
          />
        </Col>
        <Col span={24}>
          <Flex wrap align="center" gap={8}>
            <Typography.Text type="secondary">{t('search.onlyKinds')}</Typography.Text>
            <Checkbox.Group
              // Its boxes wrap with the label as one line of items, rather than as a block under it.
              style={{ display: 'contents' }}
              value={categories}
              onChange={(values) => update({ categories: values as Category[] })}
              options={CATEGORY_NAMES.map((category) => ({ value: category, label: t(`search.categories.${category}`) }))}
            />
          </Flex>
        </Col>
      </Row>
      {body}
    </Space>
  )
}
