import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ScaleFolder } from './scale'
import { addRow, formatMs } from './table'

/**
 * The renderer needs a build: FIELDBOOK_OUT_DIR when it holds one, otherwise this builds into a temporary folder
 * (never into out/, which the app and other runs use).
 */
function ensureRendererBuild(): void {
  // out/ may hold a stale build from another branch: only an explicit FIELDBOOK_OUT_DIR is trusted.
  const outDir = process.env['FIELDBOOK_OUT_DIR']
  if (outDir && existsSync(join(outDir, 'renderer', 'index.html'))) return
  const temp = resolve(process.env['TMPDIR'] ?? '/tmp', `fieldbook-bench-out-${process.pid}`)
  console.log(`  building the renderer into ${temp}…`)
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', temp], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('electron-vite build failed')
  process.env['FIELDBOOK_OUT_DIR'] = temp
}

const RUNS = 3

/** What this uses of tests/e2e/harness.ts. */
interface E2eHarness {
  serveRenderer(): Promise<{ url: string; close: () => Promise<void> }>
  launchBrowser(): Promise<{ close(): Promise<void> }>
  openApp(
    browser: unknown,
    url: string,
    options: { locale: 'zh-CN'; dataDir: string; route: string },
  ): Promise<{
    page: { getByRole(role: string): { first(): { waitFor(options: { timeout: number }): Promise<void> } }; evaluate<R, A>(run: (arg: A) => R | Promise<R>, arg: A): Promise<R> }
    problems: string[]
    screenshot(name: string): Promise<string>
    close(): Promise<void>
  }>
}

/** The page's globals this uses (this project is type-checked without the DOM library). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> }
  location: { hash: string }
  requestAnimationFrame(callback: () => void): void
}

/**
 * From a route change to the first painted row of the enterprise list with the L data behind it, in Chromium
 * with the real core (tests/e2e/harness.ts), beside the same route change to Settings, which reads no data.
 * Timed inside the page: performance.now() at the hash change until the element is in the DOM after a frame.
 */
export async function benchRenderer(folder: ScaleFolder): Promise<void> {
  try {
    await measureRenderer(folder)
  } catch (error) {
    addRow({ name: 'renderer: enterprise list with L data', value: 'not measured', baseline: '—', ratio: '—', goal: '< 500 ms', note: `failed: ${(error as Error).message.split('\n')[0]}` })
  }
}

async function measureRenderer(folder: ScaleFolder): Promise<void> {
  ensureRendererBuild()
  // The harness reads FIELDBOOK_OUT_DIR when it is loaded.
  // Loaded by name: the e2e harness belongs to the browser-test project (tsconfig.e2e.json), not this one.
  const harnessModule = '../e2e/harness'
  const { launchBrowser, openApp, serveRenderer } = (await import(harnessModule)) as E2eHarness
  const server = await serveRenderer()
  const browser = await launchBrowser()
  const list: number[] = []
  const settings: number[] = []
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh page each time, so the enterprise list is not already cached by the query client.
      const app = await openApp(browser, server.url, { locale: 'zh-CN', dataDir: folder.dataDir, route: '/trips' })
      try {
        await app.page.getByRole('menuitem').first().waitFor({ timeout: 60_000 })
        const timeTo = (hash: string, selector: string, text = '') =>
          app.page.evaluate(
            ({ hash, selector, text }) =>
              new Promise<number>((done, fail) => {
                const page = globalThis as unknown as PageGlobals
                const start = performance.now()
                const timeout = setTimeout(() => fail(new Error(`${selector} did not appear`)), 30_000)
                const check = () => {
                  if ([...page.document.querySelectorAll(selector)].some((element) => element.textContent?.includes(text))) {
                    clearTimeout(timeout)
                    // The next frame is when it is on screen.
                    page.requestAnimationFrame(() => done(performance.now() - start))
                  } else page.requestAnimationFrame(check)
                }
                page.location.hash = hash
                check()
              }),
            { hash, selector, text },
          )
        // Settings first (its card titles are its own), then the list: no row of another screen can be mistaken for it.
        settings.push(await timeTo('#/settings', '.ant-card-head-title', '界面语言'))
        list.push(await timeTo('#/enterprises', '.ant-table-row'))
        if (run === 0) await app.screenshot('bench-enterprises-L')
        if (app.problems.length > 0) throw new Error(`Problems on the page: ${app.problems.join('; ')}`)
      } finally {
        await app.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const ms = median(list)
  addRow({
    name: `renderer: route change to the enterprise list until its first row is painted, L data (2,000 enterprises), Chromium, median of ${RUNS}`,
    value: `${formatMs(ms)} (runs: ${list.map((v) => v.toFixed(0)).join(', ')} ms)`,
    baseline: `route change to Settings (no data): ${formatMs(median(settings))}`,
    ratio: `${(ms / median(settings)).toFixed(1)}× Settings`,
    goal: '< 500 ms',
    note: ms < 500 ? '' : 'over goal: see the renderer note below the table',
  })
}
