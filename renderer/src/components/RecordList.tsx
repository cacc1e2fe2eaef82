import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Flex, Result, Space, Table, Typography } from 'antd'
import type { ColumnsType, TableProps } from 'antd/es/table'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../api/records'
import { boundedRows } from './ErrorBoundaries'

/** What a list screen needs from its query (a TanStack query result fits). */
export interface ListQuery<T> {
  data: T[] | undefined
  isPending: boolean
  isError: boolean
  error: unknown
  refetch: () => unknown
}

/** The primary "New …" button above (or inside the empty state of) a list. */
export function NewButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {children}
    </Button>
  )
}

/** A list that failed to load: what went wrong, and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  return <Result status="warning" title={errorText(error)} extra={<Button onClick={() => void onRetry()}>{t('common.retry')}</Button>} />
}

/** An empty list: what would be here, why one would add some, and (as children) the button to start. */
export function EmptyState({ title, hint, hintWidth = 480, children }: { title: string; hint: string; hintWidth?: number | undefined; children?: ReactNode }) {
  return (
    <Card>
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Text type="secondary" style={{ maxWidth: hintWidth, display: 'inline-block' }}>
              {hint}
            </Typography.Text>
          </Space>
        }
      >
        {children}
      </Empty>
    </Card>
  )
}

interface RecordListProps<T extends { id: string }> {
  query: ListQuery<T>
  /** The synced table of the rows: a row that cannot render offers that record's history. */
  table: string
  columns: ColumnsType<T>
  newLabel: string
  onNew: () => void
  emptyTitle: string
  emptyHint: string
  emptyHintWidth?: number | undefined
  /** "3 visits": shown left of the New button; without it the button stands alone on the right. */
  count?: (count: number) => string
  /** Makes whole rows open their record. */
  onOpen?: (id: string) => void
  summary?: TableProps<T>['summary']
  testId?: string
  /** Rendered after the list: the new-record dialog. */
  children?: ReactNode
}

/**
 * The records of a tab as a table in a card, with a "New …" button above it; an empty state offering the
 * button instead when there are none, and a retry when they failed to load. Each row has its own error boundary,
 * so one record with a value this version cannot show never takes the list down.
 */
export function RecordList<T extends { id: string }>(props: RecordListProps<T>) {
  const { query, onOpen } = props
  const rows = query.data ?? []
  const newButton = <NewButton onClick={props.onNew}>{props.newLabel}</NewButton>

  let body
  if (query.isError) {
    body = <LoadError error={query.error} onRetry={query.refetch} />
  } else if (query.data && rows.length === 0) {
    body = (
      <EmptyState title={props.emptyTitle} hint={props.emptyHint} hintWidth={props.emptyHintWidth}>
        {newButton}
      </EmptyState>
    )
  } else {
    body = (
      <Card styles={{ body: { padding: 0 } }}>
        <Table<T>
          rowKey="id"
          loading={query.isPending}
          columns={props.columns}
          dataSource={rows}
          pagination={false}
          components={boundedRows(props.table, props.columns.length)}
          {...(onOpen ? { onRow: (row: T) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } }) } : {})}
          {...(props.summary ? { summary: props.summary } : {})}
          data-testid={props.testId}
        />
      </Card>
    )
  }

  return (
    <>
      {props.count ? (
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{rows.length > 0 && props.count(rows.length)}</Typography.Text>
          {rows.length > 0 && newButton}
        </Flex>
      ) : (
        rows.length > 0 && (
          <Flex justify="flex-end" style={{ marginBottom: 12 }}>
            {newButton}
          </Flex>
        )
      )}
      {body}
      {props.children}
    </>
  )
}
