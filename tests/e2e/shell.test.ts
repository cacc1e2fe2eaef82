import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/core'
import { tempDir } from '../helpers/temp'
import { SCREENS_DIR, visible } from './harness'
import { useBrowser } from './ui'

/*
 * The shell's screens in the built renderer: the start-up screen while the core is still opening, the recover
 * screen after the page crashed, and Settings → About with "Export diagnostics", in both languages.
 */

const web = useBrowser()

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    suffix: 'zh',
    text: { updateCheck: '检查更新', saveAddress: '保存', addressSaved: '更新地址已保存', unsupported: '这个版本不能自动更新', noAddress: '还没有设置更新地址', starting: '正在打开您的数据…', trips: '调研行程', recoverTitle: '窗口已重新打开', recoverContinue: '继续', about: '关于', diagnostics: '导出诊断信息', saved: '诊断信息已保存到' },
  },
  {
    locale: 'en-US' as const,
    suffix: 'en',
    text: { updateCheck: 'Check for updates', saveAddress: 'Save', addressSaved: 'Update address saved', unsupported: 'This build cannot update itself', noAddress: 'No update address is set yet', starting: 'Opening your data…', trips: 'Research trips', recoverTitle: 'The window was opened again', recoverContinue: 'Continue', about: 'About', diagnostics: 'Export diagnostics', saved: 'Diagnostics saved to' },
  },
]

/**
 * The built page with a real core behind `window.fieldbook` whose first answer waits until `release()` (the
 * core still opening), and a diagnostics host that saves into the data folder.
 */
async function openShell(locale: 'zh-CN' | 'en-US', hash = '/trips') {
  const { path: dataDir, cleanup } = tempDir('fieldbook-shell-')
  const saved: string[] = []
  const core = openCore({
    dataDir,
    appVersion: 'e2e',
    diagnosticsHost: {
      chooseSavePath: async (name) => {
        saved.push(join(dataDir, name))
        return saved.at(-1)!
      },
      showInFolder: () => {},
      logFiles: [],
      runtime: { electron: 'e2e' },
    },
  })
  let release!: () => void
  const opened = new Promise<void>((resolve) => (release = resolve))
  const context = await web.browser.newContext({ locale, viewport: { width: 1366, height: 768 } })
  await context.exposeBinding('__fieldbookInvoke', async (_source, name: unknown, input: unknown) => {
    await opened
    return JSON.stringify(await core.dispatch(name, input))
  })
  await context.addInitScript(() => {
    const target = globalThis as unknown as Record<string, unknown>
    const invokeAsJson = target['__fieldbookInvoke'] as (name: string, input: unknown) => Promise<string>
    target['fieldbook'] = Object.freeze({
      invoke: async (name: string, input: unknown) => JSON.parse(await invokeAsJson(name, input)) as unknown,
      onEvent: () => () => {},
    })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  return {
    page,
    core,
    saved,
    problems,
    release,
    goto: (search = '') => page.goto(`${web.url}${search}#${hash}`),
    screenshot: (name: string, suffix: string) => page.screenshot({ path: join(SCREENS_DIR, `${name}-${suffix}.png`), animations: 'disabled' }),
    async close() {
      await context.close()
      core.close()
      cleanup()
    },
  }
}

describe.each(LANGUAGES)('the shell ($locale)', ({ locale, suffix, text }) => {
  it('shows the start-up screen until the data is open, then the trips', async () => {
    const app = await openShell(locale)
    try {
      await app.goto()
      await visible(app.page.getByText(text.starting))
      await app.screenshot('startup', suffix)
      expect(await app.page.getByText(text.trips, { exact: true }).count()).toBe(0)
      app.release()
      await visible(app.page.getByRole('heading', { name: text.trips }))
      await expect(app.page.getByText(text.starting).count()).resolves.toBe(0)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('opens on the recover screen after the page crashed, and continues to where the user was', async () => {
    const app = await openShell(locale)
    try {
      app.release()
      await app.goto('?recovered=crashed')
      await visible(app.page.getByText(text.recoverTitle))
      await expect(app.page.getByText('crashed').count()).resolves.toBeGreaterThan(0)
      await app.screenshot('recover', suffix)
      await app.page.getByRole('button', { name: text.recoverContinue }).click()
      await visible(app.page.getByRole('heading', { name: text.trips }))
      expect(new URL(app.page.url()).search).toBe('')
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('exports diagnostics from Settings → About: figures and no record contents', async () => {
    const app = await openShell(locale, '/settings')
    try {
      app.release()
      const sample = await app.core.dispatch('app.loadSample', { language: suffix })
      expect(sample.ok).toBe(true)
      await app.goto()
      await visible(app.page.getByText(text.about, { exact: true }))
      await app.page.getByRole('button', { name: text.diagnostics }).click()
      await visible(app.page.getByText(text.saved))
      await app.page.getByText(text.about, { exact: true }).scrollIntoViewIfNeeded()
      await app.screenshot('diagnostics', suffix)
      expect(app.saved).toHaveLength(1)
      const zip = unzipSync(readFileSync(app.saved[0]!))
      const diagnostics = JSON.parse(strFromU8(zip['diagnostics.json']!)) as { app: { version: string }; runtime: { electron: string } }
      expect(diagnostics.app.version).toBe('e2e')
      expect(diagnostics.runtime.electron).toBe('e2e')
      const title = (sample as { value: { title: string } }).value.title
      expect(strFromU8(zip['diagnostics.json']!)).not.toContain(title)
      expect(strFromU8(zip['diagnostics.json']!)).toMatch(/"trips": [1-9]/)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('keeps the update address and checks only when asked', async () => {
    const app = await openShell(locale, '/settings')
    try {
      app.release()
      await app.goto()
      const check = app.page.getByRole('button', { name: text.updateCheck })
      await visible(check)
      await check.click()
      await visible(app.page.getByText(text.noAddress))
      await app.page.getByPlaceholder('https://fieldbook.example.edu.cn/updates/').fill('https://updates.college.example/fieldbook/')
      await app.page.getByRole('button', { name: text.saveAddress, exact: true }).click()
      await visible(app.page.getByText(text.addressSaved))
      await expect(app.core.dispatch('update.getSettings', {})).resolves.toEqual({ ok: true, value: { url: 'https://updates.college.example/fieldbook' } })
      await check.click()
      // This page has no updater behind it, as in a development build.
      await visible(app.page.getByText(text.unsupported))
      await app.screenshot('updates', suffix)
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
