import { MailOutlined, MessageOutlined, PhoneOutlined, StarFilled } from '@ant-design/icons'
import { Card, Col, Descriptions, Empty, Flex, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { RelationshipSummary } from '../../../../shared/procedures/relationship'
import type { Enterprise } from '../../../../shared/schemas/enterprise'
import { useDerived } from '../../api/queries'
import { useRecords } from '../../api/records'
import { LazyEChart, type ChartOption } from '../../components/charts/LazyEChart'
import { enterprisePath, recordPath } from '../../routes'
import { localToday } from '../campaign/localDate'
import { LogContactForm } from './LogContactForm'
import { LoadError, StageTag } from './shared'
import { formatYuan } from './TimelineTab'

function daysSince(date: string, today: string): number {
  return dayjs(today).diff(dayjs(date), 'day')
}

/** The first lines of the file: stage, owner, last contact and by whom, open follow-ups, contact log. */
function KeyFigures({ summary, today }: { summary: RelationshipSummary; today: string }) {
  const { t } = useTranslation()
  const last = summary.lastContact
  const days = last ? daysSince(last.date, today) : 0
  return (
    <Card size="small" data-testid="summary-figures">
      <Row gutter={[16, 12]}>
        <Col xs={12} lg={5}>
          <Statistic title={t('relationship.summary.stage')} valueRender={() => <StageTag stage={summary.stage} />} />
        </Col>
        <Col xs={12} lg={4}>
          <Statistic
            title={t('relationship.summary.owner')}
            valueRender={() => (
              <Typography.Text strong={Boolean(summary.owner)} type={summary.owner ? undefined : 'secondary'} style={{ fontSize: 16 }}>
                {summary.owner || t('relationship.summary.noOwner')}
              </Typography.Text>
            )}
          />
        </Col>
        <Col xs={24} lg={7} data-testid="summary-last-contact">
          <Statistic
            title={t('relationship.summary.lastContact')}
            valueRender={() =>
              last ? (
                <Flex vertical gap={0}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {last.date}
                    <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineStart: 8 }}>
                      {days === 0 ? t('relationship.summary.today') : t('relationship.summary.daysAgo', { count: days })}
                    </Typography.Text>
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }} ellipsis>
                    {[
                      last.channel ? t(`relationship.channels.${last.channel}`) : t(`relationship.summary.lastKinds.${last.kind}`),
                      last.by.length > 0 ? t('relationship.by', { name: last.by.join('、') }) : '',
                      last.withWhom ? t('relationship.withWhom', { name: last.withWhom }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {t('relationship.summary.never')}
                </Typography.Text>
              )
            }
          />
        </Col>
        <Col xs={12} lg={4} data-testid="summary-open-count">
          <Statistic
            title={t('relationship.summary.openFollowUps')}
            value={summary.openFollowUps.count}
            suffix={
              summary.openFollowUps.overdue > 0 ? (
                <Tag color="error" style={{ marginInlineStart: 8 }}>
                  {t('relationship.summary.overdue')} {summary.openFollowUps.overdue}
                </Tag>
              ) : undefined
            }
          />
        </Col>
        <Col xs={12} lg={4}>
          <Statistic title={t('relationship.summary.interactions')} value={summary.interactions} />
        </Col>
      </Row>
    </Card>
  )
}

