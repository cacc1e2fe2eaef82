import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, DatePicker, Flex, Form, Input, Skeleton, Timeline } from 'antd'
import type { Dayjs } from 'dayjs'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { NoteInput, NotePatch, type Note } from '../../../../shared/schemas/action'
import { ApiError } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { useAutosave } from '../../forms/useAutosave'
import { clearErrorsOnChange, focusFirstError, EmptyHint, LoadError } from './shared'
import { ConfirmDelete } from '../../components/DeleteButton'

const DATE_FIELDS = ['date'] as const

/** One entry of the history, edited in place: date and text save themselves. */
function HistoryEntry({ note }: { note: Note }) {
  const { t } = useTranslation()
  const deleteWithUndo = useDeleteWithUndo('note')
  const { form, status, onValuesChange } = useAutosave({ kind: 'note', record: note, patchSchema: NotePatch, dateFields: DATE_FIELDS })
  return (
    <Form form={form} name={`history-${note.id}`} onValuesChange={onValuesChange} data-testid="history-entry">
      <Flex gap={8} align="center" style={{ marginBottom: 6 }}>
        <Form.Item name="date" noStyle>
          <DatePicker size="small" aria-label={t('enterprises.history.date')} placeholder={t('enterprises.history.date')} />
        </Form.Item>
        {status !== 'saved' && <SaveStatusTag status={status} />}
        <ConfirmDelete label={t('enterprises.history.label')} onConfirm={() => deleteWithUndo(note.id, note.text.length > 24 ? `${note.text.slice(0, 24)}…` : note.text)}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} style={{ marginInlineStart: 'auto' }} />
        </ConfirmDelete>
      </Flex>
      <Form.Item name="text" style={{ marginBottom: 0 }}>
        <Input.TextArea variant="filled" autoSize={{ minRows: 2, maxRows: 12 }} aria-label={t('enterprises.history.text')} />
      </Form.Item>
    </Form>
  )
}

/** The story of the cooperation (since when, what was done, with what results), oldest first. */
export function HistoryTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const notes = useRecords('note', { enterpriseId })
  const create = useCreateRecord('note')
  const [addForm] = Form.useForm()

  // Undated entries last; the rest by date, then in the order they were written.
  const history = useMemo(
    () =>
      (notes.data ?? [])
        .filter((note) => note.kind === 'history')
        .sort((a, b) => (a.date === '') !== (b.date === '') ? (a.date === '' ? 1 : -1) : a.date.localeCompare(b.date) || (a.id < b.id ? -1 : 1)),
    [notes.data],
  )

  async function add() {
    const values = addForm.getFieldsValue() as { date?: Dayjs | null; text?: string }
    const input = validateWith(
      NoteInput,
      { enterpriseId, kind: 'history', text: values.text ?? '', date: values.date?.format('YYYY-MM-DD') ?? '' },
      addForm,
      t,
    )
    if (!input) return focusFirstError(addForm)
    if (create.isPending) return
    try {
      await create.mutateAsync(input)
      addForm.resetFields()
      void message.success(t('enterprises.history.added'))
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(addForm, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  if (notes.isError) return <LoadError error={notes.error} onRetry={() => void notes.refetch()} />

  return (
    <Flex vertical gap={16}>
      <Card>
        <Form form={addForm} name="new-history" onValuesChange={clearErrorsOnChange(addForm)} layout="vertical">
          <Flex gap={12} align="flex-start" wrap>
            <Form.Item name="date" label={t('enterprises.history.date')} required style={{ marginBottom: 0 }}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="text" label={t('enterprises.history.text')} required style={{ flex: 1, minWidth: 320, marginBottom: 0 }}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 8 }}
                placeholder={t('enterprises.history.textPlaceholder')}
                // Enter writes a new line; Ctrl+Enter (⌘+Enter) adds the entry.
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void add()
                }}
              />
            </Form.Item>
            <Form.Item label=" " style={{ marginBottom: 0 }}>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void add()} loading={create.isPending}>
                {t('enterprises.history.add')}
              </Button>
            </Form.Item>
          </Flex>
        </Form>
      </Card>
      <Card>
        {notes.isPending ? (
          <Skeleton active />
        ) : history.length === 0 ? (
          <EmptyHint title={t('enterprises.history.emptyTitle')} hint={t('enterprises.history.emptyHint')} />
        ) : (
          <Timeline items={history.map((note) => ({ key: note.id, content: <HistoryEntry note={note} /> }))} />
        )}
      </Card>
    </Flex>
  )
}
