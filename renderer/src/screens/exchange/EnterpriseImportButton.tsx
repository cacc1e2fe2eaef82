import { ImportOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EnterpriseImportDialog } from './EnterpriseImportDialog'

/** "Import…" on the enterprise list, with its dialog. */
export function EnterpriseImportButton({ type }: { type?: 'default' | 'primary' }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button type={type} icon={<ImportOutlined />} onClick={() => setOpen(true)} data-testid="import-enterprises">
        {t('exchange.importEnterprises')}
      </Button>
      <EnterpriseImportDialog open={open} onClose={() => setOpen(false)} />
    </>
  )
}