function NextStep({ summary }: { summary: RelationshipSummary }) {
  const { t } = useTranslation()
  const next = summary.nextStep
  return (
    <Card size="small" title={t('relationship.summary.nextStep')} data-testid="summary-next-step">
      {next ? (
        <Flex vertical gap={4}>
          <Typography.Text strong>{next.text}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {[
              next.source === 'followUp' ? t('relationship.summary.fromFollowUp') : t('relationship.summary.fromInteraction'),
              next.owner,
              next.source === 'followUp' ? (next.date ? t('relationship.summary.due', { date: next.date }) : t('relationship.summary.noDueDate')) : next.date,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('relationship.summary.noNextStep')}</Typography.Text>
      )}
    </Card>
  )
}

function OpenFollowUps({ summary, enterpriseId }: { summary: RelationshipSummary; enterpriseId: string }) {
  const { t } = useTranslation()
  const { count, items } = summary.openFollowUps
  return (
    <Card
      size="small"
      title={t('relationship.summary.openFollowUps')}
      extra={<Link to={enterprisePath(enterpriseId, 'followUps')}>{t('relationship.summary.all', { count })}</Link>}
      data-testid="summary-follow-ups"
    >
      <List
        size="small"
        split
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relationship.summary.noFollowUps')} /> }}
        renderItem={(item) => (
          <List.Item
            data-testid="summary-follow-up"
            style={{ paddingInline: 0 }}
            extra={
              <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
                {item.dueDate || t('relationship.summary.noDueDate')}
              </Typography.Text>
            }
          >
            <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
              <Link to={recordPath({ kind: 'action', id: item.id, tripId: item.tripId || undefined, enterpriseId })} style={{ minWidth: 0 }}>
                <Typography.Text ellipsis style={{ color: 'inherit', maxWidth: 420 }} title={item.title}>
                  {item.title}
                </Typography.Text>
              </Link>
              {item.owner && (
                <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
                  {item.owner}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  )
}

function KeyContacts({ summary, enterpriseId }: { summary: RelationshipSummary; enterpriseId: string }) {
  const { t } = useTranslation()
  return (
    <Card
      size="small"
      title={t('relationship.summary.keyContacts')}
      extra={
        <Link to={enterprisePath(enterpriseId, 'contacts')}>
          {summary.contacts > 0 ? t('relationship.summary.allContacts', { count: summary.contacts }) : t('relationship.summary.addContact')}
        </Link>
      }
      data-testid="summary-contacts"
    >
      <List
        size="small"
        dataSource={summary.keyContacts}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relationship.summary.noContacts')} /> }}
        renderItem={(contact) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
              <Space size={6}>
                <Typography.Text strong>{contact.name}</Typography.Text>
                {contact.title && <Typography.Text type="secondary">{contact.title}</Typography.Text>}
                {contact.isPrimary && (
                  <Tag color="gold" icon={<StarFilled />} style={{ marginInlineEnd: 0 }}>
                    {t('relationship.summary.primary')}
                  </Tag>
                )}
              </Space>
              <Space size={12} wrap style={{ fontSize: 13 }}>
                {contact.phone && (
                  <Typography.Text copyable={{ text: contact.phone }} style={{ fontSize: 13 }}>
                    <PhoneOutlined aria-label={t('enterprises.contacts.phone')} /> {contact.phone}
                  </Typography.Text>
                )}
                {contact.wechat && (
                  <Typography.Text copyable={{ text: contact.wechat }} style={{ fontSize: 13 }}>
                    <MessageOutlined aria-label={t('enterprises.contacts.wechat')} /> {contact.wechat}
                  </Typography.Text>
                )}
                {contact.email && (
                  <Typography.Text style={{ fontSize: 13 }}>
                    <MailOutlined aria-label={t('enterprises.contacts.email')} /> {contact.email}
                  </Typography.Text>
                )}
              </Space>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  )
}

function Agreements({ summary, enterpriseId }: { summary: RelationshipSummary; enterpriseId: string }) {
  const { t, i18n } = useTranslation()
  const total = summary.agreementsByStage.reduce((sum, stage) => sum + stage.count, 0)
  return (
    <Card
      size="small"
      title={t('relationship.summary.agreements')}
      extra={total > 0 ? <Link to={enterprisePath(enterpriseId, 'agreements')}>{t('relationship.summary.all', { count: total })}</Link> : undefined}
      data-testid="summary-agreements"
    >
      {total === 0 ? (
        <Typography.Text type="secondary">{t('relationship.summary.noAgreements')}</Typography.Text>
      ) : (
        <Descriptions
          size="small"
          column={2}
          colon={false}
          items={summary.agreementsByStage.map((stage) => ({
            key: stage.status,
            label: t(`enterprises.timeline.agreementStatuses.${stage.status}`),
            children: (
              <span data-testid={`agreements-${stage.status}`}>
                <Typography.Text strong={stage.count > 0} type={stage.count > 0 ? undefined : 'secondary'}>
                  {stage.count}
                </Typography.Text>
                {stage.amountYuan > 0 && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 13 }}>
                    {formatYuan(stage.amountYuan, i18n.language)}
                  </Typography.Text>
                )}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  )
}

function DemandTrend({ summary }: { summary: RelationshipSummary }) {
  const { t } = useTranslation()
  const option = useMemo(
    (): ChartOption => ({
      color: ['#1f6f5c', '#d9a441'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 4, right: 8, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: summary.demandTrend.map((year) => year.year), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('relationship.summary.employment'), type: 'bar', stack: 'positions', barMaxWidth: 28, data: summary.demandTrend.map((y) => y.employment) },
        { name: t('relationship.summary.internship'), type: 'bar', stack: 'positions', barMaxWidth: 28, data: summary.demandTrend.map((y) => y.internship) },
      ],
    }),
    [summary.demandTrend, t],
  )
  return (
    <Card size="small" title={t('relationship.summary.demandTrend')} data-testid="summary-demand">
      {summary.demandTrend.length === 0 ? (
        <Typography.Text type="secondary">{t('relationship.summary.noDemand')}</Typography.Text>
      ) : (
        <>
          <div hidden data-testid="summary-demand-totals" data-totals={summary.demandTrend.map((y) => `${y.year}:${y.total}`).join(',')} />
          <LazyEChart option={option} height={150} ariaLabel={t('relationship.summary.demandTrend')} testId="summary-demand-chart" />
        </>
      )}
    </Card>
  )
}

/**
 * The file opens here (一企一档 kept for years): the state of the relationship at a glance, and the one-line contact
 * log that keeps it current. Everything comes from one core procedure, refreshed after any change.
 */
export function SummaryTab({ enterprise }: { enterprise: Enterprise }) {
  const today = localToday()
  const summary = useDerived('enterprise.summary', { enterpriseId: enterprise.id, today })
  const contacts = useRecords('contact', { enterpriseId: enterprise.id })

  if (summary.isError) return <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
  if (!summary.data) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    )
  }
  const data = summary.data
  return (
    <Flex vertical gap={12} data-testid="enterprise-summary">
      <KeyFigures summary={data} today={today} />
      {!enterprise.deleted && <LogContactForm enterpriseId={enterprise.id} contacts={contacts.data ?? []} today={today} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={12}>
            <NextStep summary={data} />
            <OpenFollowUps summary={data} enterpriseId={enterprise.id} />
            <Agreements summary={data} enterpriseId={enterprise.id} />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            <KeyContacts summary={data} enterpriseId={enterprise.id} />
            <DemandTrend summary={data} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  )
}
