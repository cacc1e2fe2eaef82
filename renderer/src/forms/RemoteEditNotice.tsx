import { CloudDownloadOutlined } from '@ant-design/icons'
import { Button, Flex, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** A stored value as one line a reader can compare with what they typed. */
export function remoteValueText(value: unknown, separator: string): string {
  if (Array.isArray(value)) return value.map(String).join(separator)
  if (typeof value === 'boolean') return value ? '✓' : '✗'
  return value === null || value === undefined ? '' : String(value)
}

/**
 * Under a field the user is editing that another device changed meanwhile: the other version, and the three ways
 * on — use it, keep mine, or merge both (texts and lists). Nothing is overwritten until the user picks.
 */
export type RemoteChoice = 'use' | 'keep' | 'merge'

export function RemoteEditNotice(props: { field: string; value: unknown; onDecide: (field: string, choice: RemoteChoice) => void }) {
  const { t, i18n } = useTranslation()
  const canMerge = typeof props.value === 'string' || Array.isArray(props.value)
  const decide = (choice: RemoteChoice) => () => props.onDecide(props.field, choice)
  const text = remoteValueText(props.value, i18n.language.startsWith('zh') ? '、' : ', ')
  return (
    <Flex
      vertical
      gap={4}
      data-testid="remote-edit"
      data-field={props.field}
      style={{ marginTop: 4, padding: '6px 10px', background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 6, color: 'rgba(0,0,0,0.88)' }}
    >
      <Typography.Text type="warning" style={{ fontSize: 12 }}>
        <CloudDownloadOutlined /> {t('sync.live.changedElsewhere')}
      </Typography.Text>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', margin: 0 }}
        ellipsis={{ rows: 4, expandable: 'collapsible' }}
        data-testid="remote-edit-value"
      >
        {text === '' ? <Typography.Text type="secondary">{t('sync.conflicts.empty')}</Typography.Text> : text}
      </Typography.Paragraph>
      <Space size={4} wrap>
        <Button size="small" onClick={decide('use')} data-testid="remote-edit-use">
          {t('sync.live.useTheirs')}
        </Button>
        <Button size="small" onClick={decide('keep')} data-testid="remote-edit-keep">
          {t('sync.live.keepMine')}
        </Button>
        {canMerge && (
          <Button size="small" onClick={decide('merge')} data-testid="remote-edit-merge">
            {t('sync.live.merge')}
          </Button>
        )}
      </Space>
    </Flex>
  )
}
