import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDialogHosts, type NativeDialogs } from '../../../electron/main/dialog-host'

function fakeDialogs(answer: { canceled: boolean; path?: string }) {
  const calls: unknown[] = []
  const dialogs: NativeDialogs = {
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

describe('the app’s one native-dialog host', () => {
  it('backups: suggests the name in the documents folder with the .fbbackup filter, opens any file after it, and returns the choice', async () => {
    const { dialogs, calls } = fakeDialogs({ canceled: false, path: '/home/u/b.fbbackup' })
    const shown: string[] = []
    const host = createDialogHosts(dialogs, '/home/u/Documents', (p) => shown.push(p)).backup
    expect(await host.chooseSavePath('研途备份-2026-11-29-0930.fbbackup')).toBe('/home/u/b.fbbackup')
    expect(calls[0]).toEqual({ defaultPath: join('/home/u/Documents', '研途备份-2026-11-29-0930.fbbackup'), filters: [{ name: 'Fieldbook backup', extensions: ['fbbackup'] }] })
    expect(await host.chooseOpenPath()).toBe('/home/u/b.fbbackup')
    expect(calls[1]).toEqual({ properties: ['openFile'], filters: [{ name: 'Fieldbook backup', extensions: ['fbbackup'] }, { name: '*', extensions: ['*'] }] })
    host.showInFolder('/data/backups')
    expect(shown).toEqual(['/data/backups'])
  })

  it('imports, exports, reports and diagnostics: each with its own kind of file, through the same dialogs', async () => {
    const { dialogs, calls } = fakeDialogs({ canceled: false, path: '/home/u/out' })
    const hosts = createDialogHosts(dialogs, '/docs', () => {})
    const excel = [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv', 'txt'] }]
    expect(await hosts.exchange.chooseOpenPath(excel)).toBe('/home/u/out')
    expect(calls[0]).toEqual({ properties: ['openFile'], filters: [...excel, { name: '*', extensions: ['*'] }] })
    await hosts.exchange.chooseSavePath('企业.xlsx', excel)
    expect(calls[1]).toEqual({ defaultPath: join('/docs', '企业.xlsx'), filters: excel })
    await hosts.report.chooseSavePath('关于汇润集团情况的报告.docx')
    expect(calls[2]).toEqual({ defaultPath: join('/docs', '关于汇润集团情况的报告.docx'), filters: [{ name: 'Word', extensions: ['docx'] }] })
    await hosts.diagnostics.chooseSavePath('fieldbook-diagnostics.zip')
    expect(calls[3]).toEqual({ defaultPath: join('/docs', 'fieldbook-diagnostics.zip'), filters: [{ name: 'Zip', extensions: ['zip'] }] })
  })

  it('answers null when the user cancels', async () => {
    const { dialogs } = fakeDialogs({ canceled: true, path: '/ignored' })
    const hosts = createDialogHosts(dialogs, '/docs', () => {})
    expect(await hosts.backup.chooseSavePath('x.fbbackup')).toBeNull()
    expect(await hosts.backup.chooseOpenPath()).toBeNull()
    expect(await hosts.exchange.chooseOpenPath([])).toBeNull()
    expect(await hosts.report.chooseSavePath('x.docx')).toBeNull()
  })

  it('answers null when a save dialog returns no path', async () => {
    const { dialogs } = fakeDialogs({ canceled: false })
    expect(await createDialogHosts(dialogs, '/docs', () => {}).diagnostics.chooseSavePath('x.zip')).toBeNull()
  })
})
