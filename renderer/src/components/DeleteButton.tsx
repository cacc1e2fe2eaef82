import { DeleteOutlined } from '@ant-design/icons'
import { Button, Popconfirm } from 'antd'
import type { ColumnType } from 'antd/es/table'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface DeleteButtonProps {
  /** Names the record in the question ("Delete “…”?"). */
  label: string
  /** What deleting means; by default that the trash can bring it back. */
  description?: string | undefined
  /** Usually a delete with Undo; a returned promise keeps the confirmation busy until it settles. */
  onConfirm: () => unknown
  /** The row opens on a click: the confirmation's clicks, which bubble through the portal, must not open it. */
  inClickableRow?: boolean | undefined
}

interface ConfirmDeleteProps {
  /** Names the record in the question ("Delete “…”?"). */
  label: string
  /** What deleting means; by default that the trash can bring it back. */
  description?: string | undefined
  /** Usually a delete with Undo; a returned promise keeps the confirmation busy until it settles. */
  onConfirm: () => unknown
  /** The button that asks. */
  children: ReactNode
}

/** Asks before deleting, in the same words everywhere: the question names the record, the answer is a red Delete. */
export function ConfirmDelete({ label, description, onConfirm, children }: ConfirmDeleteProps) {
  const { t } = useTranslation()
  return (
    <Popconfirm
      title={t('common.confirmDelete', { label })}
      description={description ?? t('common.confirmDeleteHint')}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={onConfirm}
    >
      {children}
    </Popconfirm>
  )
}

/** The small bin button of a table row, which asks before deleting. */
export function DeleteButton({ label, description, onConfirm, inClickableRow }: DeleteButtonProps) {
  const { t } = useTranslation()
  const confirm = (
    <ConfirmDelete label={label} description={description} onConfirm={onConfirm}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
    </ConfirmDelete>
  )
  return inClickableRow ? <span onClick={(e) => e.stopPropagation()}>{confirm}</span> : confirm
}

/**
 * The delete of a whole record, in its screen's header: a red outlined button with the bin and the action's words
 * (by default "Delete"), asking first. Rows use the small bin of DeleteButton.
 */
export function DeleteRecordButton({ label, description, onConfirm, text }: DeleteButtonProps & { text?: string }) {
  const { t } = useTranslation()
  return (
    <ConfirmDelete label={label} description={description} onConfirm={onConfirm}>
      <Button danger icon={<DeleteOutlined />} data-testid="delete-record">
        {text ?? t('common.delete')}
      </Button>
    </ConfirmDelete>
  )
}

/** The last column of a record table: a delete button per row, asking first. */
export function deleteColumn<T extends { id: string }>(options: {
  title: string
  width: number
  label: (row: T) => string
  onDelete: (id: string, label: string) => unknown
  description?: string
  inClickableRow?: boolean
}): ColumnType<T> {
  return {
    title: options.title,
    key: 'actions',
    width: options.width,
    render: (_, row) => (
      <DeleteButton
        label={options.label(row)}
        description={options.description}
        inClickableRow={options.inClickableRow}
        onConfirm={() => options.onDelete(row.id, options.label(row))}
      />
    ),
  }
}
