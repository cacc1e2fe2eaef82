import { App, Form, Modal, Select, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { enterpriseNameMatches, SameEnterpriseIndex } from '../../../../shared/enterprise-identity'
import type { Enterprise } from '../../../../shared/schemas/enterprise'
import { invoke } from '../../api/client'
import { useDerived } from '../../api/queries'
import { useErrorText } from '../../api/records'

const collator = new Intl.Collator('zh-CN', { numeric: true })

/**
 * Merges a second file of the same enterprise into this one. Files the product takes for the same enterprise
 * (same name key or credit code) are offered first; any other live file can be chosen, since only people know
 * that "汇润苏州工厂" and "汇润集团（苏州）" are one company.
 */
export function MergeEnterpriseDialog(props: { enterprise: Enterprise; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const overview = useDerived('enterprise.overview', {}, props.open)
  const [mergeId, setMergeId] = useState<string>()
  const [busy, setBusy] = useState(false)

  const options = useMemo(() => {
    const others = (overview.data ?? []).filter((e) => e.id !== props.enterprise.id).sort((a, b) => collator.compare(a.name, b.name))
    const index = new SameEnterpriseIndex((e: { name: string; creditCode: string }) => e).add(props.enterprise)
    const same = others.filter((e) => index.find(e))
    const rest = others.filter((e) => !index.find(e))
    const option = (e: (typeof others)[number]) => ({ value: e.id, label: e.name })
    return [
      ...(same.length > 0 ? [{ label: t('enterprises.merge.suggested'), options: same.map(option) }] : []),
      ...(rest.length > 0 ? [{ label: t('enterprises.title'), options: rest.map(option) }] : []),
    ]
  }, [overview.data, props.enterprise, t])

  function close() {
    setMergeId(undefined)
    props.onClose()
  }

  async function merge() {
    if (!mergeId || busy) return
    const name = overview.data?.find((e) => e.id === mergeId)?.name ?? ''
    setBusy(true)
    try {
      const result = await invoke('enterprise.merge', { keepId: props.enterprise.id, mergeId })
      const count = Object.values(result.moved).reduce((sum, n) => sum + n, 0)
      void message.success(t('enterprises.merge.done', { name, count }))
      close()
    } catch (error) {
      void message.error(errorText(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={props.open}
      title={t('enterprises.merge.title', { name: props.enterprise.name })}
      okText={t('enterprises.merge.confirm')}
      okButtonProps={{ disabled: !mergeId, danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => void merge()}
      onCancel={close}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item label={t('enterprises.merge.pick')} htmlFor="merge-enterprise">
          <Select
            id="merge-enterprise"
            value={mergeId}
            onChange={setMergeId}
            options={options}
            placeholder={t('enterprises.merge.pickPlaceholder')}
            loading={overview.isPending}
            showSearch={{ filterOption: (input, option) => enterpriseNameMatches(String(option?.label ?? ''), input) }}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('enterprises.merge.explain')}</Typography.Paragraph>
    </Modal>
  )
}
