import { App, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'

let counter = 0

/**
 * "Deleted … — Undo" for things that are not records with a trash of their own (a consensus point is one line
 * of its symposium): the same message and button as useDeleteWithUndo, with the caller's way to put it back.
 */
export function useUndoMessage(): (label: string, undo: () => Promise<unknown>) => void {
  const { t } = useTranslation()
  const { message } = App.useApp()
  return (label, undo) => {
    const key = `undo-${++counter}`
    const short = label.length > 30 ? `${label.slice(0, 30)}…` : label
    void message.open({
      key,
      type: 'success',
      duration: 8,
      content: (
        <Space>
          {t('common.deleted', { label: short })}
          <Button
            size="small"
            type="link"
            data-testid="undo-delete"
            onClick={() => {
              message.destroy(key)
              void undo().then(() => message.success(t('common.restored', { label: short })))
            }}
          >
            {t('common.undo')}
          </Button>
        </Space>
      ),
    })
  }
}
