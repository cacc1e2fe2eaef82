import { App, type FormInstance, type ModalProps } from 'antd'
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === false || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)

/** Whether the form holds something the user put there: a value neither blank nor what the dialog opened with. */
export function hasTypedContent(form: FormInstance, initialValues: object = {}): boolean {
  const initial = initialValues as Record<string, unknown>
  const values = form.getFieldsValue(true) as Record<string, unknown>
  return Object.entries(values).some(([field, value]) => !isBlank(value) && JSON.stringify(value) !== JSON.stringify(initial[field] ?? null))
}

/** Enter in these is theirs: it picks an option, confirms a date or starts a new line. */
function enterBelongsToControl(target: HTMLElement): boolean {
  if (target.getAttribute('aria-expanded') === 'true') return true
  if (target.closest('.ant-select, .ant-picker, .ant-cascader, .ant-mentions')) return true
  return target instanceof HTMLTextAreaElement || target.tagName === 'BUTTON' || target.isContentEditable
}

/**
 * What a dialog holding a form needs so that no typed input is lost by accident and the keyboard alone completes
 * it: Esc, the close button or a click beside it ask before discarding typed content (cancelling keeps the text);
 * focus stays inside while it is open; Enter submits (Ctrl+Enter also from a multi-line field), except where Enter
 * belongs to the control (an open list, a date picker, an input method composing).
 */
export function useGuardedDialog(options: { form: FormInstance; onClose: () => void; onSubmit: () => void; initialValues?: object | undefined }): {
  modalProps: Pick<ModalProps, 'focusable'> & { onCancel: () => void }
  /** Closes, asking first if something was typed: for a drawer's close and Cancel. */
  requestClose: () => void
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
} {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })
  const asking = useRef(false)

  const onCancel = useCallback(() => {
    const { form, onClose, initialValues } = latest.current
    if (!hasTypedContent(form, initialValues)) return onClose()
    if (asking.current) return
    asking.current = true
    // Where the user was typing: the keyboard goes back there when they keep editing.
    const typingIn = document.activeElement instanceof HTMLElement ? document.activeElement : null
    modal.confirm({
      title: t('forms.discard.title'),
      content: t('forms.discard.body'),
      okText: t('forms.discard.ok'),
      cancelText: t('forms.discard.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'discard-confirm' } as never,
      cancelButtonProps: { 'data-testid': 'discard-keep' } as never,
      // Enter on the question keeps editing: discarding takes a deliberate choice.
      autoFocusButton: 'cancel',
      onOk: () => latest.current.onClose(),
      afterClose: () => {
        asking.current = false
        if (typingIn?.isConnected) typingIn.focus()
      },
    })
  }, [modal, t])

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.defaultPrevented || event.nativeEvent.isComposing || event.shiftKey || event.altKey) return
    const target = event.target as HTMLElement
    const chord = event.ctrlKey || event.metaKey
    if (!chord && enterBelongsToControl(target)) return
    event.preventDefault()
    latest.current.onSubmit()
  }, [])

  return { modalProps: { onCancel, focusable: { trap: true } }, requestClose: onCancel, onKeyDown }
}
