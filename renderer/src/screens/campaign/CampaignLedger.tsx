import { Input, Select, Space, Table, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { LedgerRow } from '../../../../shared/procedures/campaign'
import { recordPath } from '../../routes'

const collator = new Intl.Collator('zh-CN', { numeric: true })
const NOBODY = '\u0000'

/** One row per person of ours per enterprise visit, newest first, filterable, each opening its record. */
export function CampaignLedger({ rows }: { rows: readonly LedgerRow[] }) {
  const { t } = useTranslation()
  const [person, setPerson] = useState<string | undefined>()
  const [department, setDepartment] = useState<string | undefined>()
  const [text, setText] = useState('')
  const people = useMemo(() => {
    const names = new Map<string, string>()
    for (const row of rows) names.set(row.staffId || NOBODY, row.staffName || t('campaign.ledger.nobody'))
    return [...names.entries()].sort((a, b) => collator.compare(a[1], b[1])).map(([value, label]) => ({ value, label }))
  }, [rows, t])
  const departments = useMemo(
    () => [...new Set(rows.map((row) => row.department).filter(Boolean))].sort(collator.compare).map((value) => ({ value, label: value })),
    [rows],
  )
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase()
    return [...rows]
      .filter((row) => person === undefined || (row.staffId || NOBODY) === person)
      .filter((row) => department === undefined || row.department === department)
      .filter((row) => !needle || row.enterpriseName.toLowerCase().includes(needle))
      .reverse()
  }, [rows, person, department, text])
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 180 }} placeholder={t('campaign.ledger.filterPerson')} options={people} value={person} onChange={setPerson} data-testid="ledger-person" />
        <Select allowClear style={{ width: 200 }} placeholder={t('campaign.ledger.filterDepartment')} options={departments} value={department} onChange={setDepartment} />
        <Input.Search allowClear style={{ width: 240 }} placeholder={t('campaign.ledger.filterEnterprise')} value={text} onChange={(event) => setText(event.target.value)} />
        <Typography.Text type="secondary" data-testid="ledger-count">
          {t('campaign.ledger.count', { count: shown.length })}
        </Typography.Text>
      </Space>
      <Table<LedgerRow>
        size="small"
        rowKey={(row) => `${row.recordId}|${row.staffId}`}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        data-testid="ledger-table"
        columns={[
          { key: 'date', dataIndex: 'date', title: t('campaign.ledger.date'), width: 108 },
          {
            key: 'enterprise',
            title: t('campaign.ledger.enterprise'),
            render: (_, row) => (
              <Link to={recordPath({ kind: row.recordKind, id: row.recordId, tripId: row.tripId })} title={t('campaign.ledger.open')}>
                {row.enterpriseName}
              </Link>
            ),
          },
          {
            key: 'person',
            title: t('campaign.ledger.person'),
            width: 110,
            render: (_, row) => row.staffName || <Typography.Text type="secondary">{t('campaign.ledger.nobody')}</Typography.Text>,
          },
          { key: 'department', dataIndex: 'department', title: t('campaign.ledger.department'), width: 150, ellipsis: true },
          { key: 'present', title: t('campaign.ledger.present'), width: 160, ellipsis: true, render: (_, row) => row.present.join(t('campaign.ledger.separator')) },
          { key: 'jobs', dataIndex: 'jobs', title: t('campaign.ledger.jobs'), width: 70, align: 'right' },
          { key: 'internships', dataIndex: 'internships', title: t('campaign.ledger.internships'), width: 104, align: 'right' },
          { key: 'agreements', dataIndex: 'agreements', title: t('campaign.ledger.agreements'), width: 104, align: 'right' },
          { key: 'followUps', title: t('campaign.ledger.followUps'), ellipsis: true, render: (_, row) => row.followUps.join('；') },
        ]}
      />
    </Space>
  )
}
