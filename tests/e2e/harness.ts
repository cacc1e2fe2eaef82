import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { openCore, type Core } from '../../electron/core/core'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp'
import type { FieldbookEvent } from '../../shared/events'
import { tempDir } from '../helpers/temp'

/** `electron-vite build --outDir DIR` puts the renderer in DIR/renderer; FIELDBOOK_OUT_DIR points the tests there. */
export const RENDERER_DIR = resolve(process.env['FIELDBOOK_OUT_DIR'] ?? 'out', 'renderer')
export const SCREENS_DIR = resolve('test-results/screens')

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/** Serves the built renderer with the same CSP header the app protocol sends. */
export async function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname))
    const file = join(RENDERER_DIR, path === '/' ? 'index.html' : path)
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    })
    response.end(readFileSync(file))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

export interface AppSession {
  page: Page
  context: BrowserContext
  core: Core
  dataDir: string
  /** Console errors and CSP violations seen on the page; a test expects none. */
  problems: string[]
  /** Files the export "save dialog" wrote to, and folders "shown in folder". */
  exportsDir: string
  shownInFolder: string[]
  /** What the next "open file" dialogs answer (a backup to restore, a file to import); empty: the user cancels. */
  openPaths: string[]
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

/**
 * Opens the renderer in a fresh browser context with the real core behind `window.fieldbook`: the binding
 * calls the same dispatcher main registers for IPC, so only the transport differs from the packaged app.
 */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  /** checkOutputs: false runs the core as the app does (records this version cannot parse still reach the page). */
  options: { locale: 'zh-CN' | 'en-US'; dataDir?: string; route?: string; checkOutputs?: boolean },
): Promise<AppSession> {
  const owned = options.dataDir ? null : tempDir('fieldbook-e2e-')
  const dataDir = options.dataDir ?? owned!.path
  // The native save dialog is the one part of exporting the page cannot drive: here it answers with a file in
  // the data folder's exports/, the name the app suggested.
  const exportsDir = join(dataDir, 'exports')
  mkdirSync(exportsDir, { recursive: true })
  const shownInFolder: string[] = []
  const openPaths: string[] = []
  const core = openCore({
    dataDir,
    appVersion: 'e2e',
    ...(options.checkOutputs === false ? { checkOutputs: false } : {}),
    reportHost: { chooseSavePath: async (name) => join(exportsDir, name), showInFolder: (path) => shownInFolder.push(path) },
    backupHost: {
      chooseSavePath: async (name) => join(exportsDir, name),
      chooseOpenPath: async () => openPaths.shift() ?? null,
      showInFolder: (path) => shownInFolder.push(path),
    },
    exchangeHost: { chooseOpenPath: async () => openPaths.shift() ?? null, chooseSavePath: async (name) => join(exportsDir, name) },
  })
  const context = await browser.newContext({ locale: options.locale, viewport: { width: 1280, height: 800 } })
  // Results cross as one JSON string: Playwright's own serialisation of large answers (10,000 records) is slow.
  await context.exposeBinding('__fieldbookInvoke', async (_source, name: unknown, input: unknown) =>
    JSON.stringify(await core.dispatch(name, input)),
  )
  await context.addInitScript(() => {
    const listeners = new Set<(event: unknown) => void>()
    const target = globalThis as unknown as Record<string, unknown>
    const invokeAsJson = target['__fieldbookInvoke'] as (name: string, input: unknown) => Promise<string>
    const invoke = async (name: string, input: unknown) => JSON.parse(await invokeAsJson(name, input)) as unknown
    target['fieldbook'] = Object.freeze({
      invoke: (name: string, input: unknown) => invoke(name, input),
      onEvent: (listener: (event: unknown) => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    })
    target['__fieldbookEmit'] = (event: unknown) => listeners.forEach((listener) => listener(event))
  })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const problems: string[] = []
  page.on('console', (message) => {
    // A failed load is reported by the response listener with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`)
  })
  const unsubscribe = core.onEvent((event: FieldbookEvent) => {
    void page.evaluate((e) => (globalThis as unknown as { __fieldbookEmit: (e: unknown) => void }).__fieldbookEmit(e), event).catch(() => {})
  })
  await page.goto(`${baseUrl}#${options.route ?? '/trips'}`)
  mkdirSync(SCREENS_DIR, { recursive: true })
  const suffix = options.locale === 'zh-CN' ? 'zh' : 'en'
  return {
    page,
    context,
    core,
    dataDir,
    problems,
    exportsDir,
    shownInFolder,
    openPaths,
    async screenshot(name) {
      const file = join(SCREENS_DIR, `${name}-${suffix}.png`)
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
      return file
    },
    async close() {
      unsubscribe()
      await context.close()
      core.close()
      owned?.cleanup()
    },
  }
}

/** Waits until the element is visible; fails the test with the locator's description if it never is. */
export async function visible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout })
}
