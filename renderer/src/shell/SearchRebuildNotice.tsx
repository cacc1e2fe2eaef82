import { Progress, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import './shell.css'

/**
 * While the core refills the search index after an upgrade (in steps, the app usable meanwhile), a small
 * notice in the corner says so and how far it is; search finds only what is indexed so far.
 */
export function SearchRebuildNotice() {
  const { t } = useTranslation()
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  useEffect(
    () =>
      window.fieldbook.onEvent((event) => {
        if (event.type !== 'search.rebuild') return
        setProgress(event.finished ? null : { done: event.done, total: event.total })
      }),
    [],
  )
  if (!progress) return null
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100)
  return (
    <div className="search-rebuild-notice" role="status">
      <Typography.Text>{t('shell.searchRebuilding')}</Typography.Text>
      <Progress percent={percent} size="small" />
      <Typography.Text type="secondary">{t('shell.searchRebuildingHint')}</Typography.Text>
    </div>
  )
}
