import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { TRIP_STATUSES, TripInput, type Trip } from '../../../../shared/schemas/trip'
import { ApiError } from '../../api/client'
import { useCreateRecord, useUpdateRecord } from '../../api/records'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { lengthCount } from '../../forms/limits'
import { useGuardedDialog } from '../../forms/dialogGuard'

interface TripFormValues {
  title: string
  purpose: string
  startDate: Dayjs | null
  endDate: Dayjs | null
  regions: string[]
  status: Trip['status']
}

function toInput(values: TripFormValues): TripInput {
  return {
    title: values.title ?? '',
    purpose: values.purpose ?? '',
    startDate: values.startDate?.format('YYYY-MM-DD') ?? '',
    endDate: values.endDate?.format('YYYY-MM-DD') ?? '',
    regions: values.regions ?? [],
    status: values.status,
  }
}

function toValues(trip: Trip | null): TripFormValues {
  if (!trip) return { title: '', purpose: '', startDate: null, endDate: null, regions: [], status: 'planned' }
  return {
    title: trip.title,
    purpose: trip.purpose,
    startDate: trip.startDate ? dayjs(trip.startDate) : null,
    endDate: trip.endDate ? dayjs(trip.endDate) : null,
    regions: trip.regions,
    status: trip.status,
  }
}

/** Creates a trip (then `onCreated` opens it) or edits one from the list. */
export function TripFormDrawer({
  open,
  trip,
  onClose,
  onCreated,
}: {
  open: boolean
  trip: Trip | null
  onClose: () => void
  onCreated?: (trip: Trip) => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<TripFormValues>()
  const create = useCreateRecord('trip')
  const update = useUpdateRecord('trip')
  const saving = create.isPending || update.isPending

  useEffect(() => {
    if (open) form.setFieldsValue(toValues(trip))
  }, [open, trip, form])

  async function submit() {
    const input = validateWith(TripInput, toInput(form.getFieldsValue(true)), form, t)
    if (!input) return
    try {
      const saved = trip ? await update.mutateAsync({ id: trip.id, patch: input }) : await create.mutateAsync(input)
      void message.success(trip ? t('trips.saved') : t('trips.created', { title: saved.title }))
      onClose()
      if (!trip) onCreated?.(saved)
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else void message.error(error instanceof ApiError ? t(`errors.${error.code}`) : t('errors.INTERNAL'))
    }
  }

  // Esc, the close button or Cancel ask before typed input is discarded; Enter saves.
  const guard = useGuardedDialog({ form, onClose, onSubmit: () => void submit(), initialValues: toValues(trip) })
  return (
    <Drawer
      title={trip ? t('trips.editTitle') : t('trips.createTitle')}
      open={open}
      onClose={guard.requestClose}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={guard.requestClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="trip-save">
            {trip ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={() => void submit()}
        onKeyDown={guard.onKeyDown}
        preserve={false}
        // An error goes away as soon as the user edits its field; the next save checks again.
        onValuesChange={(changed: Partial<TripFormValues>) =>
          form.setFields((Object.keys(changed) as (keyof TripFormValues)[]).map((name) => ({ name, errors: [] })))
        }
      >
        <Form.Item name="title" label={t('trips.fields.title')} required>
          <Input placeholder={t('trips.fields.titlePlaceholder')} count={lengthCount(TripInput, 'title')} autoFocus />
        </Form.Item>
        {/* Two pickers rather than a range: a range picker silently refuses an end before the start. */}
        <Flex gap={16}>
          <Form.Item name="startDate" label={t('trips.fields.startDate')} required style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endDate" label={t('trips.fields.endDate')} required style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="regions" label={t('trips.fields.regions')}>
          <Select mode="tags" placeholder={t('trips.fields.regionsPlaceholder')} tokenSeparators={[',', '，', '、']} open={false} />
        </Form.Item>
        <Form.Item name="status" label={t('trips.fields.status')}>
          <Select options={TRIP_STATUSES.map((status) => ({ value: status, label: t(`trips.status.${status}`) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('trips.fields.purpose')}>
          <Input.TextArea placeholder={t('trips.fields.purposePlaceholder')} autoSize={{ minRows: 3, maxRows: 8 }} count={lengthCount(TripInput, 'purpose')} />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
