import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, Row, Select, Skeleton, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { VisitPatch } from '../../../../shared/schemas/visit'
import { lengthCount } from '../../forms/limits'
import { invoke } from '../../api/client'
import { useDeleteWithUndo, useErrorText, useRecord, useRecords } from '../../api/records'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { HistoryButton } from '../../components/HistoryPanel'
import { RecordUnavailable } from '../../components/RecordUnavailable'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { useAutosave } from '../../forms/useAutosave'
import { tripPath } from '../../routes'
import { AttachmentPanel } from '../attachments/AttachmentPanel'
import { BackToTrip, formatDay, outsideTrip, useCombinedStatus } from './common'
import { StopEditor } from './StopEditor'
import { DeleteRecordButton } from '../../components/DeleteButton'

const DATE_FIELDS = ['date'] as const

/** One site visit (/visits/:visitId): its details, the stops toured in order with what was seen, and photos. */
export function VisitScreen() {
  const { visitId } = useParams()
  return <VisitDetails key={visitId} visitId={visitId} />
}

function VisitDetails({ visitId }: { visitId: string | undefined }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const visit = useRecord('visit', visitId)
  const tripId = visit.data?.tripId
  const trip = useRecord('trip', tripId)
  const enterprise = useRecord('enterprise', visit.data?.enterpriseId)
  const members = useRecords('member', { tripId: tripId ?? '' }, Boolean(tripId))
  const stops = useRecords('visitStop', { visitId: visitId ?? '' }, Boolean(visitId))
  const deleteVisit = useDeleteWithUndo('visit')
  const deleteStop = useDeleteWithUndo('visitStop')
  const { form, status, onValuesChange } = useAutosave({ kind: 'visit', record: visit.data, patchSchema: VisitPatch, dateFields: DATE_FIELDS })
  const combined = useCombinedStatus()
  const [focusStopId, setFocusStopId] = useState<string>()
  const [adding, setAdding] = useState(false)
  const date = Form.useWatch('date', form) as Dayjs | null | undefined

  const memberOptions = useMemo(() => {
    const known = (members.data ?? []).map((m) => ({ value: m.id, label: m.position ? t('visits.memberLabel', { name: m.name, position: m.position }) : m.name }))
    // A participant removed from the group since keeps a readable tag rather than a bare id.
    const missing = (visit.data?.participantIds ?? [])
      .filter((id) => !known.some((o) => o.value === id))
      .map((id) => ({ value: id, label: t('visits.removedMember') }))
    return [...known, ...missing]
  }, [members.data, visit.data?.participantIds, t])

  if (visit.isError || (visit.data && visit.data.deleted)) {
    return (
      <RecordUnavailable
        inTrash={Boolean(visit.data?.deleted)}
        error={visit.error}
        trashTitle={t('visits.inTrash')}
        restoreLabel={t('visits.restore')}
        onRestore={() => invoke('visit.restore', { id: visitId! })}
        backTo={tripId ? tripPath(tripId, 'visits') : '/trips'}
      />
    )
  }
  if (!visit.data) return <Skeleton active />

  const record = visit.data
  const enterpriseName = enterprise.data?.name ?? ''
  const stopList = stops.data ?? []
  const headerStatus = status === 'saved' ? combined.status : status

  async function addStop() {
    // One stop per press, even when Enter is pressed again before the new stop shows.
    if (adding) return
    setAdding(true)
    try {
      const created = await invoke('visitStop.create', { visitId: record.id })
      setFocusStopId(created.id)
    } catch (error) {
      void message.error(errorText(error))
    } finally {
      setAdding(false)
    }
  }

  async function move(id: string, direction: 'up' | 'down') {
    try {
      await invoke('minutes.move', { kind: 'visitStop', id, direction })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  async function removeVisit() {
    const label = record.title || enterpriseName || t('visits.untitled')
    if (await deleteVisit(record.id, label)) void navigate(tripPath(record.tripId, 'visits'))
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <BackToTrip trip={trip.data} tab="visits" label={t('visits.title')} />
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Space align="baseline" size={12} wrap>
          <Typography.Title level={1} style={{ margin: 0 }} data-testid="visit-heading">
            {enterpriseName || t('visits.untitled')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('visits.kind')} · {formatDay(record.date)}
          </Typography.Text>
        </Space>
        <Space size={16}>
          <SaveStatusTag status={headerStatus} />
          <HistoryButton table="visits" rowId={record.id} label={enterpriseName || t('visits.untitled')} />
          <DeleteRecordButton label={record.title || enterpriseName} description={t('visits.deleteHint')} onConfirm={() => removeVisit()} text={t('visits.delete')} />
        </Space>
      </Flex>

      <Card title={t('visits.sections.details')} size="small">
        <Form form={form} name="visit" layout="vertical" onValuesChange={onValuesChange}>
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Form.Item name="title" label={t('visits.fields.title')}>
                <Input placeholder={t('visits.fields.titlePlaceholder')} count={lengthCount(VisitPatch, 'title')} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item
                name="date"
                label={t('visits.fields.date')}
                required
                extra={
                  outsideTrip(date?.format('YYYY-MM-DD'), trip.data) ? (
                    <Typography.Text type="warning">{t('visits.outsideTrip', { start: trip.data?.startDate, end: trip.data?.endDate })}</Typography.Text>
                  ) : undefined
                }
              >
                <DatePicker style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={8}>
              <Form.Item name="enterpriseId" label={t('visits.fields.enterprise')} required>
                <EnterprisePicker />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="participantIds" label={t('visits.fields.participants')}>
                <Select
                  mode="multiple"
                  options={memberOptions}
                  placeholder={t('visits.fields.participantsPlaceholder')}
                  showSearch={{ optionFilterProp: 'label' }}
                  notFoundContent={
                    members.data && members.data.length === 0 ? (
                      <Typography.Text type="secondary">
                        {t('visits.noMembers')} <Link to={tripPath(record.tripId, 'group')}>{t('visits.goToGroup')}</Link>
                      </Typography.Text>
                    ) : undefined
                  }
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="summary" label={t('visits.fields.summary')} style={{ marginBottom: 0 }}>
                <Input.TextArea placeholder={t('visits.fields.summaryPlaceholder')} autoSize={{ minRows: 3, maxRows: 12 }} count={lengthCount(VisitPatch, 'summary')} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Card
        title={t('visits.stops.title', { count: stopList.length })}
        size="small"
        extra={
          stopList.length > 0 && (
            <Button icon={<PlusOutlined />} onClick={() => void addStop()} loading={adding}>
              {t('visits.stops.add')}
            </Button>
          )
        }
      >
        {stopList.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space orientation="vertical" size={4}>
                <Typography.Text strong>{t('visits.stops.emptyTitle')}</Typography.Text>
                <Typography.Text type="secondary" style={{ maxWidth: 460, display: 'inline-block' }}>
                  {t('visits.stops.emptyHint')}
                </Typography.Text>
              </Space>
            }
          >
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void addStop()} loading={adding}>
              {t('visits.stops.addFirst')}
            </Button>
          </Empty>
        ) : (
          <>
            {stopList.map((stop, index) => (
              <StopEditor
                key={stop.id}
                stop={stop}
                index={index}
                isLast={index === stopList.length - 1}
                focusOnMount={stop.id === focusStopId}
                onAddStop={() => void addStop()}
                onMove={(direction) => void move(stop.id, direction)}
                onDelete={(label) => void deleteStop(stop.id, label)}
                reportStatus={combined.report}
              />
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('visits.stops.keyboardHint')}
            </Typography.Text>
          </>
        )}
      </Card>

      <Card title={t('visits.sections.photos')} size="small">
        <AttachmentPanel ownerKind="visit" ownerId={record.id} />
      </Card>
    </Space>
  )
}
