import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deferredDispatch } from '../../../electron/main/deferred-core'
import { applicationMenu, menuLanguage } from '../../../electron/main/menu'
import { recoveryUrl } from '../../../electron/main/recovery'
import { userDataFolder } from '../../../electron/main/user-data'
import { GUIDE_SECTIONS, guideAnchor, guideUrl } from '../../../electron/main/user-guide'
import { renderUserGuide } from '../../../electron/main/user-guide-html'
import { DEFAULT_WINDOW, readWindowState, restoreWindowState, saveWindowState } from '../../../electron/main/window-state'
import { tempDir } from '../../helpers/temp'

const laptop = [{ x: 0, y: 0, width: 1366, height: 728 }]

describe('window size and place', () => {
  it('opens where it was closed, maximized if it was', () => {
    const saved = JSON.stringify({ x: 100, y: 50, width: 1100, height: 700, maximized: true })
    expect(restoreWindowState(saved, laptop)).toEqual({ x: 100, y: 50, width: 1100, height: 700, maximized: true })
  })

  it('keeps the size but not the place when that screen is gone', () => {
    const onUnpluggedMonitor = JSON.stringify({ x: 2000, y: 100, width: 1200, height: 800, maximized: false })
    expect(restoreWindowState(onUnpluggedMonitor, laptop)).toEqual({ width: 1200, height: 800, maximized: false })
  })

  it('falls back to the default for no file, a damaged one or a size below the minimum', () => {
    expect(restoreWindowState(null, laptop)).toEqual(DEFAULT_WINDOW)
    expect(restoreWindowState('{"x":1,', laptop)).toEqual(DEFAULT_WINDOW)
    expect(restoreWindowState(JSON.stringify({ x: 0, y: 0, width: 10, height: 10 }), laptop)).toEqual(DEFAULT_WINDOW)
  })

  it('is written whole and read back', () => {
    const { path, cleanup } = tempDir()
    try {
      const file = join(path, 'sub', 'window-state.json')
      saveWindowState(file, { x: 5, y: 6, width: 1000, height: 700, maximized: false })
      expect(restoreWindowState(readWindowState(file), laptop)).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false })
      expect(readWindowState(join(path, 'missing.json'))).toBeNull()
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000 })
    } finally {
      cleanup()
    }
  })
})

describe('calls made while the data is opening', () => {
  it('wait for the core, then are answered by it', async () => {
    const deferred = deferredDispatch()
    const answer = deferred.dispatch('app.info', {})
    let settled = false
    void answer.then(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(settled).toBe(false)
    deferred.open(async (name) => ({ ok: true, value: name }))
    await expect(answer).resolves.toEqual({ ok: true, value: 'app.info' })
    expect(deferred.isOpen).toBe(true)
  })

  it('are answered with an error when the core cannot open', async () => {
    const deferred = deferredDispatch()
    const answer = deferred.dispatch('app.info', {})
    deferred.fail(new Error('newer database'))
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

describe('application menu', () => {
  const actions = { openGuide: () => {}, exportDiagnostics: () => {}, openLogs: () => {} }
  const labels = (template: ReturnType<typeof applicationMenu>) => template.map((item) => item.label ?? item.role)

  it('speaks the system language', () => {
    expect(menuLanguage(['zh-Hans-CN', 'en-US'])).toBe('zh')
    expect(menuLanguage(['de-DE', 'en-US'])).toBe('en')
    const options = { platform: 'linux', isPackaged: true, appName: 'Fieldbook' }
    expect(labels(applicationMenu('zh', actions, options))).toEqual(['文件', '编辑', '视图', '窗口', '帮助'])
    expect(labels(applicationMenu('en', actions, options))).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
  })

  it('uses the standard roles for editing, and offers reload and developer tools only in development', () => {
    const packaged = applicationMenu('en', actions, { platform: 'win32', isPackaged: true, appName: 'Fieldbook' })
    const roles = (label: string, template = packaged) =>
      (template.find((item) => item.label === label)!.submenu as { role?: string }[]).map((item) => item.role).filter(Boolean)
    expect(roles('Edit')).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
    expect(roles('View')).not.toContain('reload')
    const development = applicationMenu('en', actions, { platform: 'win32', isPackaged: false, appName: 'Fieldbook' })
    expect(roles('View', development)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('has the app menu first on macOS', () => {
    expect(labels(applicationMenu('en', actions, { platform: 'darwin', isPackaged: true, appName: 'Fieldbook' }))[0]).toBe('Fieldbook')
  })

  it('runs the help actions, the guide opened at the section chosen', () => {
    const calls: string[] = []
    const template = applicationMenu(
      'zh',
      { openGuide: (section) => calls.push(`guide:${section}`), exportDiagnostics: () => calls.push('diagnostics'), openLogs: () => calls.push('logs') },
      { platform: 'linux', isPackaged: true, appName: 'Fieldbook' },
    )
    type Item = { label?: string; click?: () => void; submenu?: Item[] }
    const help = template.find((item) => item.role === 'help')!.submenu as Item[]
    const guide = help.find((item) => item.label === '使用说明')!.submenu!
    expect(guide.map((item) => item.label)).toContain('同步服务器')
    guide.find((item) => item.label === '打包安装程序')!.click!()
    for (const item of help) item.click?.()
    expect(calls).toEqual(['guide:Build installers', 'diagnostics', 'logs'])
  })
})

describe('the user guide', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8')
  const guide = renderUserGuide(readme)

  it('has every section the Help menu links to, each at its anchor', () => {
    const headings = [...readme.matchAll(/^#{1,3} (.+)$/gm)].map((m) => m[1]!.trim())
    for (const { heading } of GUIDE_SECTIONS) {
      expect(headings, heading).toContain(heading)
      expect(guide).toContain(`id="${guideAnchor(heading)}"`)
    }
  })

  it('makes the anchors GitHub makes, so the same links work on the repository page', () => {
    expect(guideAnchor('Sync screen, conflicts and history')).toBe('sync-screen-conflicts-and-history')
    expect(guideAnchor('The 访企拓岗 campaign')).toBe('the-访企拓岗-campaign')
    expect(guideUrl('/opt/Fieldbook/resources/guide/index.html', 'Sync server')).toBe('file:///opt/Fieldbook/resources/guide/index.html#sync-server')
  })

  it('is one page with the README\'s tables and code, loading nothing from elsewhere', () => {
    expect(guide).toContain('<table>')
    expect(guide).toContain('<code>npm run dist</code>')
    expect(guide).toContain("default-src 'none'")
    expect(guide).not.toMatch(/<script|src="http/)
  })
})

describe('shell odds and ends', () => {
  it('keeps a development build’s data apart from the installed app’s', () => {
    expect(userDataFolder('/home/a/.config/Fieldbook', true)).toBe('/home/a/.config/Fieldbook')
    expect(userDataFolder('/home/a/.config/Fieldbook', false)).toBe('/home/a/.config/Fieldbook-development')
  })

  it('reopens a crashed page on its recover screen', () => {
    expect(recoveryUrl('app://fieldbook/index.html', 'crashed')).toBe('app://fieldbook/index.html?recovered=crashed')
    expect(recoveryUrl('http://localhost:5173/#/trips', 'oom<script>')).toBe('http://localhost:5173/?recovered=oomscript')
  })
})
