import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { extractAll, listPackage, statFile } from '@electron/asar'
import Database from 'better-sqlite3'
import { Arch, build, Platform, type Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHART_FONT_FILE } from '../../../../electron/core/reports/charts'
import { DATABASE_FILE } from '../../../../electron/core/store/store'
import { NATIVE_BINARY } from '../../../../electron/main/native'
import { USER_GUIDE_FILE } from '../../../../electron/main/user-guide'
import { tempDir } from '../../../helpers/temp'
import { binaryTarget, findNativeFiles, isNativeFileName } from '../../../../scripts/native-files.mjs'
import { createStandInElectron, readFuseWire } from './stand-in-electron'

/*
 * Builds the unpacked Linux package exactly as `npm run dist` configures it (electron-builder.yml), with a
 * stand-in Electron distribution instead of the real one, then checks that what was shipped can start: every
 * file where the code looks for it, native code outside the asar with the libraries it links, and the main
 * bundle itself run from the package under Node with a stand-in `electron` module.
 */

const ROOT = resolve(import.meta.dirname, '../../../..')
const requireHere = createRequire(import.meta.url)
const yaml = requireHere('js-yaml') as { load(text: string): unknown }
const DRIVER = join(import.meta.dirname, 'drive-main.mjs')
const PHOTO = join(ROOT, 'tests/fixtures/attachments/bottling-line.jpg')

/**
 * Libraries every glibc Linux that Electron runs on provides (glibc and the GCC runtime). Anything else a
 * native file links must travel with it; a library that happens to be installed on the build machine
 * (libvips, say) does not count.
 */
const SYSTEM_LIBRARIES = new Set([
  'libc.so.6',
  'libm.so.6',
  'libdl.so.2',
  'libpthread.so.0',
  'librt.so.1',
  'libresolv.so.2',
  'ld-linux-x86-64.so.2',
  'libstdc++.so.6',
  'libgcc_s.so.1',
])

/** Packages that only build or download native code: a shipped app has no use for them. */
const BUILD_TOOLS = ['prebuild-install', 'tar-fs', 'node-gyp', 'node-abi', 'node-gyp-build', 'prebuild', 'cmake-js', 'napi-build-utils', 'node-addon-api']

interface Package {
  appOutDir: string
  resources: string
  asar: string
  /** The files the asar holds, with a leading slash. */
  asarFiles: string[]
  /** The app as Electron's loader sees it: the asar's files, plus from .unpacked what the OS loader can reach. */
  asElectronSeesIt: string
  buildMs: number
}

let work: string
let cleanupWork: (() => void) | undefined
let pkg: Package

function dynamicSection(file: string): { needed: string[]; searchPaths: string[] } {
  const text = execFileSync('readelf', ['-d', file], { encoding: 'utf8' })
  const needed = [...text.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!)
  const searchPaths = [...text.matchAll(/\((?:RPATH|RUNPATH)\)\s+Library r(?:un)?path: \[([^\]]*)\]/g)]
    .flatMap((m) => m[1]!.split(':'))
    .filter((entry) => entry.length > 0)
    .map((entry) => resolve(entry.replace('$ORIGIN', dirname(file))))
  return { needed, searchPaths }
}

/** Package names under a node_modules tree (scoped ones as @scope/name), at any depth. */
function packagesIn(files: string[]): Set<string> {
  const names = new Set<string>()
  for (const file of files) {
    const parts = file.split('/')
    for (let i = 0; i < parts.length - 1; i++) {
      if (parts[i] !== 'node_modules') continue
      const name = parts[i + 1]!.startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1]!
      if (!name.endsWith('/undefined') && name !== '.bin') names.add(name)
    }
  }
  return names
}

