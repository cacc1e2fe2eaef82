import { Alert, Button, Card, Col, Divider, Flex, Result, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { TripDashboard } from '../../../../shared/procedures/trip-overview'
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../../shared/schemas/agreement'
import { useDerived } from '../../api/queries'
import { useErrorText } from '../../api/records'
import { PositionCharts } from './PositionCharts'

function StatCard(props: { id: string; title: string; value: number | string; suffix?: string; children?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`stat-${props.id}`}>
      <Statistic title={props.title} value={props.value} suffix={props.suffix} />
      {props.children && <div style={{ marginTop: 4 }}>{props.children}</div>}
    </Card>
  )
}

const Hint = ({ children, danger }: { children: ReactNode; danger?: boolean }) => (
  <Typography.Text type={danger ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
    {children}
  </Typography.Text>
)

/** Yuan as people say it: 500 万元 in Chinese, 5,000,000 yuan in English. */
function useAmount(): (yuan: number) => { value: string; suffix: string } {
  const { t, i18n } = useTranslation()
  const chinese = i18n.language.startsWith('zh')
  return (yuan) => {
    if (chinese && yuan >= 10_000) {
      return { value: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(yuan / 10_000), suffix: t('tripDetail.dashboard.tenThousandYuan') }
    }
    return { value: new Intl.NumberFormat(chinese ? 'zh-CN' : 'en').format(yuan), suffix: t('tripDetail.dashboard.yuan') }
  }
}

function isEmpty(d: TripDashboard): boolean {
  return d.enterprisesVisited + d.siteVisits + d.symposiums + d.agreements.total + d.surveys.total + d.followUps.open + d.quotes + d.positions.total === 0
}

function Figures({ dashboard: d }: { dashboard: TripDashboard }) {
  const { t } = useTranslation()
  const amount = useAmount()(d.agreements.amountYuan)
  const kinds = AGREEMENT_KINDS.filter((kind) => d.agreements.byKind[kind] > 0)
  const statuses = AGREEMENT_STATUSES.filter((status) => d.agreements.byStatus[status] > 0)
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={8}>
        <StatCard id="enterprisesVisited" title={t('tripDetail.dashboard.enterprisesVisited')} value={d.enterprisesVisited}>
          <Hint>{t('tripDetail.dashboard.enterprisesVisitedHint')}</Hint>
        </StatCard>
      </Col>
      <Col xs={12} lg={8}>
        <StatCard id="siteVisits" title={t('tripDetail.dashboard.siteVisits')} value={d.siteVisits} />
      </Col>
      <Col xs={12} lg={8}>
        <StatCard id="symposiums" title={t('tripDetail.dashboard.symposiums')} value={d.symposiums} />
      </Col>
      <Col xs={12} lg={8}>
        <StatCard id="surveys" title={t('tripDetail.dashboard.surveys')} value={d.surveys.total}>
          <Hint>{t('tripDetail.dashboard.surveysComplete', { complete: d.surveys.complete })}</Hint>
        </StatCard>
      </Col>
      <Col xs={12} lg={8}>
        <StatCard id="followUps" title={t('tripDetail.dashboard.followUps')} value={d.followUps.open}>
          <Hint danger={d.followUps.overdue > 0}>
            {d.followUps.overdue > 0 ? t('tripDetail.dashboard.overdue', { count: d.followUps.overdue }) : t('tripDetail.dashboard.noneOverdue')}
          </Hint>
        </StatCard>
      </Col>
      <Col xs={12} lg={8}>
        <StatCard id="quotes" title={t('tripDetail.dashboard.quotes')} value={d.quotes}>
          <Hint>{t('tripDetail.dashboard.quotesHint')}</Hint>
        </StatCard>
      </Col>
      <Col xs={24} lg={12}>
        <StatCard id="positions" title={t('tripDetail.dashboard.positions')} value={d.positions.total}>
          <Flex vertical>
            <Hint>{t('tripDetail.dashboard.positionsFromSurveys', d.positions.fromSurveys)}</Hint>
            <Hint>{t('tripDetail.dashboard.positionsFromAgreements', { count: d.positions.fromAgreements })}</Hint>
          </Flex>
        </StatCard>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" style={{ height: '100%' }} data-testid="stat-agreements">
          <Flex gap={32} wrap>
            <div>
              <Statistic title={t('tripDetail.dashboard.agreements')} value={d.agreements.total} />
              <Hint>{t('tripDetail.dashboard.agreementsSigned', { count: d.agreements.signed })}</Hint>
            </div>
            <div data-testid="stat-amount">
              <Statistic title={t('tripDetail.dashboard.amount')} value={amount.value} suffix={amount.suffix} />
            </div>
          </Flex>
          {d.agreements.total > 0 && (
            <>
              <Divider style={{ margin: '8px 0' }} />
              <Flex vertical gap={4}>
                <Space size={4} wrap data-testid="agreements-by-kind">
                  <Hint>{t('tripDetail.dashboard.byKind')}</Hint>
                  {kinds.map((kind) => (
                    <Tag key={kind}>
                      {t(`tripDetail.agreementKinds.${kind}`)} {d.agreements.byKind[kind]}
                    </Tag>
                  ))}
                </Space>
                <Space size={4} wrap data-testid="agreements-by-status">
                  <Hint>{t('tripDetail.dashboard.byStatus')}</Hint>
                  {statuses.map((status) => (
                    <Tag key={status} color={status === 'consensus' ? 'default' : 'green'}>
                      {t(`tripDetail.agreementStatuses.${status}`)} {d.agreements.byStatus[status]}
                    </Tag>
                  ))}
                </Space>
              </Flex>
            </>
          )}
        </Card>
      </Col>
    </Row>
  )
}

/** The trip's results, computed by the core from its records; refreshed after any change. */
export function TripDashboardView({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const today = dayjs().format('YYYY-MM-DD')
  const dashboard = useDerived('trip.dashboard', { tripId, today })

  let body
  if (dashboard.isPending) body = <Skeleton active />
  else if (dashboard.isError)
    body = (
      <Result
        status="warning"
        title={errorText(dashboard.error)}
        extra={<Button onClick={() => void dashboard.refetch()}>{t('common.retry')}</Button>}
      />
    )
  else
    body = (
      <Flex vertical gap={16}>
        {isEmpty(dashboard.data) && <Alert type="info" showIcon message={t('tripDetail.dashboard.emptyHint')} data-testid="dashboard-empty" />}
        <Figures dashboard={dashboard.data} />
        <PositionCharts charts={dashboard.data.charts} />
      </Flex>
    )

  return (
    <section data-testid="trip-dashboard">
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('tripDetail.dashboard.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('tripDetail.dashboard.computedHint')}</Typography.Text>
      </Flex>
      {body}
    </section>
  )
}
