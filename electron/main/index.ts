import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron'
import { resolveDataDir } from '../core/data-dir'
import { createDialogHosts } from './dialog-host'
import { connectCoreProcess, type CoreProcessHandle, type FromCore, type Hosts, type ToCore } from './core-channel'
import { deferredDispatch } from './deferred-core'
import { forwardEvents, registerInvokeHandler } from './ipc'
import { acquireSingleInstance, closeCoreOnQuit, focusWindow } from './lifecycle'
import { openAppLog } from './log'
import { applicationMenu, menuLanguage } from './menu'
import { electronNativeBinding } from './native'
import { APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './protocol'
import { recoveryUrl } from './recovery'
import { sealingKey, SEALING_KEY_FILE } from './sealing-key'
import {
  APP_ORIGIN,
  APP_SCHEME,
  applyContentSecurityPolicy,
  contentSecurityPolicy,
  denyPermissions,
  guardNavigation,
  isTrustedSender,
  secureWebPreferences,
} from './security'
import { createUpdateHost, type Updater } from './updater'
import { userDataFolder } from './user-data'
import { guideUrl, USER_GUIDE_FILE } from './user-guide'
import { MINIMUM_WINDOW, readWindowState, restoreWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state'

/*
 * Glue only: every rule lives in the modules imported above, where it is unit-tested without Electron.
 *
 * Start-up order: the window is created and shows its start-up screen as soon as it painted; the core runs in
 * its own utility process (core-process.ts), started at the same time, so neither its modules nor the database
 * delay the window, and nothing it does later (a large sync, a backup, a search rebuild) holds the window up.
 * Should that process die, it is started again and the window opens on its recover screen, the data as last
 * written.
 */

const FATAL_TITLE = 'Fieldbook 无法启动 / Fieldbook cannot start'
/** A core process that keeps dying is not started again forever: this many restarts within a minute is fatal. */
const MAX_CORE_RESTARTS_PER_MINUTE = 3

// A development build never touches an installed app's data (set before anything reads the path).
app.setPath('userData', userDataFolder(app.getPath('userData'), app.isPackaged))
const { log, file: logFile } = openAppLog(join(app.getPath('userData'), 'logs'), { console: !app.isPackaged })
log.info(`Fieldbook ${app.getVersion()} starting (Electron ${process.versions.electron ?? '-'}, ${process.platform}-${process.arch})`)

// A packaged app never loads a URL from its environment: that would hand the bridge to any page.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const rendererDir = join(import.meta.dirname, '../renderer')
const windowStateFile = join(app.getPath('userData'), WINDOW_STATE_FILE)
const pageUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`

let mainWindow: BrowserWindow | null = null
let core: CoreProcessHandle | null = null
let coreCalls = deferredDispatch()
let quitting = false
const coreRestarts: number[] = []

// Both must happen before `ready`.
app.enableSandbox()
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION])

if (acquireSingleInstance(app, () => focusWindow(mainWindow))) {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, shell, devServerUrl))
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error))
}

function start(): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))
  denyPermissions(session.defaultSession)
  applyContentSecurityPolicy(session.defaultSession, contentSecurityPolicy(devServerUrl))
  // Through the current core: a restarted core process comes with a new one.
  registerInvokeHandler(ipcMain, (name, input) => coreCalls.dispatch(name, input), (frame) => isTrustedSender(frame, devServerUrl))
  // The database is closed before the app goes: the core process is asked to close it, and the quit waits.
  app.on('before-quit', () => (quitting = true))
  closeCoreOnQuit(app, () => (core && !core.exited ? core : null))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenu(
        menuLanguage(app.getPreferredSystemLanguages()),
        {
          openGuide: (section) =>
            void shell.openExternal(guideUrl(join(app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'out'), USER_GUIDE_FILE), section)),
          exportDiagnostics: () => void coreCalls.dispatch('app.exportDiagnostics', {}),
          openLogs: () => void shell.openPath(join(app.getPath('userData'), 'logs')),
        },
        { platform: process.platform, isPackaged: app.isPackaged, appName: 'Fieldbook' },
      ),
    ),
  )

  mainWindow = createWindow()
  // macOS keeps the app alive without windows; clicking the dock icon opens one again.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  // In its own process, the core opens while the window loads: main keeps serving the page meanwhile.
  openTheCore().catch((error: unknown) => fatal(error))
}

/** What only main can do for the core: native dialogs (owned by the window), the file manager, the updater. */
function coreHosts(): Hosts {
  // Dialogs belong to the window when there is one, so they stay in front of it.
  const dialogs = createDialogHosts(
    {
      showSaveDialog: (options: Electron.SaveDialogOptions) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
      showOpenDialog: (options: Electron.OpenDialogOptions) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
    },
    app.getPath('documents'),
    (path) => shell.showItemInFolder(path),
  )
  return {
    reportHost: dialogs.report,
    backupHost: dialogs.backup,
    exchangeHost: dialogs.exchange,
    updateHost: createUpdateHost({
      isPackaged: app.isPackaged,
      currentVersion: app.getVersion(),
      load: async () => {
        const { autoUpdater } = await import('electron-updater')
        autoUpdater.logger = log
        return autoUpdater as unknown as Updater
      },
    }),
    diagnosticsHost: dialogs.diagnostics,
  }
}

async function openTheCore(): Promise<void> {
  const started = performance.now()
  const dataDir = resolveDataDir({ argv: process.argv, env: process.env, userDataDir: app.getPath('userData') })
  // The sync token is sealed with a key kept by the OS key store (Keychain, DPAPI, libsecret) where there is one.
  const key = sealingKey(join(app.getPath('userData'), SEALING_KEY_FILE), safeStorage)
  const child = utilityProcess.fork(join(import.meta.dirname, 'core-process.js'), [], { serviceName: 'Fieldbook data', stdio: 'inherit' })
  const handle = connectCoreProcess(
    {
      post: (message: ToCore) => child.postMessage(message),
      onMessage: (listener: (message: FromCore) => void) => child.on('message', listener),
    },
    {
      dataDir,
      nativeBinding: electronNativeBinding({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
      appVersion: app.getVersion(),
      // Shipped assets (the chart font): beside the app when packaged, the repository's resources/ in development.
      resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
      reportWorkerFile: join(import.meta.dirname, 'report-worker.js'),
      sealingKey: key ? key.toString('base64') : null,
      logFiles: [logFile, logFile.replace(/\.log$/, '.old.log')],
      runtime: { electron: process.versions.electron, chrome: process.versions.chrome, v8: process.versions.v8 },
    },
    coreHosts(),
    (message) => log.error(message),
  )
  core = handle
  child.on('exit', (code) => {
    handle.exit(code)
    if (core === handle) core = null
    if (!quitting) coreStopped(code)
  })
  await handle.opened
  for (const window of BrowserWindow.getAllWindows()) attachEvents(window, handle)
  coreCalls.open(handle.dispatch)
  log.info(`Data opened in ${Math.round(performance.now() - started)} ms (core process ${child.pid ?? '-'}): ${dataDir}`)
}

/**
 * The core process ended without being asked (a crash, or killed): what it wrote is in the database, so it is
 * started again and every window reopens on its recover screen. A process that keeps dying ends the app instead.
 */
function coreStopped(code: number | null): void {
  log.error(`The data process stopped (exit code ${code})`)
  const now = Date.now()
  coreRestarts.push(now)
  while (coreRestarts.length > 0 && now - coreRestarts[0]! > 60_000) coreRestarts.shift()
  if (!coreCalls.isOpen) return
  coreCalls = deferredDispatch()
  for (const window of BrowserWindow.getAllWindows()) {
    detachEvents.get(window)?.()
    detachEvents.delete(window)
  }
  if (coreRestarts.length > MAX_CORE_RESTARTS_PER_MINUTE) {
    fatal(new Error('Fieldbook’s data process keeps stopping. Your data is as it was last saved; see the log in the logs folder.'))
    return
  }
  for (const window of BrowserWindow.getAllWindows()) {
    window.loadURL(recoveryUrl(pageUrl, 'data-process-stopped')).catch((error: unknown) => log.error('Reloading the page failed', error))
  }
  openTheCore().catch((error: unknown) => fatal(error))
}

const detachEvents = new WeakMap<BrowserWindow, () => void>()

function attachEvents(window: BrowserWindow, openCore: CoreProcessHandle): void {
  if (detachEvents.has(window)) return
  detachEvents.set(window, forwardEvents(openCore.onEvent, window.webContents))
}

function createWindow(): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const saved = restoreWindowState(readWindowState(windowStateFile), workAreas)
  const window = new BrowserWindow({
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    width: saved.width,
    height: saved.height,
    minWidth: MINIMUM_WINDOW.width,
    minHeight: MINIMUM_WINDOW.height,
    title: 'Fieldbook',
    // Shown once its start-up screen painted, on the page's own background, so the user never sees a white flash.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: secureWebPreferences(preloadPath),
  })
  window.once('ready-to-show', () => {
    if (saved.maximized) window.maximize()
    window.show()
  })
  if (core && coreCalls.isOpen) attachEvents(window, core)
  window.on('close', () => {
    try {
      saveWindowState(windowStateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() })
    } catch (error) {
      log.warn('Could not remember the window size', error)
    }
  })
  window.on('closed', () => {
    detachEvents.get(window)?.()
    if (mainWindow === window) mainWindow = null
  })
  // A crashed page is loaded again on its recover screen; the data is in the core, where every change was
  // already written, so nothing is lost with the page.
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`The window's page stopped: ${details.reason} (exit code ${details.exitCode})`)
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    window.loadURL(recoveryUrl(pageUrl, details.reason)).catch((error: unknown) => log.error('Reloading the page failed', error))
  })
  window.loadURL(pageUrl).catch((error: unknown) => {
    log.error('Loading the page failed', error)
  })
  return window
}

/** A start-up failure (newer database, missing native module…) is told to the user, then the app quits. */
function fatal(error: unknown): void {
  log.error('Start-up failed', error)
  coreCalls.fail(error)
  // AppError messages (DB_NEWER_VERSION, DB_OPEN_FAILED) are written for the user; others are shown as they are.
  const message = error instanceof Error ? error.message : String(error)
  mainWindow?.hide()
  dialog.showErrorBox(FATAL_TITLE, message)
  app.quit()
}
