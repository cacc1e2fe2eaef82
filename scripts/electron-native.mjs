#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node.
//
// node_modules/better-sqlite3 stays built for Node so `npm test` keeps working; the app loads this second copy
// through better-sqlite3's `nativeBinding` option (electron/main/native.ts). Runs as `prestart` and `predist`,
// never at install, and works on a copy of the package under .cache/ so node_modules is never modified.
//
// Usage: node scripts/electron-native.mjs [--force] [--arch=x64] [--platform=win32]
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const OUT_DIR = join(ROOT, 'build', 'native', 'electron')
const OUT_FILE = join(OUT_DIR, 'better_sqlite3.node')
const STAMP_FILE = join(OUT_DIR, 'stamp.json')
const WORK_DIR = join(ROOT, '.cache', 'electron-native', 'better-sqlite3')
const ELECTRON_HEADERS = 'https://electronjs.org/headers'
const STEP_TIMEOUT_MS = 15 * 60 * 1000

const log = (message) => console.log(`[electron-native] ${message}`)

function fail(message) {
  console.error(`\n[electron-native] ${message}\n`)
  process.exit(1)
}

function option(name) {
  const prefix = `--${name}=`
  const arg = process.argv.slice(2).find((a) => a.startsWith(prefix))
  return arg ? arg.slice(prefix.length) : undefined
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** Runs a command in the work copy, its output shown; true when it exited with 0. */
function run(command, args, env = {}) {
  log(`$ ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, {
    cwd: WORK_DIR,
    stdio: 'inherit',
    timeout: STEP_TIMEOUT_MS,
    env: { ...process.env, ...env },
    // npx is a .cmd script on Windows, which only a shell can start.
    shell: command === 'npx.cmd',
  })
  if (result.error) log(`could not run ${command}: ${result.error.message}`)
  return result.status === 0
}

const projectRequire = createRequire(join(ROOT, 'package.json'))
let electronPkg
let sqlitePkgFile
try {
  electronPkg = readJson(projectRequire.resolve('electron/package.json'))
  sqlitePkgFile = projectRequire.resolve('better-sqlite3/package.json')
} catch (error) {
  fail(`electron and better-sqlite3 must be installed first (npm install): ${error.message}`)
}
const sqliteDir = dirname(sqlitePkgFile)
const sqlitePkg = readJson(sqlitePkgFile)

const wanted = {
  electron: electronPkg.version,
  betterSqlite3: sqlitePkg.version,
  platform: option('platform') ?? process.platform,
  arch: option('arch') ?? process.arch,
}

function upToDate() {
  if (process.argv.includes('--force') || !existsSync(OUT_FILE) || !existsSync(STAMP_FILE)) return false
  try {
    const stamp = readJson(STAMP_FILE)
    return Object.entries(wanted).every(([key, value]) => stamp[key] === value)
  } catch {
    return false
  }
}

if (upToDate()) {
  log(`up to date (better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron}, ${wanted.platform}-${wanted.arch})`)
  process.exit(0)
}

log(`building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch})`)

// A stale binary for another Electron would fail later with a confusing ABI error; better none at all.
rmSync(STAMP_FILE, { force: true })
rmSync(OUT_FILE, { force: true })

// A fresh copy without build/: the Node binary there must neither be overwritten nor mistaken for the result.
rmSync(WORK_DIR, { recursive: true, force: true })
mkdirSync(dirname(WORK_DIR), { recursive: true })
cpSync(sqliteDir, WORK_DIR, {
  recursive: true,
  filter: (source) => {
    const top = relative(sqliteDir, source).split(sep)[0]
    return top !== 'build' && top !== 'node_modules'
  },
})

const target = [`--target=${wanted.electron}`, `--arch=${wanted.arch}`]
const attempts = []

// 1. A published prebuild for this Electron ABI: quick, no compiler needed.
let prebuildBin
try {
  prebuildBin = createRequire(sqlitePkgFile).resolve('prebuild-install/bin.js')
} catch {
  attempts.push('prebuild-install is not installed next to better-sqlite3')
}
if (prebuildBin) {
  const ok = run(process.execPath, [
    prebuildBin,
    '--runtime=electron',
    ...target,
    `--platform=${wanted.platform}`,
    '--verbose',
  ])
  if (!ok) attempts.push('prebuild-install found no prebuilt binary or could not download it')
}

const built = () => existsSync(join(WORK_DIR, 'build', 'Release', 'better_sqlite3.node'))

// 2. Compile from source against Electron's headers (needs Python, a C++ toolchain and the headers download).
if (!built()) {
  if (wanted.platform !== process.platform) {
    attempts.push(`node-gyp cannot cross-compile for ${wanted.platform} on ${process.platform}`)
  } else {
    const gypArgs = ['rebuild', '--release', '--runtime=electron', ...target, `--dist-url=${ELECTRON_HEADERS}`]
    let gypJs = process.env.npm_config_node_gyp
    if (!gypJs) {
      try {
        gypJs = projectRequire.resolve('node-gyp/bin/node-gyp.js')
      } catch {
        gypJs = undefined
      }
    }
    const ok = gypJs
      ? run(process.execPath, [gypJs, ...gypArgs])
      : run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', 'node-gyp', ...gypArgs])
    if (!ok) attempts.push('node-gyp could not compile it (see its output above)')
  }
}

if (!built()) {
  fail(
    [
      `Could not get better-sqlite3 ${wanted.betterSqlite3} built for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch}).`,
      ...attempts.map((a) => `  - ${a}`),
      'Both ways need the network: prebuild-install downloads from GitHub releases, node-gyp downloads',
      `Electron's headers from ${ELECTRON_HEADERS} (and needs Python and a C++ compiler).`,
      'Connect to the network (or set HTTPS_PROXY) and run this again (`npm start` does it first).',
      'node_modules was not modified: `npm test` is unaffected.',
    ].join('\n'),
  )
}

mkdirSync(OUT_DIR, { recursive: true })
// Copied under a temporary name and renamed, so an interrupted run never leaves a half-written binary.
const partial = `${OUT_FILE}.partial`
copyFileSync(join(WORK_DIR, 'build', 'Release', 'better_sqlite3.node'), partial)
renameSync(partial, OUT_FILE)
writeFileSync(STAMP_FILE, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`)
log(`wrote ${relative(ROOT, OUT_FILE)}`)
