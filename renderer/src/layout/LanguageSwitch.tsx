import { TranslationOutlined } from '@ant-design/icons'
import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { rememberLanguage, type Language } from '../i18n'

/** Language names are written in their own language, so a user can always find theirs. */
export function LanguageSwitch({ block = false }: { block?: boolean }) {
  const { i18n } = useTranslation()
  return (
    <Segmented<Language>
      block={block}
      aria-label="Language / 语言"
      value={i18n.language.startsWith('zh') ? 'zh-CN' : 'en'}
      options={[
        { value: 'zh-CN', label: '中文', icon: <TranslationOutlined /> },
        { value: 'en', label: 'English' },
      ]}
      onChange={(value) => rememberLanguage(value)}
    />
  )
}
