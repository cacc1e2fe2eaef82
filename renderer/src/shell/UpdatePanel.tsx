import { CloudDownloadOutlined, SyncOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpdateCheck } from '../../../shared/procedures/updates'
import { invoke } from '../api/client'
import { queryKeys, useProcedure } from '../api/queries'
import { useErrorText } from '../api/records'

const SETTINGS_KEY = [...queryKeys.appInfo, 'updateSettings']
const ADDRESS = /^https?:\/\/[^\s/]+/i

/** Settings → About → updates: the college's update address, and a check only when the user asks for one. */
export function UpdatePanel() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const errorText = useErrorText()
  const client = useQueryClient()
  const settings = useProcedure('update.getSettings', {}, SETTINGS_KEY)
  const [checking, setChecking] = useState(false)
  const [check, setCheck] = useState<UpdateCheck | null>(null)

  async function save(values: { url: string }) {
    try {
      await invoke('update.setUrl', { url: values.url.trim() })
      setCheck(null)
      void client.invalidateQueries({ queryKey: SETTINGS_KEY })
      void message.success(t('shell.updateAddressSaved'))
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  async function checkNow() {
    setChecking(true)
    try {
      setCheck(await invoke('update.check', {}))
    } catch (error) {
      setCheck(null)
      void message.error(errorText(error))
    } finally {
      setChecking(false)
    }
  }

  function install(version: string) {
    modal.confirm({
      title: t('shell.updateInstallTitle', { version }),
      content: t('shell.updateInstallText'),
      okText: t('shell.updateInstall'),
      onOk: async () => {
        try {
          await invoke('update.install', {})
        } catch (error) {
          void message.error(errorText(error))
        }
      },
    })
  }

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Typography.Text strong>{t('shell.updates')}</Typography.Text>
      {settings.data && (
        <Form layout="inline" initialValues={{ url: settings.data.url }} onFinish={(values: { url: string }) => void save(values)}>
          <Form.Item
            name="url"
            style={{ flex: 1, minWidth: 280 }}
            rules={[{ validator: async (_rule, value: string) => (!value || ADDRESS.test(value.trim()) ? undefined : Promise.reject(new Error(t('shell.updateAddressInvalid')))) }]}
          >
            <Input placeholder="https://fieldbook.example.edu.cn/updates/" aria-label={t('shell.updateAddress')} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t('common.save')}</Button>
          </Form.Item>
        </Form>
      )}
      <Typography.Text type="secondary">{t('shell.updateHint')}</Typography.Text>
      <Space wrap>
        <Button icon={<SyncOutlined />} loading={checking} onClick={() => void checkNow()}>
          {t('shell.updateCheck')}
        </Button>
        {check?.status === 'available' && check.availableVersion && (
          <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => install(check.availableVersion!)}>
            {t('shell.updateInstall')}
          </Button>
        )}
      </Space>
      {check && (
        <Alert
          type={check.status === 'available' ? 'info' : check.status === 'current' ? 'success' : 'warning'}
          showIcon
          message={t(`shell.updateStatus.${check.status}`, { current: check.currentVersion, available: check.availableVersion ?? '' })}
        />
      )}
    </Space>
  )
}
