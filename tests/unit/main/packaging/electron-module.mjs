// A stand-in for the `electron` module, so the built main bundle runs under plain Node (Electron itself cannot
// be downloaded where the tests run). It records what main asks of Electron, in order, and lets the driver
// (drive-main.mjs) act as the window: load pages through the registered protocol and invoke over IPC.
//
// Configured by environment: STAND_IN_HOME (a temporary folder for userData, documents and saved files),
// STAND_IN_RESOURCES (process.resourcesPath), STAND_IN_APP_PATH (app.getAppPath()), STAND_IN_PACKAGED ('1').
import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

const home = process.env.STAND_IN_HOME
if (!home) throw new Error('STAND_IN_HOME is not set')
const paths = { userData: join(home, 'userData'), documents: join(home, 'documents'), logs: join(home, 'userData', 'logs'), temp: join(home, 'temp'), home }
for (const dir of Object.values(paths)) mkdirSync(dir, { recursive: true })
if (process.env.STAND_IN_RESOURCES) process.resourcesPath = process.env.STAND_IN_RESOURCES

/** Everything the driver reads: the calls in order, the handlers main registered, the windows it opened. */
export const recorder = {
  calls: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  errorBoxes: [],
  savedFiles: [],
  quitCalls: 0,
  /** The utility processes main started (the core's), newest last. */
  utilityProcesses: [],
  /** Set by a driver that shows the page in a real browser: `(window, url) => Promise`. */
  pageLoader: null,
}
globalThis.__standInElectron = recorder
const record = (name, detail) => recorder.calls.push(detail === undefined ? { name } : { name, detail })

let savedFileCount = 0
let readyResolve
const ready = new Promise((resolve) => (readyResolve = resolve))

class StandInApp extends EventEmitter {
  isPackaged = process.env.STAND_IN_PACKAGED === '1'
  name = 'Fieldbook'
  enableSandbox() {
    if (this.isReady()) throw new Error('app.enableSandbox() can only be called before app is ready')
    record('app.enableSandbox')
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock')
    return true
  }
  whenReady() {
    record('app.whenReady')
    // Electron is ready once main's top level has run; here, on the turn after main first asks.
    setTimeout(becomeReady, 0)
    return ready
  }
  isReady() {
    return recorder.calls.some((call) => call.name === 'app.ready')
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`stand-in app.getPath: unknown ${name}`)
    return paths[name]
  }
  setPath(name, value) {
    record('app.setPath', { name, value })
    paths[name] = value
    mkdirSync(value, { recursive: true })
  }
  setName(name) {
    this.name = name
  }
  getName() {
    return this.name
  }
  getAppPath() {
    return process.env.STAND_IN_APP_PATH ?? process.cwd()
  }
  getVersion() {
    return '0.0.0-stand-in'
  }
  getLocale() {
    return 'en-US'
  }
  getPreferredSystemLanguages() {
    return ['en-US']
  }
  setAppLogsPath(path) {
    if (path) paths.logs = path
  }
  quit() {
    record('app.quit')
    recorder.quitCalls++
    setImmediate(() => {
      this.emit('before-quit', { preventDefault() {} })
      this.emit('will-quit', { preventDefault() {} })
      this.emit('quit')
    })
  }
  exit(code = 0) {
    record('app.exit', code)
    process.exit(code)
  }
  relaunch() {
    record('app.relaunch')
  }
  focus() {}
}
export const app = new StandInApp()
function becomeReady() {
  if (app.isReady()) return
  record('app.ready')
  app.emit('ready')
  readyResolve()
}

