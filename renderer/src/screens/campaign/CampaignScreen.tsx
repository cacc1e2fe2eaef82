import { DownOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons'
import { App, Button, DatePicker, Dropdown, Flex, Space, Spin, Tabs, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { CAMPAIGN_EXPORT_KINDS } from '../../../../shared/procedures/campaign'
import { invoke } from '../../api/client'
import { useDerived } from '../../api/queries'
import { useErrorText } from '../../api/records'
import { CampaignLedger } from './CampaignLedger'
import { CampaignOverview } from './CampaignOverview'
import { CampaignSettingsDialog } from './CampaignSettingsDialog'
import { localToday } from './localDate'
import { QuickVisitDialog } from './QuickVisitDialog'
import { StaffDirectory } from './StaffDirectory'

const TABS = ['overview', 'ledger', 'staff'] as const
type Tab = (typeof TABS)[number]

/** The 访企拓岗 campaign across trips: progress toward the quotas, the ledger, and the people it counts. */
export function CampaignScreen() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const params = useParams()
  const tab: Tab = TABS.includes(params['tab'] as Tab) ? (params['tab'] as Tab) : 'overview'
  const today = localToday()
  // Until the user picks a range, the period of the campaign settings.
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  // The progress view needs no ledger rows: only the ledger tab asks for them.
  const figures = useDerived('campaign.figures', { today, ledger: tab === 'ledger', ...(range ?? {}) })
  const [quickOpen, setQuickOpen] = useState(false)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const period = figures.data?.period

  async function exportKind(kind: (typeof CAMPAIGN_EXPORT_KINDS)[number]) {
    try {
      const result = await invoke('campaign.export', {
        kind,
        today,
        language: i18n.language.startsWith('zh') ? 'zh' : 'en',
        ...(period ? { from: period.from, to: period.to } : {}),
      })
      if (result) void message.success(t('campaign.export.done', { name: result.fileName }))
    } catch (error) {
      void message.error(errorText(error))
    }
  }

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('campaign.title')}
        </Typography.Title>
        <Space wrap>
          <Space size={4}>
            <Typography.Text type="secondary">{t('campaign.period')}</Typography.Text>
            <DatePicker.RangePicker
              allowClear={false}
              value={period ? [dayjs(period.from), dayjs(period.to)] : null}
              onChange={(values) => {
                if (values?.[0] && values[1]) setRange({ from: values[0].format('YYYY-MM-DD'), to: values[1].format('YYYY-MM-DD') })
              }}
              data-testid="campaign-period"
            />
          </Space>
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="campaign-settings">
            {t('campaign.settings')}
          </Button>
          <Dropdown
            menu={{
              items: CAMPAIGN_EXPORT_KINDS.map((kind) => ({ key: kind, label: t(`campaign.export.${kind}`), 'data-testid': `campaign-export-${kind}` })),
              onClick: ({ key }) => void exportKind(key as (typeof CAMPAIGN_EXPORT_KINDS)[number]),
            }}
          >
            <Button data-testid="campaign-export">
              <Space>
                {t('campaign.export.button')}
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setQuickOpen(true)} data-testid="quick-visit-open">
            {t('campaign.quickVisit')}
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('campaign.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(key === 'overview' ? '/campaign' : `/campaign/${key}`)}
        items={TABS.map((key) => ({ key, label: <span data-testid={`campaign-tab-${key}`}>{t(`campaign.tabs.${key}`)}</span> }))}
      />
      {tab === 'staff' ? (
        <StaffDirectory />
      ) : !figures.data ? (
        <Flex justify="center" style={{ padding: 48 }}>
          {figures.error ? <Typography.Text type="danger">{errorText(figures.error)}</Typography.Text> : <Spin />}
        </Flex>
      ) : tab === 'overview' ? (
        <CampaignOverview figures={figures.data} today={today} />
      ) : (
        <CampaignLedger rows={figures.data.ledger} />
      )}
      <QuickVisitDialog open={quickOpen} onClose={() => setQuickOpen(false)} today={today} />
      <CampaignSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} today={today} />
    </>
  )
}
