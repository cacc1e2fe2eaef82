import { AutoComplete, Card, Col, Form, Input, Radio, Row, Select } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { COOPERATION_STAGES, ENTERPRISE_SIZES, EnterprisePatch, type Enterprise } from '../../../../shared/schemas/enterprise'
import type { EnterpriseSummary } from '../../../../shared/procedures/enterprise-file'
import { useProcedure } from '../../api/queries'
import { SaveStatusTag } from '../../components/SaveStatusTag'
import { useAutosave } from '../../forms/useAutosave'
import { nameCollator } from './shared'
import { lengthCount } from '../../forms/limits'

/** Values other files already use, most common first: typing "智" offers "智能制造" as spelled before. */
function suggestions(enterprises: readonly EnterpriseSummary[] | undefined, pick: (e: EnterpriseSummary) => string[]) {
  const counts = new Map<string, number>()
  for (const enterprise of enterprises ?? []) for (const value of pick(enterprise)) if (value) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1] || nameCollator.compare(a[0], b[0]))
    .slice(0, 200)
    .map(([value]) => ({ value }))
}

const matches = (input: string, option?: { value: string }) => (option?.value ?? '').toLowerCase().includes(input.trim().toLowerCase())

/** The enterprise's details; every change saves itself, wrong values show on their field and are not saved. */
export function ProfileTab({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation()
  const { form, status, onValuesChange } = useAutosave({ kind: 'enterprise', record: enterprise, patchSchema: EnterprisePatch })
  // Loaded once when the file opens: suggestions need not follow every keystroke saved (nor refetch 10,000 rows).
  const all = useProcedure('enterprise.overview', {}, ['enterprise-suggestions'])
  const industries = useMemo(() => suggestions(all.data, (e) => [e.industry]), [all.data])
  const regions = useMemo(() => suggestions(all.data, (e) => [e.region]), [all.data])
  const tags = useMemo(() => suggestions(all.data, (e) => e.tags), [all.data])
  const readOnly = enterprise.deleted

  return (
    <Card extra={<SaveStatusTag status={status} />} title={t('enterprises.tabs.profile')}>
      <Form form={form} name="enterprise-profile" layout="vertical" onValuesChange={onValuesChange} disabled={readOnly}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="name" label={t('enterprises.fields.name')} required>
              <Input placeholder={t('enterprises.fields.namePlaceholder')} count={lengthCount(EnterprisePatch, 'name')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="creditCode" label={t('enterprises.fields.creditCode')}>
              <Input placeholder={t('enterprises.fields.creditCodePlaceholder')} maxLength={24} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="industry" label={t('enterprises.fields.industry')}>
              <AutoComplete options={industries} filterOption={matches} placeholder={t('enterprises.fields.industryPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="region" label={t('enterprises.fields.region')}>
              <AutoComplete options={regions} filterOption={matches} placeholder={t('enterprises.fields.regionPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="size" label={t('enterprises.fields.size')}>
              <Select
                options={ENTERPRISE_SIZES.map((value) => ({ value, label: t(`enterprises.size.${value || 'none'}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="address" label={t('enterprises.fields.address')}>
              <Input count={lengthCount(EnterprisePatch, 'address')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="website" label={t('enterprises.fields.website')}>
              <Input placeholder={t('enterprises.fields.websitePlaceholder')} count={lengthCount(EnterprisePatch, 'website')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="wechatAccount" label={t('enterprises.fields.wechatAccount')}>
              <Input count={lengthCount(EnterprisePatch, 'wechatAccount')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="stage" label={t('enterprises.fields.stage')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={COOPERATION_STAGES.map((value) => ({ value, label: t(`enterprises.stage.${value}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="owner" label={t('enterprises.fields.owner')}>
              <Input placeholder={t('enterprises.fields.ownerPlaceholder')} maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="tags" label={t('enterprises.fields.tags')}>
              <Select mode="tags" options={tags} placeholder={t('enterprises.fields.tagsPlaceholder')} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="profile" label={t('enterprises.fields.profile')}>
              <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} placeholder={t('enterprises.fields.profilePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  )
}
