import { ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons'
import { Form, Tooltip, Typography } from 'antd'
import { createContext, useContext, useEffect, type HTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { RecordKind } from '../../../../shared/procedures/records'
import { clearFieldErrors } from '../../forms/fieldErrors'
import { useAutosave, type SaveStatus } from '../../forms/useAutosave'

const RowStatus = createContext<SaveStatus>('saved')

export type RowRecord = { id: string } & Record<string, unknown>
type RowProps = HTMLAttributes<HTMLTableRowElement> & { record?: RowRecord }

/**
 * A table row that is its own autosaving form (antd's editable-row pattern): its cells hold Form.Items, each
 * edit is checked and saved on its own, and errors show under the cell that has them.
 */
export function autosaveRow(options: {
  kind: RecordKind
  patchSchema: z.ZodType
  dateFields?: readonly string[]
  /** Adjusts a change before it is saved (a cleared number meaning 0, say); returns null to keep it unsaved. */
  adjust?: (changed: Record<string, unknown>, form: ReturnType<typeof Form.useForm>[0]) => Record<string, unknown> | null
}) {
  return function AutosaveRow({ record, ...rest }: RowProps) {
    const { form, status, onValuesChange } = useAutosave({
      kind: options.kind,
      record,
      patchSchema: options.patchSchema,
      dateFields: options.dateFields,
    })
    // A save that went through settles every message, including one on a field that was fixed through another.
    useEffect(() => {
      if (status === 'saved') clearFieldErrors(form)
    }, [status, form])
    const handleChange = (changed: Record<string, unknown>) => {
      const adjusted = options.adjust ? options.adjust(changed, form) : changed
      if (adjusted) onValuesChange(adjusted)
    }
    return (
      <Form form={form} component={false} onValuesChange={handleChange}>
        <RowStatus.Provider value={status}>
          <tr {...rest} data-status={status} />
        </RowStatus.Provider>
      </Form>
    )
  }
}

/** What a row's autosave is doing, as an icon: nothing when saved, a spinner while saving, red when not saved. */
export function RowSaveStatus() {
  const { t } = useTranslation()
  const status = useContext(RowStatus)
  if (status === 'saved') return null
  if (status === 'pending' || status === 'saving') return <LoadingOutlined aria-label={t(`save.${status}`)} />
  return (
    <Tooltip title={t(`save.${status}`)}>
      <Typography.Text type="danger">
        <ExclamationCircleOutlined aria-label={t(`save.${status}`)} />
      </Typography.Text>
    </Tooltip>
  )
}

/** Hands each row its record, for `components.body.row`. */
export const rowRecord = (record: object) => ({ record }) as HTMLAttributes<HTMLElement>
