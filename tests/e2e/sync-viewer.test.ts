import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server/server'
import type { SyncStatus } from '../../shared/procedures/sync'
import { tempDir } from '../helpers/temp'
import { visible } from './harness'
import { call, statValue, useBrowser } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    title: '这台设备只能接收修改',
    hint: '它自己的修改（1 条）只保存在本机，不会上传',
    badge: '只接收',
    state: '只接收修改（查看者）',
    enterprise: '督导自己记的企业',
  },
  {
    locale: 'en-US' as const,
    title: 'This device can only receive changes',
    hint: 'its own changes (1) stay on this computer and are not sent',
    badge: 'Receive only',
    state: 'Receives changes only (viewer)',
    enterprise: 'An enterprise the supervisor noted',
  },
]

let server: RunningServer
let serverDir: ReturnType<typeof tempDir>

beforeAll(async () => {
  serverDir = tempDir('fieldbook-sync-viewer-server-')
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: serverDir.path, log: false, joinRateLimit: { max: 1000, windowMs: 60_000 } })
})
afterAll(async () => {
  await server?.close().catch(() => {})
  serverDir?.cleanup()
})

describe.each(LANGUAGES)('a viewer device in $locale', ({ locale, title, hint, badge, state, enterprise }) => {
  it('says on the Sync screen and in the header that it only receives, with its own changes waiting', async () => {
    const { team } = await server.createTeam(`viewer ${locale}`)
    const invite = await server.createInvite(team.id, { role: 'viewer' })
    const app = await web.open({ locale, route: '/sync' })
    try {
      await app.page.setViewportSize({ width: 1366, height: 768 })
      await call(app.core, 'sync.setAuto', { autoSync: false })
      await call(app.core, 'sync.join', { serverUrl: server.url, inviteCode: invite.code, deviceName: '督导的笔记本' })
      await call(app.core, 'enterprise.create', { name: enterprise })
      await call(app.core, 'sync.now', {})
      expect(await call<SyncStatus>(app.core, 'sync.status', {})).toMatchObject({ readOnly: true, pendingChanges: 1 })
      await app.page.reload()

      const alert = app.page.getByTestId('sync-read-only')
      await visible(alert.getByText(title))
      await visible(alert.getByText(hint, { exact: false }))
      await visible(app.page.getByTestId('sync-indicator').getByText(badge, { exact: true }))
      await visible(app.page.getByTestId('sync-phase').getByText(state))
      expect(await statValue(app.page, 'pendingChanges')).toBe('1')
      // Not an error: the round that found the role went through.
      expect(await app.page.getByTestId('sync-error').count()).toBe(0)
      await app.screenshot('sync-viewer')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
