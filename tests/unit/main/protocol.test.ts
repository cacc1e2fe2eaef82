import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp'
import {
  APP_SCHEME_PRIVILEGES,
  APP_SCHEME_REGISTRATION,
  contentTypeOf,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../../electron/main/protocol'
import { tempDir } from '../../helpers/temp'

const INDEX = '<!doctype html><title>Fieldbook</title>'
const SECRET = 'secret outside the renderer folder'

let temp: ReturnType<typeof tempDir>
let root: string
let handler: ReturnType<typeof createAppProtocolHandler>

beforeAll(() => {
  // temp/secret.txt and temp/renderer-private/ sit next to the served folder temp/renderer/.
  temp = tempDir('fieldbook-protocol-')
  root = join(temp.path, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  mkdirSync(join(temp.path, 'renderer-private'))
  writeFileSync(join(root, 'index.html'), INDEX)
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("fieldbook")')
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>')
  writeFileSync(join(root, 'assets', 'font.woff2'), 'wOF2')
  writeFileSync(join(root, '.env'), SECRET)
  writeFileSync(join(temp.path, 'secret.txt'), SECRET)
  writeFileSync(join(temp.path, 'renderer-private', 'secret.txt'), SECRET)
  handler = createAppProtocolHandler(root)
})

afterAll(() => temp.cleanup())

const get = (url: string, method = 'GET') => handler({ url, method })

describe('app protocol registration', () => {
  it('is a standard, secure scheme with fetch and no CSP or CORS bypass', () => {
    expect(APP_SCHEME_REGISTRATION.scheme).toBe('app')
    expect(APP_SCHEME_PRIVILEGES.standard).toBe(true)
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true)
    expect(APP_SCHEME_PRIVILEGES.supportFetchAPI).toBe(true)
    expect(APP_SCHEME_PRIVILEGES.bypassCSP).not.toBe(true)
    expect(APP_SCHEME_PRIVILEGES.corsEnabled).not.toBe(true)
    expect(APP_SCHEME_PRIVILEGES.allowServiceWorkers).not.toBe(true)
  })
})

describe('app protocol handler', () => {
  it('serves index.html for / with the CSP and an HTML type', async () => {
    for (const url of ['app://fieldbook/', 'app://fieldbook', 'app://fieldbook/index.html', 'app://fieldbook/?x=1#/trips']) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-type'), url).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff')
      expect(await response.text(), url).toBe(INDEX)
    }
  })

  it('serves assets with their content types', async () => {
    const js = await get('app://fieldbook/assets/index-abc.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log("fieldbook")')
    expect((await get('app://fieldbook/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await get('app://fieldbook/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml')
    expect((await get('app://fieldbook/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2')
    expect(contentTypeOf('x.unknownext')).toBe('application/octet-stream')
  })

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get('app://fieldbook/assets/index-abc.js', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get('app://fieldbook/index.html', 'POST')).status).toBe(405)
  })

  it('returns index.html only for /, never as a fallback', async () => {
    const missing = await get('app://fieldbook/trips/123')
    expect(missing.status).toBe(404)
    expect(await missing.text()).not.toContain('Fieldbook</title>')
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect((await get('app://fieldbook/assets')).status).toBe(404)
  })

  it('refuses path traversal in every spelling', async () => {
    const attempts = [
      'app://fieldbook/../secret.txt',
      'app://fieldbook/assets/../../secret.txt',
      'app://fieldbook/%2e%2e/secret.txt',
      'app://fieldbook/%2E%2E/secret.txt',
      'app://fieldbook/.%2e/secret.txt',
      'app://fieldbook/%2e%2e%2fsecret.txt',
      'app://fieldbook/assets%2f..%2f..%2fsecret.txt',
      'app://fieldbook/%2e%2e%5csecret.txt',
      'app://fieldbook/..%5csecret.txt',
      'app://fieldbook/assets\\..\\..\\secret.txt',
      'app://fieldbook/..%2frenderer-private%2fsecret.txt',
      'app://fieldbook//etc/passwd',
      'app://fieldbook/%2fetc%2fpasswd',
      `app://fieldbook/${encodeURIComponent(join(temp.path, 'secret.txt'))}`,
      'app://fieldbook/C:%5cWindows%5cwin.ini',
      'app://fieldbook/index.html%00.js',
      'app://fieldbook/.env',
      'app://fieldbook/%E0%A4%A',
    ]
    for (const url of attempts) {
      const response = await get(url)
      expect(response.status, url).toBeGreaterThanOrEqual(400)
      expect(await response.text(), url).not.toContain(SECRET)
    }
    // The decoded forms that could escape are refused outright, not merely missed.
    expect((await get('app://fieldbook/%2e%2e%2fsecret.txt')).status).toBe(403)
    expect((await get('app://fieldbook/assets%2f..%2f..%2fsecret.txt')).status).toBe(403)
    expect((await get('app://fieldbook/..%5csecret.txt')).status).toBe(403)
    // A separator on Windows, an ordinary character on Linux: refused everywhere.
    expect((await get('app://fieldbook/assets%5c..%5c..%5csecret.txt')).status).toBe(403)
    expect((await get('app://fieldbook/%2fetc%2fpasswd')).status).toBe(403)
  })

  it('refuses other hosts and schemes', async () => {
    for (const url of ['app://other/index.html', 'app://fieldbook.evil/index.html', 'app://user@fieldbook/index.html', 'file:///index.html', 'https://fieldbook/index.html']) {
      const response = await get(url)
      expect(response.status, url).toBe(403)
      expect(await response.text(), url).not.toContain('Fieldbook</title>')
    }
  })

  it('resolves only paths inside the root', () => {
    expect(resolveAppPath(root, 'app://fieldbook/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://fieldbook/assets/logo.svg')).toBe(join(root, 'assets', 'logo.svg'))
    expect(resolveAppPath(root, 'app://fieldbook/%E4%B8%AD%E6%96%87.png')).toBe(join(root, '中文.png'))
    expect(resolveAppPath(root, 'app://fieldbook/..%2f..%2fsecret.txt')).toBe(403)
    expect(resolveAppPath(root, 'not a url')).toBe(400)
  })
})
