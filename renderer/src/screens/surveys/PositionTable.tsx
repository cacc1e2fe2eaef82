import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Flex, Form, Input, InputNumber, Select, Space, Statistic, Table, Typography, type InputRef, type SelectProps } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import i18next from 'i18next'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { EDUCATION_LEVELS, POSITION_KINDS, PositionInput, PositionPatch, type Position } from '../../../../shared/schemas/survey'
import { ApiError } from '../../api/client'
import { useCreateRecord, useDeleteWithUndo, useErrorText, useRecords } from '../../api/records'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { OptionalNumber } from '../agreements/OptionalNumber'
import { autosaveRow, RowSaveStatus, rowRecord } from './AutosaveRow'
import { ConfirmDelete } from '../../components/DeleteButton'
import { lengthCount } from '../../forms/limits'

/** Counters in table cells and quick-add lines show only near their limit. */
const QUIET = { quiet: true }

/** A cleared headcount is a mistake to point out, a cleared pay bound means "not stated", a cleared education "". */
const PositionRow = autosaveRow({
  kind: 'position',
  patchSchema: PositionPatch,
  adjust: (changed, form) => {
    const patch = { ...changed }
    if ('headcount' in patch && (patch['headcount'] === null || patch['headcount'] === undefined)) {
      form.setFields([{ name: 'headcount', errors: [i18next.t('validation.required')] }])
      delete patch['headcount']
      if (Object.keys(patch).length === 0) return null
    }
    for (const field of ['payMin', 'payMax']) if (field in patch && patch[field] === null) patch[field] = 0
    if ('education' in patch && !patch['education']) patch['education'] = ''
    return patch
  },
})

const cell = { style: { marginBottom: 0 } }

/** "Not stated" is stored as '' but shown as the placeholder. */
function EducationSelect({ value, onChange, ...rest }: Omit<SelectProps<string>, 'value' | 'onChange'> & { value?: string; onChange?: (value: string) => void }) {
  return <Select<string> {...rest} value={value || undefined} onChange={(next) => onChange?.(next ?? '')} />
}

interface QuickAdd {
  title?: string
  headcount?: number | null
  kind?: Position['kind']
}

