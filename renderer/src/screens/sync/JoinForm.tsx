import { TeamOutlined } from '@ant-design/icons'
import { App, Button, Card, Checkbox, Collapse, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { JoinInput, type SyncStatus } from '../../../../shared/procedures/sync'
import { ApiError } from '../../api/client'
import { useErrorText } from '../../api/records'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { invokeSync } from './api'

interface JoinValues {
  serverUrl: string
  inviteCode: string
  deviceName: string
  allowInsecure: boolean
}

/** Which field a failed join points at, so the message shows where the user can fix it. */
const ERROR_FIELD: Partial<Record<string, keyof JoinValues>> = {
  SYNC_INVITE_INVALID: 'inviteCode',
  SYNC_UNREACHABLE: 'serverUrl',
  SYNC_INSECURE: 'serverUrl',
  SYNC_FAILED: 'serverUrl',
}

/** Invite codes are read aloud and retyped: forgive lower case and stray spaces. */
export function normaliseInviteCode(text: string): string {
  return text.toUpperCase().replace(/\s+/g, '')
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text.trim())
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
  } catch {
    return false
  }
}

/** Not in a team yet: the server address and invite code from the admin, and a name for this laptop. */
export function JoinForm({ onJoined }: { onJoined: (status: SyncStatus) => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<JoinValues>()
  const [joining, setJoining] = useState(false)

  async function join(values: JoinValues) {
    const input = validateWith(JoinInput, { ...values, inviteCode: normaliseInviteCode(values.inviteCode ?? '') }, form, t)
    if (!input) return
    setJoining(true)
    try {
      const status = await invokeSync('sync.join', input)
      void message.success(t('sync.join.joined', { team: status.teamName }))
      onJoined(status)
    } catch (error) {
      const field = error instanceof ApiError ? ERROR_FIELD[error.code] : undefined
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else if (field) form.setFields([{ name: field, errors: [errorText(error)] }])
      else void message.error(errorText(error))
      if (field) form.focusField(field)
    } finally {
      setJoining(false)
    }
  }

  return (
    <Card style={{ maxWidth: 640 }} data-testid="sync-join">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <TeamOutlined /> {t('sync.join.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('sync.join.intro')}</Typography.Paragraph>
      <Form<JoinValues>
        form={form}
        name="sync-join"
        layout="vertical"
        initialValues={{ serverUrl: '', inviteCode: '', deviceName: '', allowInsecure: false }}
        onFinish={(values) => void join(values)}
      >
        <Form.Item
          name="serverUrl"
          label={t('sync.join.server')}
          extra={t('sync.join.serverHint')}
          validateTrigger="onSubmit"
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { validator: async (_, value: string) => (!value?.trim() || isWebAddress(value) ? undefined : Promise.reject(new Error(t('sync.join.invalidUrl')))) },
          ]}
        >
          <Input placeholder={t('sync.join.serverPlaceholder')} autoComplete="url" inputMode="url" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item
          name="inviteCode"
          label={t('sync.join.invite')}
          extra={t('sync.join.inviteHint')}
          validateTrigger="onSubmit"
          normalize={(value: string) => normaliseInviteCode(value ?? '')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input placeholder={t('sync.join.invitePlaceholder')} autoComplete="off" spellCheck={false} maxLength={128} style={{ fontFamily: 'monospace', maxWidth: 240 }} />
        </Form.Item>
        <Form.Item
          name="deviceName"
          label={t('sync.join.deviceName')}
          extra={t('sync.join.deviceNameHint')}
          validateTrigger="onSubmit"
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input placeholder={t('sync.join.deviceNamePlaceholder')} maxLength={200} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Collapse
          ghost
          size="small"
          style={{ marginBottom: 16, marginInline: -16 }}
          items={[
            {
              key: 'advanced',
              label: t('sync.join.advanced'),
              forceRender: true,
              children: (
                <Form.Item name="allowInsecure" valuePropName="checked" extra={t('sync.join.allowInsecureHint')} style={{ marginBottom: 0 }}>
                  <Checkbox>{t('sync.join.allowInsecure')}</Checkbox>
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={joining} icon={<TeamOutlined />}>
          {t('sync.join.submit')}
        </Button>
      </Form>
    </Card>
  )
}
