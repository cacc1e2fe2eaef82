import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import { invoke } from '../../api/client'
import { exchangeErrorText } from './errors'
import { ExportMenu } from './ExportMenu'

/** The trip header's "Export…": its positions, surveys and follow-ups as spreadsheets, and the whole trip as a file. */
export function TripExportMenu({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const exportTrip = async () => {
    const hide = message.loading(t('exchange.exportTrip'), 0)
    try {
      const written = await invoke('exchange.exportTrip', { tripId })
      hide()
      if (written) void message.success(t('exchange.exportedTrip', { file: written.fileName }))
    } catch (error) {
      hide()
      void message.error(exchangeErrorText(t, error))
    }
  }
  return (
    <ExportMenu
      kinds={['positions', 'surveys', 'actions']}
      tripId={tripId}
      extraItems={[{ key: 'tripFile', label: t('exchange.exportTrip') }]}
      onExtra={(key) => key === 'tripFile' && void exportTrip()}
    />
  )
}
