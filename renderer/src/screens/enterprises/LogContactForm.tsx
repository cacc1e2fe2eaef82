import { PlusOutlined } from '@ant-design/icons'
import { App, AutoComplete, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { LogInteractionInput } from '../../../../shared/procedures/relationship'
import type { Contact } from '../../../../shared/schemas/enterprise'
import { INTERACTION_CHANNELS, type InteractionChannel } from '../../../../shared/schemas/interaction'
import { ApiError } from '../../api/client'
import { useProcedureMutation } from '../../api/queries'
import { useErrorText } from '../../api/records'
import { showFieldErrors, validateWith } from '../../forms/fieldErrors'
import { clearErrorsOnChange, focusFirstError } from './shared'

interface Values {
  channel: InteractionChannel
  date: Dayjs | null
  ourSide?: string
  theirSide?: string
  summary?: string
  nextStep?: string
  createFollowUp: boolean
  followUpDueDate: Dayjs | null
}

/** The contact log's date picker holds dayjs values; the schema's error for `date` lands on it as is. */
const FIELD_MAP = { contactId: 'theirSide' }

/**
 * 记一笔往来: one line — channel, date, who of ours, with whom, what, next step — and, ticked, a follow-up made of the
 * next step in the same save. With whom is offered from the enterprise's contacts; a name typed that is one of
 * them links the entry to that contact.
 */
export function LogContactForm({ enterpriseId, contacts, today }: { enterpriseId: string; contacts: readonly Contact[]; today: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Values>()
  const createFollowUp = Form.useWatch('createFollowUp', form)
  const log = useProcedureMutation('interaction.log')

  async function submit(values: Values) {
    const theirSide = (values.theirSide ?? '').trim()
    const contact = contacts.find((c) => c.name === theirSide)
    const input = validateWith(
      LogInteractionInput,
      {
        enterpriseId,
        channel: values.channel,
        date: values.date?.format('YYYY-MM-DD') ?? '',
        ourSide: values.ourSide ?? '',
        contactId: contact?.id ?? '',
        theirSide,
        summary: values.summary ?? '',
        nextStep: values.nextStep ?? '',
        createFollowUp: values.createFollowUp,
        followUpDueDate: values.createFollowUp ? (values.followUpDueDate?.format('YYYY-MM-DD') ?? '') : '',
      },
      form,
      t,
      FIELD_MAP,
    )
    if (!input) return focusFirstError(form)
    if (log.isPending) return
    try {
      const result = await log.mutateAsync(input)
      // Channel, date and who of ours usually repeat for the next entry; what was said does not.
      form.setFieldsValue({ theirSide: '', summary: '', nextStep: '', createFollowUp: false, followUpDueDate: null })
      void message.success(result.action ? t('relationship.log.savedWithFollowUp', { title: result.action.title }) : t('relationship.log.saved'))
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) showFieldErrors(form, t, error.fieldErrors, FIELD_MAP)
      else void message.error(errorText(error))
    }
  }

  const label = (key: string) => t(`relationship.fields.${key}`)
  return (
    <Card size="small" title={t('relationship.log.title')} data-testid="log-contact">
      <Form<Values>
        form={form}
        name="log-contact"
        layout="inline"
        style={{ rowGap: 8 }}
        initialValues={{ channel: 'phone', date: dayjs(today), createFollowUp: false, followUpDueDate: null }}
        onValuesChange={clearErrorsOnChange(form)}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="channel" style={{ width: 112 }}>
          <Select aria-label={label('channel')} options={INTERACTION_CHANNELS.map((value) => ({ value, label: t(`relationship.channels.${value}`) }))} />
        </Form.Item>
        <Form.Item name="date" style={{ width: 136 }}>
          <DatePicker aria-label={label('date')} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ourSide" style={{ width: 120 }}>
          <Input aria-label={label('ourSide')} placeholder={t('relationship.log.ourSidePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item name="theirSide" style={{ width: 190 }}>
          <AutoComplete
            aria-label={label('theirSide')}
            placeholder={t('relationship.log.theirSidePlaceholder')}
            options={contacts.map((c) => ({ value: c.name, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
          />
        </Form.Item>
        <Form.Item name="summary" style={{ flex: '1 1 320px', marginInlineEnd: 0 }}>
          <Input aria-label={label('summary')} placeholder={t('relationship.log.summaryPlaceholder')} maxLength={2000} />
        </Form.Item>
        <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
          <Form.Item name="nextStep" style={{ flex: '1 1 300px' }}>
            <Input aria-label={label('nextStep')} placeholder={t('relationship.log.nextStepPlaceholder')} maxLength={500} />
          </Form.Item>
          <Form.Item name="createFollowUp" valuePropName="checked">
            <Checkbox>{t('relationship.log.createFollowUp')}</Checkbox>
          </Form.Item>
          {createFollowUp && (
            <Form.Item name="followUpDueDate" style={{ width: 150 }}>
              <DatePicker aria-label={t('relationship.log.followUpDueDate')} placeholder={t('relationship.log.followUpDueDate')} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={log.isPending}>
              {t('relationship.log.save')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
    </Card>
  )
}
