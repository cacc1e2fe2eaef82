import { DeleteOutlined, StarFilled, StarOutlined } from '@ant-design/icons'
import { Button, Flex, Form, Input, Popconfirm, Select, Tag, Tooltip, Typography } from 'antd'
import { memo, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { RemarkPatch, type Remark } from '../../../../shared/schemas/symposium'
import { useAutosave, type SaveStatus } from '../../forms/useAutosave'
import { SIDE_COLORS } from './AttendeesPanel'
import { isComposing, keyHint } from './shortcuts'
import { speakerMatches, type NumberedAttendee } from './speakers'
import { lengthCount } from '../../forms/limits'
import { RemarkTime } from './remarkTime'

/** A speaker picker's options: number, name and title, our side and theirs. */
export function speakerOptions(attendees: NumberedAttendee[], t: (key: string) => string) {
  return (['school', 'enterprise'] as const)
    .map((side) => ({
      label: t(`symposiums.sides.${side}`),
      options: attendees
        .filter((a) => a.side === side)
        .map((a) => ({ value: a.id, label: <SpeakerLabel attendee={a} />, attendee: a })),
    }))
    .filter((group) => group.options.length > 0)
}

export function SpeakerLabel({ attendee }: { attendee: NumberedAttendee }) {
  return (
    <span data-testid="speaker-label">
      <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
        {attendee.number}
      </Typography.Text>
      <Tag color={SIDE_COLORS[attendee.side]} style={{ marginInlineEnd: 6 }}>
        {attendee.name}
      </Tag>
      {attendee.title && <Typography.Text type="secondary">{attendee.title}</Typography.Text>}
    </span>
  )
}

/** Search in a speaker picker: groups carry no attendee and never match themselves. */
export const filterSpeaker = (input: string, option?: object) => {
  const attendee = (option as { attendee?: NumberedAttendee } | undefined)?.attendee
  return Boolean(attendee && speakerMatches(attendee, input))
}

/**
 * One remark of the running minutes, editable where it stands: its speaker and its words save as they change;
 * a star marks it as a quote worth citing.
 */
export const RemarkItem = memo(function RemarkItem(props: {
  remark: Remark
  index: number
  /** The symposium's date, for a time set on a remark that has none yet. */
  meetingDate: string
  attendees: NumberedAttendee[]
  onToggleQuote: (remark: Remark) => void
  onDelete: (remark: Remark) => void
  onEscape: () => void
  reportStatus: (key: string, status: SaveStatus) => void
}) {
  const { remark, attendees, reportStatus } = props
  const { t } = useTranslation()
  const { form, status, onValuesChange, remoteEdits } = useAutosave({ kind: 'remark', record: remark, patchSchema: RemarkPatch })
  useEffect(() => reportStatus(remark.id, status), [reportStatus, remark.id, status])
  useEffect(() => () => reportStatus(remark.id, 'saved'), [reportStatus, remark.id])

  const known = attendees.some((a) => a.id === remark.speakerId)
  const options = speakerOptions(attendees, t)
  const quoteLabel = remark.isQuote ? t('symposiums.remarks.unmarkQuote') : t('symposiums.remarks.markQuote')

  return (
    <div className={`fb-remark${remark.isQuote ? ' fb-remark-quote' : ''}`} data-remark-id={remark.id} data-testid="remark" data-quote={remark.isQuote}>
      <Form form={form} name={`remark-${remark.id}`} onValuesChange={onValuesChange} component="div">
        <Flex align="center" gap={8} wrap={false}>
          <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 22 }}>
            #{props.index + 1}
          </Typography.Text>
          <Form.Item name="spokenAt" noStyle>
            <RemarkTime meetingDate={props.meetingDate} index={props.index} />
          </Form.Item>
          <Form.Item name="speakerId" noStyle>
            <Select
              variant="borderless"
              size="small"
              options={options}
              showSearch={{ filterOption: filterSpeaker }}
              placeholder={remark.speakerId && !known ? t('symposiums.remarks.removedSpeaker') : t('symposiums.remarks.noSpeaker')}
              labelRender={({ value }) => {
                // No speaker chosen is not a speaker removed.
                if (!value) return t('symposiums.remarks.noSpeaker')
                const attendee = attendees.find((a) => a.id === value)
                return attendee ? <SpeakerLabel attendee={attendee} /> : t('symposiums.remarks.removedSpeaker')
              }}
              popupMatchSelectWidth={260}
              style={{ minWidth: 160, maxWidth: 320 }}
              aria-label={t('symposiums.remarks.speakerOf', { n: props.index + 1 })}
              data-testid="remark-speaker"
            />
          </Form.Item>
          <span style={{ flex: 1 }} />
          {remark.isQuote && (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t('symposiums.remarks.quote')}
            </Tag>
          )}
          <Tooltip title={`${quoteLabel} (${keyHint('Q')})`}>
            <Button
              type="text"
              size="small"
              icon={remark.isQuote ? <StarFilled style={{ color: '#d48806' }} /> : <StarOutlined />}
              aria-label={quoteLabel}
              aria-pressed={remark.isQuote}
              onClick={() => props.onToggleQuote(remark)}
              data-testid="remark-quote"
            />
          </Tooltip>
          <Popconfirm
            title={t('symposiums.remarks.confirmDelete', { n: props.index + 1 })}
            description={t('common.confirmDeleteHint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => props.onDelete(remark)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('symposiums.remarks.delete')} data-testid="remark-delete" />
          </Popconfirm>
        </Flex>
        <Form.Item name="text" noStyle>
          <Input.TextArea
            variant="borderless"
            autoSize={{ minRows: 1, maxRows: 16 }}
            count={lengthCount(RemarkPatch, 'text')}
            aria-label={t('symposiums.remarks.textOf', { n: props.index + 1 })}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && !isComposing(event.nativeEvent)) props.onEscape()
            }}
            style={{ paddingInline: 4 }}
            data-testid="remark-text"
          />
        </Form.Item>
        {/* Its items have no row of their own: another device's version of a field being edited shows here. */}
        {remoteEdits['speakerId']}
        {remoteEdits['text']}
      </Form>
    </div>
  )
})
