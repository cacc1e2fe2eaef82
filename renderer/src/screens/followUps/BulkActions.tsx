import { CheckOutlined } from '@ant-design/icons'
import { App, AutoComplete, Button, DatePicker, Flex, Form, Modal, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useProcedureMutation } from '../../api/queries'
import { useErrorText } from '../../api/records'

type Dialog = 'owner' | 'dueDate' | null

/**
 * What can be done to the selected follow-ups at once: mark them done, give them to another owner, move their due
 * date. Each is one `action.updateMany` call, so either every selected follow-up changes or none does.
 */
export function BulkActions({ ids, owners, onDone }: { ids: readonly string[]; owners: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const updateMany = useProcedureMutation('action.updateMany')
  const [dialog, setDialog] = useState<Dialog>(null)
  const [ownerForm] = Form.useForm<{ owner: string }>()
  const [dueForm] = Form.useForm<{ dueDate: Dayjs | null }>()
  const count = ids.length

  const apply = async (patch: { status?: 'done'; owner?: string; dueDate?: string }) => {
    try {
      await updateMany.mutateAsync({ ids: [...ids], patch })
    } catch (error) {
      void message.error(errorText(error))
      return
    }
    void message.success(t('followUps.bulk.applied', { count }))
    setDialog(null)
    onDone()
  }

  const open = (which: Exclude<Dialog, null>) => {
    ownerForm.resetFields()
    dueForm.resetFields()
    setDialog(which)
  }

  return (
    <Flex gap={8} align="center" wrap className="followup-bulk" data-testid="bulk-actions">
      <Typography.Text strong>{t('followUps.bulk.selected', { count })}</Typography.Text>
      <Button icon={<CheckOutlined />} loading={updateMany.isPending && dialog === null} onClick={() => void apply({ status: 'done' })}>
        {t('followUps.bulk.markDone')}
      </Button>
      <Button onClick={() => open('owner')}>{t('followUps.bulk.reassign')}</Button>
      <Button onClick={() => open('dueDate')}>{t('followUps.bulk.reschedule')}</Button>
      <Button type="link" onClick={onDone}>
        {t('followUps.bulk.clear')}
      </Button>

      <Modal
        open={dialog === 'owner'}
        title={t('followUps.bulk.reassignTitle', { count })}
        okText={t('followUps.bulk.apply')}
        cancelText={t('common.cancel')}
        confirmLoading={updateMany.isPending}
        onOk={() => ownerForm.submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={ownerForm} layout="vertical" name="bulkOwner" onFinish={({ owner }) => void apply({ owner: owner.trim() })}>
          <Form.Item name="owner" label={t('followUps.bulk.newOwner')} rules={[{ required: true, whitespace: true, message: t('followUps.bulk.ownerRequired') }]}>
            <AutoComplete
              autoFocus
              options={owners.map((owner) => ({ value: owner }))}
              showSearch={{ filterOption: (typed, option) => String(option?.value ?? '').includes(typed.trim()) }}
              maxLength={100}
              placeholder={t('followUps.fields.ownerPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'dueDate'}
        title={t('followUps.bulk.rescheduleTitle', { count })}
        okText={t('followUps.bulk.apply')}
        cancelText={t('common.cancel')}
        confirmLoading={updateMany.isPending}
        onOk={() => dueForm.submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form
          form={dueForm}
          layout="vertical"
          name="bulkDueDate"
          onFinish={({ dueDate }) => void apply({ dueDate: dueDate?.format('YYYY-MM-DD') ?? '' })}
        >
          <Form.Item name="dueDate" label={t('followUps.bulk.newDueDate')} extra={t('followUps.bulk.noDateHint')}>
            <DatePicker autoFocus style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  )
}
