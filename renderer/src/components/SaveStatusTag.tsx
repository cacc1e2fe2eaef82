import { CheckCircleOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SaveStatus } from '../forms/useAutosave'

/** "Saved" / "Saving…" next to a form that saves itself, so nobody looks for a Save button. */
export function SaveStatusTag({ status }: { status: SaveStatus }) {
  const { t } = useTranslation()
  const problem = status === 'invalid' || status === 'error'
  return (
    <Typography.Text type={problem ? 'danger' : 'secondary'} data-testid="save-status" data-status={status}>
      {status === 'saved' && <CheckCircleOutlined />}
      {(status === 'saving' || status === 'pending') && <LoadingOutlined />}
      {problem && <ExclamationCircleOutlined />} {t(`save.${status}`)}
    </Typography.Text>
  )
}
