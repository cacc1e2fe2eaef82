import { FileWordOutlined, HistoryOutlined } from '@ant-design/icons'
import { Button, Drawer, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ENTERPRISE_REPORT_KINDS, ReportExportForm, TRIP_REPORT_KINDS } from './ReportExportForm'

/**
 * A primary action where people work that opens the export options in place: on a trip its documents (research
 * report, news brief, talent demand), on an enterprise its file. The export joins the Documents screen's history.
 */
export function ReportExportButton(props: { scope: 'trip' | 'enterprise'; id: string; name: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const label = props.scope === 'trip' ? t('reports.exportFromTrip') : t('reports.exportFromEnterprise')
  return (
    <>
      <Button type="primary" icon={<FileWordOutlined />} onClick={() => setOpen(true)} data-testid={`export-${props.scope}-documents`}>
        {label}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={560}
        title={
          <Typography.Text ellipsis={{ tooltip: props.name }} style={{ maxWidth: '100%' }}>
            {t('reports.exportOf', { name: props.name })}
          </Typography.Text>
        }
        extra={
          <Link to="/reports">
            <HistoryOutlined /> {t('reports.allExports')}
          </Link>
        }
        destroyOnHidden
        data-testid="report-export-drawer"
      >
        {props.scope === 'trip' ? (
          <ReportExportForm kinds={TRIP_REPORT_KINDS} tripId={props.id} />
        ) : (
          <ReportExportForm kinds={ENTERPRISE_REPORT_KINDS} enterpriseId={props.id} />
        )}
      </Drawer>
    </>
  )
}

/** The enterprise screen's "导出一企一档": the enterprise's file and its talent demand, exported in place. */
export function EnterpriseFileExportButton({ enterpriseId, name }: { enterpriseId: string; name: string }) {
  // It sits in the header's row of actions, before the history button.
  return (
    <span style={{ marginInlineEnd: 8 }}>
      <ReportExportButton scope="enterprise" id={enterpriseId} name={name} />
    </span>
  )
}
