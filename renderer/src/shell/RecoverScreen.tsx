import { Button, Result, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import './shell.css'

/**
 * The page after its process crashed and main opened it again (electron/main/recovery.ts). The data lives in
 * the core, which did not stop, so the screen can say that nothing saved was lost.
 */
export function RecoverScreen({ reason, onContinue }: { reason: string; onContinue: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="startup-screen">
      <Result
        status="info"
        title={t('shell.recoverTitle')}
        subTitle={
          <>
            <Typography.Paragraph>{t('shell.recoverText', { reason })}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('shell.recoverHint')}</Typography.Paragraph>
          </>
        }
        extra={
          <Button type="primary" onClick={onContinue} autoFocus>
            {t('shell.recoverContinue')}
          </Button>
        }
      />
    </div>
  )
}
