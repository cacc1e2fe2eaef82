import { CloseOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons'
import { App, Button, Card, Empty, Flex, Segmented, Space, Tag, Tooltip, Typography } from 'antd'
import type { RefSelectProps } from 'antd'
import { useMemo, useRef, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../../shared/schemas/enterprise'
import type { Attendee } from '../../../../shared/schemas/symposium'
import type { Member } from '../../../../shared/schemas/trip-parts'
import { ApiError, invoke } from '../../api/client'
import { useDeleteWithUndo, useErrorText } from '../../api/records'
import { translateFieldError } from '../../forms/fieldErrors'
import { isComposing, keyHint } from './shortcuts'
import { TabAutoComplete } from './TabAutoComplete'
import { parseAttendeeLine, speakerName, type NumberedAttendee } from './speakers'
import { ConfirmDelete } from '../../components/DeleteButton'

export type Side = Attendee['side']
export const SIDE_COLORS: Record<Side, string> = { school: 'green', enterprise: 'orange' }

interface Candidate {
  key: string
  side: Side
  name: string
  title: string
  memberId: string
  contactId: string
}

/**
 * Who sits at the table, on both sides, with the titles they speak under. One line typed as `曾健 总经理`
 * and Enter adds a person; the trip's members and the enterprise's contacts are offered as they are typed.
 */
export function AttendeesPanel(props: {
  symposiumId: string
  attendees: NumberedAttendee[]
  members: Member[]
  contacts: Contact[]
  side: Side
  onSideChange: (side: Side) => void
  inputRef: Ref<RefSelectProps>
}) {
  const { symposiumId, attendees, members, contacts, side, onSideChange, inputRef } = props
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const deleteWithUndo = useDeleteWithUndo('attendee')
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()

  const candidates = useMemo<Candidate[]>(() => {
    const present = (c: Candidate) => attendees.some((a) => (c.memberId && a.memberId === c.memberId) || (c.contactId && a.contactId === c.contactId))
    const fromMembers = members.map((m) => ({ key: `member:${m.id}`, side: 'school' as const, name: m.name, title: m.position, memberId: m.id, contactId: '' }))
    const fromContacts = contacts.map((c) => ({ key: `contact:${c.id}`, side: 'enterprise' as const, name: c.name, title: c.title, memberId: '', contactId: c.id }))
    return [...fromMembers, ...fromContacts].filter((c) => !present(c))
  }, [attendees, members, contacts])

  const typedName = parseAttendeeLine(text).name
  const suggestions = typedName ? candidates.filter((c) => c.name.includes(typedName) || typedName.includes(c.name)) : []

  // Adds are queued, and the line is cleared at once: the next name can be typed while the last one saves.
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  function add(person: Omit<Candidate, 'key'>, typed = ''): Promise<unknown> {
    setText('')
    setError(undefined)
    const run = async () => {
      try {
        await invoke('attendee.create', { symposiumId, ...person })
      } catch (failure) {
        // Give the line back (unless something new is being typed) with the reason.
        if (typed) setText((current) => current || typed)
        if (failure instanceof ApiError && failure.fieldErrors[0]) setError(translateFieldError(t, failure.fieldErrors[0]))
        else void message.error(errorText(failure))
      }
    }
    queue.current = queue.current.then(run)
    return queue.current
  }

  /**
   * A line that starts with a known person's full name ("Kou Delin Chairman", "寇德林 董事长") is that person,
   * with whatever follows as the title: English names have spaces, so splitting at the first space is wrong.
   */
  function knownPrefix(line: string): { known: Candidate; title: string } | null {
    const typed = line.trim().replace(/\s+/g, ' ')
    const matches = candidates.filter((c) => c.name && (typed === c.name || typed.startsWith(`${c.name} `) || (typed.startsWith(c.name) && /^[,，、]/.test(typed.slice(c.name.length)))))
    const known = matches.sort((a, b) => b.name.length - a.name.length)[0]
    return known ? { known, title: typed.slice(known.name.length).replace(/^[\s,，、]+/, '').trim() } : null
  }

  function addTyped() {
    const { name, title } = parseAttendeeLine(text)
    if (!name) return
    // A typed name that is one of ours or one of theirs is linked to that person and sits on their side.
    const prefixed = knownPrefix(text)
    const known = prefixed?.known ?? candidates.find((c) => c.name === name)
    const knownTitle = prefixed ? prefixed.title : title
    if (known) void add({ side: known.side, name: known.name, title: knownTitle || known.title, memberId: known.memberId, contactId: known.contactId }, text)
    else void add({ side, name, title, memberId: '', contactId: '' }, text)
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key !== 'Enter' || isComposing(event.nativeEvent)) return
    // The suggestion list handled this Enter by picking an option (see onSelect).
    if (event.defaultPrevented) return
    event.preventDefault()
    addTyped()
  }

  function onSelect(key: string) {
    const candidate = candidates.find((c) => c.key === key)
    if (!candidate) return setText('')
    // A title typed after the full name wins over the one on file; part of a name is not a title.
    const prefixed = knownPrefix(text)
    const typedTitle = prefixed?.known.key === candidate.key ? prefixed.title : ''
    void add({ side: candidate.side, name: candidate.name, title: typedTitle || candidate.title, memberId: candidate.memberId, contactId: candidate.contactId }, text)
  }

  const missingMembers = candidates.filter((c) => c.side === 'school')
  function addAllMembers() {
    for (const c of missingMembers) void add({ side: c.side, name: c.name, title: c.title, memberId: c.memberId, contactId: '' })
  }

  const sideLabel = (s: Side) => t(`symposiums.sides.${s}`)

  return (
    <Card
      size="small"
      title={
        <Space>
          <TeamOutlined />
          {t('symposiums.attendees.title', { count: attendees.length })}
        </Space>
      }
      extra={
        <Space size={12}>
          {missingMembers.length > 0 && (
            <Button size="small" icon={<UserAddOutlined />} onClick={addAllMembers}>
              {t('symposiums.attendees.addAllMembers', { count: missingMembers.length })}
            </Button>
          )}
          <Typography.Text type="secondary">{keyHint('P')}</Typography.Text>
        </Space>
      }
      data-testid="attendees"
    >
      {attendees.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('symposiums.attendees.empty')} style={{ margin: '4px 0 12px' }} />
      ) : (
        (['school', 'enterprise'] as const).map((s) => {
          const people = attendees.filter((a) => a.side === s)
          if (people.length === 0) return null
          return (
            <div key={s} style={{ marginBottom: 12 }} data-testid={`attendees-${s}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {sideLabel(s)}
              </Typography.Text>
              <Flex wrap gap={6} style={{ marginTop: 4 }}>
                {people.map((a) => (
                  <Tag key={a.id} color={SIDE_COLORS[s]} style={{ marginInlineEnd: 0, paddingInline: 6, whiteSpace: 'normal', maxWidth: '100%' }} data-testid="attendee">
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
                      {a.number}
                    </Typography.Text>
                    <span>{speakerName(a)}</span>
                    <ConfirmDelete label={a.name} description={t('symposiums.attendees.deleteHint')} onConfirm={() => deleteWithUndo(a.id, a.name)}>
                      <Button
                        type="text"
                        size="small"
                        icon={<CloseOutlined style={{ fontSize: 10 }} />}
                        aria-label={t('symposiums.attendees.delete', { name: a.name })}
                        style={{ width: 18, height: 18, minWidth: 18, marginInlineStart: 2 }}
                      />
                    </ConfirmDelete>
                  </Tag>
                ))}
              </Flex>
            </div>
          )
        })
      )}

      <Flex gap={8} align="center">
        <Tooltip title={`${t('symposiums.attendees.switchSide')} (${keyHint('X')})`}>
          <Segmented<Side>
            value={side}
            onChange={onSideChange}
            options={(['school', 'enterprise'] as const).map((s) => ({ value: s, label: t(`symposiums.sides.short.${s}`) }))}
            data-testid="attendee-side"
          />
        </Tooltip>
        <TabAutoComplete
          ref={inputRef}
          value={text}
          onChange={(value: string) => {
            setText(value)
            setError(undefined)
          }}
          onSelect={onSelect}
          onKeyDown={onKeyDown}
          options={suggestions.map((c) => ({
            value: c.key,
            label: (
              <Space size={6}>
                <Tag color={SIDE_COLORS[c.side]} style={{ marginInlineEnd: 0 }}>
                  {t(`symposiums.sides.short.${c.side}`)}
                </Tag>
                {speakerName(c)}
              </Space>
            ),
          }))}
          defaultActiveFirstOption
          showSearch={{ filterOption: false }}
          placeholder={t('symposiums.attendees.placeholder')}
          aria-label={t('symposiums.attendees.inputLabel', { side: sideLabel(side) })}
          status={error ? 'error' : undefined}
          style={{ width: '100%' }}
          wrapperStyle={{ flex: 1, minWidth: 0 }}
          data-testid="attendee-input"
        />
      </Flex>
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
        {t('symposiums.attendees.hint')}
      </Typography.Paragraph>
    </Card>
  )
}
