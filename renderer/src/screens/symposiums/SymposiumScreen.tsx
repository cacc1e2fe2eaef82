import { MessageOutlined, QuestionCircleOutlined } from '@ant-design/icons'
import { App, Button, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Space, Tooltip, Typography } from 'antd'
import type { InputRef, RefSelectProps } from 'antd'
import type { TextAreaRef } from 'antd/es/input/TextArea'
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import type { Remark } from '../../../../shared/schemas/symposium'
import { ApiError, invoke } from '../../api/client'
import { useDeleteWithUndo, useRecord, useRecords } from '../../api/records'
import { HistoryButton } from '../../components/HistoryPanel'
import { RecordUnavailable } from '../../components/RecordUnavailable'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { tripPath } from '../../routes'
import { AttachmentPanel } from '../attachments/AttachmentPanel'
import { BackToTrip, formatDay, useCombinedStatus } from '../visits/common'
import { ActionsPanel } from './ActionsPanel'
import { AttendeesPanel, type Side } from './AttendeesPanel'
import { Composer, EMPTY_DRAFT, nowStamp, type RemarkDraft } from './Composer'
import { meetingStamp } from './remarkTime'
import { ConsensusPanel, useConsensus } from './ConsensusPanel'
import { InfoCard } from './InfoCard'
import { RemarkItem } from './RemarkItem'
import { ShortcutHelp } from './ShortcutHelp'
import { keyAction, type Command } from './shortcuts'
import { numberAttendees } from './speakers'
import './symposium.css'
import { DeleteRecordButton } from '../../components/DeleteButton'

const draftKey = (symposiumId: string) => `fieldbook.remarkDraft.${symposiumId}`

function loadDraft(symposiumId: string | undefined): RemarkDraft {
  if (!symposiumId) return EMPTY_DRAFT
  try {
    const stored = JSON.parse(localStorage.getItem(draftKey(symposiumId)) ?? 'null') as Partial<RemarkDraft> | null
    return stored ? { ...EMPTY_DRAFT, ...stored } : EMPTY_DRAFT
  } catch {
    return EMPTY_DRAFT
  }
}

/** The remark that holds the keyboard focus, if any. */
function focusedRemarkId(): string | undefined {
  const element = document.activeElement?.closest<HTMLElement>('[data-remark-id]')
  return element?.dataset['remarkId']
}

function focusRemark(id: string | undefined): boolean {
  const textarea = id ? document.querySelector<HTMLTextAreaElement>(`[data-remark-id="${id}"] textarea`) : null
  if (!textarea) return false
  textarea.focus()
  textarea.scrollIntoView({ block: 'nearest' })
  return true
}

/**
 * The minutes of one symposium (/symposiums/:symposiumId), made for typing while the meeting goes on: who is at
 * the table, the remarks as they are spoken (with speaker and time), the quotes worth citing, the consensus and
 * the follow-ups, all reachable from the keyboard (the `?` key lists the shortcuts).
 */
export function SymposiumScreen() {
  const { symposiumId } = useParams()
  // A fresh screen per symposium: the draft, the focus and the filters belong to one meeting.
  return <SymposiumMinutes key={symposiumId} symposiumId={symposiumId} />
}

