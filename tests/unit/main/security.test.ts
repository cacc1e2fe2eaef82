import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp'
import {
  APP_ORIGIN,
  applyContentSecurityPolicy,
  contentSecurityPolicy,
  denyPermissions,
  guardNavigation,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
  secureWebPreferences,
  type CspSession,
  type HeadersReceivedDetails,
  type PermissionSession,
  type WindowOpenDetails,
} from '../../../electron/main/security'

const DEV = 'http://localhost:5173'

/** A webContents that records its window-open handler and lets tests emit navigation events. */
class FakeWebContents extends EventEmitter {
  openHandler: ((details: WindowOpenDetails) => { action: 'deny' }) | null = null
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void {
    this.openHandler = handler
  }
  /** Emits like Electron 45: the event carries the url, the deprecated second argument repeats it. */
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false
    this.emit(kind, { url, preventDefault: () => (prevented = true) }, url)
    return prevented
  }
}

class FakeShell {
  opened: string[] = []
  async openExternal(url: string): Promise<void> {
    this.opened.push(url)
  }
}

function guarded(devServerUrl?: string) {
  const contents = new FakeWebContents()
  const shell = new FakeShell()
  guardNavigation(contents, shell, devServerUrl)
  return { contents, shell }
}

describe('web preferences', () => {
  it('isolate, sandbox and strip Node from the page', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs')
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    })
  })
})

describe('our own URLs', () => {
  it('are the app protocol host, and the dev server origin only when one is given', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true)
    expect(isAppUrl('app://fieldbook/')).toBe(true)
    expect(isAppUrl('app://other/index.html')).toBe(false)
    expect(isAppUrl('app://fieldbook.evil.com/')).toBe(false)
    expect(isAppUrl('file:///app/out/renderer/index.html')).toBe(false)
    expect(isAppUrl(`${DEV}/`)).toBe(false)
    expect(isAppUrl(`${DEV}/#/trips`, DEV)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false)
    expect(isAppUrl('not a url', DEV)).toBe(false)
  })
})

describe('IPC sender check', () => {
  const top = { url: 'app://fieldbook/index.html#/trips', parent: null }
  it('accepts our top frame', () => {
    expect(isTrustedSender(top)).toBe(true)
    expect(isTrustedSender({ url: `${DEV}/`, parent: null }, DEV)).toBe(true)
  })
  it('rejects a subframe, even of our origin', () => {
    expect(isTrustedSender({ url: 'app://fieldbook/index.html', parent: top })).toBe(false)
  })
  it('rejects a foreign origin in the top frame', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false)
    expect(isTrustedSender({ url: `${DEV}/`, parent: null })).toBe(false)
    expect(isTrustedSender({ url: 'file:///etc/index.html', parent: null })).toBe(false)
  })
  it('rejects a missing frame', () => {
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })
})

describe('external links', () => {
  it('only http(s) with a host', () => {
    expect(isSafeExternalUrl('https://www.moe.gov.cn/')).toBe(true)
    expect(isSafeExternalUrl('http://example.com/path?q=1')).toBe(true)
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'app://fieldbook/index.html',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://trusted.example@evil.example/',
      'http://',
      'https:',
      '',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false)
    }
  })
})

describe('navigation guard', () => {
  it('prevents navigation and redirects to a foreign URL', () => {
    const { contents } = guarded()
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true)
  })
  it('allows navigation within our own pages', () => {
    const { contents } = guarded()
    expect(contents.navigate('will-navigate', 'app://fieldbook/index.html')).toBe(false)
    expect(contents.navigate('will-redirect', 'app://fieldbook/index.html')).toBe(false)
  })
  it('allows the dev server only when it is ours', () => {
    expect(guarded(DEV).contents.navigate('will-navigate', `${DEV}/index.html`)).toBe(false)
    expect(guarded().contents.navigate('will-navigate', `${DEV}/index.html`)).toBe(true)
  })
  it('judges by the event url when the deprecated argument disagrees', () => {
    const { contents } = guarded()
    let prevented = false
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) }, 'app://fieldbook/')
    expect(prevented).toBe(true)
  })
  it('prevents attaching a webview', () => {
    const { contents } = guarded()
    let prevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src: 'https://evil.example/' })
    expect(prevented).toBe(true)
  })
  it('denies every new window and opens only http(s) links externally', async () => {
    const { contents, shell } = guarded()
    const open = contents.openHandler!
    expect(open).not.toBeNull()
    expect(open({ url: 'https://www.example.com/policy' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(open({ url: 'app://fieldbook/index.html' })).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(shell.opened).toEqual(['https://www.example.com/policy'])
  })
  it('survives openExternal failing', async () => {
    const contents = new FakeWebContents()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      guardNavigation(contents, { openExternal: () => Promise.reject(new Error('no browser')) })
      expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
      await new Promise((resolve) => setTimeout(resolve, 0))
      expect(logged).toHaveBeenCalledOnce()
    } finally {
      logged.mockRestore()
    }
  })
})

describe('permissions', () => {
  function fakeSession(withDevice: boolean) {
    const handlers: {
      request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0]
      check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0]
      device?: ((details: unknown) => boolean) | null
    } = {}
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => void (handlers.request = h),
      setPermissionCheckHandler: (h) => void (handlers.check = h),
    }
    if (withDevice) session.setDevicePermissionHandler = (h) => void (handlers.device = h)
    return { session, handlers }
  }

  it('refuses every request, check and device', () => {
    const { session, handlers } = fakeSession(true)
    denyPermissions(session)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const answers: boolean[] = []
      handlers.request!({}, permission, (granted) => answers.push(granted), {})
      expect(answers, permission).toEqual([false])
      expect(handlers.check!({}, permission, 'app://fieldbook', {}), permission).toBe(false)
    }
    expect(handlers.device!({ deviceType: 'usb', origin: 'app://fieldbook' })).toBe(false)
  })
  it('works on a session without device permissions', () => {
    const { session, handlers } = fakeSession(false)
    denyPermissions(session)
    expect(handlers.check).toBeTypeOf('function')
    expect(handlers.device).toBeUndefined()
  })
})

describe('content security policy', () => {
  function headersAfter(policy: string | undefined, details: HeadersReceivedDetails) {
    let listener: Parameters<CspSession['webRequest']['onHeadersReceived']>[0] | undefined
    applyContentSecurityPolicy({ webRequest: { onHeadersReceived: (l) => void (listener = l) } }, policy)
    let result: Record<string, string | string[]> | undefined
    listener!(details, (response) => (result = response.responseHeaders))
    return result!
  }

  it('adds the CSP header and keeps the others', () => {
    const headers = headersAfter(undefined, { responseHeaders: { 'Content-Type': ['text/html'] } })
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(headers['Content-Type']).toEqual(['text/html'])
  })
  it('replaces a looser policy sent by the server, whatever its case', () => {
    const headers = headersAfter(undefined, {
      responseHeaders: { 'content-security-policy': ["script-src * 'unsafe-eval'"] },
    })
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual([
      'Content-Security-Policy',
    ])
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
  })
  it('works when the response has no headers', () => {
    expect(headersAfter(undefined, {})).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
  it('is strict for the app and loosens only script-src for the dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';")
    const dev = contentSecurityPolicy(DEV)
    expect(dev).toContain("script-src 'self' 'unsafe-inline';")
    expect(dev.replace(" 'unsafe-inline'", '')).toBe(CONTENT_SECURITY_POLICY)
    expect(headersAfter(dev, {})['Content-Security-Policy']).toEqual([dev])
  })
})
