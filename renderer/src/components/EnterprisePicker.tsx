import { PlusOutlined } from '@ant-design/icons'
import { App, Select, Space } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { enterpriseNameMatches, findSameEnterprise } from '../../../shared/enterprise-identity'
import { ApiError } from '../api/client'
import { useDerived } from '../api/queries'
import { useCreateRecord, useErrorText } from '../api/records'

const collator = new Intl.Collator('zh-CN', { numeric: true })

/**
 * Picks an enterprise by typing part of its name, compared by the product's rule of the same enterprise (brackets,
 * spaces, case and legal-form suffixes do not matter); when no file is that enterprise, offers to create it with the
 * typed name, so recording a new visit never means leaving the form.
 */
export function EnterprisePicker(props: {
  value?: string
  onChange?: (id: string) => void
  id?: string
  placeholder?: string
  autoFocus?: boolean
  /** false where a new file has no place (choosing what to export): only existing files are offered. */
  canCreate?: boolean
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  // The light overview rows, not whole records: a college may keep 10,000 files with long profiles.
  const enterprises = useDerived('enterprise.overview', {})
  const create = useCreateRecord('enterprise')
  const [search, setSearch] = useState('')

  const options = useMemo(() => {
    const sorted = [...(enterprises.data ?? [])].sort((a, b) => collator.compare(a.name, b.name))
    const list = sorted.map((e) => ({ value: e.id, label: e.name }))
    const typed = search.trim()
    if (props.canCreate !== false && typed && !findSameEnterprise(sorted, { name: typed, creditCode: '' })) {
      list.push({
        value: `new:${typed}`,
        label: (
          <Space>
            <PlusOutlined />
            {t('pickers.createEnterprise', { name: typed })}
          </Space>
        ) as unknown as string,
      })
    }
    return list
  }, [enterprises.data, search, t, props.canCreate])

  async function choose(value: string) {
    if (!value.startsWith('new:')) {
      props.onChange?.(value)
      return
    }
    try {
      const created = await create.mutateAsync({ name: value.slice(4) })
      setSearch('')
      props.onChange?.(created.id)
    } catch (error) {
      // A teammate's file of the same enterprise arrived meanwhile: use it rather than making a second one.
      const existingId = error instanceof ApiError && error.code === 'ENTERPRISE_DUPLICATE' ? error.details?.['enterpriseId'] : undefined
      if (typeof existingId === 'string') {
        setSearch('')
        props.onChange?.(existingId)
      } else void message.error(errorText(error))
    }
  }

  return (
    <Select
      id={props.id}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterOption: (input, option) => String(option?.value).startsWith('new:') || enterpriseNameMatches(String(option?.label), input),
      }}
      value={props.value || undefined}
      placeholder={props.placeholder ?? t('pickers.enterprisePlaceholder')}
      options={options}
      loading={enterprises.isPending || create.isPending}
      onChange={(value: string) => void choose(value)}
      autoFocus={props.autoFocus}
      style={{ width: '100%' }}
      notFoundContent={null}
    />
  )
}
