import { Button, Card, Empty, Result, Space, Tag, Typography, type FormInstance } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Enterprise } from '../../../../shared/schemas/enterprise'
import { useErrorText } from '../../api/records'

/** Pinyin order for Chinese names, natural order for numbers in them ("2号" before "10号"). */
export const nameCollator = new Intl.Collator('zh-CN', { numeric: true })

export type Stage = Enterprise['stage']

/** Cold to warm, then paused: the colour says at a glance how far the cooperation has come. */
export const STAGE_COLORS: Record<Stage, string> = {
  prospect: 'default',
  contacted: 'blue',
  negotiating: 'gold',
  cooperating: 'green',
  paused: 'volcano',
}

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useTranslation()
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="stage-tag">
      {t(`enterprises.stage.${stage}`)}
    </Tag>
  )
}

/** The empty state of a tab: what belongs here and how to put it there. */
export function EmptyHint(props: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text strong>{props.title}</Typography.Text>
          {props.hint && (
            <Typography.Text type="secondary" style={{ maxWidth: 520, display: 'inline-block' }}>
              {props.hint}
            </Typography.Text>
          )}
        </Space>
      }
    >
      {props.children}
    </Empty>
  )
}

/** A query that failed, in the user's language, with a way to try again. */
export function LoadError(props: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  return (
    <Card>
      <Result
        status="warning"
        title={errorText(props.error)}
        extra={<Button onClick={props.onRetry}>{t('common.retry')}</Button>}
      />
    </Card>
  )
}

/** For forms checked on submit: a field's error goes away as soon as the user changes that field. */
export function clearErrorsOnChange(form: FormInstance) {
  return (changed: Record<string, unknown>) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))
}

/** After a refused submit, the cursor goes to the first field with an error, so the user can fix it by typing. */
export function focusFirstError(form: FormInstance) {
  const first = form.getFieldsError().find((field) => field.errors.length > 0)
  if (first) form.focusField(first.name)
}
