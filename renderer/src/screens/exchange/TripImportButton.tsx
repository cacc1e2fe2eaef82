import { ImportOutlined } from '@ant-design/icons'
import { Alert, App, Button, List, Modal, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { TripImportReport } from '../../../../shared/exchange/api'
import { invoke } from '../../api/client'
import { tripPath } from '../../routes'
import { exchangeErrorText } from './errors'

/**
 * "Import trip file…": choose a .fbtrip file, see what it would create or update (a dry run), then import it and
 * open the trip. Importing a file again changes nothing.
 */
export function TripImportButton() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [pending, setPending] = useState<{ fileId: string; report: TripImportReport } | null>(null)
  const [busy, setBusy] = useState(false)

  const choose = async () => {
    try {
      const chosen = await invoke('exchange.chooseFile', { purpose: 'trip' })
      if (!chosen) return
      setBusy(true)
      const report = await invoke('exchange.importTrip', { fileId: chosen.fileId, dryRun: true })
      setPending({ fileId: chosen.fileId, report })
    } catch (error) {
      void message.error(exchangeErrorText(t, error))
    } finally {
      setBusy(false)
    }
  }

  const confirm = async () => {
    if (!pending) return
    setBusy(true)
    try {
      const report = await invoke('exchange.importTrip', { fileId: pending.fileId, dryRun: false })
      setPending(null)
      void message.success(t('exchange.tripImported', { title: report.title }))
      void navigate(tripPath(report.tripId))
    } catch (error) {
      void message.error(exchangeErrorText(t, error))
    } finally {
      setBusy(false)
    }
  }

  const changed = pending ? Object.entries(pending.report.sections).filter(([, c]) => c.created + c.updated > 0) : []
  return (
    <>
      <Button icon={<ImportOutlined />} loading={busy && !pending} onClick={() => void choose()} data-testid="import-trip">
        {t('exchange.importTrip')}
      </Button>
      <Modal
        open={pending !== null}
        title={pending ? t('exchange.tripCheckTitle', { title: pending.report.title }) : ''}
        okText={t('exchange.import')}
        cancelText={t('common.cancel')}
        onOk={() => void confirm()}
        confirmLoading={busy}
        onCancel={() => setPending(null)}
        okButtonProps={{ disabled: changed.length === 0, ...{ 'data-testid': 'confirm-trip-import' } }}
        destroyOnHidden
      >
        {pending && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">{t('exchange.tripCheckHint')}</Typography.Paragraph>
            {changed.length === 0 ? (
              <Alert type="info" showIcon message={t('exchange.tripNothingNew')} />
            ) : (
              <List
                size="small"
                bordered
                dataSource={changed}
                renderItem={([section, counts]) => (
                  <List.Item>
                    <Typography.Text>{t(`exchange.sectionNames.${section}`, { defaultValue: section })}</Typography.Text>
                    <Typography.Text type="secondary">
                      {[counts.created > 0 && t('exchange.tripSections.created', { count: counts.created }), counts.updated > 0 && t('exchange.tripSections.updated', { count: counts.updated })]
                        .filter(Boolean)
                        .join(t('exchange.listJoin'))}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
            {pending.report.enterprisesMatched.map((m) => (
              <Alert key={m.fileId} type="success" showIcon message={t('exchange.tripMatched', { name: m.name })} />
            ))}
          </Space>
        )}
      </Modal>
    </>
  )
}
