import { Button, DatePicker, Form } from 'antd'
import type { ColumnType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { Trip } from '../../../../shared/schemas/trip'
import { CreateDialog, useCreateFailure } from '../../components/CreateDialog'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { validateWith } from '../../forms/fieldErrors'
import type { SaveStatus } from '../../forms/useAutosave'
import { ScreenBreadcrumb } from '../../layout/ScreenBreadcrumb'
import { tripPath, type TripTab } from '../../routes'

export const collator = new Intl.Collator('zh-CN', { numeric: true })

/** Today when the trip is under way, else its first day: a record is usually typed on the day it happens. */
export function defaultDate(trip: Pick<Trip, 'startDate' | 'endDate'> | undefined): Dayjs {
  const today = dayjs().format('YYYY-MM-DD')
  if (!trip || (today >= trip.startDate && today <= trip.endDate)) return dayjs(today)
  return dayjs(trip.startDate)
}

/** True when a date lies outside the trip: allowed (a later follow-up visit), but worth a word. */
export function outsideTrip(date: string | undefined, trip: Pick<Trip, 'startDate' | 'endDate'> | undefined): boolean {
  return Boolean(date && trip && (date < trip.startDate || date > trip.endDate))
}

/** `2025-05-16 周五` / `2025-05-16 Fri`: the weekday helps place a day of the trip. */
export function formatDay(date: string): string {
  return date ? dayjs(date).format('YYYY-MM-DD ddd') : ''
}

/** The first column of a trip's visits or symposiums: the day, earliest first. */
export function dayColumn<T extends { date: string }>(title: string): ColumnType<T> {
  return {
    title,
    dataIndex: 'date',
    width: 150,
    defaultSortOrder: 'ascend',
    sorter: (a, b) => a.date.localeCompare(b.date),
    render: (date: string) => formatDay(date),
  }
}

/** The name in a row of visits or symposiums, as a link-styled button that opens the record. */
export function OpenButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="link" style={{ padding: 0, fontWeight: 600, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={onClick}>
      {children}
    </Button>
  )
}

/** The path above a record's screen: the trips, its trip (back to its tab) and what it is. */
export function BackToTrip({ trip, tab, label }: { trip: Trip | undefined; tab: TripTab; label: string }) {
  const { t } = useTranslation()
  if (!trip) return null
  return <ScreenBreadcrumb items={[{ title: t('nav.trips'), to: '/trips' }, { title: trip.title, to: tripPath(trip.id, tab), testId: 'back-to-trip' }, { title: label }]} />
}

const STATUS_RANK: Record<SaveStatus, number> = { saved: 0, pending: 1, saving: 2, invalid: 3, error: 4 }

/**
 * One save status for a screen made of several self-saving forms (a visit and each of its stops): the worst of
 * them, so a single tag tells whether everything typed is on disk.
 */
export function useCombinedStatus(): { status: SaveStatus; report: (key: string, status: SaveStatus) => void } {
  const [statuses, setStatuses] = useState<Record<string, SaveStatus>>({})
  const report = useCallback((key: string, status: SaveStatus) => {
    setStatuses((current) => (current[key] === status ? current : { ...current, [key]: status }))
  }, [])
  const status = useMemo(
    () => Object.values(statuses).reduce<SaveStatus>((worst, s) => (STATUS_RANK[s] > STATUS_RANK[worst] ? s : worst), 'saved'),
    [statuses],
  )
  return { status, report }
}

interface NewRecordValues {
  enterpriseId?: string
  date: Dayjs | null
}

/**
 * Asks for the two things every visit or symposium starts from, the enterprise and the day, creates the record
 * and hands it back (the caller opens it).
 */
export function NewRecordDialog<S extends z.ZodType>(props: {
  open: boolean
  trip: Trip | undefined
  title: string
  okText: string
  enterpriseLabel: string
  dateLabel: string
  schema: S
  create: (input: z.output<S>) => Promise<{ id: string }>
  onCreated: (id: string) => void
  onClose: () => void
  testId: string
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<NewRecordValues>()
  const failed = useCreateFailure(form)
  const [saving, setSaving] = useState(false)

  async function submit() {
    const values = form.getFieldsValue(true)
    const input = validateWith(
      props.schema,
      { tripId: props.trip?.id, enterpriseId: values.enterpriseId ?? '', date: values.date?.format('YYYY-MM-DD') ?? '' },
      form,
      t,
    )
    if (!input) return
    setSaving(true)
    try {
      const created = await props.create(input)
      props.onCreated(created.id)
    } catch (error) {
      failed(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <CreateDialog
      title={props.title}
      open={props.open}
      form={form}
      okText={props.okText}
      onSubmit={() => void submit()}
      onClose={props.onClose}
      saving={saving}
      name={props.testId}
      initialValues={{ date: defaultDate(props.trip) }}
      testId={props.testId}
    >
        <Form.Item name="enterpriseId" label={props.enterpriseLabel} required>
          <EnterprisePicker autoFocus />
        </Form.Item>
        <Form.Item name="date" label={props.dateLabel} required>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
    </CreateDialog>
  )
}
