import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackupHost, type BackupDialogs } from '../../../electron/main/backup-host'

function fakeDialogs(answer: { canceled: boolean; path?: string }) {
  const calls: unknown[] = []
  const dialogs: BackupDialogs = {
    showSaveDialog: async (options) => {
      calls.push(options)
      return answer.path === undefined ? { canceled: answer.canceled } : { canceled: answer.canceled, filePath: answer.path }
    },
    showOpenDialog: async (options) => {
      calls.push(options)
      return { canceled: answer.canceled, filePaths: answer.path ? [answer.path] : [] }
    },
  }
  return { dialogs, calls }
}

describe('the app’s backup dialogs', () => {
  it('suggests the name in the documents folder with the .fbbackup filter, and returns the choice', async () => {
    const { dialogs, calls } = fakeDialogs({ canceled: false, path: '/home/u/b.fbbackup' })
    const shown: string[] = []
    const host = createBackupHost(dialogs, '/home/u/Documents', (p) => shown.push(p))
    expect(await host.chooseSavePath('研途备份-2026-11-29-0930.fbbackup')).toBe('/home/u/b.fbbackup')
    expect(calls[0]).toEqual({ defaultPath: join('/home/u/Documents', '研途备份-2026-11-29-0930.fbbackup'), filters: [{ name: 'Fieldbook backup', extensions: ['fbbackup'] }] })
    expect(await host.chooseOpenPath()).toBe('/home/u/b.fbbackup')
    expect(calls[1]).toMatchObject({ properties: ['openFile'] })
    host.showInFolder('/data/backups')
    expect(shown).toEqual(['/data/backups'])
  })

  it('answers null when the user cancels', async () => {
    const { dialogs } = fakeDialogs({ canceled: true, path: '/ignored' })
    const host = createBackupHost(dialogs, '/docs', () => {})
    expect(await host.chooseSavePath('x.fbbackup')).toBeNull()
    expect(await host.chooseOpenPath()).toBeNull()
  })
})
