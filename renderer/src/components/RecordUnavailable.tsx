import { UndoOutlined } from '@ant-design/icons'
import { App, Button, Result, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useErrorText } from '../api/records'

/**
 * In place of a record's screen when the record cannot be shown: in the trash (with a button to restore it) or
 * failed to load; either way with a link back to where it is listed.
 */
export function RecordUnavailable(props: {
  inTrash: boolean
  error: unknown
  trashTitle: string
  restoreLabel: string
  onRestore: () => Promise<unknown>
  backTo: string
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  return (
    <Result
      status={props.inTrash ? 'info' : 'warning'}
      title={props.inTrash ? props.trashTitle : errorText(props.error)}
      extra={
        <Space>
          {props.inTrash && (
            <Button type="primary" icon={<UndoOutlined />} onClick={() => void props.onRestore().catch((error) => message.error(errorText(error)))}>
              {props.restoreLabel}
            </Button>
          )}
          <Link to={props.backTo}>{t('common.back')}</Link>
        </Space>
      }
    />
  )
}