/** The bare module names a built bundle still imports at run time (Node built-ins and electron aside). */
function runtimeImports(dir: string): Set<string> {
  const names = new Set<string>()
  const builtins = new Set(builtinModules)
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    const code = readFileSync(join(entry.parentPath, entry.name), 'utf8')
    for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*"([^"]+)"|import\("([^"]+)"\)|require\("([^"]+)"\)/gm)) {
      const specifier = m[1] ?? m[2] ?? m[3]!
      if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier === 'electron') continue
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!
      if (!builtins.has(name)) names.add(name)
    }
  }
  return names
}

/** `names` and, from node_modules, everything they depend on at run time (optional dependencies when installed). */
function productionClosure(names: Iterable<string>): Set<string> {
  const closure = new Set<string>()
  const pending = [...names]
  while (pending.length > 0) {
    const name = pending.pop()!
    if (closure.has(name)) continue
    const manifest = join(ROOT, 'node_modules', name, 'package.json')
    if (!existsSync(manifest)) continue
    closure.add(name)
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>
    pending.push(...Object.keys(json['dependencies'] ?? {}), ...Object.keys(json['optionalDependencies'] ?? {}))
  }
  return closure
}

interface DriveReport {
  failure?: string
  bundleLoadedMs: number
  windowShownMs?: number
  page?: { status: number; headers: Record<string, string>; body: string }
  info?: { version: string; dataDir: string; schemaVersion: number }
  forbidden?: { ok: boolean; error?: { code: string } }
  sample?: { tripId: string; title: string }
  photo?: { id: string; thumbnail: string }
  export?: { kind: string; bytes: number; file: { path: string; bytes: number; head: string } }
  backup?: { attachments: number; file: { path: string; bytes: number; head: string } }
  firstAnswerMs?: number
  pendingCall?: { ok: boolean; error?: { code: string } }
  windowVisibleAtQuit?: boolean
  diagnostics?: { entries: string[]; json: { app: { version: string }; rows: Record<string, number>; dataFolder: Record<string, { bytes: number }> }; text: string }
  coreProcesses?: { modulePath: string; serviceName: string }[]
  firstCorePid?: number
  corePids?: (number | null)[]
  recoveredUrl?: string
  tripsAfterCrash?: string[]
  duringCrash?: { ok: boolean; error?: { code: string } }
  calls: { name: string; detail?: unknown }[]
  errorBoxes: { title: string; content: string }[]
}