/** Positions a survey's enterprise wants filled: a spreadsheet-like table, every cell saved as it is typed. */
export function PositionTable({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const positions = useRecords('position', { surveyId })
  const create = useCreateRecord('position')
  const deleteWithUndo = useDeleteWithUndo('position')
  const [quick] = Form.useForm<QuickAdd>()
  const titleInput = useRef<InputRef>(null)
  const rows = positions.data ?? []

  const total = (kind?: Position['kind']) => rows.filter((p) => !kind || p.kind === kind).reduce((sum, p) => sum + p.headcount, 0)

  async function add() {
    const values = quick.getFieldsValue(true) as QuickAdd
    const input = validateWith(
      PositionInput,
      { surveyId, title: values.title ?? '', headcount: values.headcount ?? undefined, kind: values.kind ?? 'employment' },
      quick,
      t,
    )
    if (!input) return
    try {
      await create.mutateAsync(input)
      quick.setFieldsValue({ title: '', headcount: null })
      titleInput.current?.focus()
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(quick, t, error.fieldErrors)
      else void message.error(errorText(error))
    }
  }

  // Two fields to a cell, one above the other, so the whole row fits a laptop screen without scrolling sideways.
  const columns: ColumnsType<Position> = [
    {
      title: t('surveys.positions.title'),
      key: 'title',
      width: 180,
      render: () => (
        <Form.Item name="title" {...cell}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} count={lengthCount(PositionPatch, 'title', QUIET)} aria-label={t('surveys.positions.title')} />
        </Form.Item>
      ),
    },
    {
      title: `${t('surveys.positions.headcount')} · ${t('surveys.positions.kind')}`,
      key: 'headcount',
      width: 130,
      render: () => (
        <Flex vertical gap={6}>
          <Form.Item name="headcount" {...cell}>
            <InputNumber<number> style={{ width: '100%' }} aria-label={t('surveys.positions.headcount')} />
          </Form.Item>
          <Form.Item name="kind" {...cell}>
            <Select
              aria-label={t('surveys.positions.kind')}
              options={POSITION_KINDS.map((kind) => ({ value: kind, label: t(`surveys.positionKinds.${kind}`) }))}
            />
          </Form.Item>
        </Flex>
      ),
    },
    {
      title: `${t('surveys.positions.majors')} · ${t('surveys.positions.education')}`,
      key: 'majors',
      width: 210,
      render: () => (
        <Flex vertical gap={6}>
          <Form.Item name="majors" {...cell}>
            <Select
              mode="tags"
              open={false}
              tokenSeparators={[',', '，', '、']}
              placeholder={t('surveys.positions.majorsPlaceholder')}
              aria-label={t('surveys.positions.majors')}
            />
          </Form.Item>
          <Form.Item name="education" {...cell}>
            <EducationSelect
              allowClear
              placeholder={t('surveys.positions.education')}
              aria-label={t('surveys.positions.education')}
              options={EDUCATION_LEVELS.filter(Boolean).map((level) => ({ value: level, label: t(`surveys.education.${level}`) }))}
            />
          </Form.Item>
        </Flex>
      ),
    },
    {
      title: `${t('surveys.positions.skills')} · ${t('surveys.positions.certificates')}`,
      key: 'skills',
      render: () => (
        <Flex vertical gap={6} style={{ minWidth: 180 }}>
          <Form.Item name="skills" {...cell}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              count={lengthCount(PositionPatch, 'skills', QUIET)}
              placeholder={t('surveys.positions.skills')}
              aria-label={t('surveys.positions.skills')}
            />
          </Form.Item>
          <Form.Item name="certificates" {...cell}>
            <Input count={lengthCount(PositionPatch, 'certificates', QUIET)} placeholder={t('surveys.positions.certificates')} aria-label={t('surveys.positions.certificates')} />
          </Form.Item>
        </Flex>
      ),
    },
    {
      title: `${t('surveys.positions.pay')} · ${t('surveys.positions.startTiming')}`,
      key: 'pay',
      width: 200,
      render: () => (
        <Flex vertical gap={6}>
          <Flex gap={4} align="start">
            <Form.Item name="payMin" {...cell}>
              <OptionalNumber placeholder={t('surveys.positions.payMin')} aria-label={t('surveys.positions.payMin')} style={{ width: '100%' }} />
            </Form.Item>
            <span style={{ lineHeight: '32px' }}>–</span>
            <Form.Item name="payMax" {...cell}>
              <OptionalNumber placeholder={t('surveys.positions.payMax')} aria-label={t('surveys.positions.payMax')} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name="startTiming" {...cell}>
            <Input count={lengthCount(PositionPatch, 'startTiming', QUIET)} placeholder={t('surveys.positions.startTimingPlaceholder')} aria-label={t('surveys.positions.startTiming')} />
          </Form.Item>
        </Flex>
      ),
    },
    {
      key: 'actions',
      width: 64,
      render: (_, position) => (
        <Flex gap={4} align="center">
          <ConfirmDelete label={position.title} onConfirm={() => deleteWithUndo(position.id, position.title)}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </ConfirmDelete>
          <RowSaveStatus />
        </Flex>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex gap={40} wrap data-testid="position-totals">
        <Statistic title={t('surveys.totals.employment')} value={total('employment')} suffix={t('surveys.people')} />
        <Statistic title={t('surveys.totals.internship')} value={total('internship')} suffix={t('surveys.people')} />
        <Statistic title={t('surveys.totals.all')} value={total()} suffix={t('surveys.people')} data-testid="position-total" />
      </Flex>
      <Table<Position>
        rowKey="id"
        size="small"
        loading={positions.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        components={{ body: { row: PositionRow } }}
        onRow={rowRecord}
        locale={{ emptyText: <Typography.Text type="secondary">{t('surveys.positions.empty')}</Typography.Text> }}
      />
      <Form form={quick} layout="inline" initialValues={{ kind: 'employment' }} data-testid="position-quick-add">
        <Form.Item name="title" style={{ width: 260 }}>
          <Input ref={titleInput} placeholder={t('surveys.positions.quickTitle')} count={lengthCount(PositionInput, 'title', QUIET)} onPressEnter={() => void add()} />
        </Form.Item>
        <Form.Item name="headcount" style={{ width: 140 }}>
          <InputNumber<number> placeholder={t('surveys.positions.headcount')} style={{ width: '100%' }} onPressEnter={() => void add()} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            style={{ width: 110 }}
            options={POSITION_KINDS.map((kind) => ({ value: kind, label: t(`surveys.positionKinds.${kind}`) }))}
          />
        </Form.Item>
        <Button icon={<PlusOutlined />} onClick={() => void add()} loading={create.isPending}>
          {t('surveys.positions.add')}
        </Button>
      </Form>
    </Space>
  )
}
