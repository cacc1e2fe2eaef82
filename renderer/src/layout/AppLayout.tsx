import {
  CalendarOutlined,
  CloudSyncOutlined,
  FileWordOutlined,
  SearchOutlined,
  SettingOutlined,
  ShopOutlined,
  CheckSquareOutlined,
  FlagOutlined,
  DeleteOutlined,
} from '@ant-design/icons'
import { Layout, Menu, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { SyncIndicator } from '../screens/sync/SyncIndicator'
import { LanguageSwitch } from './LanguageSwitch'
import { useSearchShortcut } from './useSearchShortcut'

const NAV = [
  { path: '/trips', key: 'trips', icon: <CalendarOutlined /> },
  { path: '/enterprises', key: 'enterprises', icon: <ShopOutlined /> },
  { path: '/search', key: 'search', icon: <SearchOutlined /> },
  { path: '/follow-ups', key: 'followUps', icon: <CheckSquareOutlined /> },
  { path: '/campaign', key: 'campaign', icon: <FlagOutlined /> },
  { path: '/reports', key: 'reports', icon: <FileWordOutlined /> },
  { path: '/sync', key: 'sync', icon: <CloudSyncOutlined /> },
  { path: '/trash', key: 'trash', icon: <DeleteOutlined /> },
  { path: '/settings', key: 'settings', icon: <SettingOutlined /> },
] as const

export function AppLayout() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  useSearchShortcut()
  const location = useLocation()
  const selected = NAV.find((item) => location.pathname.startsWith(item.path))?.path ?? '/trips'

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Sticky: a long screen (Settings, a trip) scrolls under the navigation instead of taking it away. */}
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <div style={{ padding: '20px 24px 12px' }}>
          <Typography.Title level={4} style={{ margin: 0, color: '#1f6f5c' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('app.tagline')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          style={{ borderInlineEnd: 'none' }}
          items={NAV.map((item) => ({ key: item.path, icon: item.icon, label: t(`nav.${item.key}`) }))}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 24 }}
        >
          <Space size={16}>
            <SyncIndicator />
            <LanguageSwitch />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
