import { InboxOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Progress, Result, Space, Spin, Typography, Upload } from 'antd'
import { useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentOwnerKind } from '../../../../shared/procedures/attachments'
import type { Attachment } from '../../../../shared/schemas/action'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import type { SaveStatus } from '../../forms/useAutosave'
import { AttachmentCallError, callAttachments, useAttachments } from './api'
import { AttachmentCard } from './AttachmentCard'
import { MAX_MB, useAddFiles } from './useAddFiles'

/** What the file picker offers; the core decides from the bytes what is really accepted. */
const ACCEPT = 'image/*,.heic,.heif,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.mp3,.m4a,.wav'

/**
 * Panels on screen, the most recently used last. A paste that is not inside any panel (the page has focus)
 * goes to the last one used, so two panels on one screen never both take the same screenshot.
 */
const panelsInUse: string[] = []
function markUsed(panel: string): void {
  const index = panelsInUse.indexOf(panel)
  if (index >= 0) panelsInUse.splice(index, 1)
  panelsInUse.push(panel)
}

const STATUS_RANK: Record<SaveStatus, number> = { saved: 0, pending: 1, saving: 2, invalid: 3, error: 4 }

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files')
}

/**
 * Photos and files of one record: add them with the picker, by dropping them on the panel or by pasting a
 * screenshot; each shows as a thumbnail (or a file icon) with a caption saved as it is typed, opens large, and
 * goes to the trash with Undo.
 */
