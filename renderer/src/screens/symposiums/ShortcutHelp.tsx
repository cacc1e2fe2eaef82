import { Modal, Space, Table, Typography } from 'antd'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { SHORTCUT_HELP } from './shortcuts'

/** The list of keyboard shortcuts, opened with `?` or F1. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('symposiums.shortcuts.title')} width={640} data-testid="shortcut-help">
      <Typography.Paragraph type="secondary">{t('symposiums.shortcuts.intro')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={SHORTCUT_HELP}
        showHeader={false}
        columns={[
          {
            key: 'keys',
            width: 190,
            render: (_, row) => (
              <Space size={6} wrap>
                {row.keys.map((combo, index) => (
                  <Fragment key={combo.join('+')}>
                    {index > 0 && <Typography.Text type="secondary">/</Typography.Text>}
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {combo.map((key, i) => (
                        <Fragment key={key}>
                          {i > 0 && '+'}
                          <Typography.Text keyboard>{key}</Typography.Text>
                        </Fragment>
                      ))}
                    </span>
                  </Fragment>
                ))}
              </Space>
            ),
          },
          { key: 'what', render: (_, row) => t(`symposiums.shortcuts.${row.id}`) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('symposiums.shortcuts.ime')}
      </Typography.Paragraph>
    </Modal>
  )
}
