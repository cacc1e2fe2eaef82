import { useQueryClient } from '@tanstack/react-query'
import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Card, Form, Input, Radio, Space, Typography, Upload } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CollegeProfile } from '../../../../shared/schemas/settings'
import { REPORT_STYLES } from '../../../../shared/schemas/settings'
import { ApiError, invoke } from '../../api/client'
import { useErrorText } from '../../api/records'
import { translateFieldError } from '../../forms/fieldErrors'
import { queryKeys, useProcedure } from '../../api/queries'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { AUTOSAVE_DELAY_MS, type SaveStatus } from '../../forms/useAutosave'

const PROFILE_KEY = [...queryKeys.appInfo, 'profile']

/** Bytes as base64, in chunks (a whole photo in one call would overflow the argument list). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The college as every document names it; saved as you type, like every other form. */
export function CollegeProfileCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const client = useQueryClient()
  const profile = useProcedure('settings.getProfile', {}, PROFILE_KEY)
  const [form] = Form.useForm<CollegeProfile>()
  const [status, setStatus] = useState<SaveStatus>('saved')
  const pending = useRef<Partial<Omit<CollegeProfile, 'logo'>>>({})
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const loaded = useRef(false)

  useEffect(() => {
    if (profile.data && !loaded.current) {
      loaded.current = true
      form.setFieldsValue(profile.data)
    }
  }, [profile.data, form])

  useEffect(() => () => clearTimeout(timer.current), [])

  async function setLogo(dataBase64: string) {
    try {
      const saved = await invoke('settings.setLogo', { dataBase64 })
      client.setQueryData(PROFILE_KEY, saved)
    } catch (error) {
      void message.error(error instanceof ApiError && error.fieldErrors[0] ? translateFieldError(t, error.fieldErrors[0]) : errorText(error))
    }
  }

  async function save() {
    const patch = pending.current
    pending.current = {}
    setStatus('saving')
    try {
      const saved = await invoke('settings.updateProfile', patch)
      client.setQueryData(PROFILE_KEY, saved)
      setStatus(Object.keys(pending.current).length ? 'pending' : 'saved')
    } catch {
      pending.current = { ...patch, ...pending.current }
      setStatus('error')
    }
  }

  return (
    <Card title={t('reports.profile')} loading={profile.isPending} extra={<SaveStatusTag status={status} />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('reports.profileHint')}</Typography.Text>
        <Form
          form={form}
          layout="vertical"
          onValuesChange={(changed: Partial<CollegeProfile>) => {
            pending.current = { ...pending.current, ...changed }
            setStatus('pending')
            clearTimeout(timer.current)
            timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS)
          }}
        >
          <Form.Item name="collegeName" label={t('reports.collegeName')}>
            <Input placeholder={t('reports.collegeNamePlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="department" label={t('reports.department')}>
            <Input placeholder={t('reports.departmentPlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="signature" label={t('reports.signature')}>
            <Input placeholder={t('reports.signaturePlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item label={t('reports.logo')} extra={t('reports.logoHint')}>
            <Space align="center">
              {profile.data?.logo && <img src={`data:image/png;base64,${profile.data.logo}`} alt={t('reports.logo')} style={{ height: 40 }} data-testid="college-logo" />}
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                beforeUpload={(file) => {
                  void file.arrayBuffer().then((bytes) => setLogo(toBase64(new Uint8Array(bytes))))
                  return false
                }}
              >
                <Button icon={<UploadOutlined />}>{t('reports.logoChoose')}</Button>
              </Upload>
              {profile.data?.logo && (
                <Button type="text" danger onClick={() => void setLogo('')}>
                  {t('reports.logoRemove')}
                </Button>
              )}
            </Space>
          </Form.Item>
          <Form.Item name="defaultStyle" label={t('reports.defaultStyle')}>
            <Radio.Group options={REPORT_STYLES.map((s) => ({ value: s, label: t(`reports.styles.${s}`) }))} />
          </Form.Item>
        </Form>
      </Space>
    </Card>
  )
}
