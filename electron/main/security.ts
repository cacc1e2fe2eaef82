import type { WebPreferences } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'

/*
 * Electron's security checklist as small functions over the few Electron methods they need. The parameter types
 * are structural so the real objects fit and tests can pass plain fakes.
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'fieldbook'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // The spellchecker downloads dictionaries from Google's servers; the app works offline.
    spellcheck: false,
    // A file dropped outside a drop zone must not replace the app with the file.
    navigateOnDragDrop: false,
  }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** True for our own pages: the app protocol, or the dev server's origin while developing. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  // Node's URL gives non-special schemes an opaque "null" origin, so the app scheme is compared by parts.
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host.toLowerCase() === APP_HOST
  if (!devServerUrl) return false
  const dev = parseUrl(devServerUrl)
  return dev !== null && dev.origin !== 'null' && parsed.origin === dev.origin
}

export interface SenderFrame {
  readonly url: string
  readonly parent: unknown
}

/** IPC is accepted only from our page's top frame; an iframe or a foreign page gets nothing. */
export function isTrustedSender(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  if (frame === null || frame === undefined) return false
  return frame.parent === null && isAppUrl(frame.url, devServerUrl)
}

/** Links handed to the system browser: http(s) with a host and nothing that could disguise it. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  // `https://trusted.example@evil.example/` reads like the first host but opens the second.
  return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === ''
}

export interface PreventableEvent {
  preventDefault(): void
}

export interface NavigationEvent extends PreventableEvent {
  /** Set by Electron ≥ 25; the deprecated second listener argument carries the same URL. */
  readonly url?: string
}

export interface WindowOpenDetails {
  readonly url: string
}

export interface GuardedWebContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>
}

/**
 * The window only ever shows our pages. Navigation elsewhere is stopped; new windows are never created, and a
 * clicked http(s) link (target=_blank) goes to the system browser instead.
 */
export function guardNavigation(webContents: GuardedWebContents, shell: ExternalOpener, devServerUrl?: string): void {
  const stayHome = (event: NavigationEvent, url: string) => {
    if (!isAppUrl(event.url ?? url, devServerUrl)) event.preventDefault()
  }
  webContents.on('will-navigate', stayHome)
  webContents.on('will-redirect', stayHome)
  webContents.on('will-attach-webview', (event) => event.preventDefault())
  webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => console.error('openExternal failed', error))
    }
    return { action: 'deny' }
  })
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null,
  ): void
  setPermissionCheckHandler(
    handler: ((webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean) | null,
  ): void
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void
}

/** Camera, microphone, location, notifications, USB, serial…: the app needs none, so every request is refused. */
export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  if (typeof session.setDevicePermissionHandler === 'function') session.setDevicePermissionHandler(() => false)
}

/**
 * The policy for pages from `devServerUrl` (or the packaged app when absent). The dev server injects React's
 * refresh preamble as an inline script, so development alone also allows inline scripts; the app protocol
 * always gets the strict policy.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY
  return CONTENT_SECURITY_POLICY.split('; ')
    .map((directive) => (directive.startsWith('script-src ') ? `${directive} 'unsafe-inline'` : directive))
    .join('; ')
}

type ResponseHeaders = Record<string, string | string[]>

export interface HeadersReceivedDetails {
  readonly responseHeaders?: Record<string, string[]>
}

export interface CspSession {
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersReceivedDetails,
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void
  }
}

/** Every response in the session carries our CSP, replacing any other, so the dev server's pages are covered too. */
export function applyContentSecurityPolicy(session: CspSession, policy: string = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: ResponseHeaders = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value
    }
    responseHeaders['Content-Security-Policy'] = [policy]
    callback({ responseHeaders })
  })
}
