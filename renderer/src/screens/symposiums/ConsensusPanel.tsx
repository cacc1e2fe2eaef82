import { CheckCircleOutlined, DeleteOutlined } from '@ant-design/icons'
import { App, Button, Card, Flex, Input, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useCallback, useEffect, useRef, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { Symposium } from '../../../../shared/schemas/symposium'
import { invoke } from '../../api/client'
import { useErrorText } from '../../api/records'
import { isComposing, keyHint } from './shortcuts'
import { useUndoMessage } from './undo'
import { ConfirmDelete } from '../../components/DeleteButton'

/**
 * The consensus points of a symposium (an ordered list of sentences in the record). Writes are queued and each
 * starts from the list the previous one returned, so two points added in quick succession are both kept.
 */
export function useConsensus(symposium: Symposium | undefined) {
  const { message } = App.useApp()
  const errorText = useErrorText()
  const latest = useRef<string[]>([])
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const id = symposium?.id
  useEffect(() => {
    if (symposium) latest.current = symposium.consensus
  }, [symposium])

  const change = useCallback(
    (edit: (points: string[]) => string[]): Promise<boolean> => {
      const run = async () => {
        if (!id) return false
        try {
          const saved = await invoke('symposium.update', { id, patch: { consensus: edit(latest.current) } })
          latest.current = saved.consensus
          return true
        } catch (error) {
          void message.error(errorText(error))
          return false
        }
      }
      const next = queue.current.then(run)
      queue.current = next
      return next
    },
    [id, message, errorText],
  )
  return { change }
}

export function ConsensusPanel(props: {
  points: string[]
  change: (edit: (points: string[]) => string[]) => Promise<boolean>
  inputRef: Ref<InputRef>
}) {
  const { points, change, inputRef } = props
  const { t } = useTranslation()
  const showUndo = useUndoMessage()
  const [text, setText] = useState('')

  async function add() {
    const point = text.trim()
    if (!point) return
    setText('')
    if (!(await change((list) => [...list, point]))) setText((current) => current || point)
  }

  async function remove(index: number) {
    const point = points[index]!
    if (!(await change((list) => list.filter((_, i) => i !== index)))) return
    showUndo(point, () => change((list) => [...list.slice(0, index), point, ...list.slice(index)]))
  }

  return (
    <Card
      size="small"
      title={
        <Space>
          <CheckCircleOutlined />
          {t('symposiums.consensus.title', { count: points.length })}
        </Space>
      }
      extra={<Typography.Text type="secondary">{keyHint('C')}</Typography.Text>}
      data-testid="consensus"
    >
      {points.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('symposiums.consensus.empty')}
        </Typography.Paragraph>
      )}
      <ol style={{ paddingInlineStart: 20, margin: points.length ? '0 0 8px' : 0 }}>
        {points.map((point, index) => (
          <li key={`${index}-${point}`} data-testid="consensus-point">
            <Flex align="flex-start" gap={4}>
              <Typography.Paragraph
                style={{ flex: 1, marginBottom: 4 }}
                editable={{
                  tooltip: t('common.edit'),
                  onChange: (value) => {
                    const edited = value.trim()
                    if (!edited) void remove(index)
                    else if (edited !== point) void change((list) => list.map((p, i) => (i === index ? edited : p)))
                  },
                }}
              >
                {point}
              </Typography.Paragraph>
              <ConfirmDelete label={point.length > 20 ? `${point.slice(0, 20)}…` : point} onConfirm={() => remove(index)}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('symposiums.consensus.delete')} />
              </ConfirmDelete>
            </Flex>
          </li>
        ))}
      </ol>
      <Input
        ref={inputRef}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || isComposing(event.nativeEvent)) return
          event.preventDefault()
          void add()
        }}
        maxLength={2000}
        placeholder={t('symposiums.consensus.placeholder')}
        aria-label={t('symposiums.consensus.inputLabel')}
        data-testid="consensus-input"
      />
    </Card>
  )
}
