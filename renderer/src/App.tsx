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
import { AppLayout } from './layout/AppLayout'
import { PlaceholderScreen } from './screens/PlaceholderScreen'
import { SettingsScreen } from './screens/SettingsScreen'
import { TripsScreen } from './screens/trips/TripsScreen'

const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/trips" replace /> },
      { path: 'trips', element: <TripsScreen /> },
      { path: 'enterprises', element: <PlaceholderScreen section="enterprises" /> },
      { path: 'search', element: <PlaceholderScreen section="search" /> },
      { path: 'follow-ups', element: <PlaceholderScreen section="followUps" /> },
      { path: 'reports', element: <PlaceholderScreen section="reports" /> },
      { path: 'sync', element: <PlaceholderScreen section="sync" /> },
      { path: 'settings', element: <SettingsScreen /> },
      { path: '*', element: <Navigate to="/trips" replace /> },
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
            fontFamily:
              "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
          },
          components: {
            Menu: { itemSelectedBg: '#e3f1ec', itemSelectedColor: '#1f6f5c' },
          },
        }}
      >
        <AntApp>
          <DataEvents />
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  )
}
