import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/core'
import { startServer, type RunningServer } from '../../server/server'
import type { Conflict, SyncStatus } from '../../shared/procedures/sync'
import { tempDir } from '../helpers/temp'
import { visible } from './harness'
import { call, statValue, useBrowser, visibleConfirm } from './ui'

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      joinTitle: '加入团队',
      server: '服务器地址',
      invite: '邀请码',
      deviceName: '设备名称',
      advanced: '高级选项',
      allowInsecure: '允许不加密的 http 连接',
      submit: '加入团队',
      required: '必填',
      invalidUrl: '请输入完整的网址，例如 https://sync.example.edu.cn',
      inviteInvalid: '邀请码无效、已被使用或已过期。请向团队管理员要一个新的邀请码。',
      unreachable: '连接不上同步服务器。请检查网络和服务器地址；记录都安全地保存在本机，稍后会同步。',
      insecure: '服务器地址对另一台机器使用了不加密的 http。请改用 https，以免团队的记录在传输中被读取。',
      syncNow: '立即同步',
      leave: '退出团队',
      never: '还没有同步过',
      idle: '已是最新',
      pulling: '正在接收其他成员的修改…',
      noConflicts: '没有冲突',
      conflictsEmptyHint: '两位成员同时修改同一段文字时，两个版本都会出现在这里，由你来选择或合并。',
      profile: '企业简介',
      merge: '合并…',
      mergeSave: '保存合并结果',
      history: '修改记录',
      thisDevice: '本机',
      created: '创建',
      offline: '离线',
      conflictsBadge: '1 个冲突',
      synced: '已同步',
      clockDrift: '另一台设备的时钟比这台快了约 2 小时',
    },
    team: '皖苏调研组',
    deviceA: '王老师的笔记本',
    deviceB: '李老师的笔记本',
    enterprise: '汇润集团（苏州）有限公司',
    profileA: '主营饮用水和智能灌装，准备在学校共建实训中心。',
    profileB: '汇润集团与学院自 2023 年共建智能制造学院，已培养 150 余人。',
    mergedTail: '（两位老师的记录已合并）',
  },
  {
    locale: 'en-US' as const,
    text: {
      joinTitle: 'Join your team',
      server: 'Server address',
      invite: 'Invite code',
      deviceName: 'Device name',
      advanced: 'Advanced',
      allowInsecure: 'Allow unencrypted http',
      submit: 'Join team',
      required: 'Required',
      invalidUrl: 'Enter a full address, e.g. https://sync.example.edu.cn',
      inviteInvalid: 'This invite code is unknown, already used or expired. Ask your team admin for a new one.',
      unreachable: 'The sync server cannot be reached. Check the network and the server address; your records are safe here and will sync later.',
      insecure: 'The server address uses plain http on another machine. Use https so the team’s records cannot be read on the way.',
      syncNow: 'Sync now',
      leave: 'Leave team',
      never: 'Not synced yet',
      idle: 'Up to date',
      pulling: "Receiving the other members' changes…",
      noConflicts: 'No conflicts',
      conflictsEmptyHint: 'When two people change the same text at the same time, both versions show up here for you to pick or merge.',
      profile: 'Profile',
      merge: 'Merge…',
      mergeSave: 'Save merged text',
      history: 'History',
      thisDevice: 'This device',
      created: 'Created',
      offline: 'Offline',
      conflictsBadge: '1 conflict',
      synced: 'Synced',
      clockDrift: "Another device's clock is about 2 hours ahead of this one",
    },
    team: 'Anhui-Jiangsu group',
    deviceA: "Prof. Wang's laptop",
    deviceB: "Prof. Li's laptop",
    enterprise: 'Huirun Group (Suzhou)',
    profileA: 'Bottled water and smart filling lines; plans a training centre on campus.',
    profileB: 'Joint Intelligent Manufacturing College with us since 2023; 150+ trained.',
    mergedTail: '(both notes merged)',
  },
]

let server: RunningServer
let serverDir: ReturnType<typeof tempDir>

beforeAll(async () => {
  serverDir = tempDir('fieldbook-sync-server-')
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: serverDir.path, log: false })
})
afterAll(async () => {
  await server?.close().catch(() => {})
  serverDir?.cleanup()
})

/** A loopback port nothing listens on: what an unreachable server looks like. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((done) => probe.close(() => done()))
  return port
}

async function fillJoinForm(page: Page, text: (typeof LANGUAGES)[number]['text'], values: { server: string; invite: string; device: string }) {
  const form = page.getByTestId('sync-join')
  await form.getByLabel(text.server).fill(values.server)
  await form.getByLabel(text.invite).fill(values.invite)
  await form.getByLabel(text.deviceName).fill(values.device)
  await form.getByRole('button', { name: text.submit }).click()
}

/** The error under one field of the join form. */
const fieldError = (page: Page, label: string) =>
  page.getByTestId('sync-join').locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error')

