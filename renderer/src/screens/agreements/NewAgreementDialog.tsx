import { App, Form, Input, Modal, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { AGREEMENT_KINDS, AgreementInput, type Agreement } from '../../../../shared/schemas/agreement'
import { ApiError } from '../../api/client'
import { useCreateRecord, useErrorText } from '../../api/records'
import { EnterprisePicker } from '../../components/EnterprisePicker'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'

interface Values {
  enterpriseId?: string
  title?: string
  kind?: Agreement['kind']
}

/** Enterprise, title and kind are enough to start; the rest is filled in on the agreement's own screen. */
export function NewAgreementDialog(props: { open: boolean; tripId?: string | undefined; enterpriseId?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const create = useCreateRecord('agreement')

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
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  return (
    <Modal
      title={t('agreements.newTitle')}
      open={props.open}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'order_class' }}
        onValuesChange={(changed: Values) => form.setFields((Object.keys(changed) as (keyof Values)[]).map((name) => ({ name, errors: [] })))}
      >
        {!props.enterpriseId && (
          <Form.Item name="enterpriseId" label={t('agreements.fields.enterprise')} required>
            <EnterprisePicker autoFocus />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('agreements.fields.title')} required>
          <Input
            placeholder={t('agreements.fields.titlePlaceholder')}
            maxLength={200}
            autoFocus={Boolean(props.enterpriseId)}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('agreements.fields.kind')}>
          <Select options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: t(`agreements.kinds.${kind}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
