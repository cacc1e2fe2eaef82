import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { AGREEMENT_KINDS, AgreementInput, type Agreement } from '../../../../shared/schemas/agreement'
import { useCreateRecord } from '../../api/records'
import { CreateDialog, useCreateFailure } from '../../components/CreateDialog'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { validateWith } from '../../forms/fieldErrors'
import { lengthCount } from '../../forms/limits'

interface Values {
  enterpriseId?: string
  title?: string
  kind?: Agreement['kind']
}

/** Enterprise, title and kind are enough to start; the rest is filled in on the agreement's own screen. */
export function NewAgreementDialog(props: { open: boolean; tripId?: string | undefined; enterpriseId?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const create = useCreateRecord('agreement')
  const failed = useCreateFailure(form)

  async function submit() {
    const values = form.getFieldsValue(true) as Values
    const input = validateWith(
      AgreementInput,
      {
        tripId: props.tripId ?? '',
        // Missing, not empty: the message is then "required" rather than "wrong format".
        enterpriseId: props.enterpriseId ?? values.enterpriseId,
        title: values.title ?? '',
        kind: values.kind ?? 'other',
      },
      form,
      t,
    )
    if (!input) return
    try {
      const created = await create.mutateAsync(input)
      props.onClose()
      void navigate(`/agreements/${created.id}`)
    } catch (error) {
      failed(error)
    }
  }

  return (
    <CreateDialog
      title={t('agreements.newTitle')}
      open={props.open}
      form={form}
      onSubmit={() => void submit()}
      onClose={props.onClose}
      saving={create.isPending}
      initialValues={{ kind: 'order_class' }}
    >
        {!props.enterpriseId && (
          <Form.Item name="enterpriseId" label={t('agreements.fields.enterprise')} required>
            <EnterprisePicker autoFocus />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('agreements.fields.title')} required>
          <Input
            placeholder={t('agreements.fields.titlePlaceholder')}
            count={lengthCount(AgreementInput, 'title')}
            autoFocus={Boolean(props.enterpriseId)}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('agreements.fields.kind')}>
          <Select options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: t(`agreements.kinds.${kind}`) }))} />
        </Form.Item>
    </CreateDialog>
  )
}
