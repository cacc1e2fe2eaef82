// One start of the built main bundle under Node with the stand-in `electron`, its window shown in Chromium:
// the app protocol is served to Chromium over loopback HTTP by main's own protocol handler, and the page's
// `window.fieldbook` calls main's own IPC handler. Prints one JSON line of timings, all from the moment before
// the main bundle is imported.
//
// Usage: node startup-child.mjs <main bundle> <chromium>    (env: STAND_IN_HOME, STAND_IN_APP_PATH, FIELDBOOK_DATA_DIR)
import { createServer } from 'node:http'
import { register } from 'node:module'
import { chromium } from 'playwright-core'

register('../unit/main/packaging/electron-hooks.mjs', import.meta.url)
const [mainBundle, chromiumPath] = process.argv.slice(2)
const { recorder } = await import('../unit/main/packaging/electron-module.mjs')

const marks = {}
let started = 0
const at = () => performance.now() - started

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })
const trusted = { url: 'app://fieldbook/index.html', parent: null }
await context.exposeBinding('__fieldbookInvoke', async (_source, name, input) => {
  // When the page's script has run far enough to ask for data (its first call waits for the core to open).
  marks.firstCall ??= at()
  const handler = recorder.ipcHandlers.get('fieldbook:invoke')
  return JSON.stringify(await handler({ senderFrame: trusted }, name, input))
})
await context.addInitScript(() => {
  globalThis.__name = (target) => target
  const invokeAsJson = globalThis.__fieldbookInvoke
  globalThis.fieldbook = Object.freeze({
    invoke: async (name, input) => JSON.parse(await invokeAsJson(name, input)),
    onEvent: () => () => {},
  })
})
const page = await context.newPage()

// app://fieldbook/<path> answered by main's protocol handler, reached over loopback.
const server = createServer(async (request, response) => {
  const handler = recorder.protocolHandlers.get('app')
  const answer = await handler(new Request(`app://fieldbook${request.url}`, { method: request.method }))
  response.writeHead(answer.status, Object.fromEntries(answer.headers))
  response.end(Buffer.from(await answer.arrayBuffer()))
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`

recorder.pageLoader = async (window, url) => {
  marks.windowCreated = at()
  const navigated = at()
  await page.goto(`${origin}${new URL(url).pathname}#/trips`, { waitUntil: 'commit' })
  const firstPaint = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint')
          if (entry) resolve(entry.startTime)
        }).observe({ type: 'paint', buffered: true })
      }),
  )
  marks.firstPaint = navigated + firstPaint
  window.emit('ready-to-show')
}

started = performance.now()
await import(mainBundle)
marks.bundleLoaded = at()
await page.locator('.ant-table-row').first().waitFor({ timeout: 120_000 })
marks.tripsListed = at()
const shown = recorder.calls.findIndex((call) => call.name === 'window.show') >= 0
await browser.close()
server.close()
process.stdout.write(`\nSTARTUP ${JSON.stringify({ ...marks, shown })}\n`)
recorder.windows[0]?.close()
setTimeout(() => process.exit(0), 300)
