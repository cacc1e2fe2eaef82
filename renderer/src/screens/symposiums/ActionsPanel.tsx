import { CarryOutOutlined, DeleteOutlined, UserOutlined } from '@ant-design/icons'
import { App, Button, Card, Checkbox, Flex, Input, Space, Tag, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Action } from '../../../../shared/schemas/action'
import { invoke } from '../../api/client'
import { useDeleteWithUndo, useErrorText } from '../../api/records'
import { tripPath } from '../../routes'
import { isComposing, keyHint } from './shortcuts'
import { TabAutoComplete } from './TabAutoComplete'
import { ConfirmDelete } from '../../components/DeleteButton'

/** Follow-ups agreed at the meeting, created where they are said and tracked with the trip's other actions. */
export function ActionsPanel(props: {
  tripId: string
  actions: Action[]
  ownerOptions: string[]
  owner: string
  onOwnerChange: (owner: string) => void
  onAdd: (title: string) => Promise<boolean>
  inputRef: Ref<InputRef>
}) {
  const { tripId, actions, ownerOptions, owner, onOwnerChange, onAdd, inputRef } = props
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const deleteWithUndo = useDeleteWithUndo('action')
  const [text, setText] = useState('')

  async function add() {
    const title = text.trim()
    if (!title) return
    setText('')
    if (!(await onAdd(title))) setText((current) => current || title)
  }

  async function toggleDone(action: Action) {
    try {
      await invoke('action.update', { id: action.id, patch: { status: action.status === 'done' ? 'open' : 'done' } })
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  return (
    <Card
      size="small"
      title={
        <Space>
          <CarryOutOutlined />
          {t('symposiums.actions.title', { count: actions.length })}
        </Space>
      }
      extra={
        <Space size={12}>
          {actions.length > 0 && <Link to={tripPath(tripId, 'followUps')}>{t('symposiums.actions.allOfTrip')}</Link>}
          <Typography.Text type="secondary">{keyHint('A')}</Typography.Text>
        </Space>
      }
      data-testid="actions"
    >
      {actions.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('symposiums.actions.empty')}
        </Typography.Paragraph>
      )}
      {actions.map((action) => (
        <Flex key={action.id} align="flex-start" gap={8} style={{ marginBottom: 6 }} data-testid="action">
          <Checkbox checked={action.status === 'done'} onChange={() => void toggleDone(action)} aria-label={t('symposiums.actions.done')} style={{ marginTop: 2 }} />
          <Typography.Text delete={action.status === 'done'} style={{ flex: 1 }}>
            {action.title}
          </Typography.Text>
          {action.owner && (
            <Tag icon={<UserOutlined />} style={{ marginInlineEnd: 0 }}>
              {action.owner}
            </Tag>
          )}
          <ConfirmDelete label={action.title} onConfirm={() => deleteWithUndo(action.id, action.title)}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('symposiums.actions.delete')} />
          </ConfirmDelete>
        </Flex>
      ))}
      <Flex gap={8} style={{ marginTop: actions.length ? 8 : 0 }}>
        <Input
          ref={inputRef}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || isComposing(event.nativeEvent)) return
            event.preventDefault()
            void add()
          }}
          maxLength={500}
          placeholder={t('symposiums.actions.placeholder')}
          aria-label={t('symposiums.actions.inputLabel')}
          style={{ flex: 1 }}
          data-testid="action-input"
        />
        <TabAutoComplete
          value={owner}
          onChange={(value: string) => onOwnerChange(value ?? '')}
          options={ownerOptions.map((name) => ({ value: name }))}
          showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
          placeholder={t('symposiums.actions.owner')}
          aria-label={t('symposiums.actions.owner')}
          style={{ width: '100%' }}
          wrapperStyle={{ width: 120 }}
          data-testid="action-owner"
        />
      </Flex>
    </Card>
  )
}
