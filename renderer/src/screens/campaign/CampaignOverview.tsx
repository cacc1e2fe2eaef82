import { InfoCircleOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Empty, Flex, Progress, Row, Segmented, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CampaignFigures } from '../../../../shared/procedures/campaign'
import { invoke } from '../../api/client'
import { useErrorText } from '../../api/records'
import { LazyEChart, type ChartOption } from '../../components/charts/LazyEChart'

type Bucket = CampaignFigures['regions'][number]

/** The totals, each leader's progress toward the quota, the trend and the breakdowns. */
export function CampaignOverview({ figures, today }: { figures: CampaignFigures; today: string }) {
  const { t } = useTranslation()
  const { totals, settings } = figures
  const stat = (testId: string, title: string, value: number, extra?: React.ReactNode) => (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={value} valueStyle={{ fontSize: 24 }} />
        <div data-testid={testId} data-value={value} hidden />
        {extra ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{extra}</Typography.Text> : null}
      </Card>
    </Col>
  )
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {figures.unlinkedMembers > 0 ? <UnlinkedMembers count={figures.unlinkedMembers} /> : null}
      <Row gutter={[12, 12]}>
        {stat('campaign-enterprises', t('campaign.totals.enterprisesVisited'), totals.enterprisesVisited, t('campaign.totals.newEnterprises', { count: totals.newEnterprises }))}
        {stat('campaign-visits', t('campaign.totals.visits'), totals.visits)}
        {stat(
          'campaign-positions',
          t('campaign.totals.positions'),
          totals.positions.total,
          <>
            {t('campaign.totals.positionsSplit', { jobs: totals.positions.jobs, internships: totals.positions.internships })}
            {settings.targets.positions > 0 ? ` · ${t('campaign.totals.target', { target: settings.targets.positions })}` : ''}
          </>,
        )}
        {stat(
          'campaign-committed',
          t('campaign.totals.committed'),
          totals.positions.committedByAgreements,
          <Tooltip title={t('campaign.totals.committedHint')}>
            <InfoCircleOutlined />
          </Tooltip>,
        )}
        {stat(
          'campaign-agreements',
          t('campaign.totals.agreements'),
          totals.agreements.total,
          settings.targets.agreements > 0 ? t('campaign.totals.target', { target: settings.targets.agreements }) : undefined,
        )}
        {stat('campaign-order-class', t('campaign.totals.orderClassStudents'), totals.orderClassStudents)}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <LeaderProgressCard leaders={figures.leaders} />
        </Col>
        <Col xs={24} xl={14}>
          <TrendCard figures={figures} today={today} />
        </Col>
      </Row>
      <Breakdowns figures={figures} />
    </Space>
  )
}

/** Trip members not in the directory count for no one: one click links them by name, creating people as needed. */
function UnlinkedMembers({ count }: { count: number }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  async function link() {
    try {
      const { linked } = await invoke('staff.linkMembers', {})
      void message.success(t('campaign.staff.linked', { count: linked }))
    } catch (error) {
      void message.error(errorText(error))
    }
  }
  return (
    <Alert
      type="info"
      showIcon
      message={t('campaign.unlinked', { count })}
      action={
        <Button size="small" onClick={() => void link()} data-testid="link-members">
          {t('campaign.staff.link')}
        </Button>
      }
    />
  )
}