export function AttachmentPanel({ ownerKind, ownerId }: { ownerKind: AttachmentOwnerKind; ownerId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const panelId = useId()
  const panelRef = useRef<HTMLDivElement>(null)
  const attachments = useAttachments(ownerId)
  const { add, progress, refused, clearRefused } = useAddFiles(ownerKind, ownerId)
  const [dragDepth, setDragDepth] = useState(0)
  const [statuses, setStatuses] = useState<Record<string, SaveStatus>>({})

  // Paste: a screenshot or a copied photo, while this panel is the one in use.
  useEffect(() => {
    markUsed(panelId)
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? [])
      if (files.length === 0) return
      // Word and browsers put a picture of copied text on the clipboard too: text pasted into a field stays text.
      if (isEditable(event.target) && event.clipboardData?.types.includes('text/plain')) return
      const inside = event.target instanceof Node && panelRef.current?.contains(event.target)
      const ours = inside || (!insideAnyPanel(event.target) && panelsInUse.at(-1) === panelId)
      if (!ours) return
      event.preventDefault()
      add(files)
    }
    document.addEventListener('paste', onPaste)
    return () => {
      document.removeEventListener('paste', onPaste)
      const index = panelsInUse.indexOf(panelId)
      if (index >= 0) panelsInUse.splice(index, 1)
    }
  }, [add, panelId])

  const onStatus = useCallback((id: string, status: SaveStatus) => {
    setStatuses((current) => (current[id] === status ? current : { ...current, [id]: status }))
  }, [])
  const status = useMemo(
    () => Object.values(statuses).reduce<SaveStatus>((worst, s) => (STATUS_RANK[s] > STATUS_RANK[worst] ? s : worst), 'saved'),
    [statuses],
  )

  const remove = useCallback(
    async (attachment: Attachment) => {
      const label = attachment.caption || attachment.fileName
      try {
        await callAttachments('attachment.delete', { id: attachment.id })
      } catch (error) {
        void message.error(t(`errors.${error instanceof AttachmentCallError ? error.code : 'INTERNAL'}`))
        return
      }
      const key = `deleted-${attachment.id}`
      const undo = async () => {
        message.destroy(key)
        try {
          await callAttachments('attachment.restore', { id: attachment.id })
          void message.success(t('common.restored', { label }))
        } catch (error) {
          void message.error(t(`errors.${error instanceof AttachmentCallError ? error.code : 'INTERNAL'}`))
        }
      }
      void message.open({
        key,
        type: 'success',
        duration: 8,
        content: (
          <Space>
            {t('common.deleted', { label })}
            <Button size="small" type="link" onClick={() => void undo()} data-testid="undo-delete">
              {t('common.undo')}
            </Button>
          </Space>
        ),
      })
    },
    [message, t],
  )

  const picker = (child: ReactNode, wide = false) => (
    <Upload
      multiple
      styles={wide ? { root: { display: 'block' }, trigger: { display: 'block' } } : undefined}
      accept={ACCEPT}
      showUploadList={false}
      beforeUpload={(file, batch) => {
        // Called once per file of a selection: take the whole selection once.
        if (file === batch[0]) add(batch)
        return Upload.LIST_IGNORE
      }}
    >
      {child}
    </Upload>
  )

  const list = attachments.data ?? []
  const dragging = dragDepth > 0
  let content: ReactNode
  if (attachments.isError) {
    content = (
      <Result
        status="warning"
        title={t(`errors.${attachments.error instanceof AttachmentCallError ? attachments.error.code : 'INTERNAL'}`)}
        extra={<Button onClick={() => void attachments.refetch()}>{t('common.retry')}</Button>}
      />
    )
  } else if (attachments.isPending) {
    content = <Spin style={{ display: 'block', padding: 24 }} />
  } else if (list.length === 0) {
    content = picker(
      <Flex
        vertical
        align="center"
        gap={4}
        style={{ padding: '20px 16px', border: '1px dashed #d9d9d9', borderRadius: 8, background: '#fafafa', cursor: 'pointer', textAlign: 'center' }}
        data-testid="attachments-empty"
      >
        <InboxOutlined style={{ fontSize: 36, color: '#1f6f5c' }} />
        <Typography.Text strong>{t('attachments.emptyTitle')}</Typography.Text>
        <Typography.Text type="secondary" style={{ maxWidth: 420 }}>
          {t('attachments.emptyHint', { max: MAX_MB })}
        </Typography.Text>
      </Flex>,
      true,
    )
  } else {
    content = (
      <>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Space wrap size={8}>
            {picker(<Button icon={<PlusOutlined />}>{t('attachments.add')}</Button>)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('attachments.dropHint')}
            </Typography.Text>
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('attachments.count', { count: list.length })}
            </Typography.Text>
            {status !== 'saved' && <SaveStatusTag status={status} />}
          </Space>
        </Flex>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(168px, 1fr))', gap: 12 }}>
          {list.map((attachment) => (
            <AttachmentCard key={attachment.id} attachment={attachment} onDelete={(a) => void remove(a)} onStatus={onStatus} />
          ))}
        </div>
      </>
    )
  }

  return (
    <div
      ref={panelRef}
      data-attachment-panel
      data-testid="attachment-panel"
      onPointerDown={() => markUsed(panelId)}
      onFocus={() => markUsed(panelId)}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        setDragDepth((depth) => depth + 1)
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
      }}
      onDragLeave={(event) => {
        if (hasFiles(event)) setDragDepth((depth) => Math.max(0, depth - 1))
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        setDragDepth(0)
        markUsed(panelId)
        add(Array.from(event.dataTransfer.files))
      }}
      style={{
        position: 'relative',
        borderRadius: 8,
        outline: dragging ? '2px dashed #1f6f5c' : 'none',
        outlineOffset: 4,
        background: dragging ? '#e3f1ec' : undefined,
      }}
    >
      {dragging && (
        <Flex
          align="center"
          justify="center"
          style={{ position: 'absolute', inset: 0, zIndex: 2, pointerEvents: 'none', background: 'rgba(227, 241, 236, 0.85)', borderRadius: 8 }}
        >
          <Typography.Text strong style={{ color: '#1f6f5c' }}>
            {t('attachments.dropHere')}
          </Typography.Text>
        </Flex>
      )}
      {progress && (
        <Flex vertical gap={2} style={{ marginBottom: 12 }} data-testid="attachments-progress">
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {t('attachments.adding', { done: progress.done + 1, total: progress.total, name: progress.current })}
          </Typography.Text>
          <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" showInfo={false} />
        </Flex>
      )}
      {refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: clearRefused }}
          style={{ marginBottom: 12 }}
          title={t('attachments.notAdded', { count: refused.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {refused.map((file, index) => (
                <li key={`${file.name}-${index}`}>
                  <Typography.Text strong>{file.name}</Typography.Text>
                  {t('attachments.separator')}
                  {file.reason}
                </li>
              ))}
            </ul>
          }
          data-testid="attachments-refused"
        />
      )}
      {content}
    </div>
  )
}

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')
}

function insideAnyPanel(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-attachment-panel]') !== null
}
