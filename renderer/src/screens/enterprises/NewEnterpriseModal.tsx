import { Alert, App, Button, Form, Input, Modal, Space } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { creditCodeKey, findSameEnterprise } from '../../../../shared/enterprise-identity'
import type { EnterpriseSummary } from '../../../../shared/procedures/enterprise-file'
import { EnterpriseInput } from '../../../../shared/schemas/enterprise'
import { ApiError } from '../../api/client'
import { useCreateRecord, useErrorText } from '../../api/records'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { enterprisePath } from '../../routes'
import { clearErrorsOnChange, focusFirstError } from './shared'
import { lengthCount } from '../../forms/limits'
import { useGuardedDialog } from '../../forms/dialogGuard'

/**
 * Asks only what identifies an enterprise (its name, and its credit code when at hand), creates the file and
 * opens it: the rest is filled in on the file itself, where it saves as you type.
 */
export function NewEnterpriseModal(props: { open: boolean; onClose: () => void; enterprises: readonly EnterpriseSummary[] }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const [form] = Form.useForm()
  const create = useCreateRecord('enterprise')
  const name = Form.useWatch('name', form) as string | undefined
  const creditCode = Form.useWatch('creditCode', form) as string | undefined

  // The same enterprise entered twice splits its history in two: warn before that happens, by the product's one
  // rule of the same enterprise (the core applies it again on create).
  const same = useMemo(() => {
    const code = creditCodeKey(creditCode ?? '')
    return findSameEnterprise(props.enterprises, { name: name ?? '', creditCode: code.length === 18 ? code : '' })
  }, [name, creditCode, props.enterprises])

  function close() {
    form.resetFields()
    props.onClose()
  }

  function open(id: string) {
    close()
    void navigate(enterprisePath(id, 'profile'))
  }

  async function submit(allowDuplicate = false) {
    const input = validateWith(EnterpriseInput, form.getFieldsValue(), form, t)
    if (!input) return focusFirstError(form)
    if (create.isPending) return
    try {
      const created = await create.mutateAsync({ ...input, allowDuplicate })
      void message.success(t('enterprises.created', { name: created.name }))
      open(created.id)
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  // Enter is handled by the inputs themselves (onPressEnter); the guard only asks before typed input is discarded.
  const guard = useGuardedDialog({ form, onClose: close, onSubmit: () => void submit() })
  const existing = same?.enterprise
  return (
    <Modal
      open={props.open}
      title={t('enterprises.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      {...guard.modalProps}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={520}
    >
      <Form form={form} name="new-enterprise" onValuesChange={clearErrorsOnChange(form)} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item name="name" label={t('enterprises.fields.name')} required>
          <Input autoFocus placeholder={t('enterprises.fields.namePlaceholder')} onPressEnter={() => void submit()} count={lengthCount(EnterpriseInput, 'name')} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('enterprises.fields.creditCode')}>
          <Input placeholder={t('enterprises.fields.creditCodePlaceholder')} onPressEnter={() => void submit()} maxLength={24} />
        </Form.Item>
      </Form>
      {existing && (
        <Alert
          type="warning"
          showIcon
          title={same?.by === 'name' ? t('enterprises.duplicateName', { name: existing.name }) : t('enterprises.duplicateCreditCode', { name: existing.name })}
          description={t('enterprises.duplicateHint')}
          action={
            <Space direction="vertical" size={4}>
              <Button size="small" type="primary" onClick={() => open(existing.id)}>
                {t('enterprises.openExisting')}
              </Button>
              <Button size="small" onClick={() => void submit(true)}>
                {t('enterprises.createAnyway')}
              </Button>
            </Space>
          }
        />
      )}
    </Modal>
  )
}
