import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { Card, Col, Collapse, Flex, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { DemandPosition, DemandSurvey } from '../../../../shared/procedures/enterprise-file'
import { useDerived } from '../../api/queries'
import { recordPath, tripPath } from '../../routes'
import { EmptyHint, LoadError } from './shared'

type Kind = DemandPosition['kind']

/** One line of the comparison: a position (by kind and title) and its headcount in each survey. */
interface MatrixRow {
  key: string
  title: string
  kind: Kind
  /** Headcount per survey id; missing when that survey did not ask for it. */
  counts: Record<string, number>
}

/**
 * Positions × surveys. The same title asked twice in one survey (say with different majors) is added up;
 * titles are compared ignoring spaces, so "设备 运维" and "设备运维" are one line.
 */
export function demandMatrix(surveys: readonly DemandSurvey[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>()
  for (const kind of ['employment', 'internship'] as const) {
    for (const survey of surveys) {
      for (const position of survey.positions) {
        if (position.kind !== kind) continue
        const key = `${kind}:${position.title.replace(/\s+/g, '')}`
        const row = rows.get(key) ?? { key, title: position.title, kind, counts: {} }
        row.counts[survey.surveyId] = (row.counts[survey.surveyId] ?? 0) + position.headcount
        rows.set(key, row)
      }
    }
  }
  return [...rows.values()]
}

function Change({ latest, previous }: { latest: number | undefined; previous: number | undefined }) {
  const { t } = useTranslation()
  if (latest === undefined && previous === undefined) return null
  if (previous === undefined) return <Tag color="green">{t('enterprises.demand.new')}</Tag>
  const diff = (latest ?? 0) - previous
  if (diff === 0) return <Typography.Text type="secondary">0</Typography.Text>
  return (
    <Typography.Text type={diff > 0 ? 'success' : 'danger'} data-testid="demand-change">
      {diff > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {diff > 0 ? `+${diff}` : diff}
    </Typography.Text>
  )
}

function SurveyDetails({ survey }: { survey: DemandSurvey }) {
  const { t } = useTranslation()
  const d = 'enterprises.demand'
  const columns: ColumnsType<DemandPosition> = [
    { title: t(`${d}.columns.title`), dataIndex: 'title', key: 'title' },
    {
      title: t(`${d}.columns.kind`),
      dataIndex: 'kind',
      key: 'kind',
      width: 90,
      render: (kind: Kind) => <Tag color={kind === 'employment' ? 'blue' : 'cyan'}>{t(`${d}.positionKinds.${kind}`)}</Tag>,
    },
    { title: t(`${d}.columns.headcount`), dataIndex: 'headcount', key: 'headcount', width: 80, align: 'right' },
    { title: t(`${d}.columns.majors`), dataIndex: 'majors', key: 'majors', render: (majors: string[]) => majors.join('、') },
    {
      title: t(`${d}.columns.education`),
      dataIndex: 'education',
      key: 'education',
      width: 110,
      render: (education: DemandPosition['education']) => (education ? t(`${d}.education.${education}`) : ''),
    },
    {
      title: t(`${d}.columns.pay`),
      key: 'pay',
      width: 130,
      render: (_, p) => (p.payMin || p.payMax ? [p.payMin || '', p.payMax || ''].filter(Boolean).join(' – ') : ''),
    },
    { title: t(`${d}.columns.timing`), dataIndex: 'startTiming', key: 'startTiming', width: 110 },
  ]
  return (
    <Flex vertical gap={8}>
      {survey.positions.length === 0 ? (
        <Typography.Text type="secondary">{t(`${d}.noPositions`)}</Typography.Text>
      ) : (
        <Table<DemandPosition> rowKey="id" size="small" columns={columns} dataSource={survey.positions} pagination={false} />
      )}
      <Link to={recordPath({ kind: 'survey', id: survey.surveyId })}>{t(`${d}.openSurvey`)}</Link>
    </Flex>
  )
}

/** How the enterprise's demand for people changed from one survey to the next, across trips. */
export function DemandTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation()
  const d = 'enterprises.demand'
  const history = useDerived('enterprise.demandHistory', { enterpriseId })
  const surveys = useMemo(() => history.data ?? [], [history.data])
  const matrix = useMemo(() => demandMatrix(surveys), [surveys])

  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />
  if (!history.data) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    )
  }
  if (surveys.length === 0) {
    return (
      <Card>
        <EmptyHint title={t(`${d}.emptyTitle`)} hint={t(`${d}.emptyHint`)} />
      </Card>
    )
  }

  const latest = surveys.at(-1)!
  const previous = surveys.length > 1 ? surveys.at(-2) : undefined

  const columns: ColumnsType<MatrixRow> = [
    {
      title: t(`${d}.position`),
      dataIndex: 'title',
      key: 'title',
      fixed: 'left',
      width: 220,
      render: (title: string, row) => (
        <Space size={6}>
          <Tag color={row.kind === 'employment' ? 'blue' : 'cyan'} style={{ marginInlineEnd: 0 }}>
            {t(`${d}.positionKinds.${row.kind}`)}
          </Tag>
          {title}
        </Space>
      ),
    },
    ...surveys.map((survey) => ({
      key: survey.surveyId,
      width: 150,
      align: 'right' as const,
      title: (
        <Flex vertical align="flex-end">
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{survey.date}</span>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, fontWeight: 400, maxWidth: 140 }}>
            {survey.tripTitle}
          </Typography.Text>
        </Flex>
      ),
      render: (_: unknown, row: MatrixRow) => {
        const value = row.counts[survey.surveyId]
        return value === undefined ? <Typography.Text type="secondary">{t(`${d}.notAsked`)}</Typography.Text> : value
      },
    })),
    ...(previous
      ? [
          {
            key: 'change',
            width: 110,
            align: 'right' as const,
            title: <span title={t(`${d}.changeHint`)}>{t(`${d}.change`)}</span>,
            render: (_: unknown, row: MatrixRow) => (
              <Change latest={row.counts[latest.surveyId]} previous={row.counts[previous.surveyId]} />
            ),
          },
        ]
      : []),
  ]

  const delta = (kind: Kind) => (previous ? latest.totals[kind] - previous.totals[kind] : undefined)
  const suffix = (kind: Kind) => {
    const diff = delta(kind)
    if (diff === undefined || diff === 0) return t(`${d}.people`)
    return (
      <span>
        {t(`${d}.people`)}{' '}
        <Typography.Text type={diff > 0 ? 'success' : 'danger'} style={{ fontSize: 14 }}>
          {diff > 0 ? `+${diff}` : diff}
        </Typography.Text>
      </span>
    )
  }

  return (
    <Flex vertical gap={16}>
      <Card>
        <Row gutter={24}>
          <Col span={8}>
            <Statistic title={t(`${d}.surveys`)} value={surveys.length} />
          </Col>
          <Col span={8}>
            <Statistic title={t(`${d}.latestEmployment`)} value={latest.totals.employment} suffix={suffix('employment')} />
          </Col>
          <Col span={8}>
            <Statistic title={t(`${d}.latestInternship`)} value={latest.totals.internship} suffix={suffix('internship')} />
          </Col>
        </Row>
      </Card>
      <Card title={t(`${d}.comparison`)} styles={{ body: { padding: 0 } }} data-testid="demand-matrix">
        <Table<MatrixRow>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={matrix}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() => (
            <Table.Summary>
              {(['employment', 'internship'] as const).map((kind) => (
                <Table.Summary.Row key={kind} data-testid={`demand-total-${kind}`}>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t(kind === 'employment' ? `${d}.totalEmployment` : `${d}.totalInternship`)}</Typography.Text>
                  </Table.Summary.Cell>
                  {surveys.map((survey, index) => (
                    <Table.Summary.Cell key={survey.surveyId} index={index + 1} align="right">
                      <Typography.Text strong>{survey.totals[kind]}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                  {previous && (
                    <Table.Summary.Cell index={surveys.length + 1} align="right">
                      <Change latest={latest.totals[kind]} previous={previous.totals[kind]} />
                    </Table.Summary.Cell>
                  )}
                </Table.Summary.Row>
              ))}
            </Table.Summary>
          )}
        />
      </Card>
      <Card title={t(`${d}.details`)} styles={{ body: { padding: 0 } }}>
        <Collapse
          bordered={false}
          // Newest first, the latest open: it is the one people come to check.
          defaultActiveKey={[latest.surveyId]}
          items={[...surveys].reverse().map((survey) => ({
            key: survey.surveyId,
            label: (
              <Flex gap={12} wrap align="baseline">
                <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {survey.date}
                </Typography.Text>
                {survey.tripId ? (
                  <Link to={tripPath(survey.tripId)} onClick={(event) => event.stopPropagation()}>
                    {survey.tripTitle}
                  </Link>
                ) : null}
                {survey.respondent && (
                  <Typography.Text type="secondary">
                    {t(`${d}.respondent`, { name: [survey.respondent, survey.respondentTitle].filter(Boolean).join(' ') })}
                  </Typography.Text>
                )}
                <Tag color="blue">{t('enterprises.timeline.employment', { count: survey.totals.employment })}</Tag>
                <Tag color="cyan">{t('enterprises.timeline.internship', { count: survey.totals.internship })}</Tag>
              </Flex>
            ),
            children: <SurveyDetails survey={survey} />,
          }))}
        />
      </Card>
    </Flex>
  )
}
