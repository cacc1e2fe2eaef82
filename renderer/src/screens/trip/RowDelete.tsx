import { DeleteOutlined } from '@ant-design/icons'
import { Button, Popconfirm } from 'antd'
import { useTranslation } from 'react-i18next'

/** A row's delete button: asks first, then the caller moves the record to the trash with Undo. */
export function RowDelete({ label, onDelete }: { label: string; onDelete: () => Promise<unknown> }) {
  const { t } = useTranslation()
  return (
    <Popconfirm
      title={t('common.confirmDelete', { label })}
      description={t('common.confirmDeleteHint')}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={onDelete}
    >
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
    </Popconfirm>
  )
}
