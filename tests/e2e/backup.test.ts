import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BackupSchedule } from '../../shared/procedures/backup'
import { visible } from './harness'
import { call, useBrowser } from './ui'

const web = useBrowser()
const FIXTURES = join(import.meta.dirname, '../fixtures/attachments')

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      panel: '备份与恢复',
      backUpNow: '立即备份…',
      restoreFrom: '从备份恢复…',
      backedUp: '已备份到',
      confirmTitle: '用这份备份恢复数据？',
      safety: '当前的数据会先另存为一份安全副本',
      restore: '恢复',
      restored: '已恢复',
      safetyKind: '恢复前的数据',
      autoKind: '自动备份',
      failedTitle: '无法使用这个文件',
      notZip: '文件内容不是备份',
      invalid: '这个文件不是研途的备份',
      ok: '知道了',
      trips: '调研行程',
      autoSwitch: '自动备份',
    },
    filePrefix: '研途备份-',
    trip: { title: '皖苏两省访企拓岗调研', renamed: '改过的标题', added: '备份之后新建的行程' },
  },
  {
    locale: 'en-US' as const,
    text: {
      panel: 'Backup and restore',
      backUpNow: 'Back up now…',
      restoreFrom: 'Restore from a backup…',
      backedUp: 'Backed up to',
      confirmTitle: 'Restore your data from this backup?',
      safety: 'Your current data is first kept as a safety copy',
      restore: 'Restore',
      restored: 'Restored the backup of',
      safetyKind: 'Before a restore',
      autoKind: 'Automatic',
      failedTitle: 'This file cannot be used',
      notZip: 'The file is not a backup',
      invalid: 'This file is not a Fieldbook backup',
      ok: 'OK',
      trips: 'Trips',
      autoSwitch: 'Automatic backups',
    },
    filePrefix: 'Fieldbook-backup-',
    trip: { title: 'Anhui and Jiangsu employment visits', renamed: 'A changed title', added: 'A trip made after the backup' },
  },
]

describe.each(LANGUAGES)('backup and restore in $locale', ({ locale, text, filePrefix, trip }) => {
  it('backs up from Settings, restores it after a change, refuses a bad file, and edits the schedule', async () => {
    const app = await web.open({ locale, route: '/settings' })
    const { page, core } = app
    try {
      const created = await call<{ id: string }>(core, 'trip.create', { title: trip.title, startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'] })
      const panel = page.getByTestId('backup-panel')
      await visible(panel.getByText(text.panel))
      await panel.scrollIntoViewIfNeeded()
      await app.screenshot('backup-panel-empty')

      // Back up now: the "save dialog" answers with the suggested name in the exports folder.
      await panel.getByRole('button', { name: text.backUpNow }).click()
      await visible(page.getByText(text.backedUp))
      const saved = readdirSync(app.exportsDir).filter((n) => n.endsWith('.fbbackup'))
      expect(saved).toHaveLength(1)
      expect(saved[0]).toMatch(new RegExp(`^${filePrefix}\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.fbbackup$`))
      const backupPath = join(app.exportsDir, saved[0]!)
      // An automatic one in the data folder, so the list has something to show.
      mkdirSync(join(app.dataDir, 'backups'), { recursive: true })
      copyFileSync(backupPath, join(app.dataDir, 'backups', 'auto-2025-05-19-210000.fbbackup'))

      // A change after the backup.
      await call(core, 'trip.update', { id: created.id, patch: { title: trip.renamed } })
      await call(core, 'trip.create', { title: trip.added, startDate: '2025-06-01', endDate: '2025-06-02' })

      // Restore: the file is checked and summed up before anything changes.
      app.openPaths.push(backupPath)
      await panel.getByRole('button', { name: text.restoreFrom }).click()
      const dialog = page.getByRole('dialog')
      await visible(dialog.getByText(text.confirmTitle).last())
      await visible(dialog.getByText(text.safety))
      await visible(dialog.getByText(saved[0]!))
      await app.screenshot('backup-restore-confirm')
      expect((await call<{ title: string }>(core, 'trip.get', { id: created.id })).title).toBe(trip.renamed)
      await dialog.getByRole('button', { name: text.restore, exact: true }).click()
      await visible(page.getByText(text.restored))

      // The data is the backup's, in SQLite and on the screen; the data from before is kept as a safety copy.
      expect((await call<{ title: string }>(core, 'trip.get', { id: created.id })).title).toBe(trip.title)
      expect((await call<{ title: string }[]>(core, 'trip.list', {})).map((t) => t.title)).toEqual([trip.title])
      await visible(panel.locator('.ant-tag', { hasText: text.safetyKind }))
      await visible(panel.locator('.ant-tag', { hasText: text.autoKind }))
      const safety = readdirSync(join(app.dataDir, 'backups')).filter((n) => n.startsWith('before-restore-'))
      expect(safety).toHaveLength(1)
      await app.screenshot('backup-restored')

      // A photo renamed .fbbackup is refused with the reason, and nothing changes.
      app.openPaths.push(join(FIXTURES, 'screenshot.png'))
      await panel.getByRole('button', { name: text.restoreFrom }).click()
      await visible(page.getByText(text.failedTitle).last())
      await visible(page.getByText(text.notZip))
      await visible(page.getByText(text.invalid))
      await app.screenshot('backup-refused')
      await page.getByRole('button', { name: text.ok }).click()
      expect((await call<unknown[]>(core, 'trip.list', {})).length).toBe(1)

      // The schedule: switched off and on, the number kept changed; saved at once.
      await panel.getByRole('switch', { name: text.autoSwitch }).click()
      await expect.poll(async () => (await call<BackupSchedule>(core, 'backup.getSchedule', {})).enabled).toBe(false)
      await panel.getByRole('switch', { name: text.autoSwitch }).click()
      const keep = panel.getByRole('spinbutton')
      await keep.fill('3')
      await expect.poll(async () => (await call<BackupSchedule>(core, 'backup.getSchedule', {})).keep).toBe(3)
      expect(await call<BackupSchedule>(core, 'backup.getSchedule', {})).toEqual({ enabled: true, frequency: 'daily', keep: 3 })

      // The trips screen shows the restored data.
      await page.getByRole('menuitem', { name: text.trips }).click()
      await visible(page.getByText(trip.title))
      expect(await page.getByText(trip.added).count()).toBe(0)
      expect(await page.getByText(trip.renamed).count()).toBe(0)
      await app.screenshot('backup-trips-after-restore')
      expect(existsSync(backupPath)).toBe(true)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
