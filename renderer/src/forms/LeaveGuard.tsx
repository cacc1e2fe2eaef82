import { App } from 'antd'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useBlocker } from 'react-router'
import { anyUnsavableEdit } from './leaveChecks'

/** Brings the first field marked in red into view, with the keyboard in it. */
function focusFirstError(): void {
  const item = document.querySelector('.ant-form-item-has-error, .ant-form-item-explain-error')?.closest('.ant-form-item') ?? document.querySelector('.ant-form-item-has-error')
  item?.scrollIntoView({ block: 'center' })
  item?.querySelector<HTMLElement>('input, textarea, [tabindex]:not([tabindex="-1"])')?.focus()
}

/**
 * Asks before a screen holding an edit that cannot be saved (a value marked in red) is left — for another screen or
 * by closing the window. "Stay" keeps the edit and brings its field into view; "leave anyway" drops it knowingly.
 */
export function LeaveGuard() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && anyUnsavableEdit())
  const allowClose = useRef(false)

  const ask = (onLeave: () => void, onStay: () => void) =>
    modal.confirm({
      title: t('forms.leave.title'),
      content: t('forms.leave.body'),
      okText: t('forms.leave.ok'),
      cancelText: t('forms.leave.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm' } as never,
      cancelButtonProps: { 'data-testid': 'leave-stay' } as never,
      autoFocusButton: 'cancel',
      onOk: onLeave,
      onCancel: () => {
        onStay()
        // After the question has closed, so the field keeps the focus.
        setTimeout(focusFirstError, 0)
      },
    })

  const askedFor = useRef<unknown>(null)
  useEffect(() => {
    if (blocker.state !== 'blocked' || askedFor.current === blocker.location) return
    askedFor.current = blocker.location
    ask(
      () => blocker.proceed(),
      () => blocker.reset(),
    )
  })

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (allowClose.current || !anyUnsavableEdit()) return
      // Cancels the close; the question below lets the user close knowingly.
      event.preventDefault()
      ask(
        () => {
          allowClose.current = true
          window.close()
        },
        () => {},
      )
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  })
  return null
}
