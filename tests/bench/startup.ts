import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import type { ScaleFolder } from './scale'
import { addRow, formatMs } from './table'

/*
 * Start-up of the desktop app: the built main bundle under Node with the stand-in `electron`
 * (tests/unit/main/packaging), its window shown in Chromium, the L data behind it. Measured from the moment
 * before the bundle is imported to the first paint of the window's page and to the first painted row of the
 * trip list; beside it, in the same run, the bare page: the same renderer from a plain server with a core that
 * is already open (no main process), so the difference is what the shell itself costs.
 */

const RUNS = 3
const GOALS = { paint: 1000, trips: 1500 }
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

interface StartupMarks {
  bundleLoaded: number
  windowCreated: number
  firstPaint: number
  tripsListed: number
  /** The page's first call to main: its script has run (the core may still be opening). */
  firstCall: number
  shown: boolean
}

/** A build of main and the renderer: FIELDBOOK_OUT_DIR when it holds one, otherwise a fresh one in a temporary folder. */
function ensureBuild(): string {
  const outDir = process.env['FIELDBOOK_OUT_DIR']
  if (outDir && existsSync(join(outDir, 'main', 'index.js')) && existsSync(join(outDir, 'renderer', 'index.html'))) return outDir
  // Inside the project, so the built main bundle resolves the packages it leaves outside (sharp) from node_modules.
  const temp = resolve('.cache', `bench-out-${process.pid}`)
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', temp], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('electron-vite build failed')
  process.env['FIELDBOOK_OUT_DIR'] = temp
  return temp
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!

function startOnce(outDir: string, appPath: string, dataDir: string): StartupMarks {
  const home = resolve(process.env['TMPDIR'] ?? '/tmp', `fieldbook-bench-home-${process.pid}`)
  rmSync(home, { recursive: true, force: true })
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'startup-child.mjs'), join(outDir, 'main', 'index.js'), CHROMIUM], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, STAND_IN_HOME: home, STAND_IN_APP_PATH: appPath, FIELDBOOK_DATA_DIR: dataDir },
  })
  rmSync(home, { recursive: true, force: true })
  const line = child.stdout.split('\n').find((l) => l.startsWith('STARTUP '))
  if (!line) throw new Error(`the app did not start: ${child.stderr.slice(-2000)}`)
  return JSON.parse(line.slice('STARTUP '.length)) as StartupMarks
}

/** Where the unpackaged app looks for its SQLite build (electron/main/native.ts); the Node build stands in. */
function appPathWithNativeStandIn(): string {
  const appPath = resolve(process.env['TMPDIR'] ?? '/tmp', `fieldbook-bench-app-${process.pid}`)
  const target = join(appPath, 'build', 'native', 'electron')
  mkdirSync(target, { recursive: true })
  copyFileSync(createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node'), join(target, 'better_sqlite3.node'))
  return appPath
}

interface BareBrowser {
  newContext(options?: unknown): Promise<{ addInitScript(script: { content: string }): Promise<void> }>
  close(): Promise<void>
}

/** The bare page: the renderer from a plain server, the core opened beforehand, the same L data. */
async function barePage(dataDir: string): Promise<{ firstPaint: number; tripsListed: number }> {
  // Loaded by name: the e2e harness belongs to the browser-test project (tsconfig.e2e.json), not this one.
  const harnessModule = '../e2e/harness'
  const harness = (await import(harnessModule)) as {
    serveRenderer(): Promise<{ url: string; close: () => Promise<void> }>
    launchBrowser(): Promise<BareBrowser>
    openApp(browser: unknown, url: string, options: { locale: 'zh-CN'; dataDir: string; route: string }): Promise<{
      page: { goto(url: string): Promise<unknown>; evaluate<R>(run: () => R | Promise<R>): Promise<R>; locator(selector: string): { first(): { waitFor(options: { timeout: number }): Promise<void> } }; addInitScript(script: { content: string }): Promise<void> }
      close(): Promise<void>
    }>
  }
  const server = await harness.serveRenderer()
  const launched = await harness.launchBrowser()
  // tsx names the functions handed to the page (`__name(fn)`), the harness's bridge script included: the page
  // needs that name defined before any of them runs.
  const browser: BareBrowser = {
    async newContext(options) {
      const context = await launched.newContext(options)
      await context.addInitScript({ content: 'globalThis.__name = (target) => target' })
      return context
    },
    close: () => launched.close(),
  }
  try {
    const app = await harness.openApp(browser, server.url, { locale: 'zh-CN', dataDir, route: '/settings' })
    try {
      const started = performance.now()
      await app.page.goto(`${server.url}?bare#/trips`)
      const firstPaint = await app.page.evaluate(
        () =>
          new Promise<number>((done) => {
            new PerformanceObserver((list) => {
              const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint')
              if (entry) done(entry.startTime)
            }).observe({ type: 'paint' as 'mark', buffered: true }) // Node's types know no paint entries; the page's do
          }),
      )
      await app.page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 })
      return { firstPaint, tripsListed: performance.now() - started }
    } finally {
      await app.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

export async function benchStartup(folder: ScaleFolder): Promise<void> {
  try {
    const outDir = ensureBuild()
    const appPath = appPathWithNativeStandIn()
    const bare = await barePage(folder.dataDir)
    const runs: StartupMarks[] = []
    for (let i = 0; i < RUNS; i++) runs.push(startOnce(outDir, appPath, folder.dataDir))
    rmSync(appPath, { recursive: true, force: true })
    const paint = median(runs.map((run) => run.firstPaint))
    const trips = median(runs.map((run) => run.tripsListed))
    addRow({
      name: `start-up, L data: main bundle loaded → window's first paint (median of ${RUNS}; bundle ${formatMs(median(runs.map((r) => r.bundleLoaded)))}, window ${formatMs(median(runs.map((r) => r.windowCreated)))})`,
      value: formatMs(paint),
      baseline: `bare page first paint ${formatMs(bare.firstPaint)}`,
      ratio: `${(paint / bare.firstPaint).toFixed(1)}×`,
      goal: `< ${GOALS.paint} ms`,
      note: paint < GOALS.paint ? '' : 'the page is served by main while it loads; see the window-created figure',
    })
    addRow({
      name: `start-up, L data: main bundle loaded → first painted row of the trip list (median of ${RUNS}; the page's first call at ${formatMs(median(runs.map((r) => r.firstCall)))})`,
      value: formatMs(trips),
      baseline: `bare page ${formatMs(bare.tripsListed)}`,
      ratio: `${(trips / bare.tripsListed).toFixed(1)}×`,
      goal: `< ${GOALS.trips} ms`,
      note: trips < GOALS.trips ? '' : "the core opens in parallel (its heavy modules load on first use); the page's own script and the first list render take the rest, as on the bare page",
    })
  } catch (error) {
    const message = (error as Error).message
    console.error(`  start-up measure failed: ${message}`)
    addRow({ name: 'start-up, L data', value: 'not measured', baseline: '—', ratio: '—', goal: `< ${GOALS.paint} ms paint, < ${GOALS.trips} ms trips`, note: `failed: ${message.split('\n')[0]}` })
  }
}
