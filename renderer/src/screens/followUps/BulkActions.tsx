import { CheckOutlined } from '@ant-design/icons'
import { App, AutoComplete, Button, DatePicker, Flex, Form, Modal, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActionOverviewItem } from '../../../../shared/procedures/demand'
import { invoke } from '../../api/client'
import { useProcedureMutation } from '../../api/queries'
import { useErrorText, useUndoMessage } from '../../api/records'

type Dialog = 'owner' | 'dueDate' | null
type BulkPatch = { status?: ActionOverviewItem['status']; owner?: string; dueDate?: string }
type BulkField = keyof BulkPatch

/** The patches that put the given follow-ups' changed field back as it was, one per earlier value. */
function undoPatches(actions: readonly ActionOverviewItem[], field: BulkField): { ids: string[]; patch: BulkPatch }[] {
  const byValue = new Map<string, string[]>()
  for (const action of actions) byValue.set(action[field], [...(byValue.get(action[field]) ?? []), action.id])
  return [...byValue].map(([value, ids]) => ({ ids, patch: { [field]: value } }))
}

/**
 * What can be done to the selected follow-ups at once: mark them done, give them to another owner, move their due
 * date. Each is one `action.updateMany` call, so either every selected follow-up changes or none does.
 */
export function BulkActions({ actions, owners, onDone }: { actions: readonly ActionOverviewItem[]; owners: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const undoMessage = useUndoMessage()
  const updateMany = useProcedureMutation('action.updateMany')
  const [dialog, setDialog] = useState<Dialog>(null)
  const [ownerForm] = Form.useForm<{ owner: string }>()
  const [dueForm] = Form.useForm<{ dueDate: Dayjs | null }>()
  const count = actions.length

  const apply = async (patch: BulkPatch) => {
    const before = actions.map((action) => ({ ...action }))
    try {
      await updateMany.mutateAsync({ ids: before.map((action) => action.id), patch })
    } catch (error) {
      void message.error(errorText(error))
      return
    }
    // A slip of the mouse should cost nothing: each follow-up gets back its own earlier value.
    undoMessage({
      key: `bulk-${Date.now()}`,
      text: t('followUps.bulk.applied', { count }),
      testId: 'undo-bulk',
      undo: async () => {
        for (const field of Object.keys(patch) as BulkField[]) {
          for (const step of undoPatches(before, field)) await invoke('action.updateMany', step)
        }
        return t('followUps.bulk.undone', { count })
      },
    })
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
