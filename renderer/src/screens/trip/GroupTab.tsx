import { CrownOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, Space, Switch, Table, Tag, Typography, type InputRef } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { createContext, useContext, useRef, type HTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { MemberInput, MemberPatch, type Member } from '../../../../shared/schemas/trip-parts'
import { ApiError } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { useAutosave, type SaveStatus } from '../../forms/useAutosave'
import { DeleteButton } from '../../components/DeleteButton'
import { StaffNameInput, useStaffDirectory } from '../campaign/StaffNameInput'
import { lengthCount } from '../../forms/limits'

/** Counters in table cells and quick-add lines show only near their limit. */
const QUIET = { quiet: true }

interface NewMember {
  name?: string
  position?: string
  department?: string
  isLeader?: boolean
}

/** One line to add a member; Enter adds and puts the cursor back on the name for the next one. */
function AddMemberRow({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<NewMember>()
  const create = useCreateRecord('member')
  const nameInput = useRef<InputRef>(null)
  const directory = useStaffDirectory()

  async function add(values: NewMember) {
    // A name the staff directory has is that person: their visits on this trip count for them in the campaign.
    const staffId = directory.byName(values.name)?.id ?? ''
    const input = validateWith(MemberInput, { tripId, ...values, isLeader: values.isLeader ?? false, staffId }, form, t)
    if (!input) return
    try {
      await create.mutateAsync(input)
      // Not resetFields: it remounts the inputs, and the focus would be lost.
      form.setFieldsValue({ name: '', position: '', department: '', isLeader: false })
      nameInput.current?.focus()
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  return (
    <Form
      form={form}
      onFinish={(values) => void add(values)}
      onValuesChange={(changed: NewMember) => form.setFields((Object.keys(changed) as (keyof NewMember)[]).map((name) => ({ name, errors: [] })))}
      data-testid="add-member"
    >
      <Flex gap={8} align="start" wrap>
        <Form.Item name="name" style={{ flex: '1 1 140px', marginBottom: 0 }}>
          <StaffNameInput
            ref={nameInput}
            placeholder={t('tripDetail.group.namePlaceholder')}
            ariaLabel={t('tripDetail.group.name')}
            onPick={(person) => form.setFieldsValue({ name: person.name, position: person.position, department: person.department })}
          />
        </Form.Item>
        <Form.Item name="position" style={{ flex: '1 1 180px', marginBottom: 0 }}>
          <Input placeholder={t('tripDetail.group.positionPlaceholder')} aria-label={t('tripDetail.group.position')} count={lengthCount(MemberInput, 'position', QUIET)} />
        </Form.Item>
        <Form.Item name="department" style={{ flex: '1 1 200px', marginBottom: 0 }}>
          <Input placeholder={t('tripDetail.group.departmentPlaceholder')} aria-label={t('tripDetail.group.department')} count={lengthCount(MemberInput, 'department', QUIET)} />
        </Form.Item>
        <Form.Item name="isLeader" valuePropName="checked" style={{ marginBottom: 0, paddingTop: 5 }}>
          <Checkbox>{t('tripDetail.group.leader')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('tripDetail.group.add')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tripDetail.group.addHint')}
      </Typography.Text>
    </Form>
  )
}

const RowStatus = createContext<SaveStatus>('saved')

/** A table row that is also an autosaving form over its member. */
function MemberRow({ member, ...props }: HTMLAttributes<HTMLTableRowElement> & { member?: Member }) {
  const { form, status, onValuesChange } = useAutosave({ kind: 'member', record: member, patchSchema: MemberPatch })
  if (!member) return <tr {...props} />
  return (
    <Form form={form} component={false} onValuesChange={onValuesChange}>
      <RowStatus.Provider value={status}>
        <tr {...props} data-testid="member-row" />
      </RowStatus.Provider>
    </Form>
  )
}

/** Shown only while something is not yet saved, so a table of saved rows stays quiet. */
function RowSaveStatus() {
  const status = useContext(RowStatus)
  return status === 'saved' ? null : <SaveStatusTag status={status} />
}

const cell = { style: { marginBottom: 0 } }

/** The research group: our people on this trip, the leader first. */
export function GroupTab({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const members = useRecords('member', { tripId })
  const deleteWithUndo = useDeleteWithUndo('member')

  const columns: ColumnsType<Member> = [
    {
      title: t('tripDetail.group.name'),
      dataIndex: 'name',
      width: '22%',
      render: (_, member) => (
        <Form.Item name="name" {...cell}>
          <Input
            aria-label={t('tripDetail.group.name')}
            count={lengthCount(MemberPatch, 'name', QUIET)}
            variant="borderless"
            // Always a suffix, so the input keeps its DOM (and focus) when the leader flag changes.
            suffix={
              member.isLeader ? (
                <Tag color="gold" icon={<CrownOutlined />} style={{ marginInlineEnd: 0 }} data-testid="leader-tag">
                  {t('tripDetail.group.leaderTag')}
                </Tag>
              ) : (
                <span />
              )
            }
          />
        </Form.Item>
      ),
    },
    {
      title: t('tripDetail.group.position'),
      dataIndex: 'position',
      width: '26%',
      render: () => (
        <Form.Item name="position" {...cell}>
          <Input aria-label={t('tripDetail.group.position')} count={lengthCount(MemberPatch, 'position', QUIET)} variant="borderless" placeholder="—" />
        </Form.Item>
      ),
    },
    {
      title: t('tripDetail.group.department'),
      dataIndex: 'department',
      width: '28%',
      render: () => (
        <Form.Item name="department" {...cell}>
          <Input aria-label={t('tripDetail.group.department')} count={lengthCount(MemberPatch, 'department', QUIET)} variant="borderless" placeholder="—" />
        </Form.Item>
      ),
    },
    {
      title: t('tripDetail.group.leader'),
      dataIndex: 'isLeader',
      width: 110,
      render: () => (
        <Form.Item name="isLeader" valuePropName="checked" {...cell}>
          <Switch size="small" aria-label={t('tripDetail.group.leader')} />
        </Form.Item>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, member) => (
        <Space size={4}>
          <DeleteButton label={member.name} onConfirm={() => deleteWithUndo(member.id, member.name)} />
          <RowSaveStatus />
        </Space>
      ),
    },
  ]

  const count = members.data?.length ?? 0
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('tripDetail.group.title')}
          {count > 0 && <Tag>{t('tripDetail.group.count', { count })}</Tag>}
        </Space>
      }
    >
      <AddMemberRow tripId={tripId} />
      <Table<Member>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        loading={members.isPending}
        columns={columns}
        dataSource={members.data ?? []}
        pagination={false}
        components={{ body: { row: MemberRow } }}
        onRow={(member) => ({ member }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text strong>{t('tripDetail.group.empty')}</Typography.Text>
                  <Typography.Text type="secondary">{t('tripDetail.group.emptyHint')}</Typography.Text>
                </Space>
              }
            />
          ),
        }}
      />
    </Card>
  )
}
