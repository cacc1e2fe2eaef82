import {
  AudioOutlined,
  CloudDownloadOutlined,
  DeleteOutlined,
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  PictureOutlined,
} from '@ant-design/icons'
import { App, Button, Card, Flex, Image, Input, Skeleton, Tooltip, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '../../../../shared/schemas/action'
import { AUTOSAVE_DELAY_MS, type SaveStatus } from '../../forms/useAutosave'
import { AttachmentCallError, callAttachments, formatBytes, saveToComputer, useRendition } from './api'
import { ConfirmDelete } from '../../components/DeleteButton'

const PICTURE_HEIGHT = 132

function fileIcon(mime: string): ReactNode {
  const style = { fontSize: 40 }
  if (mime === 'application/pdf') return <FilePdfOutlined style={{ ...style, color: '#d4380d' }} />
  if (mime.includes('word')) return <FileWordOutlined style={{ ...style, color: '#1d39c4' }} />
  if (mime.includes('sheet') || mime.includes('excel')) return <FileExcelOutlined style={{ ...style, color: '#389e0d' }} />
  if (mime.includes('presentation') || mime.includes('powerpoint')) return <FilePptOutlined style={{ ...style, color: '#d46b08' }} />
  if (mime.startsWith('audio/')) return <AudioOutlined style={{ ...style, color: '#531dab' }} />
  if (mime.startsWith('text/')) return <FileTextOutlined style={{ ...style, color: '#595959' }} />
  return <FileOutlined style={style} />
}

const boxStyle = { height: PICTURE_HEIGHT, background: '#f5f5f5', borderRadius: 6 } as const

/** A photo's thumbnail, opening a screen-sized upright copy when clicked. */
function Photo({ attachment, alt }: { attachment: Attachment; alt: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const thumbnail = useRendition('thumbnail', attachment)
  const preview = useRendition('preview', attachment, open)
  if (thumbnail.isPending) return <Skeleton.Image active style={{ ...boxStyle, width: '100%' }} />
  if (thumbnail.isError) {
    const missing = thumbnail.error instanceof AttachmentCallError && thumbnail.error.reason === 'blobMissing'
    return (
      <Flex vertical align="center" justify="center" gap={4} style={boxStyle}>
        <PictureOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center', padding: '0 8px' }}>
          {missing ? t('attachments.notOnThisComputer') : t('attachments.refused.unreadableImage')}
        </Typography.Text>
      </Flex>
    )
  }
  return (
    // The picture opens with Enter too, not only with a click.
    <div
      role="button"
      tabIndex={0}
      aria-label={t('attachments.viewLarge', { label: alt })}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          setOpen(true)
        }
      }}
    >
      <Image
        src={thumbnail.data}
        alt={alt}
        width="100%"
        height={PICTURE_HEIGHT}
        style={{ objectFit: 'cover', borderRadius: 6 }}
        preview={{ src: preview.data ?? thumbnail.data, open, onOpenChange: setOpen }}
        data-testid="attachment-thumbnail"
      />
    </div>
  )
}

/** A document or recording: its icon and a button that saves the original file. */
function Document({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const save = async () => {
    try {
      await saveToComputer(attachment.id)
    } catch (error) {
      void message.error(error instanceof AttachmentCallError && error.reason === 'blobMissing' ? t('attachments.notOnThisComputer') : t('errors.INTERNAL'))
    }
  }
  return (
    <Flex vertical align="center" justify="center" gap={8} style={boxStyle}>
      {fileIcon(attachment.mime)}
      <Button size="small" icon={<CloudDownloadOutlined />} onClick={() => void save()}>
        {t('attachments.download')}
      </Button>
    </Flex>
  )
}

/**
 * The caption, saved as it is typed (a short pause after the last key, and on leaving the field); an edit
 * that arrives from elsewhere replaces it only while nobody is typing here.
 */
function CaptionEditor({ attachment, onStatus }: { attachment: Attachment; onStatus: (status: SaveStatus) => void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(attachment.caption)
  const [error, setError] = useState<string | null>(null)
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const focused = useRef(false)

  useEffect(() => {
    if (pending.current === null && !focused.current) setValue(attachment.caption)
  }, [attachment.caption])

  const flush = useCallback(async () => {
    clearTimeout(timer.current)
    const caption = pending.current
    if (caption === null) return
    pending.current = null
    onStatus('saving')
    try {
      await callAttachments('attachment.update', { id: attachment.id, patch: { caption } })
      setError(null)
      onStatus(pending.current === null ? 'saved' : 'pending')
    } catch (failure) {
      pending.current ??= caption
      const invalid = failure instanceof AttachmentCallError && failure.code === 'VALIDATION'
      setError(invalid ? t('validation.tooLong', { max: 1000 }) : t('save.error'))
      onStatus(invalid ? 'invalid' : 'error')
    }
  }, [attachment.id, onStatus, t])

  useEffect(() => () => void flush(), [flush])

  return (
    <>
      <Input.TextArea
        value={value}
        placeholder={t('attachments.captionPlaceholder')}
        aria-label={t('attachments.caption')}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={1000}
        variant="filled"
        size="small"
        status={error ? 'error' : undefined}
        style={{ marginTop: 8 }}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false
          void flush()
        }}
        onChange={(event) => {
          setValue(event.target.value)
          pending.current = event.target.value
          onStatus('pending')
          clearTimeout(timer.current)
          timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS)
        }}
        data-testid="attachment-caption"
      />
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
    </>
  )
}

export function AttachmentCard(props: {
  attachment: Attachment
  onDelete: (attachment: Attachment) => void
  onStatus: (id: string, status: SaveStatus) => void
}) {
  const { attachment, onDelete, onStatus } = props
  const { t } = useTranslation()
  const label = attachment.caption || attachment.fileName
  const isPhoto = attachment.mime.startsWith('image/')
  const reportStatus = useCallback((status: SaveStatus) => onStatus(attachment.id, status), [attachment.id, onStatus])
  return (
    <Card size="small" styles={{ body: { padding: 8 } }} data-testid="attachment-card" data-id={attachment.id}>
      {isPhoto ? <Photo attachment={attachment} alt={label} /> : <Document attachment={attachment} />}
      <CaptionEditor attachment={attachment} onStatus={reportStatus} />
      <Flex justify="space-between" align="center" gap={4}>
        <Tooltip title={attachment.fileName}>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, minWidth: 0 }}>
            {attachment.fileName} · {formatBytes(attachment.size)}
          </Typography.Text>
        </Tooltip>
        <ConfirmDelete label={label} onConfirm={() => onDelete(attachment)}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('attachments.delete', { label })} />
        </ConfirmDelete>
      </Flex>
    </Card>
  )
}
