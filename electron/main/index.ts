import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell } from 'electron'
import type { Core } from '../core/core'
import { resolveDataDir } from '../core/data-dir'
import { createBackupHost } from './backup-host'
import { createExchangeHost } from '../core/exchange/host'
import { deferredDispatch } from './deferred-core'
import { forwardEvents, registerInvokeHandler } from './ipc'
import { acquireSingleInstance, closeCoreOnQuit, focusWindow } from './lifecycle'
import { openAppLog } from './log'
import { applicationMenu, menuLanguage } from './menu'
import { electronNativeBinding } from './native'
import { APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './protocol'
import { recoveryUrl } from './recovery'
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
 * Start-up order: the window is created and shows its start-up screen first; the core (its modules and the
 * database, about a second) is loaded only once the page has painted, so nothing delays the window and the
 * page's requests to the app protocol are never stuck behind module loading.
 */

const FATAL_TITLE = 'Fieldbook 无法启动 / Fieldbook cannot start'
/** The core opens once the window painted, or after this long whatever the window does. */
const CORE_OPEN_AT_LATEST_MS = 5000

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
let core: Core | null = null
const coreCalls = deferredDispatch()

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
  registerInvokeHandler(ipcMain, coreCalls.dispatch, (frame) => isTrustedSender(frame, devServerUrl))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenu(
        menuLanguage(app.getPreferredSystemLanguages()),
        {
          openGuide: (section) =>
            void shell.openExternal(guideUrl(join(app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'out'), USER_GUIDE_FILE), section)),
          exportDiagnostics: () => void core?.dispatch('app.exportDiagnostics', {}),
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
  let opening = false
  const openOnce = () => {
    if (opening) return
    opening = true
    openTheCore().catch((error: unknown) => fatal(error))
  }
  mainWindow.once('ready-to-show', openOnce)
  // A page that never paints (a broken GPU driver, say) must not keep the data closed.
  setTimeout(openOnce, CORE_OPEN_AT_LATEST_MS)
}

async function openTheCore(): Promise<void> {
  const started = performance.now()
  // Loaded here, not at the top: its modules (documents, charts, spreadsheets) take most of a second.
  const { openCore } = await import('../core/core')
  const dataDir = resolveDataDir({ argv: process.argv, env: process.env, userDataDir: app.getPath('userData') })
  const nativeBinding = electronNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  })
  const dialogs = {
    showSaveDialog: (options: Electron.SaveDialogOptions) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
    showOpenDialog: (options: Electron.OpenDialogOptions) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
  }
  // No output checks in the app: a record synced from a newer version must still show, not fail its list.
  core = openCore({
    dataDir,
    nativeBinding,
    appVersion: app.getVersion(),
    checkOutputs: false,
    log: (error) => log.error(error),
    // The sync token is kept with the OS key store (Keychain, DPAPI, libsecret) where there is one.
    secretSealer: {
      available: () => safeStorage.isEncryptionAvailable(),
      seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
    // The app syncs by itself once joined (the user can turn it off on the Sync screen), over Chromium's
    // network stack: the system's proxy settings and certificate store, so an intranet server with the
    // college's own certificate authority works.
    autoSync: true,
    syncFetch: ((input, init) => net.fetch(input as string, init)) as typeof fetch,
    // Shipped assets (the chart font): beside the app when packaged, the repository's resources/ in development.
    resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
    reportWorkerFile: join(import.meta.dirname, 'report-worker.js'),
    reportHost: {
      async chooseSavePath(suggestedName) {
        const result = await dialogs.showSaveDialog({
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'Word', extensions: ['docx'] }],
        })
        return result.canceled || !result.filePath ? null : result.filePath
      },
      showInFolder: (filePath) => shell.showItemInFolder(filePath),
    },
    // Dialogs belong to the window when there is one, so they stay in front of it.
    backupHost: createBackupHost(dialogs, app.getPath('documents'), (path) => shell.showItemInFolder(path)),
    autoBackup: true,
    // After an upgrade the search index is refilled in steps, with progress, while the app answers.
    searchRebuildInBackground: true,
    exchangeHost: createExchangeHost(dialogs, app.getPath('documents')),
    updateHost: createUpdateHost({
      isPackaged: app.isPackaged,
      currentVersion: app.getVersion(),
      load: async () => {
        const { autoUpdater } = await import('electron-updater')
        autoUpdater.logger = log
        return autoUpdater as unknown as Updater
      },
    }),
    diagnosticsHost: {
      async chooseSavePath(suggestedName) {
        const result = await dialogs.showSaveDialog({
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'Zip', extensions: ['zip'] }],
        })
        return result.canceled || !result.filePath ? null : result.filePath
      },
      showInFolder: (filePath) => shell.showItemInFolder(filePath),
      logFiles: [logFile, logFile.replace(/\.log$/, '.old.log')],
      runtime: { electron: process.versions.electron, chrome: process.versions.chrome, v8: process.versions.v8 },
    },
  })
  closeCoreOnQuit(app, core)
  for (const window of BrowserWindow.getAllWindows()) attachEvents(window, core)
  coreCalls.open(core.dispatch)
  log.info(`Data opened in ${Math.round(performance.now() - started)} ms: ${dataDir}`)
}

const detachEvents = new WeakMap<BrowserWindow, () => void>()

function attachEvents(window: BrowserWindow, openCore: Core): void {
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
  if (core) attachEvents(window, core)
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
