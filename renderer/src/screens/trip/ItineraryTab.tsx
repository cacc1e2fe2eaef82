import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Trip } from '../../../../shared/schemas/trip'
import { ItineraryInput, ItineraryPatch, type ItineraryItem } from '../../../../shared/schemas/trip-parts'
import { ApiError } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { useAutosave } from '../../forms/useAutosave'
import { enterprisePath } from '../../routes'
import { DeleteButton } from '../../components/DeleteButton'

const DAY_FIELDS = ['day'] as const

interface NewStop {
  enterpriseId?: string
  day?: Dayjs | null
  note?: string
}

/** Picks an enterprise (or creates it by name) and a day; the day stays for the next stop of the same day. */
function AddStopRow({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<NewStop>()
  const create = useCreateRecord('itinerary')
  const [pickerKey, setPickerKey] = useState(0)

  async function add(values: NewStop) {
    const input = validateWith(
      ItineraryInput,
      { tripId: trip.id, enterpriseId: values.enterpriseId, day: values.day?.format('YYYY-MM-DD') ?? '', note: values.note ?? '' },
      form,
      t,
    )
    if (!input) return
    try {
      await create.mutateAsync(input)
      form.setFieldsValue({ enterpriseId: undefined, note: '' })
      // A fresh picker takes the focus back for the next enterprise.
      setPickerKey((key) => key + 1)
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  return (
    <Form
      form={form}
      initialValues={{ day: dayjs(trip.startDate) }}
      onFinish={(values) => void add(values)}
      onValuesChange={(changed: NewStop) => form.setFields((Object.keys(changed) as (keyof NewStop)[]).map((name) => ({ name, errors: [] })))}
      data-testid="add-stop"
    >
      <Flex gap={8} align="start" wrap>
        <Form.Item name="enterpriseId" style={{ flex: '2 1 240px', marginBottom: 0 }}>
          <EnterprisePicker key={pickerKey} autoFocus={pickerKey > 0} />
        </Form.Item>
        {/* Enter confirms a typed date; it must not also submit the row before the note is written. */}
        <span onKeyDownCapture={(event) => event.key === 'Enter' && event.preventDefault()} style={{ flex: '0 0 160px' }}>
          <Form.Item name="day" style={{ marginBottom: 0 }}>
            <DatePicker style={{ width: '100%' }} aria-label={t('tripDetail.itinerary.day')} />
          </Form.Item>
        </span>
        <Form.Item name="note" style={{ flex: '2 1 220px', marginBottom: 0 }}>
          <Input placeholder={t('tripDetail.itinerary.notePlaceholder')} aria-label={t('tripDetail.itinerary.note')} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('tripDetail.itinerary.add')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tripDetail.itinerary.addHint')}
      </Typography.Text>
    </Form>
  )
}

/** One stop: the enterprise, what is planned there, and its day (changing it moves the stop). */
function StopRow({ item, enterpriseName }: { item: ItineraryItem; enterpriseName: string }) {
  const { t } = useTranslation()
  const deleteWithUndo = useDeleteWithUndo('itinerary')
  const { form, status, onValuesChange } = useAutosave({ kind: 'itinerary', record: item, patchSchema: ItineraryPatch, dateFields: DAY_FIELDS })
  return (
    <Form form={form} onValuesChange={onValuesChange} data-testid="itinerary-item">
      <Flex gap={8} align="start" wrap style={{ padding: '6px 0' }}>
        <Link to={enterprisePath(item.enterpriseId)} style={{ flex: '2 1 240px', paddingTop: 5, fontWeight: 500 }}>
          {enterpriseName}
        </Link>
        <Form.Item name="note" style={{ flex: '3 1 260px', marginBottom: 0 }}>
          <Input placeholder={t('tripDetail.itinerary.notePlaceholder')} aria-label={t('tripDetail.itinerary.note')} maxLength={500} />
        </Form.Item>
        <Form.Item name="day" style={{ flex: '0 0 150px', marginBottom: 0 }}>
          <DatePicker style={{ width: '100%' }} allowClear={false} aria-label={t('tripDetail.itinerary.day')} />
        </Form.Item>
        <Space size={4} style={{ paddingTop: 4 }}>
          <DeleteButton label={enterpriseName} onConfirm={() => deleteWithUndo(item.id, enterpriseName)} />
          {status !== 'saved' && <SaveStatusTag status={status} />}
        </Space>
      </Flex>
    </Form>
  )
}

/** Which enterprise on which day, grouped by day and numbered from the trip's first day. */
export function ItineraryTab({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  const items = useRecords('itinerary', { tripId: trip.id })
  const enterprises = useRecords('enterprise', {})
  const names = useMemo(() => new Map((enterprises.data ?? []).map((e) => [e.id, e.name])), [enterprises.data])

  const days = useMemo(() => {
    const byDay = new Map<string, ItineraryItem[]>()
    for (const item of items.data ?? []) byDay.set(item.day, [...(byDay.get(item.day) ?? []), item])
    return [...byDay].sort(([a], [b]) => a.localeCompare(b))
  }, [items.data])

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('tripDetail.tabs.itinerary')}>
        <AddStopRow trip={trip} />
      </Card>
      {items.data && days.length === 0 && (
        <Card size="small">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{t('tripDetail.itinerary.empty')}</Typography.Text>
                <Typography.Text type="secondary">{t('tripDetail.itinerary.emptyHint')}</Typography.Text>
              </Space>
            }
          />
        </Card>
      )}
      {days.map(([day, stops]) => {
        const number = dayjs(day).diff(dayjs(trip.startDate), 'day') + 1
        const inTrip = day >= trip.startDate && day <= trip.endDate
        return (
          <Card
            key={day}
            size="small"
            data-testid="itinerary-day"
            title={
              <Space size={8}>
                {inTrip ? <Tag color="green">{t('tripDetail.itinerary.dayNumber', { number })}</Tag> : <Tag color="orange">{t('tripDetail.itinerary.outsideTrip')}</Tag>}
                <span>{day}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                  {dayjs(day).format(t('tripDetail.itinerary.dayFormat'))}
                </Typography.Text>
              </Space>
            }
            extra={<Typography.Text type="secondary">{t('tripDetail.itinerary.stops', { count: stops.length })}</Typography.Text>}
          >
            {stops.map((item) => (
              <StopRow key={item.id} item={item} enterpriseName={names.get(item.enterpriseId) ?? '…'} />
            ))}
          </Card>
        )
      })}
    </Flex>
  )
}
