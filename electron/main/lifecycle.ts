export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: 'second-instance', listener: () => void): unknown
}

/**
 * One Fieldbook per user: two processes writing one SQLite file and one outbox would only fight. A second launch
 * quits and brings the first window forward instead. Returns false when this process is the second one.
 */
export function acquireSingleInstance(app: SingleInstanceApp, focusExistingWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => focusExistingWindow())
  return true
}

export interface FocusableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

/** Brings a window back from the taskbar or behind other windows; nothing to do when it is gone. */
export function focusWindow(window: FocusableWindow | null | undefined): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

export interface QuittingApp {
  quit(): void
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown
  on(event: 'window-all-closed', listener: () => void): unknown
}

/**
 * The database is closed once, when the app is really going away (after every window closed), so the WAL is
 * checkpointed and nothing is cut mid-write; a core in its own process closes it there, and the quit waits for
 * that. Closing the last window quits, except on macOS where apps stay in the dock.
 */
export function closeCoreOnQuit(
  app: QuittingApp,
  currentCore: () => { close(): void | Promise<void> } | null,
  platform: string = process.platform,
): void {
  let closed = false
  app.on('will-quit', (event) => {
    const core = currentCore()
    if (closed || !core) return
    closed = true
    let closing: void | Promise<void>
    try {
      closing = core.close()
    } catch (error) {
      console.error('Closing the data store failed', error)
      return
    }
    if (!(closing instanceof Promise)) return
    event.preventDefault()
    closing.catch((error: unknown) => console.error('Closing the data store failed', error)).finally(() => app.quit())
  })
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit()
  })
}
