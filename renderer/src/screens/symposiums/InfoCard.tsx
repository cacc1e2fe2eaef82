import { Card, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd'
import type { InputRef } from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useMemo, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { SymposiumPatch, type Symposium } from '../../../../shared/schemas/symposium'
import type { Trip } from '../../../../shared/schemas/trip'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { useAutosave, type SaveStatus } from '../../forms/useAutosave'
import { outsideTrip } from '../visits/common'
import { keyHint } from './shortcuts'
import { TabAutoComplete } from './TabAutoComplete'
import { speakerName, type NumberedAttendee } from './speakers'
import { lengthCount } from '../../forms/limits'

const DATE_FIELDS = ['date'] as const

/** The meeting's own fields: when, where, about what, with whom, who presided. Saves as it is typed. */
export function InfoCard(props: {
  symposium: Symposium
  trip: Trip | undefined
  attendees: NumberedAttendee[]
  titleRef: Ref<InputRef>
  reportStatus: (key: string, status: SaveStatus) => void
}) {
  const { symposium, trip, attendees, titleRef, reportStatus } = props
  const { t } = useTranslation()
  const { form, status, onValuesChange } = useAutosave({ kind: 'symposium', record: symposium, patchSchema: SymposiumPatch, dateFields: DATE_FIELDS })
  const date = Form.useWatch('date', form) as Dayjs | null | undefined
  useEffect(() => reportStatus('info', status), [reportStatus, status])

  // The chair is usually at the table: offer the attendees, the host's side first, but any name may be typed.
  const presidedOptions = useMemo(
    () =>
      [...attendees]
        .sort((a, b) => (a.side === b.side ? a.number - b.number : a.side === 'enterprise' ? -1 : 1))
        .map((a) => ({ value: a.name, label: speakerName(a) })),
    [attendees],
  )

  return (
    <Card size="small" title={t('symposiums.sections.info')} extra={<Typography.Text type="secondary">{keyHint('I')}</Typography.Text>}>
      <Form form={form} name="symposium" layout="vertical" onValuesChange={onValuesChange}>
        <Row gutter={16}>
          <Col xs={24} lg={8}>
            <Form.Item name="title" label={t('symposiums.fields.title')}>
              <Input ref={titleRef} placeholder={t('symposiums.fields.titlePlaceholder')} count={lengthCount(SymposiumPatch, 'title')} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={5}>
            <Form.Item
              name="date"
              label={t('symposiums.fields.date')}
              required
              extra={
                outsideTrip(date?.format('YYYY-MM-DD'), trip) ? (
                  <Typography.Text type="warning">{t('visits.outsideTrip', { start: trip?.startDate, end: trip?.endDate })}</Typography.Text>
                ) : undefined
              }
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={5}>
            <Form.Item name="place" label={t('symposiums.fields.place')}>
              <Input placeholder={t('symposiums.fields.placePlaceholder')} count={lengthCount(SymposiumPatch, 'place')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={6}>
            <Form.Item name="enterpriseId" label={t('symposiums.fields.enterprise')} required>
              <EnterprisePicker />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="presidedBy" label={t('symposiums.fields.presidedBy')} style={{ marginBottom: 0 }}>
              <TabAutoComplete
                options={presidedOptions}
                placeholder={t('symposiums.fields.presidedByPlaceholder')}
                showSearch={{ filterOption: (input, option) => String(option?.label ?? '').includes(input.trim()) }}
                maxLength={100}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={16}>
            <Form.Item name="topics" label={t('symposiums.fields.topics')} style={{ marginBottom: 0 }}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ';', '；']} placeholder={t('symposiums.fields.topicsPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  )
}
