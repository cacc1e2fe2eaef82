import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { dispatchOk } from '../helpers/core'
import { launchBrowser, openApp, serveRenderer, type AppSession } from './harness'

/** Calls a procedure on the core behind the page, as seeding does; it must succeed. Returns its value. */
export const call = dispatchOk

export interface BrowserFixture {
  readonly browser: Browser
  /** The served renderer's base URL (append `#/route`). */
  readonly url: string
  /** Opens the app in a fresh context of this file's browser (see `openApp`). */
  open(options: Parameters<typeof openApp>[2]): Promise<AppSession>
}

/** One renderer server and one Chromium for the file (or suite): started before all its tests, closed after. */
export function useBrowser(): BrowserFixture {
  let browser: Browser | undefined
  let server: Awaited<ReturnType<typeof serveRenderer>> | undefined
  beforeAll(async () => {
    server = await serveRenderer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  const started = () => {
    if (!browser || !server) throw new Error('useBrowser: the browser only runs inside tests')
    return { browser, server }
  }
  return {
    get browser() {
      return started().browser
    },
    get url() {
      return started().server.url
    },
    open(options) {
      const { browser, server } = started()
      return openApp(browser, server.url, options)
    },
  }
}

/** Types a date the way a user does: into the picker's input, confirmed with Enter. */
export async function typeDate(input: Locator, date: string, poll?: { timeout?: number }): Promise<void> {
  await input.click()
  await input.fill(date)
  await input.press('Enter')
  // The picker may re-render its input after Enter; wait until it shows the committed date.
  await expect.poll(() => input.inputValue(), poll).toBe(date)
}

/** Types part of a name into a searchable select and picks the matching option. */
export async function pick(page: Page, select: Locator, typed: string, option: string): Promise<void> {
  await select.click()
  if (typed) await select.fill(typed)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click()
}

/** Waits for the autosaved value to reach SQLite. */
export async function stored<T>(read: () => T, expected: T): Promise<void> {
  await expect.poll(read, { timeout: 5000 }).toEqual(expected)
}

/** Autosave finished: every save indicator on the page says saved. */
export async function allSaved(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[data-testid="save-status"]:not([data-status="saved"])').count(), { timeout: 5000 }).toBe(0)
}

export const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
export const visibleConfirm = (page: Page) => page.locator('.ant-popconfirm:not(.ant-popover-hidden)')
export const statValue = (page: Page, id: string) => page.getByTestId(`stat-${id}`).locator('.ant-statistic-content').first().innerText()
