import { DownloadOutlined } from '@ant-design/icons'
import { App, Button, Dropdown, type MenuProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SpreadsheetFormat, TableExportKind } from '../../../../shared/exchange/api'
import { invoke } from '../../api/client'
import { exchangeErrorText, exportLanguage } from './errors'

const FORMATS: SpreadsheetFormat[] = ['xlsx', 'csv']

/**
 * "Export…": the given lists as Excel or CSV (headers in the user's language), saved where the user chooses;
 * with a trip, only that trip's rows. `extraItems` adds entries of the same menu (the trip file).
 */
export function ExportMenu({
  kinds,
  tripId,
  extraItems = [],
  onExtra,
}: {
  kinds: TableExportKind[]
  tripId?: string
  extraItems?: NonNullable<MenuProps['items']>
  onExtra?: (key: string) => void
}) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)

  const exportTable = async (kind: TableExportKind, format: SpreadsheetFormat) => {
    setBusy(true)
    try {
      const written = await invoke('exchange.exportTable', { kind, format, language: exportLanguage(i18n.language), ...(tripId ? { tripId } : {}) })
      if (written) void message.success(t('exchange.exported', { rows: written.rows, file: written.fileName }))
    } catch (error) {
      void message.error(exchangeErrorText(t, error))
    } finally {
      setBusy(false)
    }
  }

  const items: MenuProps['items'] = [
    ...kinds.flatMap((kind, index) => [
      ...(index > 0 ? [{ type: 'divider' as const }] : []),
      ...FORMATS.map((format) => ({
        key: `${kind}:${format}`,
        label: t('exchange.exportAs', { kind: t(`exchange.exportKinds.${kind}`), format: t(`exchange.formats.${format}`) }),
      })),
    ]),
    ...(extraItems.length > 0 ? [{ type: 'divider' as const }, ...extraItems] : []),
  ]
  const onClick: MenuProps['onClick'] = ({ key }) => {
    const [kind, format] = key.split(':') as [TableExportKind, SpreadsheetFormat | undefined]
    if (format) void exportTable(kind, format)
    else onExtra?.(key)
  }
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-menu">
        {t('exchange.exportMenu')}
      </Button>
    </Dropdown>
  )
}
