import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron'
import { openCore, type Core } from '../core/core'
import { resolveDataDir } from '../core/data-dir'
import { createBackupHost } from './backup-host'
import { createExchangeHost } from '../core/exchange/host'
import { forwardEvents, registerInvokeHandler } from './ipc'
import { acquireSingleInstance, closeCoreOnQuit, focusWindow } from './lifecycle'
import { electronNativeBinding } from './native'
import { APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './protocol'
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

/*
 * Glue only: every rule lives in the modules imported above, where it is unit-tested without Electron.
 */

const FATAL_TITLE = 'Fieldbook 无法启动 / Fieldbook cannot start'

// A packaged app never loads a URL from its environment: that would hand the bridge to any page.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const rendererDir = join(import.meta.dirname, '../renderer')

let mainWindow: BrowserWindow | null = null

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

  const dataDir = resolveDataDir({ argv: process.argv, env: process.env, userDataDir: app.getPath('userData') })
  const nativeBinding = electronNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  })
  // No output checks in the app: a record synced from a newer version must still show, not fail its list.
  const core = openCore({
    dataDir,
    nativeBinding,
    appVersion: app.getVersion(),
    checkOutputs: false,
    // The sync token is kept with the OS key store (Keychain, DPAPI, libsecret) where there is one.
    secretSealer: {
      available: () => safeStorage.isEncryptionAvailable(),
      seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
    // The app syncs by itself once joined (the user can turn it off on the Sync screen).
    autoSync: true,
    // Shipped assets (the chart font): beside the app when packaged, the repository's resources/ in development.
    resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
    reportWorkerFile: join(import.meta.dirname, 'report-worker.js'),
    reportHost: {
      async chooseSavePath(suggestedName) {
        const options = {
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'Word', extensions: ['docx'] }],
        }
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
        return result.canceled || !result.filePath ? null : result.filePath
      },
      showInFolder: (filePath) => shell.showItemInFolder(filePath),
    },
    // Dialogs belong to the window when there is one, so they stay in front of it.
    backupHost: createBackupHost(
      {
        showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
        showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
      },
      app.getPath('documents'),
      (path) => shell.showItemInFolder(path),
    ),
    autoBackup: true,
    exchangeHost: createExchangeHost(
      {
        showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
        showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
      },
      app.getPath('documents'),
    ),
  })
  closeCoreOnQuit(app, core)
  registerInvokeHandler(ipcMain, core.dispatch, (frame) => isTrustedSender(frame, devServerUrl))

  mainWindow = createWindow(core)
  // macOS keeps the app alive without windows; clicking the dock icon opens one again.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(core)
  })
}

function createWindow(core: Core): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    title: 'Fieldbook',
    // Shown once painted, on the page's own background, so the user never sees a white flash.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: secureWebPreferences(preloadPath),
  })
  window.once('ready-to-show', () => window.show())
  const stopEvents = forwardEvents(core.onEvent, window.webContents)
  window.on('closed', () => {
    stopEvents()
    if (mainWindow === window) mainWindow = null
  })
  window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`).catch((error: unknown) => {
    console.error('Loading the page failed', error)
  })
  return window
}

/** A start-up failure (newer database, missing native module…) is told to the user, then the app quits. */
function fatal(error: unknown): void {
  console.error(error)
  // AppError messages (DB_NEWER_VERSION, DB_OPEN_FAILED) are written for the user; others are shown as they are.
  const message = error instanceof Error ? error.message : String(error)
  dialog.showErrorBox(FATAL_TITLE, message)
  app.quit()
}
