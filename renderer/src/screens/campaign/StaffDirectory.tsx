import { LinkOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Empty, Form, Input, Select, Space, Table, Typography } from 'antd'
import { DeleteButton } from '../../components/DeleteButton'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LEADERSHIP_LEVELS, type Staff } from '../../../../shared/schemas/staff'
import { invoke } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords, useUpdateRecord } from '../../api/records'
import { CreateDialog, useCreateFailure } from '../../components/CreateDialog'

type StaffValues = { name: string; position: string; department: string; level: Staff['level'] }

/** Our people across trips: trip groups and quick visits pick from here, and the campaign counts by them. */
export function StaffDirectory() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const staff = useRecords('staff', {})
  const create = useCreateRecord('staff')
  const update = useUpdateRecord('staff')
  const remove = useDeleteWithUndo('staff')
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<StaffValues>()
  const failed = useCreateFailure(form)
  const levels = LEADERSHIP_LEVELS.map((level) => ({ value: level, label: t(`campaign.levels.${level}`) }))

  async function submit() {
    const values = await form.validateFields()
    try {
      const created = await create.mutateAsync(values)
      void message.success(t('campaign.staff.added', { name: created.name }))
      setOpen(false)
    } catch (error) {
      failed(error)
    }
  }

  async function link() {
    try {
      const { linked } = await invoke('staff.linkMembers', {})
      void message.success(t('campaign.staff.linked', { count: linked }))
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  async function setLevel(id: string, level: Staff['level']) {
    try {
      await update.mutateAsync({ id, patch: { level } })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="staff-add">
          {t('campaign.staff.add')}
        </Button>
        <Button icon={<LinkOutlined />} onClick={() => void link()}>
          {t('campaign.staff.link')}
        </Button>
      </Space>
      <Table<Staff>
        size="small"
        rowKey="id"
        loading={staff.isLoading}
        dataSource={staff.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text strong>{t('campaign.staff.emptyTitle')}</Typography.Text>
                  <Typography.Text type="secondary">{t('campaign.staff.emptyHint')}</Typography.Text>
                </Space>
              }
            />
          ),
        }}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('campaign.staff.fields.name'), width: 140 },
          { key: 'position', dataIndex: 'position', title: t('campaign.staff.fields.position') },
          { key: 'department', dataIndex: 'department', title: t('campaign.staff.fields.department') },
          {
            key: 'level',
            title: t('campaign.staff.fields.level'),
            width: 180,
            render: (_, person) => (
              <Select size="small" style={{ width: 150 }} value={person.level} options={levels} onChange={(level) => void setLevel(person.id, level)} aria-label={t('campaign.staff.fields.level')} />
            ),
          },
          {
            key: 'actions',
            width: 80,
            render: (_, person) => (
              <DeleteButton label={person.name} onConfirm={() => remove(person.id, person.name)} />
            ),
          },
        ]}
      />
      <CreateDialog<StaffValues>
        open={open}
        title={t('campaign.staff.addTitle')}
        form={form}
        onSubmit={() => void submit()}
        onClose={() => setOpen(false)}
        saving={create.isPending}
        initialValues={{ level: 'school', position: '', department: '' }}
        name="staff"
        testId="staff-form"
      >
        <Form.Item name="name" label={t('campaign.staff.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="position" label={t('campaign.staff.fields.position')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="department" label={t('campaign.staff.fields.department')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label={t('campaign.staff.fields.level')}>
          <Select options={levels} />
        </Form.Item>
      </CreateDialog>
    </Space>
  )
}
