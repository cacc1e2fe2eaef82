import { CalendarOutlined, CrownOutlined, EnvironmentOutlined } from '@ant-design/icons'
import { Button, Flex, Result, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useParams } from 'react-router'
import type { Trip } from '../../../../shared/schemas/trip'
import { ApiError } from '../../api/client'
import { useRecord, useRecords } from '../../api/records'
import { HistoryButton } from '../../components/HistoryPanel'
import { ScreenBreadcrumb } from '../../layout/ScreenBreadcrumb'
import { TRIP_TABS, tripPath, type TripTab } from '../../routes'
import { AgreementList } from '../agreements/AgreementList'
import { TripExportMenu } from '../exchange/TripExportMenu'
import { ActionList } from '../followUps/ActionList'
import { ReportExportButton } from '../reports/ReportExportButton'
import { QuestionnaireEditor } from '../surveys/QuestionnaireEditor'
import { SurveyList } from '../surveys/SurveyList'
import { SymposiumList } from '../symposiums/SymposiumList'
import { VisitList } from '../visits/VisitList'
import { GroupTab } from './GroupTab'
import { ItineraryTab } from './ItineraryTab'
import { NoteList } from './NoteList'
import { OverviewTab } from './OverviewTab'
import { TRIP_STATUS_COLORS, tripDays } from './tripStatus'

function isTripTab(tab: string): tab is TripTab {
  return (TRIP_TABS as readonly string[]).includes(tab)
}

function TripHeader({ trip }: { trip: Trip }) {
  const { t, i18n } = useTranslation()
  const members = useRecords('member', { tripId: trip.id })
  const leaders = (members.data ?? []).filter((member) => member.isLeader).map((member) => member.name)
  return (
    <div style={{ marginBottom: 8 }}>
      <ScreenBreadcrumb items={[{ title: t('nav.trips'), to: '/trips' }, { title: trip.title }]} />
      <Flex align="center" gap={12}>
        <Tooltip title={trip.title} placement="bottomLeft">
          <Typography.Title level={1} className="fb-ellipsis" style={{ margin: 0, minWidth: 0 }} data-testid="trip-title">
            {trip.title}
          </Typography.Title>
        </Tooltip>
        <Tag color={TRIP_STATUS_COLORS[trip.status]} data-testid="trip-status" style={{ flexShrink: 0 }}>
          {t(`trips.status.${trip.status}`)}
        </Tag>
        <Space style={{ marginInlineStart: 'auto', flexShrink: 0 }}>
          <ReportExportButton scope="trip" id={trip.id} name={trip.title} />
          <TripExportMenu tripId={trip.id} />
          <HistoryButton table="trips" rowId={trip.id} label={trip.title} />
        </Space>
      </Flex>
      <Space size={16} wrap style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" data-testid="trip-dates">
          <CalendarOutlined /> {trip.startDate} – {trip.endDate} · {t('tripDetail.days', { count: tripDays(trip) })}
        </Typography.Text>
        {trip.regions.length > 0 && (
          <Space size={4} data-testid="trip-regions">
            <EnvironmentOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            {trip.regions.map((region) => (
              <Tag key={region} style={{ marginInlineEnd: 0 }}>
                {region}
              </Tag>
            ))}
          </Space>
        )}
        {leaders.length > 0 && (
          <Typography.Text type="secondary" data-testid="trip-leaders">
            <CrownOutlined style={{ color: '#d48806' }} /> {t('tripDetail.leaders', { names: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(leaders) })}
          </Typography.Text>
        )}
      </Space>
    </div>
  )
}

function TabBody({ tab, trip }: { tab: TripTab; trip: Trip }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab trip={trip} />
    case 'group':
      return <GroupTab tripId={trip.id} />
    case 'itinerary':
      return <ItineraryTab trip={trip} />
    case 'visits':
      return <VisitList tripId={trip.id} />
    case 'symposiums':
      return <SymposiumList tripId={trip.id} />
    case 'agreements':
      return <AgreementList tripId={trip.id} />
    case 'surveys':
      return <SurveyList tripId={trip.id} />
    case 'questionnaire':
      return <QuestionnaireEditor tripId={trip.id} />
    case 'followUps':
      return <ActionList tripId={trip.id} />
    case 'notes':
      return <NoteList tripId={trip.id} />
  }
}

/** One trip: a header with what it is, and a tab per kind of record, the tab kept in the URL. */
export function TripScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { tripId = '', tab = 'overview' } = useParams()
  const trip = useRecord('trip', tripId)

  if (!isTripTab(tab)) return <Navigate to={tripPath(tripId)} replace />
  if (trip.isPending) return <Skeleton active paragraph={{ rows: 6 }} />
  if (trip.isError || trip.data.deleted) {
    // Three cases: in the trash (restorable), not found, or the core failed.
    const inTrash = trip.data?.deleted === true
    const failure = trip.error instanceof ApiError && trip.error.code !== 'NOT_FOUND' ? trip.error.code : null
    return (
      <Result
        status={failure ? 'error' : 'warning'}
        title={failure ? t(`errors.${failure}`) : inTrash ? t('tripDetail.inTrash') : t('tripDetail.notFound')}
        subTitle={failure ? undefined : inTrash ? t('tripDetail.inTrashHint') : t('tripDetail.notFoundHint')}
        extra={
          <Space>
            <Button onClick={() => void navigate('/trips')}>{t('nav.trips')}</Button>
            {inTrash && (
              <Button type="primary" onClick={() => void navigate('/trash')}>
                {t('tripDetail.openTrash')}
              </Button>
            )}
          </Space>
        }
      />
    )
  }

  return (
    <>
      <TripHeader trip={trip.data} />
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(tripPath(trip.data.id, key as TripTab))}
        // Only the open tab is mounted: its forms flush their edits when the user moves on.
        destroyOnHidden
        items={TRIP_TABS.map((key) => ({
          key,
          label: t(`tripDetail.tabs.${key}`),
          children: <TabBody tab={key} trip={trip.data} />,
        }))}
      />
    </>
  )
}
