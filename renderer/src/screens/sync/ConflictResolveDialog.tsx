import { Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conflict } from '../../../../shared/procedures/sync'

/** The items of a stored list value (JSON), or none when it is not one. */
export function listItems(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) ? parsed.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : []
  } catch {
    return []
  }
}

/**
 * Both versions joined, current first: the user edits this into what it should be. A list is merged item by item,
 * one per line: the current items, then the other version's items the current one lacks.
 */
export function mergedDraft(conflict: Conflict): string {
  if (conflict.mode === 'list') {
    const current = listItems(conflict.current.value)
    return [...current, ...listItems(conflict.other.value).filter((item) => !current.includes(item))].join('\n')
  }
  const parts = [conflict.current.value, conflict.other.value].filter((text) => text.trim() !== '')
  return parts.join('\n')
}

/**
 * Merge two concurrent versions of one text field into one; saving writes it as a new change that syncs. Mounted
 * per conflict (keyed by its id), so the draft starts from that conflict's two versions.
 */
export function ConflictResolveDialog({
  conflict,
  fieldLabel,
  onSave,
  onClose,
}: {
  conflict: Conflict
  fieldLabel: string
  onSave: (conflict: Conflict, merged: string) => Promise<boolean>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [text, setText] = useState(() => mergedDraft(conflict))
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)

  async function save() {
    if (saving) return
    if (text.trim() === '') {
      setError(t('sync.conflicts.mergeEmpty'))
      return
    }
    setSaving(true)
    try {
      if (await onSave(conflict, text)) onClose()
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t('sync.conflicts.mergeTitle', { field: fieldLabel })}
      okText={t('sync.conflicts.mergeSave')}
      cancelText={t('common.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      width={680}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(conflict.mode === 'list' ? 'sync.conflicts.listHint' : 'sync.conflicts.mergeHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 0 }}>
          <Input.TextArea
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              if (error) setError(undefined)
            }}
            onKeyDown={(event) => {
              // Ctrl/⌘+Enter saves, as in the other editors; plain Enter is a new line.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault()
                void save()
              }
            }}
            autoSize={{ minRows: 6, maxRows: 18 }}
            maxLength={100_000}
            autoFocus
            aria-label={fieldLabel}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
