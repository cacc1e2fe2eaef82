import { InfoCircleOutlined } from '@ant-design/icons'
import { Card, Col, Empty, Row, Space, Tooltip, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import type { TripDashboard } from '../../../../shared/procedures/trip-overview'
import { LazyEChart, type ChartOption } from '../../components/charts/LazyEChart'
import { enterprisePath, tripPath } from '../../routes'

const COLORS = { employment: '#1f6f5c', internship: '#7cbfa6', agreements: '#d9a441' }
const ROW_HEIGHT = 34

interface Bars {
  labels: string[]
  employment: number[]
  internship: number[]
  agreements?: number[]
}

/** Horizontal stacked bars: long Chinese enterprise names read better down the side than under the bars. */
function stackedBars(bars: Bars, names: Record<'employment' | 'internship' | 'agreements', string>): ChartOption {
  const series = [
    { key: 'employment' as const, data: bars.employment },
    { key: 'internship' as const, data: bars.internship },
    ...(bars.agreements?.some((n) => n > 0) ? [{ key: 'agreements' as const, data: bars.agreements }] : []),
  ]
  return {
    color: series.map((s) => COLORS[s.key]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0 },
    grid: { left: 4, right: 24, top: 36, bottom: 4 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: bars.labels,
      inverse: true,
      axisTick: { show: false },
      axisLabel: { width: 200, overflow: 'truncate' },
    },
    series: series.map((s) => ({
      name: names[s.key],
      type: 'bar',
      stack: 'positions',
      barMaxWidth: 22,
      data: s.data,
      emphasis: { focus: 'series' },
    })),
  }
}

const chartHeight = (rows: number) => Math.max(180, 60 + rows * ROW_HEIGHT)

function ChartEmpty() {
  const { t } = useTranslation()
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{t('tripDetail.dashboard.chartsEmpty')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('tripDetail.dashboard.chartsEmptyHint')}
          </Typography.Text>
        </Space>
      }
    />
  )
}

/** Where the positions come from: by enterprise (jobs, internships, agreements) and by major. */
export function PositionCharts({ charts, tripId }: { charts: TripDashboard['charts']; tripId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  // Each chart counts the trip's surveyed positions: its title opens them; an enterprise's bar opens its demand.
  const surveysLink = (title: string) => <Link to={tripPath(tripId, 'surveys')}>{title}</Link>
  const names = useMemo(
    () => ({
      employment: t('tripDetail.dashboard.series.employment'),
      internship: t('tripDetail.dashboard.series.internship'),
      agreements: t('tripDetail.dashboard.series.agreements'),
    }),
    [t],
  )
  const byEnterprise = useMemo(
    () =>
      stackedBars(
        {
          labels: charts.positionsByEnterprise.map((e) => e.name),
          employment: charts.positionsByEnterprise.map((e) => e.employment),
          internship: charts.positionsByEnterprise.map((e) => e.internship),
          agreements: charts.positionsByEnterprise.map((e) => e.agreements),
        },
        names,
      ),
    [charts.positionsByEnterprise, names],
  )
  const byMajor = useMemo(
    () =>
      stackedBars(
        {
          labels: charts.positionsByMajor.map((m) => m.major || t('tripDetail.dashboard.noMajor')),
          employment: charts.positionsByMajor.map((m) => m.employment),
          internship: charts.positionsByMajor.map((m) => m.internship),
        },
        names,
      ),
    [charts.positionsByMajor, names, t],
  )

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={surveysLink(t('tripDetail.dashboard.chartByEnterprise'))}
          extra={
            <Tooltip title={t('tripDetail.dashboard.chartByEnterpriseHint')}>
              <InfoCircleOutlined aria-label={t('tripDetail.dashboard.chartByEnterpriseHint')} />
            </Tooltip>
          }
          style={{ height: '100%' }}
          data-testid="chart-by-enterprise"
        >
          {charts.positionsByEnterprise.length === 0 ? (
            <ChartEmpty />
          ) : (
            <LazyEChart
              option={byEnterprise}
              height={chartHeight(charts.positionsByEnterprise.length)}
              ariaLabel={t('tripDetail.dashboard.chartByEnterprise')}
              testId="echart"
              onItemClick={(index) => {
                const enterprise = charts.positionsByEnterprise[index]
                if (enterprise) void navigate(enterprisePath(enterprise.enterpriseId, 'demand'))
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={surveysLink(t('tripDetail.dashboard.chartByMajor'))}
          extra={
            <Tooltip title={t('tripDetail.dashboard.majorNote')}>
              <InfoCircleOutlined aria-label={t('tripDetail.dashboard.majorNote')} />
            </Tooltip>
          }
          style={{ height: '100%' }}
          data-testid="chart-by-major"
        >
          {charts.positionsByMajor.length === 0 ? (
            <ChartEmpty />
          ) : (
            <>
              <LazyEChart option={byMajor} height={chartHeight(charts.positionsByMajor.length)} ariaLabel={t('tripDetail.dashboard.chartByMajor')} testId="echart" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="major-note">
                {t('tripDetail.dashboard.majorNote')}
              </Typography.Text>
            </>
          )}
        </Card>
      </Col>
    </Row>
  )
}
