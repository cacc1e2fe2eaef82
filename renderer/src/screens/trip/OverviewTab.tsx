import { Card, Col, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Trip } from '../../../../shared/schemas/trip'
import { AttachmentPanel } from '../attachments/AttachmentPanel'
import { TripDashboardView } from './TripDashboardView'
import { TripDetailsForm } from './TripDetailsForm'

/** The dashboard first (what the trip achieved), then the trip's own fields and its photos and files. */
export function OverviewTab({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  return (
    <Row gutter={[16, 24]}>
      <Col span={24}>
        <TripDashboardView tripId={trip.id} />
      </Col>
      <Col xs={24} xl={14}>
        <TripDetailsForm trip={trip} />
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('tripDetail.attachments')} style={{ height: '100%' }}>
          <AttachmentPanel ownerKind="trip" ownerId={trip.id} />
        </Card>
      </Col>
    </Row>
  )
}
