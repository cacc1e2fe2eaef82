import { Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { AGREEMENT_STATUSES, type Agreement } from '../../../../shared/schemas/agreement'
import { useDeleteWithUndo, useRecords } from '../../api/records'
import { deleteColumn } from '../../components/DeleteButton'
import { RecordList } from '../../components/RecordList'
import { enterprisePath } from '../../routes'
import { formatYuan, STATUS_COLORS } from './format'
import { NewAgreementDialog } from './NewAgreementDialog'

const collator = new Intl.Collator('zh-CN', { numeric: true })

/** The agreements of a trip or of an enterprise, with their totals; "New agreement" opens the one created. */
export function AgreementList({ tripId, enterpriseId }: { tripId?: string; enterpriseId?: string }) {
  const { t, i18n } = useTranslation()
  const filter = useMemo(() => ({ ...(tripId ? { tripId } : {}), ...(enterpriseId ? { enterpriseId } : {}) }), [tripId, enterpriseId])
  const agreements = useRecords('agreement', filter)
  const enterprises = useRecords('enterprise', {})
  const deleteWithUndo = useDeleteWithUndo('agreement')
  const [creating, setCreating] = useState(false)

  const enterpriseNames = useMemo(() => new Map((enterprises.data ?? []).map((e) => [e.id, e.name])), [enterprises.data])
  const rows = agreements.data ?? []
  const totalAmount = rows.reduce((sum, a) => sum + a.amountYuan, 0)
  const totalPositions = rows.reduce((sum, a) => sum + a.positions, 0)

  const columns: ColumnsType<Agreement> = [
    {
      title: t('agreements.columns.title'),
      dataIndex: 'title',
      sorter: (a, b) => collator.compare(a.title, b.title),
      render: (title: string, agreement) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/agreements/${agreement.id}`} style={{ fontWeight: 600 }}>
            {title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`agreements.kinds.${agreement.kind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    ...(enterpriseId
      ? []
      : [
          {
            title: t('agreements.columns.enterprise'),
            key: 'enterprise',
            width: 220,
            sorter: (a: Agreement, b: Agreement) =>
              collator.compare(enterpriseNames.get(a.enterpriseId) ?? '', enterpriseNames.get(b.enterpriseId) ?? ''),
            render: (_: unknown, agreement: Agreement) => (
              <Link to={enterprisePath(agreement.enterpriseId)}>{enterpriseNames.get(agreement.enterpriseId) ?? ''}</Link>
            ),
          },
        ]),
    {
      title: t('agreements.columns.status'),
      dataIndex: 'status',
      width: 130,
      sorter: (a, b) => AGREEMENT_STATUSES.indexOf(a.status) - AGREEMENT_STATUSES.indexOf(b.status),
      render: (status: Agreement['status']) => (
        <Tag color={STATUS_COLORS[status]} data-testid="agreement-status">
          {AGREEMENT_STATUSES.indexOf(status) + 1}/{AGREEMENT_STATUSES.length} {t(`agreements.statuses.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('agreements.columns.signedDate'),
      dataIndex: 'signedDate',
      width: 120,
      sorter: (a, b) => a.signedDate.localeCompare(b.signedDate),
      render: (date: string) => date || <Typography.Text type="secondary">{t('agreements.notSigned')}</Typography.Text>,
    },
    {
      title: t('agreements.columns.amount'),
      dataIndex: 'amountYuan',
      align: 'right',
      width: 130,
      sorter: (a, b) => a.amountYuan - b.amountYuan,
      render: (amount: number) => (amount > 0 ? formatYuan(amount, i18n.language) : ''),
    },
    {
      title: t('agreements.columns.positions'),
      dataIndex: 'positions',
      align: 'right',
      width: 100,
      sorter: (a, b) => a.positions - b.positions,
      render: (positions: number) => (positions > 0 ? positions : ''),
    },
    deleteColumn({ title: t('common.actions'), width: 72, label: (agreement) => agreement.title, onDelete: deleteWithUndo }),
  ]

  const amountColumn = enterpriseId ? 3 : 4
  return (
    <RecordList
      query={agreements}
      table="agreements"
      columns={columns}
      newLabel={t('agreements.new')}
      onNew={() => setCreating(true)}
      emptyTitle={t('agreements.emptyTitle')}
      emptyHint={t('agreements.emptyHint')}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={amountColumn}>
              <Typography.Text type="secondary">{t('agreements.count', { count: rows.length })}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={amountColumn} align="right">
              <Typography.Text strong data-testid="agreements-total-amount">
                {totalAmount > 0 ? formatYuan(totalAmount, i18n.language) : ''}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={amountColumn + 1} align="right">
              <Typography.Text strong>{totalPositions > 0 ? totalPositions : ''}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={amountColumn + 2} />
          </Table.Summary.Row>
        ) : null
      }
    >
      <NewAgreementDialog open={creating} tripId={tripId} enterpriseId={enterpriseId} onClose={() => setCreating(false)} />
    </RecordList>
  )
}
