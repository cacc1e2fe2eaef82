import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createHashRouter, Navigate, RouterProvider } from 'react-router'
import { createQueryClient, useDataChangedEvents } from './api/queries'
import { ScreenError } from './components/ErrorBoundaries'
import { AppLayout } from './layout/AppLayout'
import { CampaignScreen } from './screens/campaign/CampaignScreen'
import { AgreementScreen } from './screens/agreements/AgreementScreen'
import { EnterpriseScreen } from './screens/enterprises/EnterpriseScreen'
import { EnterprisesScreen } from './screens/enterprises/EnterprisesScreen'
import { FollowUpsScreen } from './screens/followUps/FollowUpsScreen'
import { ReportsScreen } from './screens/reports/ReportsScreen'
import { SearchScreen } from './screens/search/SearchScreen'
import { SettingsScreen } from './screens/SettingsScreen'
import { SurveyScreen } from './screens/surveys/SurveyScreen'
import { SymposiumScreen } from './screens/symposiums/SymposiumScreen'
import { SyncScreen } from './screens/sync/SyncScreen'
import { TrashScreen } from './screens/trash/TrashScreen'
import { TripScreen } from './screens/trip/TripScreen'
import { TripsScreen } from './screens/trips/TripsScreen'
import { VisitScreen } from './screens/visits/VisitScreen'
import { StartupGate } from './shell/StartupGate'

const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        // Every screen renders inside this boundary: one that fails shows what could not be shown, with the
        // navigation still around it.
        errorElement: <ScreenError />,
        children: [
      { index: true, element: <Navigate to="/trips" replace /> },
      { path: 'trips', element: <TripsScreen /> },
      // A trip's tabs: overview (dashboard), group, itinerary, visits, symposiums, agreements, surveys, follow-ups, notes.
      { path: 'trips/:tripId/:tab?', element: <TripScreen /> },
      { path: 'visits/:visitId', element: <VisitScreen /> },
      { path: 'symposiums/:symposiumId', element: <SymposiumScreen /> },
      { path: 'agreements/:agreementId', element: <AgreementScreen /> },
      { path: 'surveys/:surveyId', element: <SurveyScreen /> },
      { path: 'enterprises', element: <EnterprisesScreen /> },
      { path: 'enterprises/:enterpriseId/:tab?', element: <EnterpriseScreen /> },
      { path: 'search', element: <SearchScreen /> },
      { path: 'follow-ups', element: <FollowUpsScreen /> },
      { path: 'campaign/:tab?', element: <CampaignScreen /> },
      { path: 'trash', element: <TrashScreen /> },
      { path: 'reports', element: <ReportsScreen /> },
      { path: 'sync', element: <SyncScreen /> },
      { path: 'settings', element: <SettingsScreen /> },
      { path: '*', element: <Navigate to="/trips" replace /> },
        ],
      },
    ],
  },
])

const queryClient = createQueryClient()

function DataEvents() {
  useDataChangedEvents()
  return null
}

export function App() {
  const { i18n } = useTranslation()
  const [language, setLanguage] = useState(i18n.language)
  useEffect(() => {
    const onChange = (lng: string) => setLanguage(lng)
    i18n.on('languageChanged', onChange)
    return () => i18n.off('languageChanged', onChange)
  }, [i18n])
  const chinese = language.startsWith('zh')
  dayjs.locale(chinese ? 'zh-cn' : 'en')

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={chinese ? zhCN : enUS}
        // Keep button labels as written ("创建", not "创 建"): screen readers and tests read the same text.
        button={{ autoInsertSpace: false }}
        theme={{
          token: {
            colorPrimary: '#1f6f5c',
            colorLink: '#1f6f5c',
            borderRadius: 6,
            // Secondary text, descriptions and placeholders at least 4.5:1 on white and on the light greys behind
            // tables and cards (WCAG AA); Ant Design's defaults (45 % and 25 % black) are 3.4:1 and 1.9:1.
            colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
            colorTextDescription: 'rgba(0, 0, 0, 0.62)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
            // Red-7 rather than red-6: error text, danger buttons and red tags at 5:1 on white and light greys.
            colorError: '#cf1322',
            // Each screen's title is its one h1, at the size screen titles have always had.
            fontSizeHeading1: 24,
            fontFamily:
              // Latin fonts first, so English text and punctuation never fall to a CJK font's full-width glyphs.
              "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
          },
          components: {
            Menu: { itemSelectedBg: '#e3f1ec', itemSelectedColor: '#1f6f5c' },
            // An empty table's "no data" is text to read, not a disabled control.
            Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
          },
        }}
      >
        <AntApp>
          <DataEvents />
          <StartupGate>
            <RouterProvider router={router} />
          </StartupGate>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  )
}
