import { ClockCircleOutlined } from '@ant-design/icons'
import { Button, Flex, Popover, TimePicker, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { clockTime } from './speakers'

const STAMP_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ'

/**
 * The stamp of a moment on the meeting's day: its date, the clock time `HH:mm`, and the offset this computer has
 * on that date (where the minutes are typed up is where the meeting was, as with live stamps).
 */
export function meetingStamp(date: string, time: string): string {
  const moment = dayjs(`${date}T${time}`)
  return moment.isValid() ? moment.format(STAMP_FORMAT) : ''
}

/** The same stamp at another clock time: the day and the offset stay, only `HH:mm` changes. */
export function retimeStamp(stamp: string, meetingDate: string, time: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(stamp)) return stamp.replace(/T\d{2}:\d{2}(:\d{2})?/, `T${time}:00`)
  return meetingStamp(meetingDate, time)
}

const toPicker = (time: string): Dayjs | null => (time ? dayjs(`2000-01-01T${time}`) : null)

/**
 * For minutes typed up after the meeting: the time the meeting began. Set, each remark added is stamped with
 * the meeting's date and this time instead of the moment it is typed; cleared, remarks take the live time again.
 */
export function MeetingStartPicker(props: { value: string; onChange: (time: string) => void }) {
  const { t } = useTranslation()
  return (
    <Flex align="center" gap={4}>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} aria-hidden>
        {t('symposiums.timing.afterwards')}
      </Typography.Text>
      <TimePicker
        size="small"
        format="HH:mm"
        needConfirm={false}
        value={toPicker(props.value)}
        onChange={(time: Dayjs | null) => props.onChange(time ? time.format('HH:mm') : '')}
        placeholder={t('symposiums.timing.live')}
        aria-label={t('symposiums.timing.afterwardsLabel')}
        data-testid="meeting-start"
        style={{ width: 112 }}
      />
    </Flex>
  )
}

/**
 * A remark's time, shown as `HH:mm`; clicked, it can be set (a remark added later, a stamp to correct). The form
 * item around it saves the new stamp like any other field.
 */
export function RemarkTime(props: { value?: string; onChange?: (stamp: string) => void; meetingDate: string; index: number }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const stamp = props.value ?? ''
  const shown = clockTime(stamp)
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      destroyOnHidden
      content={
        <TimePicker
          autoFocus
          format="HH:mm"
          needConfirm={false}
          value={toPicker(shown)}
          onChange={(time: Dayjs | null) => {
            if (!time) return
            props.onChange?.(retimeStamp(stamp, props.meetingDate, time.format('HH:mm')))
            setOpen(false)
          }}
          aria-label={t('symposiums.timing.timeOf', { n: props.index + 1 })}
          data-testid="remark-time-input"
        />
      }
    >
      <Button
        type="text"
        size="small"
        icon={shown ? undefined : <ClockCircleOutlined />}
        aria-label={t('symposiums.timing.setTimeOf', { n: props.index + 1, time: shown || t('symposiums.timing.none') })}
        style={{ fontSize: 12, paddingInline: 4, color: 'rgba(0, 0, 0, 0.62)' }}
        data-testid="remark-time"
      >
        {shown}
      </Button>
    </Popover>
  )
}
