import { App, AutoComplete, Col, DatePicker, Form, Input, Row, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ActionInput } from '../../../../shared/schemas/action'
import { useCreateRecord, useRecords } from '../../api/records'
import { CreateDialog, useCreateFailure } from '../../components/CreateDialog'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { validateWith } from '../../forms/fieldErrors'
import { LINK_KINDS, useLinkableRecords, type LinkKind } from './linkedRecords'
import { lengthCount } from '../../forms/limits'

interface Values {
  title?: string
  owner?: string
  dueDate?: Dayjs | null
  tripId?: string
  enterpriseId?: string
  linkedKind?: LinkKind
  linkedId?: string
}

/** What to do, who, by when; the trip, the enterprise and the record it came from are optional. */
export function NewActionDialog(props: {
  open: boolean
  tripId?: string | undefined
  enterpriseId?: string | undefined
  owners: string[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const create = useCreateRecord('action')
  const failed = useCreateFailure(form)
  const trips = useRecords('trip', {}, props.open && !props.tripId)
  const tripId = (Form.useWatch('tripId', form) as string | undefined) ?? props.tripId
  const enterpriseId = (Form.useWatch('enterpriseId', form) as string | undefined) ?? props.enterpriseId
  const linkedKind = Form.useWatch('linkedKind', form) as LinkKind | undefined
  const ownerText = (Form.useWatch('owner', form) as string | undefined) ?? ''
  const linkable = useLinkableRecords(linkedKind, tripId, enterpriseId)

  async function submit() {
    const values = form.getFieldsValue(true) as Values
    const input = validateWith(
      ActionInput,
      {
        title: values.title ?? '',
        owner: values.owner ?? '',
        dueDate: values.dueDate?.format('YYYY-MM-DD') ?? '',
        tripId: props.tripId ?? values.tripId ?? '',
        enterpriseId: props.enterpriseId ?? values.enterpriseId ?? '',
        linkedKind: values.linkedId ? (values.linkedKind ?? '') : '',
        linkedId: values.linkedKind ? (values.linkedId ?? '') : '',
      },
      form,
      t,
    )
    if (!input) return
    try {
      await create.mutateAsync(input)
      void message.success(t('followUps.created', { title: input.title }))
      props.onClose()
    } catch (error) {
      failed(error)
    }
  }

  const ownerOptions = props.owners.filter((owner) => owner.includes(ownerText.trim())).map((owner) => ({ value: owner }))

  return (
    <CreateDialog
      title={t('followUps.newTitle')}
      open={props.open}
      form={form}
      onSubmit={() => void submit()}
      onClose={props.onClose}
      saving={create.isPending}
      width={600}
      name="newAction"
      onValuesChange={(changed) => {
        // A different kind, trip or enterprise makes the chosen record a stale choice.
        if ('linkedKind' in changed || 'tripId' in changed || 'enterpriseId' in changed) form.setFieldValue('linkedId', undefined)
      }}
    >
        <Form.Item name="title" label={t('followUps.fields.title')} required>
          <Input.TextArea autoFocus autoSize={{ minRows: 1, maxRows: 4 }} count={lengthCount(ActionInput, 'title')} placeholder={t('followUps.fields.titlePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="owner" label={t('followUps.fields.owner')}>
              <AutoComplete options={ownerOptions} placeholder={t('followUps.fields.ownerPlaceholder')} maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dueDate" label={t('followUps.fields.dueDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {!props.tripId && (
          <Form.Item name="tripId" label={t('followUps.fields.trip')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('followUps.fields.tripPlaceholder')}
              options={(trips.data ?? []).map((trip) => ({ value: trip.id, label: trip.title }))}
            />
          </Form.Item>
        )}
        {!props.enterpriseId && (
          <Form.Item name="enterpriseId" label={t('followUps.fields.enterprise')}>
            <EnterprisePicker />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={9}>
            <Form.Item name="linkedKind" label={t('followUps.fields.linked')}>
              <Select
                allowClear
                placeholder={t('followUps.fields.linkedKindPlaceholder')}
                options={LINK_KINDS.map((kind) => ({ value: kind, label: t(`followUps.linkKinds.${kind}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={15}>
            <Form.Item name="linkedId" label=" " colon={false}>
              <Select
                allowClear
                disabled={!linkedKind}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('followUps.fields.linkedPlaceholder')}
                options={linkable}
                notFoundContent={t('followUps.fields.linkedNone')}
              />
            </Form.Item>
          </Col>
        </Row>
    </CreateDialog>
  )
}
