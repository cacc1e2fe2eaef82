import { Alert, Button, Flex, Result, Skeleton, Statistic, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TripDashboard } from '../../../../shared/procedures/trip-overview'
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../../shared/schemas/agreement'
import { useDerived } from '../../api/queries'
import { useErrorText } from '../../api/records'
import { tripPath, type TripTab } from '../../routes'
import { PositionCharts } from './PositionCharts'
import './dashboard.css'

/** One figure of the strip, a link to the records it counts; hints are one line each, in full on hover. */
function Kpi(props: {
  id: string
  title: string
  value: number | string
  suffix?: string
  to: string
  hints?: { text: string; danger?: boolean }[]
  details?: ReactNode
  wide?: boolean
}) {
  const tile = (
    <Link to={props.to} className={props.wide ? 'fb-kpi fb-kpi-wide' : 'fb-kpi'} data-testid={`stat-${props.id}`}>
      <Statistic title={<span title={props.title}>{props.title}</span>} value={props.value} suffix={props.suffix} />
      {props.hints?.map((hint) => (
        <Typography.Text key={hint.text} type={hint.danger ? 'danger' : 'secondary'} className="fb-kpi-hint" title={hint.text}>
          {hint.text}
        </Typography.Text>
      ))}
    </Link>
  )
  return props.details ? <Tooltip title={props.details}>{tile}</Tooltip> : tile
}

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

function Figures({ dashboard: d, tripId }: { dashboard: TripDashboard; tripId: string }) {
  const { t } = useTranslation()
  const amount = useAmount()(d.agreements.amountYuan)
  const kinds = AGREEMENT_KINDS.filter((kind) => d.agreements.byKind[kind] > 0)
  const statuses = AGREEMENT_STATUSES.filter((status) => d.agreements.byStatus[status] > 0)
  const tab = (key: TripTab) => tripPath(tripId, key)
  const agreementDetails =
    d.agreements.total > 0 ? (
      <Flex vertical gap={2} data-testid="agreements-breakdown">
        <strong>{t('tripDetail.dashboard.byKind')}</strong>
        <span>{kinds.map((kind) => `${t(`tripDetail.agreementKinds.${kind}`)} ${d.agreements.byKind[kind]}`).join(' · ')}</span>
        <strong>{t('tripDetail.dashboard.byStatus')}</strong>
        <span>{statuses.map((status) => `${t(`tripDetail.agreementStatuses.${status}`)} ${d.agreements.byStatus[status]}`).join(' · ')}</span>
      </Flex>
    ) : undefined
  return (
    <div className="fb-kpi-strip" data-testid="kpi-strip">
      <Kpi
        id="enterprisesVisited"
        to={tab('visits')}
        title={t('tripDetail.dashboard.enterprisesVisited')}
        value={d.enterprisesVisited}
        hints={[{ text: t('tripDetail.dashboard.enterprisesVisitedHint') }]}
      />
      <Kpi id="siteVisits" to={tab('visits')} title={t('tripDetail.dashboard.siteVisits')} value={d.siteVisits} />
      <Kpi id="symposiums" to={tab('symposiums')} title={t('tripDetail.dashboard.symposiums')} value={d.symposiums} />
      <Kpi
        id="surveys"
        to={tab('surveys')}
        title={t('tripDetail.dashboard.surveys')}
        value={d.surveys.total}
        hints={[{ text: t('tripDetail.dashboard.surveysComplete', { complete: d.surveys.complete }) }]}
      />
      <Kpi
        id="followUps"
        to={tab('followUps')}
        title={t('tripDetail.dashboard.followUps')}
        value={d.followUps.open}
        hints={[
          d.followUps.overdue > 0
            ? { text: t('tripDetail.dashboard.overdue', { count: d.followUps.overdue }), danger: true }
            : { text: t('tripDetail.dashboard.noneOverdue') },
        ]}
      />
      <Kpi id="quotes" to={tab('symposiums')} title={t('tripDetail.dashboard.quotes')} value={d.quotes} hints={[{ text: t('tripDetail.dashboard.quotesHint') }]} />
      <Kpi
        id="positions"
        wide
        to={tab('surveys')}
        title={t('tripDetail.dashboard.positions')}
        value={d.positions.total}
        hints={[
          { text: t('tripDetail.dashboard.positionsFromSurveys', d.positions.fromSurveys) },
          { text: t('tripDetail.dashboard.positionsFromAgreements', { count: d.positions.fromAgreements }) },
        ]}
      />
      <Kpi
        id="agreements"
        to={tab('agreements')}
        title={t('tripDetail.dashboard.agreements')}
        value={d.agreements.total}
        hints={[{ text: t('tripDetail.dashboard.agreementsSigned', { count: d.agreements.signed }) }]}
        details={agreementDetails}
      />
      <Kpi id="amount" wide to={tab('agreements')} title={t('tripDetail.dashboard.amount')} value={amount.value} suffix={amount.suffix} />
    </div>
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
        <Figures dashboard={dashboard.data} tripId={tripId} />
        <PositionCharts charts={dashboard.data.charts} tripId={tripId} />
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