function LeaderProgressCard({ leaders }: { leaders: CampaignFigures['leaders'] }) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={t('campaign.leaders.title')} style={{ height: '100%' }}>
      {leaders.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space direction="vertical" size={2}>
              <Typography.Text strong>{t('campaign.leaders.empty')}</Typography.Text>
              <Typography.Text type="secondary">{t('campaign.leaders.emptyHint')}</Typography.Text>
            </Space>
          }
        />
      ) : (
        <div style={{ maxHeight: 340, overflowY: 'auto', paddingRight: 4 }}>
          {leaders.map((leader) => (
            <div key={leader.staffId} data-testid="leader-progress" data-name={leader.name} data-visits={leader.visits} style={{ marginBottom: 10 }}>
              <Flex justify="space-between" align="baseline" gap={8}>
                <Space size={6}>
                  <Typography.Text strong>{leader.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {leader.position}
                  </Typography.Text>
                  <Tag bordered={false} color={leader.level === 'school' ? 'green' : 'default'}>
                    {t(`campaign.levels.${leader.level}`)}
                  </Tag>
                </Space>
                <Typography.Text>
                  {leader.quota > 0
                    ? t('campaign.leaders.visits', { visits: leader.visits, quota: leader.quota })
                    : t('campaign.leaders.visitsNoQuota', { count: leader.visits })}
                </Typography.Text>
              </Flex>
              {leader.quota > 0 ? (
                <Progress percent={Math.min(100, Math.round((leader.visits / leader.quota) * 100))} size="small" strokeColor="#1f6f5c" showInfo={false} />
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {leader.lastVisit ? t('campaign.leaders.lastVisit', { date: leader.lastVisit }) : t('campaign.leaders.never')}
                {leader.notRevisited > 0 ? ` · ${t('campaign.leaders.notRevisited', { count: leader.notRevisited })}` : ''}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
    </Card>
  )
}

function TrendCard({ figures, today }: { figures: CampaignFigures; today: string }) {
  const { t } = useTranslation()
  const [by, setBy] = useState<'week' | 'month'>('week')
  const option = useMemo((): ChartOption => {
    const rows = by === 'week' ? figures.weeks.map((w) => ({ label: w.week.slice(5), ...w })) : figures.months.map((m) => ({ label: m.month, ...m }))
    return {
      color: ['#1f6f5c', '#d9a441'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { show: false } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: t('campaign.trend.visits'), type: 'bar', barMaxWidth: 18, data: rows.map((r) => r.visits) },
        { name: t('campaign.trend.positions'), type: 'bar', yAxisIndex: 1, barMaxWidth: 18, data: rows.map((r) => r.jobs + r.internships) },
      ],
    }
  }, [by, figures, t])
  const thisWeek = figures.weeks.find((w) => w.week <= today && today < nextWeek(w.week))
  return (
    <Card
      size="small"
      title={t('campaign.trend.title')}
      extra={
        <Segmented
          size="small"
          value={by}
          onChange={(value) => setBy(value as 'week' | 'month')}
          options={[
            { value: 'week', label: t('campaign.trend.byWeek') },
            { value: 'month', label: t('campaign.trend.byMonth') },
          ]}
        />
      }
      style={{ height: '100%' }}
    >
      <div data-testid="campaign-this-week" data-visits={thisWeek?.visits ?? 0} data-positions={(thisWeek?.jobs ?? 0) + (thisWeek?.internships ?? 0)} hidden />
      <LazyEChart option={option} height={320} ariaLabel={t('campaign.trend.chart')} testId="campaign-trend" />
    </Card>
  )
}

function nextWeek(monday: string): string {
  const date = new Date(`${monday}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 7)
  return date.toISOString().slice(0, 10)
}

function Breakdowns({ figures }: { figures: CampaignFigures }) {
  const { t } = useTranslation()
  const numeric = (key: keyof Bucket, title: string) => ({ key, dataIndex: key, title, align: 'right' as const, width: 96 })
  const nameColumn = (key: string) => ({
    key,
    dataIndex: key,
    title: t('campaign.breakdown.name'),
    render: (name: string) => name || <Typography.Text type="secondary">{t('campaign.breakdown.unnamed')}</Typography.Text>,
  })
  const common = [
    numeric('visits', t('campaign.breakdown.visits')),
    numeric('enterprises', t('campaign.breakdown.enterprises')),
    numeric('jobs', t('campaign.breakdown.jobs')),
    numeric('internships', t('campaign.breakdown.internships')),
    numeric('agreements', t('campaign.breakdown.agreements')),
  ]
  const table = <T extends object>(rows: T[], columns: object[], rowKey: keyof T) => (
    <Table<T> size="small" rowKey={rowKey as string} dataSource={rows} columns={columns as never} pagination={{ pageSize: 8, hideOnSinglePage: true }} />
  )
  return (
    <Card size="small">
      <Tabs
        size="small"
        items={[
          {
            key: 'departments',
            label: t('campaign.breakdown.departments'),
            children: table(figures.departments, [nameColumn('department'), numeric('people' as keyof Bucket, t('campaign.breakdown.people')), ...common], 'department'),
          },
          { key: 'regions', label: t('campaign.breakdown.regions'), children: table(figures.regions, [nameColumn('region'), ...common], 'region') },
          { key: 'industries', label: t('campaign.breakdown.industries'), children: table(figures.industries, [nameColumn('industry'), ...common], 'industry') },
        ]}
      />
    </Card>
  )
}
