import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ScaleFolder } from './scale'
import { addNote, addRow, formatMs, timeAsync } from './table'

/**
 * The renderer needs a build: FIELDBOOK_OUT_DIR when it holds one, otherwise this builds into a temporary folder
 * (never into out/, which the app and other runs use).
 */
function ensureRendererBuild(): void {
  // out/ may hold a stale build from another branch: only an explicit FIELDBOOK_OUT_DIR is trusted.
  const outDir = process.env['FIELDBOOK_OUT_DIR']
  if (outDir && existsSync(join(outDir, 'renderer', 'index.html'))) return
  // Inside the project, so the built main bundle resolves the packages it leaves outside (sharp) from node_modules.
  const temp = resolve('.cache', `bench-out-${process.pid}`)
  console.log(`  building the renderer into ${temp}…`)
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', temp], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('electron-vite build failed')
  process.env['FIELDBOOK_OUT_DIR'] = temp
}

const WARM_UPS = 1
const RUNS = 10
const GOAL_MS = 500

/** What this uses of Playwright's browser and of tests/e2e/harness.ts. */
interface BenchBrowser {
  newContext(options?: unknown): Promise<{ addInitScript(script: { content: string }): Promise<void> }>
  close(): Promise<void>
}

interface BenchPage {
  getByRole(role: string): { first(): { waitFor(options: { timeout: number }): Promise<void> } }
  evaluate<R, A>(run: (arg: A) => R | Promise<R>, arg: A): Promise<R>
  reload(): Promise<unknown>
}

interface E2eHarness {
  serveRenderer(): Promise<{ url: string; close: () => Promise<void> }>
  launchBrowser(): Promise<BenchBrowser>
  openApp(
    browser: BenchBrowser,
    url: string,
    options: { locale: 'zh-CN'; dataDir: string; route: string },
  ): Promise<{
    page: BenchPage
    core: { dispatch(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> }
    problems: string[]
    screenshot(name: string): Promise<string>
    close(): Promise<void>
  }>
}

/** The page's globals this uses (this project is type-checked without the DOM library). */
interface PageGlobals {
  document: { body: unknown; querySelectorAll(selector: string): Iterable<{ textContent: string | null }> }
  location: { hash: string }
  requestAnimationFrame(callback: () => void): void
  MessageChannel: new () => { port1: { onmessage: (() => void) | null; close(): void }; port2: { postMessage(message: unknown): void } }
  __benchCalls: { name: string; sent: number; answered: number }[]
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void; disconnect(): void }
}

/**
 * Added to every page before the harness's own scripts.
 * - `npm run bench` runs under tsx, whose esbuild transform wraps the functions it names in `__name(fn, "name")`
 *   (keepNames). Functions Playwright sends into the page (the harness's `window.fieldbook` init script, the
 *   timing below) then threw "__name is not defined" there: the app never got its bridge and stayed blank
 *   (privatenumber/tsx#113). Vitest's transform does not do this, which is why the e2e tests pass. A no-op
 *   `__name` fixes it.
 * - The bridge the harness installs is wrapped to note when each procedure was asked for and answered, so a
 *   route change can be split into its steps.
 */
const PAGE_SCRIPT = `
globalThis.__name = (target) => target;
globalThis.__benchCalls = [];
(() => {
  let bridge;
  Object.defineProperty(globalThis, 'fieldbook', {
    configurable: true,
    get: () => bridge,
    set: (value) => {
      bridge = Object.freeze({
        ...value,
        invoke: async (name, input) => {
          const call = { name, sent: performance.now(), answered: NaN };
          globalThis.__benchCalls.push(call);
          try {
            return await value.invoke(name, input);
          } finally {
            call.answered = performance.now();
          }
        },
      });
    },
  });
})();
`

function withPageScript(browser: BenchBrowser): BenchBrowser {
  return {
    async newContext(options) {
      const context = await browser.newContext(options)
      await context.addInitScript({ content: PAGE_SCRIPT })
      return context
    },
    close: () => browser.close(),
  }
}

interface RouteTiming {
  /** From the hash change until the screen asked the core for `procedure` (NaN: it did not ask). */
  sent: number
  /** Until the core's answer was back in the page. */
  answered: number
  /** Until the element is in the DOM. */
  inDom: number
  /** Until the frame that shows it has been rendered (the task after that frame's requestAnimationFrame). */
  painted: number
}

