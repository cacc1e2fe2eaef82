import { DatePicker, Form, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { SurveyInput } from '../../../../shared/schemas/survey'
import { useCreateRecord, useRecord, useRecords } from '../../api/records'
import { CreateDialog, useCreateFailure } from '../../components/CreateDialog'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { validateWith } from '../../forms/fieldErrors'

interface Values {
  tripId?: string
  enterpriseId?: string
  date?: Dayjs | null
}

/** The day to offer: today while the trip is under way, else its first day. */
function defaultDate(trip: { startDate: string; endDate: string } | undefined): Dayjs {
  const today = dayjs().format('YYYY-MM-DD')
  if (!trip || (today >= trip.startDate && today <= trip.endDate)) return dayjs(today)
  return dayjs(trip.startDate)
}

/** Enterprise and date start a survey (and its trip, when opened outside one); it opens to be filled in. */
export function NewSurveyDialog(props: { open: boolean; tripId?: string | undefined; enterpriseId?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const create = useCreateRecord('survey')
  const failed = useCreateFailure(form)
  const trip = useRecord('trip', props.tripId)
  const trips = useRecords('trip', {}, props.open && !props.tripId)

  useEffect(() => {
    if (props.open) form.setFieldsValue({ date: defaultDate(trip.data) })
  }, [props.open, trip.data, form])

  async function submit() {
    const values = form.getFieldsValue(true) as Values
    const input = validateWith(
      SurveyInput,
      {
        // Missing, not empty: the message is then "required" rather than "wrong format".
        tripId: props.tripId ?? values.tripId,
        enterpriseId: props.enterpriseId ?? values.enterpriseId,
        date: values.date?.format('YYYY-MM-DD') ?? '',
      },
      form,
      t,
    )
    if (!input) return
    try {
      const created = await create.mutateAsync(input)
      props.onClose()
      void navigate(`/surveys/${created.id}`)
    } catch (error) {
      failed(error)
    }
  }

  return (
    <CreateDialog
      title={t('surveys.newTitle')}
      open={props.open}
      form={form}
      onSubmit={() => void submit()}
      onClose={props.onClose}
      saving={create.isPending}
    >
        {!props.tripId && (
          <Form.Item name="tripId" label={t('surveys.fields.trip')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('surveys.fields.tripPlaceholder')}
              options={(trips.data ?? []).map((trip) => ({ value: trip.id, label: trip.title }))}
            />
          </Form.Item>
        )}
        {!props.enterpriseId && (
          <Form.Item name="enterpriseId" label={t('surveys.fields.enterprise')} required>
            <EnterprisePicker autoFocus />
          </Form.Item>
        )}
        <Form.Item name="date" label={t('surveys.fields.date')} required>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
    </CreateDialog>
  )
}
