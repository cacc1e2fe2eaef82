import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons'
import { Avatar, Button, Flex, Form, Input, Tooltip } from 'antd'
import type { InputRef } from 'antd'
import type { TextAreaRef } from 'antd/es/input/TextArea'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { VisitStopPatch, type VisitStop } from '../../../../shared/schemas/visit'
import { useAutosave, type SaveStatus } from '../../forms/useAutosave'
import { ConfirmDelete } from '../../components/DeleteButton'
import { lengthCount } from '../../forms/limits'

/** One stop of a site visit: where, and what the group saw there; saves as it is typed. */
export function StopEditor(props: {
  stop: VisitStop
  index: number
  isLast: boolean
  focusOnMount: boolean
  onAddStop: () => void
  onMove: (direction: 'up' | 'down') => void
  onDelete: (label: string) => void
  reportStatus: (key: string, status: SaveStatus) => void
}) {
  const { stop, index, isLast, reportStatus } = props
  const { t } = useTranslation()
  const { form, status, onValuesChange } = useAutosave({ kind: 'visitStop', record: stop, patchSchema: VisitStopPatch })
  const placeRef = useRef<InputRef>(null)
  const observationRef = useRef<TextAreaRef>(null)
  const label = stop.place || t('visits.stops.numbered', { n: index + 1 })

  useEffect(() => reportStatus(stop.id, status), [reportStatus, stop.id, status])
  useEffect(() => () => reportStatus(stop.id, 'saved'), [reportStatus, stop.id])
  useEffect(() => {
    if (props.focusOnMount) placeRef.current?.focus()
  }, [props.focusOnMount])

  function onPlaceKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    // An IME uses Enter to commit what is being composed: that Enter is not ours.
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.shiftKey) return
    event.preventDefault()
    const place = String(form.getFieldValue('place') ?? '').trim()
    if (isLast && place) props.onAddStop()
    else observationRef.current?.focus()
  }

  return (
    <Flex gap={12} style={{ padding: '12px 0', borderTop: index > 0 ? '1px solid #f0f0f0' : undefined }} data-testid="visit-stop" data-stop-id={stop.id}>
      <Avatar size="small" style={{ background: '#1f6f5c', flex: 'none', marginTop: 4 }}>
        {index + 1}
      </Avatar>
      <Form form={form} name={`stop-${stop.id}`} onValuesChange={onValuesChange} style={{ flex: 1, minWidth: 0 }} layout="vertical">
        <Form.Item name="place" style={{ marginBottom: 8 }}>
          <Input
            ref={placeRef}
            placeholder={t('visits.stops.placePlaceholder')}
            aria-label={t('visits.stops.placeLabel', { n: index + 1 })}
            count={lengthCount(VisitStopPatch, 'place')}
            onKeyDown={onPlaceKeyDown}
            style={{ fontWeight: 600 }}
          />
        </Form.Item>
        <Form.Item name="observation" style={{ marginBottom: 0 }}>
          <Input.TextArea
            ref={observationRef}
            placeholder={t('visits.stops.observationPlaceholder')}
            aria-label={t('visits.stops.observationLabel', { n: index + 1 })}
            autoSize={{ minRows: 2, maxRows: 12 }}
            count={lengthCount(VisitStopPatch, 'observation')}
          />
        </Form.Item>
      </Form>
      {/* After the fields in the tab order: Tab goes from a place straight to what was seen there. */}
      <Flex vertical gap={2} style={{ flex: 'none' }}>
        <Tooltip title={t('visits.stops.moveUp')} placement="left">
          <Button type="text" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('visits.stops.moveUp')} onClick={() => props.onMove('up')} />
        </Tooltip>
        <Tooltip title={t('visits.stops.moveDown')} placement="left">
          <Button type="text" icon={<ArrowDownOutlined />} disabled={isLast} aria-label={t('visits.stops.moveDown')} onClick={() => props.onMove('down')} />
        </Tooltip>
        <ConfirmDelete label={label} onConfirm={() => props.onDelete(label)}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('visits.stops.delete')} />
        </ConfirmDelete>
      </Flex>
    </Flex>
  )
}