function SymposiumMinutes({ symposiumId }: { symposiumId: string | undefined }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const symposium = useRecord('symposium', symposiumId)
  const tripId = symposium.data?.tripId
  const enterpriseId = symposium.data?.enterpriseId
  const trip = useRecord('trip', tripId)
  const enterprise = useRecord('enterprise', enterpriseId)
  const attendeeRows = useRecords('attendee', { symposiumId: symposiumId ?? '' }, Boolean(symposiumId))
  const remarkRows = useRecords('remark', { symposiumId: symposiumId ?? '' }, Boolean(symposiumId))
  const members = useRecords('member', { tripId: tripId ?? '' }, Boolean(tripId))
  const contacts = useRecords('contact', { enterpriseId: enterpriseId ?? '' }, Boolean(enterpriseId))
  const tripActions = useRecords('action', { tripId: tripId ?? '' }, Boolean(tripId))
  const deleteSymposium = useDeleteWithUndo('symposium')
  const deleteRemark = useDeleteWithUndo('remark')
  const consensus = useConsensus(symposium.data)
  const combined = useCombinedStatus()

  const [draft, setDraftState] = useState<RemarkDraft>(() => loadDraft(symposiumId))
  const [speakerOpen, setSpeakerOpen] = useState(false)
  const [side, setSide] = useState<Side>('enterprise')
  const [filter, setFilter] = useState<'all' | 'quotes'>('all')
  const [helpOpen, setHelpOpen] = useState(false)
  const [actionOwner, setActionOwner] = useState('')

  const composerRef = useRef<TextAreaRef>(null)
  const speakerRef = useRef<RefSelectProps>(null)
  const attendeeRef = useRef<RefSelectProps>(null)
  const consensusRef = useRef<InputRef>(null)
  const actionRef = useRef<InputRef>(null)
  const titleRef = useRef<InputRef>(null)

  const attendees = useMemo(() => numberAttendees(attendeeRows.data ?? []), [attendeeRows.data])
  const remarks = useMemo(() => remarkRows.data ?? [], [remarkRows.data])
  const actions = useMemo(
    () => (tripActions.data ?? []).filter((a) => a.linkedKind === 'symposium' && a.linkedId === symposiumId),
    [tripActions.data, symposiumId],
  )
  const quoteCount = remarks.filter((r) => r.isQuote).length
  const shown = filter === 'quotes' ? remarks.filter((r) => r.isQuote) : remarks

  const setDraft = setDraftState
  // Every change of the draft is kept on disk at once, so a reload or a crash mid-sentence loses nothing.
  useEffect(() => {
    if (!symposiumId) return
    try {
      if (draft.text || draft.speakerId || draft.meetingStart) localStorage.setItem(draftKey(symposiumId), JSON.stringify(draft))
      else localStorage.removeItem(draftKey(symposiumId))
    } catch {
      // Storage full or refused: the draft still lives on screen.
    }
  }, [draft, symposiumId])

  const errorText = useCallback((error: unknown) => t(`errors.${error instanceof ApiError ? error.code : 'INTERNAL'}`), [t])
  const focusComposer = useCallback(() => composerRef.current?.focus(), [])

  // Start where the typing starts: with the people at the table, or once they are in, with the remarks.
  const focusedOnOpen = useRef(false)
  useEffect(() => {
    if (focusedOnOpen.current || !symposium.data || !attendeeRows.data) return
    focusedOnOpen.current = true
    if (attendeeRows.data.length === 0) attendeeRef.current?.focus()
    else focusComposer()
  }, [symposium.data, attendeeRows.data, focusComposer])

  // A new remark scrolls into view above the composer.
  const remarkCount = remarks.length
  const previousCount = useRef(remarkCount)
  useEffect(() => {
    if (remarkCount > previousCount.current && filter === 'all') {
      document.querySelector('[data-testid="remarks"] > [data-remark-id]:last-child')?.scrollIntoView({ block: 'nearest' })
    }
    previousCount.current = remarkCount
  }, [remarkCount, filter])

  // Quote toggles read the remark afresh and run one after another: two quick presses of Alt+Q must undo each
  // other even before the list on screen has caught up.
  const quoteQueue = useRef<Promise<unknown>>(Promise.resolve())
  const toggleQuote = useCallback(
    (remark: Pick<Remark, 'id'>) => {
      const run = async () => {
        try {
          const current = await invoke('remark.get', { id: remark.id })
          await invoke('remark.update', { id: remark.id, patch: { isQuote: !current.isQuote } })
        } catch (error) {
          void message.error(errorText(error))
        }
      }
      quoteQueue.current = quoteQueue.current.then(run)
      return quoteQueue.current
    },
    [message, errorText],
  )
  /** The remark the composer added last, until the list shows it: "the last remark" before the list refreshes. */
  const lastAdded = useRef<{ promise: Promise<Remark | undefined>; id?: string }>({ promise: Promise.resolve(undefined) })
  useEffect(() => {
    const id = lastAdded.current.id
    if (id && remarks.some((r) => r.id === id)) lastAdded.current = { promise: Promise.resolve(undefined) }
  }, [remarks])
  // Remarks are memoized: hand them callbacks that stay the same while the composer is typed in.
  const deleteRemarkRef = useRef(deleteRemark)
  useEffect(() => {
    deleteRemarkRef.current = deleteRemark
  })
  const removeRemark = useCallback(
    (remark: Remark) => {
      const excerpt = remark.text.length > 16 ? `${remark.text.slice(0, 16)}…` : remark.text
      void deleteRemarkRef.current(remark.id, excerpt || t('symposiums.remarks.untitled'))
    },
    [t],
  )

  async function submitRemark() {
    const text = draft.text.trim()
    if (!text || !symposiumId) return
    const speakerId = attendees.some((a) => a.id === draft.speakerId) ? draft.speakerId : ''
    // Minutes typed up later take the meeting's date and start time; live ones the moment typing began.
    const spokenAt = draft.meetingStart ? meetingStamp(symposium.data?.date ?? '', draft.meetingStart) : draft.startedAt || nowStamp()
    const input = { symposiumId, speakerId, text, isQuote: draft.isQuote, spokenAt }
    // The speaker stays chosen: one person often goes on for several remarks; so does the meeting's start time.
    setDraft({ ...EMPTY_DRAFT, speakerId, meetingStart: draft.meetingStart })
    const creating = invoke('remark.create', input)
    const entry: { promise: Promise<Remark | undefined>; id?: string } = { promise: Promise.resolve(undefined) }
    entry.promise = creating
      .then((remark) => {
        entry.id = remark.id
        return remark
      })
      .catch(() => undefined)
    lastAdded.current = entry
    try {
      await creating
      if (filter === 'quotes' && !input.isQuote) setFilter('all')
    } catch (error) {
      // Give the words back, unless the next remark is already being typed.
      setDraft((current) => (current.text ? current : draft))
      void message.error(errorText(error))
    }
  }

  async function addAction(title: string): Promise<boolean> {
    if (!symposium.data) return false
    try {
      await invoke('action.create', {
        tripId: symposium.data.tripId,
        enterpriseId: symposium.data.enterpriseId,
        title,
        owner: actionOwner.trim(),
        linkedKind: 'symposium',
        linkedId: symposium.data.id,
      })
      // The owner was for this action; the next one names its own.
      setActionOwner('')
      return true
    } catch (error) {
      void message.error(errorText(error))
      return false
    }
  }

  /** Alt+C / Alt+A: the text being typed (or the remark being edited) becomes a consensus point or an action. */
  async function promote(to: 'consensus' | 'action') {
    const inRemark = focusedRemarkId()
    const fromRemark = inRemark ? remarks.find((r) => r.id === inRemark)?.text.trim() : undefined
    const text = fromRemark || draft.text.trim()
    if (!text) {
      ;(to === 'consensus' ? consensusRef : actionRef).current?.focus()
      return
    }
    const done = to === 'consensus' ? await consensus.change((points) => [...points, text]) : await addAction(text)
    if (!done) return
    if (!fromRemark) setDraft({ ...EMPTY_DRAFT, speakerId: draft.speakerId })
    void message.success(t(to === 'consensus' ? 'symposiums.consensus.added' : 'symposiums.actions.added'))
  }

  function browseRemarks(direction: -1 | 1) {
    const ids = shown.map((r) => r.id)
    const current = focusedRemarkId()
    const index = current ? ids.indexOf(current) : ids.length
    const next = index + direction
    if (next >= ids.length) focusComposer()
    else if (next >= 0) focusRemark(ids[next])
  }

  function run(command: Command) {
    switch (command) {
      case 'composer':
        return focusComposer()
      case 'speaker':
        speakerRef.current?.focus()
        return setSpeakerOpen(true)
      case 'quote': {
        const current = focusedRemarkId()
        const target = current ? remarks.find((r) => r.id === current) : undefined
        if (target) return void toggleQuote(target)
        if (draft.text.trim()) return setDraft({ ...draft, isQuote: !draft.isQuote })
        const shownLast = remarks.at(-1)
        void lastAdded.current.promise.then((added) => {
          const last = added && !remarks.some((r) => r.id === added.id) ? added : shownLast
          if (last) void toggleQuote(last)
        })
        return
      }
      case 'previousRemark':
        return browseRemarks(-1)
      case 'nextRemark':
        return browseRemarks(1)
      case 'consensus':
        return void promote('consensus')
      case 'action':
        return void promote('action')
      case 'attendee':
        return attendeeRef.current?.focus()
      case 'switchSide':
        setSide((s) => (s === 'school' ? 'enterprise' : 'school'))
        return attendeeRef.current?.focus()
      case 'info':
        return titleRef.current?.focus()
      case 'help':
        return setHelpOpen((open) => !open)
    }
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const action = keyAction(event)
    if (!action) return
    event.preventDefault()
    event.stopPropagation()
    if (helpOpen && !('command' in action && action.command === 'help')) setHelpOpen(false)
    if ('speakerNumber' in action) {
      const attendee = attendees[action.speakerNumber - 1]
      if (!attendee) {
        void message.info(t('symposiums.composer.noSpeakerNumber', { n: action.speakerNumber }))
        return
      }
      setDraft({ ...draft, speakerId: attendee.id })
      setSpeakerOpen(false)
      focusComposer()
      return
    }
    run(action.command)
  })
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event)
    // Capture: the shortcuts work inside inputs and selects, before they handle the key themselves.
    window.addEventListener('keydown', listener, true)
    return () => window.removeEventListener('keydown', listener, true)
  }, [])

  if (symposium.isError || symposium.data?.deleted) {
    return (
      <RecordUnavailable
        inTrash={Boolean(symposium.data?.deleted)}
        error={symposium.error}
        trashTitle={t('symposiums.inTrash')}
        restoreLabel={t('symposiums.restore')}
        onRestore={() => invoke('symposium.restore', { id: symposiumId! })}
        backTo={tripId ? tripPath(tripId, 'symposiums') : '/trips'}
      />
    )
  }
  if (!symposium.data) return <Skeleton active />

  const record = symposium.data
  const enterpriseName = enterprise.data?.name ?? ''
  const heading = record.title || t('symposiums.defaultTitle', { enterprise: enterpriseName })
  const ownerOptions = [...new Set([...(members.data ?? []).map((m) => m.name), ...attendees.map((a) => a.name)])]

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <BackToTrip trip={trip.data} tab="symposiums" label={t('symposiums.title')} />
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }} data-testid="symposium-heading">
            {heading}
          </Typography.Title>
          <Typography.Text type="secondary">
            {[formatDay(record.date), enterpriseName, record.place, record.presidedBy && t('symposiums.presidedByLine', { name: record.presidedBy })]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </div>
        <Space size={12}>
          <SaveStatusTag status={combined.status} />
          <HistoryButton table="symposiums" rowId={record.id} label={heading} />
          <Tooltip title={t('symposiums.shortcuts.open')}>
            <Button icon={<QuestionCircleOutlined />} onClick={() => setHelpOpen(true)} data-testid="open-shortcuts">
              {t('symposiums.shortcuts.button')}
            </Button>
          </Tooltip>
          <DeleteRecordButton
            label={heading}
            description={t('symposiums.deleteHint')}
            text={t('symposiums.delete')}
            onConfirm={async () => {
              if (await deleteSymposium(record.id, heading)) void navigate(tripPath(record.tripId, 'symposiums'))
            }}
          />
        </Space>
      </Flex>

      <InfoCard symposium={record} trip={trip.data} attendees={attendees} titleRef={titleRef} reportStatus={combined.report} />

      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={
              <Space>
                <MessageOutlined />
                {t('symposiums.remarks.title', { count: remarks.length })}
              </Space>
            }
            extra={
              <Segmented
                size="small"
                value={filter}
                onChange={(value) => setFilter(value as 'all' | 'quotes')}
                options={[
                  { value: 'all', label: t('symposiums.remarks.all', { count: remarks.length }) },
                  { value: 'quotes', label: t('symposiums.remarks.quotes', { count: quoteCount }) },
                ]}
                data-testid="remark-filter"
              />
            }
            styles={{ body: { paddingBottom: 12 } }}
          >
            {shown.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <Typography.Text type="secondary" style={{ maxWidth: 440, display: 'inline-block' }}>
                    {filter === 'quotes' && remarks.length > 0 ? t('symposiums.remarks.noQuotes') : t('symposiums.remarks.empty')}
                  </Typography.Text>
                }
              />
            ) : (
              <div data-testid="remarks">
                {shown.map((remark) => (
                  <RemarkItem
                    key={remark.id}
                    remark={remark}
                    index={remarks.indexOf(remark)}
                    meetingDate={record.date}
                    attendees={attendees}
                    onToggleQuote={toggleQuote}
                    onDelete={removeRemark}
                    onEscape={focusComposer}
                    reportStatus={combined.report}
                  />
                ))}
              </div>
            )}
            <Composer
              draft={draft}
              attendees={attendees}
              onChange={setDraft}
              onSubmit={() => void submitRemark()}
              speakerOpen={speakerOpen}
              onSpeakerOpenChange={setSpeakerOpen}
              onSpeakerChosen={() => {
                setSpeakerOpen(false)
                focusComposer()
              }}
              textRef={composerRef}
              speakerRef={speakerRef}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <AttendeesPanel
              symposiumId={record.id}
              attendees={attendees}
              members={members.data ?? []}
              contacts={contacts.data ?? []}
              side={side}
              onSideChange={setSide}
              inputRef={attendeeRef}
            />
            <ConsensusPanel points={record.consensus} change={consensus.change} inputRef={consensusRef} />
            <ActionsPanel
              tripId={record.tripId}
              actions={actions}
              ownerOptions={ownerOptions}
              owner={actionOwner}
              onOwnerChange={setActionOwner}
              onAdd={addAction}
              inputRef={actionRef}
            />
            <Card size="small" title={t('symposiums.sections.photos')}>
              <AttachmentPanel ownerKind="symposium" ownerId={record.id} />
            </Card>
          </Space>
        </Col>
      </Row>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Space>
  )
}