/** Runs the packaged main bundle under Node with the stand-in `electron` and returns what the driver saw. */
function driveMain(scenario: 'smoke' | 'fatal' | 'crash', dataDir: string): DriveReport {
  const home = join(work, `home-${scenario}`)
  const result = spawnSync(process.execPath, [DRIVER, join(pkg.asElectronSeesIt, 'out/main/index.js'), scenario, PHOTO], {
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      STAND_IN_HOME: home,
      STAND_IN_PACKAGED: '1',
      STAND_IN_RESOURCES: pkg.resources,
      STAND_IN_APP_PATH: join(pkg.resources, 'app.asar'),
      FIELDBOOK_DATA_DIR: dataDir,
    },
  })
  const line = result.stdout.split('\n').find((l) => l.startsWith('DRIVE-MAIN '))
  if (!line) throw new Error(`the main bundle did not run to the end (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  return JSON.parse(line.slice('DRIVE-MAIN '.length)) as DriveReport
}

beforeAll(async () => {
  ;({ path: work, cleanup: cleanupWork } = tempDir('fieldbook-package-'))
  if (!existsSync(join(ROOT, 'out/main/index.js'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
  }
  // Electron's own build of better-sqlite3 needs a download; its stand-in is the Node build, which has the
  // same format and links the same libraries (and is checked by format here, as the real one would be).
  const nativeStandIn = join(work, 'native', NATIVE_BINARY)
  mkdirSync(dirname(nativeStandIn), { recursive: true })
  copyFileSync(requireHere.resolve('better-sqlite3/build/Release/better_sqlite3.node'), nativeStandIn)

  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration
  const extraResources = (config.extraResources as { from: string; to: string }[]).map((entry) =>
    entry.to === `native/${NATIVE_BINARY}` ? { ...entry, from: nativeStandIn } : entry,
  )
  const output = join(work, 'dist')
  const started = Date.now()
  // Given as a file: a configuration object would be merged into electron-builder.yml, not replace it.
  const configFile = join(work, 'electron-builder.json')
  const packageConfig: Configuration = {
    ...config,
    extraResources,
    electronDist: createStandInElectron(join(work, 'electron')),
    directories: { ...config.directories, output },
  }
  writeFileSync(configFile, JSON.stringify(packageConfig))
  await build({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never', config: configFile })
  const appOutDir = join(output, 'linux-unpacked')
  const buildMs = Date.now() - started

  const resources = join(appOutDir, 'resources')
  const asar = join(resources, 'app.asar')
  const asarFiles = listPackage(asar, { isPack: false }).map((file) => file.split(sep).join('/'))
  const asElectronSeesIt = join(work, 'as-electron-sees-it')
  extractAll(asar, asElectronSeesIt)
  // The OS loader cannot open a library inside the archive: only unpacked native files are reachable.
  for (const file of asarFiles.filter((f) => isNativeFileName(f))) {
    if (!(statFile(asar, file.slice(1), false) as { unpacked?: boolean }).unpacked) rmSync(join(asElectronSeesIt, file), { force: true })
  }
  pkg = { appOutDir, resources, asar, asarFiles, asElectronSeesIt, buildMs }
  console.log(`packaged in ${buildMs} ms; app.asar ${statSync(asar).size} bytes`)
}, 300_000)

afterAll(() => {
  cleanupWork?.()
})

describe('the package electron-builder makes', () => {
  it('flips the fuses electron-builder.yml asks for in the executable', () => {
    const wire = readFuseWire(readFileSync(join(pkg.appOutDir, 'fieldbook')))
    // RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, only-asar, (snapshot), file:// privileges.
    expect(wire[0]).toBe('0')
    expect(wire[1]).toBe('1')
    expect(wire[2]).toBe('0')
    expect(wire[3]).toBe('0')
    expect(wire[4]).toBe('1')
    expect(wire[5]).toBe('1')
    expect(wire[7]).toBe('0')
  })

  it('holds main, preload, renderer, report worker, the chart font and the user guide where the code looks for them', () => {
    const files = new Set(pkg.asarFiles)
    // electron/main/index.ts: the preload and the renderer beside out/main, the worker in it.
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/report-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(files, file).toContain(file)
    }
    const page = readFileSync(join(pkg.asElectronSeesIt, 'out/renderer/index.html'), 'utf8')
    const assets = [...page.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `/out/renderer/${m[1]}`)
    expect(assets.length).toBeGreaterThan(1)
    for (const asset of assets.filter((a) => !a.endsWith('favicon.svg'))) expect(files, asset).toContain(asset)
    expect(JSON.parse(readFileSync(join(pkg.asElectronSeesIt, 'package.json'), 'utf8')).main).toBe('out/main/index.js')
    // Shipped resources sit beside the asar, in process.resourcesPath.
    expect(existsSync(join(pkg.resources, CHART_FONT_FILE))).toBe(true)
    expect(existsSync(join(pkg.resources, 'native', NATIVE_BINARY))).toBe(true)
    // The guide Help opens in the system's browser, which cannot read inside the asar.
    expect(readFileSync(join(pkg.resources, USER_GUIDE_FILE), 'utf8')).toContain('id="build-installers"')
    expect(pkg.asarFiles.some((file) => file.endsWith('.map'))).toBe(false)
  })

  it('ships only the packages the main bundle imports, with their dependencies, and no build tools', () => {
    const imported = runtimeImports(join(ROOT, 'out/main'))
    const allowed = productionClosure(imported)
    const shipped = packagesIn(pkg.asarFiles)
    const unexpected = [...shipped].filter((name) => !allowed.has(name))
    expect(unexpected, 'shipped but never imported by main: bundle them or move them to devDependencies').toEqual([])
    expect([...shipped].filter((name) => BUILD_TOOLS.includes(name))).toEqual([])
    expect(shipped).toContain('sharp')
  })

  it('keeps every native file outside the asar, built for Linux x64, with every library it links beside it', () => {
    const insideAsar = pkg.asarFiles.filter((file) => isNativeFileName(file) && !(statFile(pkg.asar, file.slice(1), false) as { unpacked?: boolean }).unpacked)
    expect(insideAsar, 'native files the OS loader cannot reach inside app.asar').toEqual([])

    const nativeFiles = findNativeFiles(pkg.resources)
    expect(nativeFiles.map((file) => relative(pkg.resources, file)).sort()).toEqual(
      expect.arrayContaining([
        `native/${NATIVE_BINARY}`,
        expect.stringMatching(/^app\.asar\.unpacked\/node_modules\/@img\/sharp-linux-x64\/lib\/sharp-linux-x64.*\.node$/),
        expect.stringMatching(/^app\.asar\.unpacked\/node_modules\/@img\/sharp-libvips-linux-x64\/lib\/libvips-cpp\.so\./),
        expect.stringMatching(/^app\.asar\.unpacked\/node_modules\/@resvg\/resvg-js-linux-x64-gnu\/.*\.node$/),
      ]),
    )
    const problems: string[] = []
    for (const file of nativeFiles) {
      const target = binaryTarget(file)
      if (target?.format !== 'ELF' || target.arch !== 'x64') problems.push(`${file}: not an ELF x86-64 file (${JSON.stringify(target)})`)
      const { needed, searchPaths } = dynamicSection(file)
      for (const library of needed) {
        if (SYSTEM_LIBRARIES.has(library)) continue
        const found = [dirname(file), ...searchPaths].some((dir) => existsSync(join(dir, library)) && dir.startsWith(pkg.resources))
        if (!found) problems.push(`${relative(pkg.resources, file)} needs ${library}, which is not beside it in the package`)
      }
    }
    expect(problems).toEqual([])
  })

  it('loads sharp and resvg from the package under Node and draws with them', () => {
    const script = `
      const { createRequire } = require('node:module')
      const load = createRequire(${JSON.stringify(join(pkg.asElectronSeesIt, 'package.json'))})
      const sharp = load('sharp')
      const { Resvg } = load('@resvg/resvg-js')
      const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>').render().asPng()
      const addons = Object.keys(require.cache).filter((file) => file.endsWith('.node'))
      sharp(png).metadata().then((m) => console.log(JSON.stringify({ width: m.width, format: m.format, libvips: sharp.versions.vips, addons })))
    `
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 })
    expect(result.stderr).toBe('')
    const loaded = JSON.parse(result.stdout) as { width: number; format: string; libvips: string; addons: string[] }
    expect(loaded).toMatchObject({ width: 8, format: 'png', libvips: expect.any(String) })
    // Both bindings came from the package, not from this repository's node_modules.
    expect(loaded.addons).toHaveLength(2)
    for (const addon of loaded.addons) expect(addon.startsWith(pkg.asElectronSeesIt), addon).toBe(true)
  })
})

describe('the packaged main bundle under Node with a stand-in electron', () => {
  it('starts in order, serves the page with its CSP, answers over IPC, and exports, attaches and backs up', () => {
    const report = driveMain('smoke', join(work, 'data'))
    expect(report.failure).toBeUndefined()
    const order = report.calls.map((call) => call.name)
    const at = (name: string) => order.indexOf(name)
    // Before ready: the sandbox and the privileged scheme (Electron refuses both later).
    expect(at('app.enableSandbox')).toBeLessThan(at('app.ready'))
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('app.ready'))
    // The page can only load once its protocol is served, and calls only once the handler is there.
    expect(at('protocol.handle')).toBeLessThan(at('window.loadURL'))
    expect(at('ipcMain.handle')).toBeGreaterThan(-1)
    expect(report.calls.find((call) => call.name === 'BrowserWindow')?.detail).toMatchObject({ show: false })
    expect(at('window.show')).toBeGreaterThan(at('window.loadURL'))
    // The window does not wait for the data: it shows its start-up screen while the core opens.
    expect(report.windowShownMs).toBeLessThan(report.firstAnswerMs!)
    expect(report.errorBoxes).toEqual([])

    expect(report.page?.status).toBe(200)
    expect(report.page?.headers['content-security-policy']).toContain("script-src 'self'")
    expect(report.page?.body).toContain('<div id="root">')

    expect(report.info).toMatchObject({ dataDir: join(work, 'data'), schemaVersion: expect.any(Number) })
    expect(report.forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(report.sample?.tripId).toMatch(/^[0-9a-f-]{36}$/)
    expect(report.photo?.thumbnail).toMatch(/^data:image\/jpeg;base64,/)
    expect(report.export).toMatchObject({ kind: 'research-report', file: { head: 'PK' } })
    expect(report.export!.file.bytes).toBe(report.export!.bytes)
    expect(report.backup).toMatchObject({ attachments: 1, file: { head: 'PK' } })
    expect(order).toContain('app.quit')
    // The core ran in its own process, from the bundle beside main's, and ended with the app.
    expect(report.coreProcesses).toEqual([expect.objectContaining({ modulePath: join(pkg.asElectronSeesIt, 'out/main/core-process.js') })])

    // Diagnostics: versions, figures and the log, and nothing the user wrote.
    expect(report.diagnostics?.entries).toEqual(['diagnostics.json', 'logs/main.log'])
    expect(report.diagnostics?.json.app.version).toBe(report.info?.version)
    expect(report.diagnostics?.json.dataFolder['fieldbook.db']?.bytes).toBeGreaterThan(0)
    expect(Object.values(report.diagnostics?.json.rows ?? {}).some((count) => count > 0)).toBe(true)
    expect(report.diagnostics?.text).toContain('starting')
    expect(report.diagnostics?.text).not.toContain(report.sample!.title)
  })

  it('starts the core process again when it dies, reopens the window on its recover screen, and loses nothing', () => {
    const report = driveMain('crash', join(work, 'crash-data'))
    expect(report.failure).toBeUndefined()
    expect(report.errorBoxes).toEqual([])
    // A second core process, the first one gone.
    expect(report.corePids).toEqual([null, expect.any(Number)])
    expect(report.corePids![1]).not.toBe(report.firstCorePid)
    expect(report.recoveredUrl).toMatch(/^app:\/\/fieldbook\/index\.html\?recovered=data-process-stopped$/)
    // The call in flight was answered, not left hanging; what was written before the crash is all there.
    expect(report.duringCrash).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(report.tripsAfterCrash).toContain(report.sample!.tripId)
    expect(report.info).toMatchObject({ dataDir: join(work, 'crash-data') })
  })

  it('tells the user and quits when the data folder holds a database from a newer version', () => {
    const dataDir = join(work, 'newer-data')
    mkdirSync(dataDir, { recursive: true })
    const db = new Database(join(dataDir, DATABASE_FILE))
    db.pragma('user_version = 9999')
    db.close()
    const report = driveMain('fatal', dataDir)
    expect(report.failure).toBeUndefined()
    expect(report.errorBoxes).toHaveLength(1)
    expect(report.errorBoxes[0]!.content).toMatch(/newer/i)
    expect(report.calls.map((call) => call.name)).toContain('app.quit')
    expect(report.pendingCall).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    // No window with a dead page left behind the message.
    expect(report.windowVisibleAtQuit).toBe(false)
  })
})