/**
 * Times a route change inside the page, so no Playwright round trip is counted: performance.now() when the hash
 * changes, a MutationObserver for the element (with `text` in it), then the next frame.
 */
function timeRoute(page: BenchPage, hash: string, selector: string, text = '', procedure = 'enterprise.overview'): Promise<RouteTiming> {
  return page.evaluate(
    ({ hash, selector, text, procedure }) =>
      new Promise<RouteTiming>((done, fail) => {
        const page = globalThis as unknown as PageGlobals
        const present = () => [...page.document.querySelectorAll(selector)].some((element) => element.textContent?.includes(text))
        if (present()) {
          fail(new Error(`${selector} is already on the page before ${hash}`))
          return
        }
        const start = performance.now()
        const timeout = setTimeout(() => {
          observer.disconnect()
          fail(new Error(`${selector} did not appear within 30 s of ${hash}`))
        }, 30_000)
        const observer = new page.MutationObserver(() => {
          if (!present()) return
          const inDom = performance.now() - start
          observer.disconnect()
          clearTimeout(timeout)
          // requestAnimationFrame runs just before the frame's style, layout and paint; the message after it
          // runs once they are done.
          page.requestAnimationFrame(() => {
            const channel = new page.MessageChannel()
            channel.port1.onmessage = () => {
              channel.port1.close()
              const call = page.__benchCalls.find((c) => c.name === procedure && c.sent >= start)
              done({ sent: (call?.sent ?? NaN) - start, answered: (call?.answered ?? NaN) - start, inDom, painted: performance.now() - start })
            }
            channel.port2.postMessage(null)
          })
        })
        observer.observe(page.document.body, { childList: true, subtree: true })
        page.location.hash = hash
      }),
    { hash, selector, text, procedure },
  )
}

/** Nearest-rank percentile (of 10 runs the p95 is the slowest). */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const summary = (samples: number[]) => `p50 ${formatMs(percentile(samples, 50))}, p95 ${formatMs(percentile(samples, 95))}`

// The rows of an antd virtual table; Settings' first card title is its own text.
const LIST_ROW = '.ant-table-row'
const SETTINGS = { selector: '.ant-card-head-title', text: '界面语言' }

/**
 * From a route change to the first painted row of the enterprise list with the L data behind it, in Chromium
 * with the real core (tests/e2e/harness.ts), beside the route change to Settings (no data) in the same runs.
 */
export async function benchRenderer(folder: ScaleFolder): Promise<void> {
  try {
    await measureRenderer(folder)
  } catch (error) {
    const message = (error as Error).message
    console.error(`  renderer measure failed: ${message}`)
    addRow({ name: 'renderer: enterprise list with L data', value: 'not measured', baseline: '—', ratio: '—', goal: `< ${GOAL_MS} ms`, note: `failed: ${message.split('\n')[0]}` })
  }
}