const status = (core: Core) => call<SyncStatus>(core, 'sync.status', {})
const conflicts = (core: Core) => call<Conflict[]>(core, 'conflicts.list', {})

describe.each(LANGUAGES)('sync in $locale', ({ locale, text, team, deviceA, deviceB, enterprise, profileA, profileB, mergedTail }) => {
  it('the join form explains itself and puts each failure on the field to fix', async () => {
    const app = await web.open({ locale, route: '/sync' })
    const { page } = app
    try {
      await visible(page.getByRole('heading', { name: text.joinTitle }))
      await visible(page.getByPlaceholder('https://sync.example.edu.cn'))
      await visible(page.getByPlaceholder('K7QX-M2PD'))
      // Not in a team: no sync badge in the header, nothing to nag about.
      expect(await page.getByTestId('sync-indicator').count()).toBe(0)
      await app.screenshot('sync-not-joined')

      // Empty form: every field says it is required; nothing reaches the core.
      await page.getByRole('button', { name: text.submit }).click()
      await expect.poll(() => page.getByTestId('sync-join').locator('.ant-form-item-explain-error').allTextContents()).toEqual([text.required, text.required, text.required])

      // Not an address.
      await fillJoinForm(page, text, { server: 'sync server', invite: 'ABCD-EFGH', device: deviceA })
      await visible(fieldError(page, text.server).getByText(text.invalidUrl))

      // Nobody answers at that address: said on the server field, in the user's language.
      await fillJoinForm(page, text, { server: `http://127.0.0.1:${await closedPort()}`, invite: 'ABCD-EFGH', device: deviceA })
      await visible(fieldError(page, text.server).getByText(text.unreachable), 20_000)

      // Plain http to another machine is refused unless allowed under Advanced.
      await fillJoinForm(page, text, { server: 'http://sync.example.edu.cn', invite: 'ABCD-EFGH', device: deviceA })
      await visible(fieldError(page, text.server).getByText(text.insecure), 20_000)

      // The server answers, but the invite is wrong: said on the invite field, the server field is fine again.
      await fillJoinForm(page, text, { server: server.url, invite: 'zzzz-zzzz', device: deviceA })
      await visible(fieldError(page, text.invite).getByText(text.inviteInvalid), 20_000)
      await expect.poll(() => fieldError(page, text.server).count()).toBe(0)
      // Codes are read aloud and retyped: lower case becomes upper case as typed.
      expect(await page.getByLabel(text.invite).inputValue()).toBe('ZZZZ-ZZZZ')
      await page.getByText(text.advanced).click()
      await visible(page.getByText(text.allowInsecure))
      await app.screenshot('sync-join-errors')

      expect((await status(app.core)).joined).toBe(false)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('every record screen has a History button listing who changed what, in words', async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page } = app
    try {
      const { tripId } = await call<{ tripId: string }>(app.core, 'app.loadSample', { language: locale === 'zh-CN' ? 'zh' : 'en' })
      const first = async (kind: string) => (await call<{ id: string }[]>(app.core, `${kind}.list`, { tripId }))[0]!.id
      const visitId = await first('visit')
      const agreement = (await call<{ id: string; enterpriseId: string }[]>(app.core, 'agreement.list', { tripId }))[0]!
      const screens = [
        { table: 'trips', id: tripId, route: `/trips/${tripId}` },
        { table: 'visits', id: visitId, route: `/visits/${visitId}` },
        { table: 'symposiums', id: await first('symposium'), route: '/symposiums/' },
        { table: 'agreements', id: agreement.id, route: '/agreements/' },
        { table: 'surveys', id: await first('survey'), route: '/surveys/' },
        { table: 'enterprises', id: agreement.enterpriseId, route: '/enterprises/' },
      ]
      for (const screen of screens) {
        const route = screen.route.endsWith('/') ? `${screen.route}${screen.id}` : screen.route
        await page.goto(`${web.url}#${route}`)
        await visible(page.getByTestId('history-button'))
        await app.screenshot(`sync-history-button-${screen.table}`)
        await page.getByTestId('history-button').click()
        const drawer = page.getByRole('dialog')
        const entries = drawer.getByTestId('change-history-entry')
        await visible(entries.last().getByText(text.created))
        expect(await entries.count(), screen.table).toBe(app.core.sync.history(screen.table, screen.id).length)
        // Fields are named as the forms name them, links by the record's name: no column names, no raw ids.
        const shown = await drawer.innerText()
        expect(shown, screen.table).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
        expect(shown, screen.table).not.toMatch(/[a-z]+_[a-z]+/)
        if (screen.table === 'visits') await app.screenshot('sync-history-visit')
        await page.keyboard.press('Escape')
        await expect.poll(() => drawer.isVisible()).toBe(false)
      }
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('joins from the screen, shows a concurrent edit as a conflict, merges it, and shows who changed what', async () => {
    // Its own server: the test stops it at the end to show the unreachable message.
    const ownDir = tempDir('fieldbook-sync-server-')
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ownDir.path, log: false })
    const { team: created, invite } = await server.createTeam(team)
    const inviteB = await server.createInvite(created.id)
    const app = await web.open({ locale, route: '/sync' })
    const { page } = app
    const otherDir = tempDir('fieldbook-sync-b-')
    const other = openCore({ dataDir: otherDir.path, appVersion: 'e2e' })
    try {
      // Device A joins through the form (the code typed in lower case).
      await fillJoinForm(page, text, { server: server.url, invite: invite.code.toLowerCase(), device: deviceA })
      await visible(page.getByRole('button', { name: text.syncNow }), 20_000)
      expect(await status(app.core)).toMatchObject({ joined: true, teamName: created.name, deviceName: deviceA })
      const details = page.getByTestId('sync-details')
      await visible(details.getByText(created.name))
      await visible(details.getByText(deviceA))
      await visible(details.getByText(server.url))

      // A records an enterprise; the change waits until the next sync.
      const firm = await call(app.core, 'enterprise.create', { name: enterprise, profile: '' })
      await expect.poll(() => statValue(page, 'pendingChanges')).not.toBe('0')
      await visible(page.getByTestId('sync-indicator'))
      await page.getByTestId('sync-now').click()
      await expect.poll(() => statValue(page, 'pendingChanges'), { timeout: 20_000 }).toBe('0')
      await visible(page.getByTestId('sync-phase').getByText(text.idle))
      await expect.poll(async () => (await status(app.core)).lastSyncedAt).not.toBe('')
      await visible(page.getByTestId('conflicts-empty').getByText(text.conflictsEmptyHint))
      await visible(page.getByTestId('sync-indicator').getByText(text.synced))
      await app.screenshot('sync-joined')

      // Device B joins and receives it.
      await call(other, 'sync.join', { serverUrl: server.url, inviteCode: inviteB.code, deviceName: deviceB })
      await call(other, 'sync.now', {})
      expect((await call(other, 'enterprise.get', { id: firm.id }))['name']).toBe(enterprise)

      // Both edit the profile before either has seen the other's text.
      await call(app.core, 'enterprise.update', { id: firm.id, patch: { profile: profileA } })
      await call(other, 'enterprise.update', { id: firm.id, patch: { profile: profileB } })
      await call(other, 'sync.now', {})

      // A syncs from the screen: the conflict shows, both versions side by side, with who wrote each.
      await page.getByTestId('sync-now').click()
      const conflict = page.getByTestId('conflict')
      await visible(conflict, 20_000)
      await visible(page.getByTestId('conflict-record').getByRole('link', { name: enterprise }))
      await visible(conflict.getByText(text.profile, { exact: true }))
      const current = String(app.core.records.enterprise.get(firm.id).profile)
      const stored = await conflicts(app.core)
      expect(stored).toHaveLength(1)
      expect([stored[0]!.current.value, stored[0]!.other.value].sort()).toEqual([profileA, profileB].sort())
      expect(stored[0]!.current.value).toBe(current)
      await visible(conflict.getByTestId('conflict-current-value').getByText(current))
      await visible(conflict.getByTestId('conflict-other').getByText(stored[0]!.other.value))
      expect(await statValue(page, 'openConflicts')).toBe('1')
      await visible(page.getByTestId('sync-indicator').getByText(text.conflictsBadge))
      // B sees the same conflict when it hears of A's edit.
      await call(other, 'sync.now', {})
      expect(await conflicts(other)).toHaveLength(1)
      await app.screenshot('sync-conflicts')

      // Merge: both texts prefilled, edited, saved; the result is the record's value and the conflict is gone.
      await conflict.getByRole('button', { name: text.merge }).click()
      const dialog = page.getByRole('dialog')
      const editor = dialog.getByRole('textbox')
      await expect.poll(() => editor.inputValue()).toBe(`${stored[0]!.current.value}\n${stored[0]!.other.value}`)
      await app.screenshot('sync-merge')
      await editor.press('Control+End')
      await editor.pressSequentially(mergedTail)
      const merged = `${stored[0]!.current.value}\n${stored[0]!.other.value}${mergedTail}`
      await dialog.getByRole('button', { name: text.mergeSave }).click()
      await expect.poll(() => app.core.records.enterprise.get(firm.id).profile).toBe(merged)
      await visible(page.getByTestId('conflicts-empty'))
      expect(await conflicts(app.core)).toEqual([])

      // The resolution syncs like any other change.
      await page.getByTestId('sync-now').click()
      await expect.poll(() => statValue(page, 'pendingChanges'), { timeout: 20_000 }).toBe('0')
      await call(other, 'sync.now', {})
      expect((await call(other, 'enterprise.get', { id: firm.id }))['profile']).toBe(merged)

      // What is happening now, as the core reports it while pulling (no automatic round may replace it meanwhile).
      await call(app.core, 'sync.setAuto', { autoSync: false })
      const now = await status(app.core)
      await page.evaluate(
        (event) => (globalThis as unknown as { __fieldbookEmit: (e: unknown) => void }).__fieldbookEmit(event),
        { type: 'sync.progress', status: { ...now, phase: 'pulling', progress: { done: 1200, total: 5000 }, clockDriftMs: 2 * 3600_000 } },
      )
      await visible(page.getByTestId('sync-phase').getByText(text.pulling))
      await visible(page.getByTestId('sync-progress').getByText('24%'))
      // Another laptop's clock far off: reported, with what to check, never blocking.
      await visible(page.getByTestId('sync-clock-drift').getByText(text.clockDrift))
      await expect.poll(() => page.getByRole('button', { name: text.leave }).isDisabled()).toBe(true)
      await app.screenshot('sync-syncing')
      await page.evaluate((event) => (globalThis as unknown as { __fieldbookEmit: (e: unknown) => void }).__fieldbookEmit(event), { type: 'sync.progress', status: now })
      await visible(page.getByTestId('sync-phase').getByText(text.idle))
      expect(await page.getByTestId('sync-clock-drift').count()).toBe(0)

      // History on the enterprise: this device's edits and the other member's, named.
      await page.goto(`${web.url}#/enterprises/${firm.id}`)
      await page.getByTestId('history-button').click()
      const drawer = page.getByRole('dialog')
      await visible(drawer.getByTestId('change-history-entry').first())
      const entries = drawer.getByTestId('change-history-entry')
      const local = drawer.locator('[data-testid="change-history-entry"][data-local="true"]')
      const remote = drawer.locator('[data-testid="change-history-entry"][data-local="false"]')
      await visible(remote.first())
      expect(await remote.first().getByTestId('change-history-device').innerText()).toBe(deviceB)
      expect(await local.first().getByTestId('change-history-device').innerText()).toBe(text.thisDevice)
      expect(await entries.count()).toBe(app.core.sync.history('enterprises', firm.id).length)
      // Newest first: the merge, with the text it replaced.
      const newest = entries.first()
      await visible(newest.locator('[data-column="profile"]').getByText(text.profile, { exact: false }))
      expect(await newest.getAttribute('data-local')).toBe('true')
      await visible(entries.last().getByText(text.created))
      await visible(entries.last().getByText(enterprise))
      await app.screenshot('sync-history')
      await page.keyboard.press('Escape')

      // The server goes away: the next sync says so in plain words, and the header shows offline.
      await page.goto(`${web.url}#/sync`)
      await server.close()
      await page.getByTestId('sync-now').click()
      await visible(page.getByTestId('sync-error').getByText(text.unreachable), 30_000)
      await visible(page.getByTestId('sync-indicator').getByText(text.offline))
      expect((await status(app.core)).lastError?.code).toBe('SYNC_UNREACHABLE')
      await app.screenshot('sync-error')

      // Leaving (after a confirmation) forgets the team, keeps the records, and offers the join form again.
      await page.getByRole('button', { name: text.leave }).click()
      await visibleConfirm(page).getByRole('button', { name: text.leave }).click()
      await visible(page.getByTestId('sync-join'))
      expect((await status(app.core)).joined).toBe(false)
      expect(app.core.records.enterprise.get(firm.id).name).toBe(enterprise)
      await expect.poll(() => page.getByTestId('sync-indicator').count()).toBe(0)

      expect(app.problems).toEqual([])
    } finally {
      other.close()
      otherDir.cleanup()
      await app.close()
      await server.close().catch(() => {})
      ownDir.cleanup()
    }
  })
})
