import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Segmented, Select, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NoteInput, NotePatch, type Note } from '../../../../shared/schemas/action'
import { ApiError } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { useAutosave } from '../../forms/useAutosave'
import { DeleteButton } from '../../components/DeleteButton'
import { lengthCount } from '../../forms/limits'

/** The kinds a trip's notes take; `history` belongs to an enterprise's file. */
const TRIP_NOTE_KINDS = ['note', 'problem', 'suggestion'] as const
type TripNoteKind = (typeof TRIP_NOTE_KINDS)[number]
const KIND_COLORS: Record<Note['kind'], string> = { note: 'default', problem: 'red', suggestion: 'blue', history: 'purple' }

/** The first characters, for the delete confirmation and the undo message. */
const excerpt = (text: string) => (text.length > 20 ? `${text.slice(0, 20)}…` : text)

interface NewNote {
  kind: TripNoteKind
  text: string
}

function NoteComposer({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<NewNote>()
  const create = useCreateRecord('note')
  const submitting = useRef(false)

  async function add() {
    if (submitting.current) return
    const values = form.getFieldsValue(true) as Partial<NewNote>
    const input = validateWith(NoteInput, { tripId, kind: values.kind ?? 'note', text: values.text ?? '', date: dayjs().format('YYYY-MM-DD') }, form, t)
    if (!input) return
    submitting.current = true
    try {
      await create.mutateAsync(input)
      // Keep the kind: several problems are often written one after another.
      form.setFieldsValue({ text: '' })
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else void message.error(errorText(error))
    } finally {
      submitting.current = false
    }
  }

  return (
    <Form
      form={form}
      initialValues={{ kind: 'note', text: '' }}
      onFinish={() => void add()}
      onValuesChange={(changed: Partial<NewNote>) => form.setFields((Object.keys(changed) as (keyof NewNote)[]).map((name) => ({ name, errors: [] })))}
      data-testid="add-note"
    >
      <Form.Item name="kind" style={{ marginBottom: 8 }}>
        <Segmented<TripNoteKind> options={TRIP_NOTE_KINDS.map((kind) => ({ value: kind, label: t(`tripDetail.notes.kinds.${kind}`) }))} />
      </Form.Item>
      <Form.Item name="text" style={{ marginBottom: 8 }}>
        <Input.TextArea
          placeholder={t('tripDetail.notes.placeholder')}
          aria-label={t('tripDetail.notes.text')}
          autoSize={{ minRows: 3, maxRows: 12 }}
          count={lengthCount(NoteInput, 'text')}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              void add()
            }
          }}
        />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tripDetail.notes.reportHint')}
        </Typography.Text>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('common.add')}
        </Button>
      </Flex>
    </Form>
  )
}

function NoteCard({ note }: { note: Note }) {
  const { t } = useTranslation()
  const deleteWithUndo = useDeleteWithUndo('note')
  const { form, status, onValuesChange } = useAutosave({ kind: 'note', record: note, patchSchema: NotePatch })
  const kinds: readonly Note['kind'][] = note.kind === 'history' ? [...TRIP_NOTE_KINDS, 'history'] : TRIP_NOTE_KINDS
  return (
    <Card size="small" data-testid="note-card" style={{ borderInlineStart: `3px solid ${note.kind === 'problem' ? '#ff7875' : note.kind === 'suggestion' ? '#69b1ff' : '#d9d9d9'}` }}>
      <Form form={form} onValuesChange={onValuesChange}>
        <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
          <Space size={8}>
            <Form.Item name="kind" style={{ marginBottom: 0 }}>
              <Select
                size="small"
                variant="borderless"
                aria-label={t('tripDetail.notes.kind')}
                popupMatchSelectWidth={false}
                options={kinds.map((kind) => ({ value: kind, label: <Tag color={KIND_COLORS[kind]}>{t(`tripDetail.notes.kinds.${kind}`)}</Tag> }))}
              />
            </Form.Item>
            {note.date && <Typography.Text type="secondary">{note.date}</Typography.Text>}
          </Space>
          <Space size={4}>
            {status !== 'saved' && <SaveStatusTag status={status} />}
            <DeleteButton label={excerpt(note.text)} onConfirm={() => deleteWithUndo(note.id, excerpt(note.text))} />
          </Space>
        </Flex>
        <Form.Item name="text" style={{ marginBottom: 0 }}>
          <Input.TextArea aria-label={t('tripDetail.notes.text')} autoSize={{ minRows: 1, maxRows: 20 }} count={lengthCount(NotePatch, 'text')} variant="filled" />
        </Form.Item>
      </Form>
    </Card>
  )
}

/** The trip's notes; problems and suggestions feed the research report. Newest first, under the composer. */
export function NoteList({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const notes = useRecords('note', { tripId })
  const [filter, setFilter] = useState<'all' | Note['kind']>('all')

  const newestFirst = useMemo(() => [...(notes.data ?? [])].reverse(), [notes.data])
  const shown = filter === 'all' ? newestFirst : newestFirst.filter((note) => note.kind === filter)
  const countOf = (kind: Note['kind']) => newestFirst.filter((note) => note.kind === kind).length

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('tripDetail.notes.title')}>
        <NoteComposer tripId={tripId} />
      </Card>
      {newestFirst.length > 0 && (
        <Segmented
          value={filter}
          onChange={(value) => setFilter(value as typeof filter)}
          options={[
            { value: 'all', label: `${t('tripDetail.notes.all')} ${newestFirst.length}` },
            ...TRIP_NOTE_KINDS.map((kind) => ({ value: kind, label: `${t(`tripDetail.notes.kinds.${kind}`)} ${countOf(kind)}` })),
          ]}
          data-testid="note-filter"
        />
      )}
      {notes.data && newestFirst.length === 0 && (
        <Card size="small">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{t('tripDetail.notes.empty')}</Typography.Text>
                <Typography.Text type="secondary">{t('tripDetail.notes.emptyHint')}</Typography.Text>
              </Space>
            }
          />
        </Card>
      )}
      {newestFirst.length > 0 && shown.length === 0 && <Alert type="info" message={t('tripDetail.notes.emptyFiltered')} />}
      {shown.map((note) => (
        <NoteCard key={note.id} note={note} />
      ))}
    </Flex>
  )
}