async function measureRenderer(folder: ScaleFolder): Promise<void> {
  ensureRendererBuild()
  // The harness reads FIELDBOOK_OUT_DIR when it is loaded.
  // Loaded by name: the e2e harness belongs to the browser-test project (tsconfig.e2e.json), not this one.
  const harnessModule = '../e2e/harness'
  const { launchBrowser, openApp, serveRenderer } = (await import(harnessModule)) as E2eHarness
  const server = await serveRenderer()
  const browser = withPageScript(await launchBrowser())
  // Fresh: the first visit of the list in a session, its query not cached yet. Cached: going back to it later.
  const fresh: RouteTiming[] = []
  const cached: RouteTiming[] = []
  const settings: RouteTiming[] = []
  const overview: number[] = []
  let overviewRows = 0
  let overviewBytes = 0
  try {
    // One core on the L folder for the whole measure, as in the app; each run reloads the page on Settings, so
    // the renderer starts with an empty query cache.
    const app = await openApp(browser, server.url, { locale: 'zh-CN', dataDir: folder.dataDir, route: '/settings' })
    const failWith = (error: unknown): never => {
      const problems = app.problems.length > 0 ? ` — console errors on the page: ${app.problems.join('; ')}` : ' — no console errors on the page'
      throw new Error(`${(error as Error).message.split('\n')[0]}${problems}`)
    }
    try {
      for (let run = 0; run < WARM_UPS + RUNS; run++) {
        if (run > 0) {
          await app.page.evaluate(() => {
            ;(globalThis as unknown as PageGlobals).location.hash = '#/settings'
          }, null)
          await app.page.reload()
        }
        await app.page
          .getByRole('menuitem')
          .first()
          .waitFor({ timeout: 60_000 })
          .catch((error: unknown) => failWith(new Error(`the app's menu never appeared within 60 s after the page opened: ${(error as Error).message}`)))
        await app.page.getByRole('heading').first().waitFor({ timeout: 10_000 })
        // Settings' own requests finish before the clock starts.
        await new Promise((settled) => setTimeout(settled, 500))
        const list = await timeRoute(app.page, '#/enterprises', LIST_ROW).catch(failWith)
        const back = await timeRoute(app.page, '#/settings', SETTINGS.selector, SETTINGS.text).catch(failWith)
        const again = await timeRoute(app.page, '#/enterprises', LIST_ROW).catch(failWith)
        if (run === 0) await app.screenshot('bench-enterprises-L')
        if (app.problems.length > 0) failWith(new Error('problems on the page'))
        if (run < WARM_UPS) continue
        fresh.push(list)
        settings.push(back)
        cached.push(again)
        // The core's share of the fresh visit: the query and the JSON the bridge carries.
        const { ms, result } = await timeAsync(async () => JSON.stringify(await app.core.dispatch('enterprise.overview', {})))
        overview.push(ms)
        overviewRows = (JSON.parse(result) as { value: unknown[] }).value.length
        overviewBytes = Buffer.byteLength(result)
      }
    } finally {
      await app.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
  const painted = (timings: RouteTiming[]) => timings.map((t) => t.painted)
  const p50 = (timings: RouteTiming[], step: keyof RouteTiming) => percentile(timings.map((t) => t[step]), 50)
  const settingsP50 = p50(settings, 'painted')
  const baseline = `route change list → Settings (no data): ${summary(painted(settings))}`
  const overGoal = (timings: RouteTiming[]) => (percentile(painted(timings), 95) < GOAL_MS ? '' : 'p95 over goal: see the renderer note below the table')
  addRow({
    name: `renderer: route change Settings → enterprise list until its first row is painted, first visit (query not cached), L data (${overviewRows.toLocaleString('en')} enterprises), Chromium, ${RUNS} runs after ${WARM_UPS} warm-up`,
    value: summary(painted(fresh)),
    baseline,
    ratio: `${(p50(fresh, 'painted') / settingsP50).toFixed(1)}× Settings`,
    goal: `< ${GOAL_MS} ms`,
    note: overGoal(fresh),
  })
  addRow({
    name: 'renderer: the same route change back to the list later (query cached), L data, Chromium',
    value: summary(painted(cached)),
    baseline,
    ratio: `${(p50(cached, 'painted') / settingsP50).toFixed(1)}× Settings`,
    goal: `< ${GOAL_MS} ms`,
    note: overGoal(cached),
  })
  const runs = (timings: RouteTiming[]) => painted(timings).map((v) => v.toFixed(0)).join(', ')
  addNote(
    `**Renderer: the enterprise list's first visit step by step** (medians, ms after the route change): the screen ` +
      `asks the core for \`enterprise.overview\` at ${p50(fresh, 'sent').toFixed(0)} (while it renders, before the table mounts), ` +
      `the answer is back at ${p50(fresh, 'answered').toFixed(0)} (the core's query and JSON alone: ${formatMs(percentile(overview, 50))}; ` +
      `the rest is carrying ${(overviewBytes / 1024).toFixed(0)} KB through Playwright's binding — IPC in the app — and the page finishing ` +
      `the table's first mount), the first row is in the DOM at ${p50(fresh, 'inDom').toFixed(0)} (sorting in pinyin order, the virtual ` +
      `table's first rows and measurements) and painted at ${p50(fresh, 'painted').toFixed(0)}. Each run, painted: first visit ${runs(fresh)}; ` +
      `cached ${runs(cached)}; Settings ${runs(settings)}.`,
  )
}
