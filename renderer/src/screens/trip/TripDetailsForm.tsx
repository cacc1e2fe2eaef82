import { Card, DatePicker, Flex, Form, Input, Select, Tooltip } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { TRIP_STATUSES, TripPatch, type Trip } from '../../../../shared/schemas/trip'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { useAutosave } from '../../forms/useAutosave'
import { lengthCount } from '../../forms/limits'

const DATE_FIELDS = ['startDate', 'endDate'] as const
const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)

/** The trip's own fields, saved as they are typed. */
export function TripDetailsForm({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  // The patch alone cannot know the other date; check the pair against the stored trip here, so a wrong end
  // date shows at once next to other errors instead of after them.
  const patchSchema = useMemo(
    () =>
      TripPatch.refine(
        (patch: { startDate?: unknown; endDate?: unknown }) => {
          const start = patch.startDate ?? trip.startDate
          const end = patch.endDate ?? trip.endDate
          return !isDay(start) || !isDay(end) || end >= start
        },
        // Checked even when another field (an emptied title) is wrong too: the user sees every error at once.
        { path: ['endDate'], params: { key: 'endBeforeStart' }, when: () => true },
      ),
    [trip.startDate, trip.endDate],
  )
  const { form, status, onValuesChange } = useAutosave({ kind: 'trip', record: trip, patchSchema, dateFields: DATE_FIELDS })
  return (
    <Card size="small" title={t('tripDetail.details.title')} extra={
        <Tooltip title={t('tripDetail.saveStatusHint')}>
          <span>
            <SaveStatusTag status={status} />
          </span>
        </Tooltip>
      } data-testid="trip-details">
      <Form form={form} layout="vertical" onValuesChange={onValuesChange}>
        <Form.Item name="title" label={t('trips.fields.title')} required>
          <Input placeholder={t('trips.fields.titlePlaceholder')} count={lengthCount(TripPatch, 'title')} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="startDate" label={t('trips.fields.startDate')} required style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endDate" label={t('trips.fields.endDate')} required style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t('trips.fields.status')} style={{ flex: 1, minWidth: 140 }}>
            <Select options={TRIP_STATUSES.map((value) => ({ value, label: t(`trips.status.${value}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="regions" label={t('trips.fields.regions')}>
          <Select mode="tags" placeholder={t('trips.fields.regionsPlaceholder')} tokenSeparators={[',', '，', '、']} open={false} />
        </Form.Item>
        <Form.Item name="purpose" label={t('trips.fields.purpose')} style={{ marginBottom: 0 }}>
          <Input.TextArea placeholder={t('trips.fields.purposePlaceholder')} autoSize={{ minRows: 3, maxRows: 10 }} count={lengthCount(TripPatch, 'purpose')} />
        </Form.Item>
      </Form>
    </Card>
  )
}
