import { App, Form, Modal, type FormInstance } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { useErrorText } from '../api/records'
import { useGuardedDialog } from '../forms/dialogGuard'
import { showFieldErrors } from '../forms/fieldErrors'

/** Shows why creating a record failed: the core's field errors under their fields, anything else as a message. */
export function useCreateFailure(form: FormInstance): (error: unknown) => void {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  return (error) => {
    if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
    else void message.error(errorText(error))
  }
}

/**
 * The modal that starts a record: a vertical form whose fields drop their error as soon as they change, "Create"
 * (or `okText`) or Enter to submit, Cancel or Esc to close — asking first when something was typed (see
 * useGuardedDialog). The form is rebuilt each time the modal opens.
 */
export function CreateDialog<V extends object>(props: {
  open: boolean
  title: string
  form: FormInstance<V>
  onSubmit: () => void
  onClose: () => void
  saving: boolean
  okText?: string | undefined
  width?: number | undefined
  initialValues?: Partial<V> | undefined
  /** The form's name, which prefixes its fields' ids. */
  name?: string | undefined
  /** Marks the form (`testId`) and its OK button (`testId-ok`) for the tests. */
  testId?: string | undefined
  /** Called after a change has cleared the changed fields' errors. */
  onValuesChange?: ((changed: Partial<V>) => void) | undefined
  children: ReactNode
}) {
  const { t } = useTranslation()
  const { form } = props
  const guard = useGuardedDialog({ form, onClose: props.onClose, onSubmit: props.onSubmit, initialValues: props.initialValues })
  return (
    <Modal
      title={props.title}
      open={props.open}
      {...guard.modalProps}
      onOk={() => props.onSubmit()}
      okText={props.okText ?? t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={props.saving}
      destroyOnHidden
      {...(props.width ? { width: props.width } : {})}
      {...(props.testId ? { okButtonProps: { 'data-testid': `${props.testId}-ok` } } : {})}
    >
      <Form
        form={form}
        name={props.name}
        layout="vertical"
        preserve={false}
        initialValues={props.initialValues}
        onValuesChange={(changed: Partial<V>) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as never, errors: [] })))
          props.onValuesChange?.(changed)
        }}
        data-testid={props.testId}
        onKeyDown={guard.onKeyDown}
      >
        {props.children}
      </Form>
    </Modal>
  )
}
