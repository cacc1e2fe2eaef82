import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Checkbox, Form, Input, Table, type InputRef } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { createContext, useContext, useMemo, useRef, type HTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { ContactInput, ContactPatch, type Contact } from '../../../../shared/schemas/enterprise'
import { ApiError } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { useAutosave, type SaveStatus } from '../../forms/useAutosave'
import { clearErrorsOnChange, focusFirstError, EmptyHint, LoadError } from './shared'
import { ConfirmDelete } from '../../components/DeleteButton'

const EDITABLE = ['name', 'title', 'phone', 'wechat', 'email', 'notes'] as const
/** The add row asks for what people have at hand; notes are written in the table afterwards. */
const ADDED = ['name', 'title', 'phone', 'wechat', 'email'] as const
type Editable = (typeof EDITABLE)[number]

/** The save status of the row a cell is in. */
const RowStatus = createContext<SaveStatus>('saved')

/** Each row is its own small form that saves itself; the table's cells are its fields. */
function ContactRow({ contact, ...rowProps }: HTMLAttributes<HTMLTableRowElement> & { contact: Contact }) {
  const { form, status, onValuesChange } = useAutosave({ kind: 'contact', record: contact, patchSchema: ContactPatch })
  return (
    <Form form={form} name={`contact-${contact.id}`} component={false} onValuesChange={onValuesChange}>
      <RowStatus.Provider value={status}>
        <tr {...rowProps} />
      </RowStatus.Provider>
    </Form>
  )
}

/** Rows without a contact (the table's empty placeholder) stay plain rows. Module-level so rows never remount. */
function EditableRow({ contact, ...rowProps }: HTMLAttributes<HTMLTableRowElement> & { contact?: Contact }) {
  return contact ? <ContactRow contact={contact} {...rowProps} /> : <tr {...rowProps} />
}
const TABLE_COMPONENTS = { body: { row: EditableRow } }

function RowSaveStatus() {
  const status = useContext(RowStatus)
  // A row that is saved says nothing; one being saved or refused says so.
  return status === 'saved' ? null : <SaveStatusTag status={status} />
}

export function ContactsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const contacts = useRecords('contact', { enterpriseId })
  const create = useCreateRecord('contact')
  const deleteWithUndo = useDeleteWithUndo('contact')
  const [addForm] = Form.useForm()
  const nameInput = useRef<InputRef>(null)

  // In the order they were added (ids are time-ordered): sorting by name would move a row while its name is typed.
  const sorted = useMemo(() => [...(contacts.data ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1)), [contacts.data])

  async function add(values: Record<string, unknown>) {
    const input = validateWith(ContactInput, { ...values, enterpriseId }, addForm, t)
    if (!input) return focusFirstError(addForm)
    if (create.isPending) return
    try {
      const created = await create.mutateAsync(input)
      addForm.resetFields()
      nameInput.current?.focus()
      void message.success(t('enterprises.contacts.added', { name: created.name }))
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(addForm, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  const widths: Record<Editable, number> = { name: 110, title: 130, phone: 170, wechat: 120, email: 160, notes: 150 }
  const columns: ColumnsType<Contact> = [
    ...EDITABLE.map((field) => ({
      title: t(`enterprises.contacts.${field}`),
      key: field,
      width: widths[field],
      render: () => (
        <Form.Item name={field} style={{ margin: 0 }}>
          <Input variant="filled" aria-label={t(`enterprises.contacts.${field}`)} />
        </Form.Item>
      ),
    })),
    {
      title: t('enterprises.contacts.isPrimary'),
      key: 'isPrimary',
      width: 80,
      align: 'center',
      render: (_, contact) => (
        <Form.Item name="isPrimary" valuePropName="checked" style={{ margin: 0 }}>
          <Checkbox aria-label={`${t('enterprises.contacts.isPrimary')}：${contact.name}`} />
        </Form.Item>
      ),
    },
    { key: 'status', width: 80, render: () => <RowSaveStatus /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 64,
      render: (_, contact) => (
        <ConfirmDelete label={contact.name} onConfirm={() => deleteWithUndo(contact.id, contact.name)}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </ConfirmDelete>
      ),
    },
  ]

  if (contacts.isError) return <LoadError error={contacts.error} onRetry={() => void contacts.refetch()} />

  return (
    <Card>
      <Form form={addForm} name="new-contact" onValuesChange={clearErrorsOnChange(addForm)} layout="inline" onFinish={(values) => void add(values)} style={{ marginBottom: 16, rowGap: 8 }}>
        {ADDED.map((field) => (
          <Form.Item key={field} name={field} style={{ width: widths[field] }}>
            <Input
              ref={field === 'name' ? nameInput : undefined}
              placeholder={t(`enterprises.contacts.${field}`)}
              aria-label={t(`enterprises.contacts.${field}`)}
            />
          </Form.Item>
        ))}
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('enterprises.contacts.isPrimary')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
            {t('enterprises.contacts.add')}
          </Button>
        </Form.Item>
      </Form>
      <Table<Contact>
        rowKey="id"
        size="small"
        loading={contacts.isPending}
        columns={columns}
        dataSource={sorted}
        pagination={false}
        scroll={{ x: 'max-content' }}
        components={TABLE_COMPONENTS}
        onRow={(contact) => ({ contact }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <EmptyHint title={t('enterprises.contacts.emptyTitle')} hint={t('enterprises.contacts.emptyHint')} /> }}
      />
    </Card>
  )
}
