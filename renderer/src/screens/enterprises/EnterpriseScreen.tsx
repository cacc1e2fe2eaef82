import { MergeCellsOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Result, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { invoke } from '../../api/client'
import { useDeleteWithUndo, useErrorText, useRecord } from '../../api/records'
import { HistoryButton } from '../../components/HistoryPanel'
import { enterprisePath } from '../../routes'
import { AgreementList } from '../agreements/AgreementList'
import { AttachmentPanel } from '../attachments/AttachmentPanel'
import { ActionList } from '../followUps/ActionList'
import { SurveyList } from '../surveys/SurveyList'
import { ContactsTab } from './ContactsTab'
import { DemandTab } from './DemandTab'
import { HistoryTab } from './HistoryTab'
import { ProfileTab } from './ProfileTab'
import { SummaryTab } from './SummaryTab'
import { MergeEnterpriseDialog } from './MergeEnterpriseDialog'
import { LoadError, StageTag } from './shared'
import { TimelineTab } from './TimelineTab'
import { DeleteRecordButton } from '../../components/DeleteButton'
import { ScreenBreadcrumb } from '../../layout/ScreenBreadcrumb'
import { EnterpriseFileExportButton } from '../reports/ReportExportButton'

/** The tabs of an enterprise file, in order; `summary` is the default (no tab in the path). */
export const ENTERPRISE_TABS = ['summary', 'profile', 'contacts', 'timeline', 'demand', 'history', 'agreements', 'surveys', 'followUps', 'files'] as const
export type EnterpriseTab = (typeof ENTERPRISE_TABS)[number]

function isTab(value: string | undefined): value is EnterpriseTab {
  return (ENTERPRISE_TABS as readonly string[]).includes(value ?? '')
}

/** One enterprise's file (一企一档): what it is, who to call, and everything done with it across trips. */
export function EnterpriseScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const params = useParams()
  const enterpriseId = params['enterpriseId'] ?? ''
  const tab: EnterpriseTab = isTab(params['tab']) ? params['tab'] : 'summary'
  const enterprise = useRecord('enterprise', enterpriseId)
  const deleteWithUndo = useDeleteWithUndo('enterprise')
  const [merging, setMerging] = useState(false)

  const breadcrumb = <ScreenBreadcrumb items={[{ title: t('enterprises.title'), to: '/enterprises' }, ...(enterprise.data ? [{ title: enterprise.data.name }] : [])]} />

  if (enterprise.isError) {
    const missing = (enterprise.error as { code?: string }).code === 'NOT_FOUND'
    return (
      <>
        {breadcrumb}
        {missing ? (
          <Card>
            <Result status="404" title={t('enterprises.notFound')} extra={<Link to="/enterprises">{t('common.back')}</Link>} />
          </Card>
        ) : (
          <LoadError error={enterprise.error} onRetry={() => void enterprise.refetch()} />
        )}
      </>
    )
  }
  if (!enterprise.data) {
    return (
      <>
        {breadcrumb}
        <Card>
          <Skeleton active />
        </Card>
      </>
    )
  }

  const record = enterprise.data
  async function restore() {
    try {
      await invoke('enterprise.restore', { id: record.id })
      void message.success(t('common.restored', { label: record.name }))
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  const items = [
    { key: 'summary', children: <SummaryTab enterprise={record} /> },
    { key: 'profile', children: <ProfileTab enterprise={record} /> },
    { key: 'contacts', children: <ContactsTab enterpriseId={record.id} /> },
    { key: 'timeline', children: <TimelineTab enterpriseId={record.id} /> },
    { key: 'demand', children: <DemandTab enterpriseId={record.id} /> },
    { key: 'history', children: <HistoryTab enterpriseId={record.id} /> },
    { key: 'agreements', children: <AgreementList enterpriseId={record.id} /> },
    { key: 'surveys', children: <SurveyList enterpriseId={record.id} /> },
    { key: 'followUps', children: <ActionList enterpriseId={record.id} /> },
    { key: 'files', children: <AttachmentPanel ownerKind="enterprise" ownerId={record.id} /> },
  ].map((item) => ({ ...item, label: t(`enterprises.tabs.${item.key}`) }))

  return (
    <>
      {breadcrumb}
      <Flex align="center" gap={12} style={{ marginBottom: 4 }}>
        <Tooltip title={record.name} placement="bottomLeft">
          <Typography.Title level={1} className="fb-ellipsis" style={{ margin: 0, minWidth: 0 }} data-testid="enterprise-name">
            {record.name}
          </Typography.Title>
        </Tooltip>
        <span style={{ flexShrink: 0 }}>
          <StageTag stage={record.stage} />
        </span>
        <Space wrap style={{ marginInlineStart: 'auto', flexShrink: 0 }}>
          <EnterpriseFileExportButton enterpriseId={record.id} name={record.name} />
          <HistoryButton table="enterprises" rowId={record.id} label={record.name} />
          {!record.deleted && (
            <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
              {t('enterprises.merge.button')}
            </Button>
          )}
          {!record.deleted && (
            <DeleteRecordButton
              label={record.name}
              text={t('enterprises.delete')}
              description={t('enterprises.deleteHint')}
              onConfirm={async () => {
                if (await deleteWithUndo(record.id, record.name)) void navigate('/enterprises')
              }}
            />
          )}
        </Space>
      </Flex>
      <Space size={16} wrap style={{ marginBottom: 8 }}>
        {[record.industry, record.region].filter(Boolean).map((text) => (
          <Typography.Text key={text} type="secondary">
            {text}
          </Typography.Text>
        ))}
      </Space>
      {record.deleted && (
        <Alert
          type="warning"
          showIcon
          title={t('enterprises.inTrash')}
          action={
            <Button size="small" onClick={() => void restore()}>
              {t('enterprises.restore')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <MergeEnterpriseDialog enterprise={record} open={merging} onClose={() => setMerging(false)} />
      <Tabs
        activeKey={tab}
        items={items}
        onChange={(key) => void navigate(enterprisePath(record.id, key === 'summary' ? undefined : key), { replace: true })}
      />
    </>
  )
}