class StandInWebContents extends EventEmitter {
  destroyed = false
  sent = []
  windowOpenHandler = null
  constructor(window) {
    super()
    this.window = window
  }
  isDestroyed() {
    return this.destroyed
  }
  send(channel, ...args) {
    this.sent.push({ channel, args })
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  getURL() {
    return this.window.url ?? ''
  }
  reload() {
    record('webContents.reload')
  }
  openDevTools() {}
  isLoading() {
    return false
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return recorder.windows.filter((window) => !window.destroyed)
  }
  static getFocusedWindow() {
    return BrowserWindow.getAllWindows()[0] ?? null
  }
  destroyed = false
  visible = false
  url = undefined
  constructor(options) {
    super()
    this.options = options
    this.bounds = { x: options?.x ?? 0, y: options?.y ?? 0, width: options?.width ?? 800, height: options?.height ?? 600 }
    this.webContents = new StandInWebContents(this)
    recorder.windows.push(this)
    record('BrowserWindow', { show: options?.show, preload: options?.webPreferences?.preload })
    app.emit('web-contents-created', {}, this.webContents)
  }
  /** Loads the page through the app protocol like Chromium would, then reports it ready to show. */
  async loadURL(url) {
    record('window.loadURL', url)
    this.url = url
    // A real page instead (the start-up benchmark drives Chromium): it emits ready-to-show once painted.
    if (recorder.pageLoader) return recorder.pageLoader(this, url)
    const scheme = new URL(url).protocol.slice(0, -1)
    const handler = recorder.protocolHandlers.get(scheme)
    if (!handler) throw new Error(`no protocol handler for ${scheme}`)
    const response = await handler(new Request(url))
    this.loadedPage = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
    setImmediate(() => {
      this.emit('ready-to-show')
      this.webContents.emit('did-finish-load')
    })
  }
  async loadFile(file) {
    record('window.loadFile', file)
  }
  show() {
    record('window.show')
    this.visible = true
    this.emit('show')
  }
  hide() {
    this.visible = false
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  isFullScreen() {
    return false
  }
  maximize() {}
  isVisible() {
    return this.visible
  }
  isDestroyed() {
    return this.destroyed
  }
  getBounds() {
    return { ...this.bounds }
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  setBounds(bounds) {
    this.bounds = { ...this.bounds, ...bounds }
  }
  setMenuBarVisibility() {}
  close() {
    if (this.destroyed) return
    this.emit('close', { preventDefault() {} })
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    // Electron refuses this once ready.
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    record('protocol.registerSchemesAsPrivileged', schemes.map((s) => s.scheme))
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme)
    recorder.protocolHandlers.set(scheme, handler)
  },
}

export const ipcMain = {
  handle(channel, listener) {
    record('ipcMain.handle', channel)
    recorder.ipcHandlers.set(channel, listener)
  },
  removeHandler(channel) {
    recorder.ipcHandlers.delete(channel)
  },
  on() {},
}

const webRequest = {
  onHeadersReceived() {
    record('session.onHeadersReceived')
  },
}
export const session = {
  defaultSession: {
    webRequest,
    setPermissionRequestHandler() {
      record('session.setPermissionRequestHandler')
    },
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
  },
}

function savePath(options) {
  const name = options?.defaultPath ? options.defaultPath.split(/[\\/]/).pop() : `file-${savedFileCount}`
  const path = join(paths.documents, `${++savedFileCount}-${name}`)
  recorder.savedFiles.push(path)
  return path
}

export const dialog = {
  showErrorBox(title, content) {
    record('dialog.showErrorBox', { title, content })
    recorder.errorBoxes.push({ title, content })
  },
  async showSaveDialog(windowOrOptions, maybeOptions) {
    const options = maybeOptions ?? windowOrOptions
    return { canceled: false, filePath: savePath(options) }
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] }
  },
  async showMessageBox() {
    return { response: 0, checkboxChecked: false }
  },
}

export const shell = {
  async openExternal(url) {
    record('shell.openExternal', url)
  },
  showItemInFolder(path) {
    record('shell.showItemInFolder', path)
  },
  async openPath(path) {
    record('shell.openPath', path)
    return ''
  },
}

export const net = {
  fetch: (...args) => globalThis.fetch(...args),
}

/**
 * The OS key store, as on a desktop that has one: what it seals is not the plain text (a sync token kept with it
 * must not be readable in the database), and opening gives the text back.
 */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text, 'utf8').toString('hex')}`, 'utf8'),
  decryptString(sealed) {
    const text = sealed.toString('utf8')
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(text.slice('sealed:'.length), 'hex').toString('utf8')
  },
}

/**
 * Electron's utility process as a Node child process: the module runs with this stand-in as its `electron` and
 * finds `process.parentPort` as in Electron (utility-preload.mjs); messages are structured clones both ways.
 */
class StandInUtilityProcess extends EventEmitter {
  constructor(modulePath, args, options) {
    super()
    this.child = fork(modulePath, args, {
      execArgv: ['--import', new URL('./utility-preload.mjs', import.meta.url).href],
      serialization: 'advanced',
      stdio: 'inherit',
      env: { ...process.env, ...(options?.env ?? {}) },
    })
    this.pid = this.child.pid
    this.child.on('spawn', () => this.emit('spawn'))
    this.child.on('message', (message) => this.emit('message', message))
    this.child.on('exit', (code, signal) => {
      this.pid = undefined
      this.emit('exit', code ?? (signal ? 1 : 0))
    })
  }
  postMessage(message) {
    if (this.child.connected) this.child.send(message)
  }
  /** As the OS would end a crashed process: at once, nothing cleaned up. */
  kill() {
    return this.child.kill('SIGKILL')
  }
}

export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    record('utilityProcess.fork', { modulePath, serviceName: options.serviceName })
    const child = new StandInUtilityProcess(modulePath, args, options)
    recorder.utilityProcesses.push(child)
    return child
  },
}

export const Menu = {
  buildFromTemplate(template) {
    return { template }
  },
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', menu ? menu.template.length : null)
  },
}

export const screen = {
  getAllDisplays() {
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]
  },
  getPrimaryDisplay() {
    return { workArea: { x: 0, y: 0, width: 1920, height: 1080 } }
  },
}

export default { app, BrowserWindow, protocol, ipcMain, session, dialog, shell, net, safeStorage, Menu, screen, utilityProcess }
