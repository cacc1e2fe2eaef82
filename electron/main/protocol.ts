import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import type { CustomScheme, Privileges } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'
import { APP_HOST, APP_SCHEME } from './security'

/**
 * `app://fieldbook/` serves the built renderer instead of file://, so the page has a real origin that the IPC
 * sender check, the CSP's 'self' and fetch can rely on, and file:// keeps no special powers for us.
 */
export const APP_SCHEME_PRIVILEGES: Privileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  // Stated explicitly: our pages stay under the CSP and no other origin may read from the scheme.
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
}

export const APP_SCHEME_REGISTRATION: CustomScheme = { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

function response(status: number, body: Uint8Array | string | null, contentType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      // The browser must not guess a script out of an image.
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

function refusal(status: 400 | 403 | 404 | 405): Response {
  const text = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' }[status]
  return response(status, text, 'text/plain; charset=utf-8')
}

/**
 * The file under `root` that an app URL names, or the status that refuses it. The URL parser already folds
 * `..` and `%2e%2e` segments; the decoded path is checked again because `%2f` and `%5c` become separators
 * only after decoding.
 */
export function resolveAppPath(root: string, url: string): string | 400 | 403 {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 400
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return 403
  if (parsed.username !== '' || parsed.password !== '') return 403

  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return 400
  }
  if (path === '' || path === '/') return resolve(root, 'index.html')
  if (!path.startsWith('/')) return 403

  const rel = path.slice(1)
  if (rel.includes('\\') || rel.includes('\0') || isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return 403
  const segments = rel.split('/')
  // Empty segments (`//etc`), dot segments and hidden files are never part of the build output.
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return 403

  const file = resolve(root, ...segments)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return 403
  return file
}

export type AppRequest = Pick<Request, 'url' | 'method'>

/** The handler for `protocol.handle('app', …)`: files of the built renderer, read-only, nothing outside it. */
export function createAppProtocolHandler(rootDir: string): (request: AppRequest) => Promise<Response> {
  const root = resolve(rootDir)
  return async (request) => {
    const file = resolveAppPath(root, request.url)
    if (typeof file === 'number') return refusal(file)
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405)
    let body: Uint8Array
    try {
      if (!(await stat(file)).isFile()) return refusal(404)
      body = await readFile(file)
    } catch {
      return refusal(404)
    }
    return response(200, request.method === 'HEAD' ? null : body, contentTypeOf(file))
  }
}
