import { SendOutlined, StarFilled, StarOutlined } from '@ant-design/icons'
import { Button, Flex, Input, Select, Tooltip, Typography } from 'antd'
import type { RefSelectProps } from 'antd'
import type { TextAreaRef } from 'antd/es/input/TextArea'
import dayjs from 'dayjs'
import type { Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { RemarkInput } from '../../../../shared/schemas/symposium'
import { filterSpeaker, SpeakerLabel, speakerOptions } from './RemarkItem'
import { isComposing, keyHint } from './shortcuts'
import type { NumberedAttendee } from './speakers'
import { lengthCount } from '../../forms/limits'
import { MeetingStartPicker } from './remarkTime'

/** What is being typed for the next remark; kept in local storage so a reload or a crash loses none of it. */
export interface RemarkDraft {
  text: string
  speakerId: string
  isQuote: boolean
  /** When the first character was typed: the remark is stamped with the moment it started, not when it ended. */
  startedAt: string
  /** Minutes typed up after the meeting: its start time (`HH:mm`), which stamps the remarks instead of now. */
  meetingStart: string
}

export const EMPTY_DRAFT: RemarkDraft = { text: '', speakerId: '', isQuote: false, startedAt: '', meetingStart: '' }

/**
 * The composer under the minutes, always at hand: the speaker (picked with Alt+S or Alt+number), the words,
 * Enter to add, Shift+Enter for a new line.
 */
export function Composer(props: {
  draft: RemarkDraft
  attendees: NumberedAttendee[]
  onChange: (draft: RemarkDraft) => void
  onSubmit: () => void
  speakerOpen: boolean
  onSpeakerOpenChange: (open: boolean) => void
  onSpeakerChosen: () => void
  textRef: Ref<TextAreaRef>
  speakerRef: Ref<RefSelectProps>
}) {
  const { draft, attendees, onChange, onSubmit, speakerOpen, onSpeakerOpenChange, onSpeakerChosen, textRef, speakerRef } = props
  const { t } = useTranslation()
  const speaker = attendees.find((a) => a.id === draft.speakerId)
  const quoteLabel = draft.isQuote ? t('symposiums.composer.notQuote') : t('symposiums.composer.asQuote')

  return (
    <div className="fb-composer" data-testid="composer">
      <Flex gap={8} align="center" style={{ marginBottom: 6 }}>
        <Select
          ref={speakerRef}
          value={speaker ? speaker.id : undefined}
          options={speakerOptions(attendees, t)}
          onChange={(speakerId: string) => onChange({ ...draft, speakerId: speakerId ?? '' })}
          onSelect={onSpeakerChosen}
          open={speakerOpen}
          onOpenChange={onSpeakerOpenChange}
          showSearch={{ filterOption: filterSpeaker }}
          allowClear
          labelRender={() => (speaker ? <SpeakerLabel attendee={speaker} /> : undefined)}
          placeholder={t('symposiums.composer.speakerPlaceholder', { key: keyHint('S') })}
          notFoundContent={<Typography.Text type="secondary">{t('symposiums.composer.noAttendees')}</Typography.Text>}
          style={{ width: 260 }}
          aria-label={t('symposiums.composer.speaker')}
          data-testid="composer-speaker"
        />
        <Tooltip title={`${quoteLabel} (${keyHint('Q')})`}>
          <Button
            type={draft.isQuote ? 'primary' : 'default'}
            ghost={draft.isQuote}
            icon={draft.isQuote ? <StarFilled style={{ color: '#d48806' }} /> : <StarOutlined />}
            aria-pressed={draft.isQuote}
            onClick={() => onChange({ ...draft, isQuote: !draft.isQuote })}
            data-testid="composer-quote"
          >
            {t('symposiums.remarks.quote')}
          </Button>
        </Tooltip>
        <MeetingStartPicker value={draft.meetingStart} onChange={(meetingStart) => onChange({ ...draft, meetingStart })} />
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
          {t('symposiums.composer.hint')}
        </Typography.Text>
      </Flex>
      <Flex gap={8} align="flex-end">
        <Input.TextArea
          ref={textRef}
          value={draft.text}
          onChange={(event) => {
            const text = event.target.value
            const startedAt = draft.startedAt || (text.trim() ? nowStamp() : '')
            onChange({ ...draft, text, startedAt: text ? startedAt : '' })
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || isComposing(event.nativeEvent)) return
            event.preventDefault()
            onSubmit()
          }}
          autoSize={{ minRows: 2, maxRows: 8 }}
          count={lengthCount(RemarkInput, 'text')}
          placeholder={t('symposiums.composer.placeholder', { key: keyHint('R') })}
          aria-label={t('symposiums.composer.text')}
          data-testid="composer-text"
        />
        <Button type="primary" icon={<SendOutlined />} onClick={onSubmit} disabled={!draft.text.trim()}>
          {t('symposiums.composer.add')}
        </Button>
      </Flex>
    </div>
  )
}

/** Local time with its offset (`2025-05-16T10:32:05+08:00`): sortable, and read back as the meeting's clock. */
export function nowStamp(): string {
  return dayjs().format('YYYY-MM-DDTHH:mm:ssZ')
}
