import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY_META } from './electron/main/csp'
import { USER_GUIDE_FILE } from './electron/main/user-guide'
import { renderUserGuide } from './electron/main/user-guide-html'

const root = import.meta.dirname

/** The built page carries the CSP in a meta tag too (the dev server's hot reload needs inline scripts). */
function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'fieldbook-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`),
  }
}

/** The README as the user guide the Help menu opens (out/guide/index.html, shipped beside the asar). */
function userGuidePlugin(): Plugin {
  return {
    name: 'fieldbook-user-guide',
    writeBundle(options) {
      const file = join(options.dir ?? resolve(root, 'out/main'), '..', USER_GUIDE_FILE)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, renderUserGuide(readFileSync(resolve(root, 'README.md'), 'utf8')))
    },
  }
}

export default defineConfig({
  main: {
    plugins: [userGuidePlugin()],
    // better-sqlite3 is bundled; its fallback lookup of the addon is replaced (see the file for why).
    resolve: {
      alias: {
        bindings: resolve(root, 'electron/main/sqlite-default-binding.cjs'),
        // fflate's ES build declares a top-level `require`, which collides with the `require` electron-vite adds
        // to any chunk that calls require() once fflate shares a chunk with such code; its CommonJS build for
        // Node is wrapped by the bundler instead.
        fflate: resolve(root, 'node_modules/fflate/lib/node.cjs'),
      },
    },
    build: {
      // Only package.json's `dependencies` stay outside the bundle, and only they are shipped in node_modules:
      // the native modules whose platform packages carry the binaries and the libraries they link (sharp,
      // resvg). Everything else, better-sqlite3's JavaScript included (the app hands it its own Electron build,
      // electron/main/native.ts), is bundled, so the asar holds no other package.
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // Reports are built in a worker thread; it loads this file beside the main bundle.
          'report-worker': resolve(root, 'electron/core/reports/report-worker.ts'),
          // The core runs in Electron's utility process, started by main from this file beside the main bundle.
          'core-process': resolve(root, 'electron/main/core-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), contentSecurityPolicyPlugin()],
    build: {
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
})
