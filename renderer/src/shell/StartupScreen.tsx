import { Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import './shell.css'

/** After this long the screen says why it takes a while (a first start or an upgrade of the data). */
const SLOW_START_MS = 2500

/** Shown from the first paint until the data is open; the same place and look as the page's static one. */
export function StartupScreen() {
  const { t } = useTranslation()
  const [slow, setSlow] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_START_MS)
    return () => clearTimeout(timer)
  }, [])
  return (
    <div className="startup-screen" role="status" aria-live="polite">
      <div className="startup-brand">Fieldbook 研途</div>
      <Spin size="large" />
      <Typography.Text type="secondary">{t('shell.starting')}</Typography.Text>
      {slow && <Typography.Text type="secondary">{t('shell.startingSlow')}</Typography.Text>}
    </div>
  )
}
