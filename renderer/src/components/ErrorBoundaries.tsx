import { DeleteOutlined, WarningOutlined } from '@ant-design/icons'
import { Button, Result, Space, Typography } from 'antd'
import { Component, type ComponentProps, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams, useRouteError } from 'react-router'
import { HistoryButton } from './HistoryPanel'

/** Route parameters naming the record a screen shows, with its table (for its history). */
const RECORD_PARAMS: [param: string, table: string][] = [
  ['symposiumId', 'symposiums'],
  ['visitId', 'visits'],
  ['agreementId', 'agreements'],
  ['surveyId', 'surveys'],
  ['enterpriseId', 'enterprises'],
  ['tripId', 'trips'],
]

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** What the user can do about a record that cannot be shown: see its history (and who changed what), or the trash. */
function RecordWayOut({ table, rowId }: { table: string | undefined; rowId: string | undefined }) {
  const { t } = useTranslation()
  return (
    <Space wrap>
      {table && rowId && <HistoryButton table={table} rowId={rowId} label={t('screenError.thisRecord')} />}
      <Link to="/trash">
        <Button icon={<DeleteOutlined />}>{t('screenError.openTrash')}</Button>
      </Link>
    </Space>
  )
}

/**
 * In place of a screen that failed to render (a record holding a value this version cannot show): the navigation
 * around it stays, the user is told what could not be shown, and can open the record's history or the trash.
 */
export function ScreenError() {
  const { t } = useTranslation()
  const error = useRouteError()
  const params = useParams()
  const location = useLocation()
  const named = RECORD_PARAMS.find(([param]) => params[param])
  return (
    <Result
      data-testid="screen-error"
      status="warning"
      title={t('screenError.title')}
      subTitle={
        <Space direction="vertical">
          <span>{t('screenError.hint')}</span>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {location.pathname}: {messageOf(error).slice(0, 300)}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space direction="vertical" align="center">
          <RecordWayOut table={named?.[1]} rowId={named ? params[named[0]] : undefined} />
          <Link to="/trips">{t('screenError.toTrips')}</Link>
        </Space>
      }
    />
  )
}

interface RowBoundaryState {
  error: unknown
}

/**
 * A table row that cannot render (one record's bad value) shows a line saying so, with that record's history and
 * the trash, instead of taking the whole list down. antd passes the row's key as `data-row-key`.
 */
class RowBoundary extends Component<{ table: string; columns: number; rowProps: ComponentProps<'tr'> & { 'data-row-key'?: string } }, RowBoundaryState> {
  override state: RowBoundaryState = { error: undefined }

  static getDerivedStateFromError(error: unknown): RowBoundaryState {
    return { error }
  }

  override render(): ReactNode {
    const { rowProps, table, columns } = this.props
    if (this.state.error === undefined) return <tr {...rowProps} />
    const { children: _children, onClick: _onClick, ...rest } = rowProps
    return (
      <tr {...rest} data-testid="row-error">
        <td colSpan={columns}>
          <RowErrorLine table={table} rowId={rowProps['data-row-key']} error={this.state.error} />
        </td>
      </tr>
    )
  }
}

function RowErrorLine({ table, rowId, error }: { table: string; rowId: string | undefined; error: unknown }) {
  const { t } = useTranslation()
  return (
    <Space wrap>
      <WarningOutlined style={{ color: '#d48806' }} />
      <Typography.Text>{t('screenError.row')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {messageOf(error).slice(0, 120)}
      </Typography.Text>
      <RecordWayOut table={table} rowId={rowId} />
    </Space>
  )
}

/** `components` for an antd Table whose rows each get their own boundary. */
export function boundedRows(table: string, columns: number) {
  return {
    body: {
      row: (rowProps: ComponentProps<'tr'> & { 'data-row-key'?: string }) => <RowBoundary table={table} columns={columns} rowProps={rowProps} />,
    },
  }
}
