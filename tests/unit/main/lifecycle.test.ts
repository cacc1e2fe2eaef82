import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { acquireSingleInstance, closeCoreOnQuit, focusWindow } from '../../../electron/main/lifecycle'

class FakeApp extends EventEmitter {
  quits = 0
  constructor(private readonly gotLock = true) {
    super()
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock
  }
  quit(): void {
    this.quits++
  }
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = []
  return {
    calls,
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  }
}

describe('single instance', () => {
  it('a second instance quits without waiting for the first', () => {
    const app = new FakeApp(false)
    const focus = vi.fn()
    expect(acquireSingleInstance(app, focus)).toBe(false)
    expect(app.quits).toBe(1)
    expect(app.listenerCount('second-instance')).toBe(0)
  })

  it('the first instance brings its window forward when launched again', () => {
    const app = new FakeApp(true)
    const focus = vi.fn()
    expect(acquireSingleInstance(app, focus)).toBe(true)
    expect(app.quits).toBe(0)
    expect(focus).not.toHaveBeenCalled()
    app.emit('second-instance', {}, ['fieldbook'], '/home/u')
    expect(focus).toHaveBeenCalledOnce()
  })

  it('restores a minimized window before focusing it', () => {
    const minimized = fakeWindow(true)
    focusWindow(minimized)
    expect(minimized.calls).toEqual(['restore', 'show', 'focus'])
    const normal = fakeWindow(false)
    focusWindow(normal)
    expect(normal.calls).toEqual(['show', 'focus'])
    expect(() => focusWindow(null)).not.toThrow()
    const gone = { ...fakeWindow(false), isDestroyed: () => true }
    focusWindow(gone)
    expect(gone.calls).toEqual([])
  })
})

describe('quitting', () => {
  it('closes the core exactly once on will-quit', () => {
    const app = new FakeApp()
    const core = { close: vi.fn() }
    closeCoreOnQuit(app, () => core, 'linux')
    expect(core.close).not.toHaveBeenCalled()
    app.emit('will-quit', { preventDefault() {} })
    app.emit('will-quit', { preventDefault() {} })
    expect(core.close).toHaveBeenCalledOnce()
  })

  it('a failing close does not stop the quit', () => {
    const app = new FakeApp()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      closeCoreOnQuit(app, () => ({ close: () => { throw new Error('busy') } }), 'win32')
      expect(() => app.emit('will-quit', {})).not.toThrow()
      expect(logged).toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
  })

  it('waits for a core in its own process to close its database, then quits', async () => {
    const app = new FakeApp()
    let finish!: () => void
    const core = { close: vi.fn(() => new Promise<void>((resolve) => (finish = resolve))) }
    closeCoreOnQuit(app, () => core, 'linux')
    let prevented = false
    app.emit('will-quit', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(app.quits).toBe(0)
    finish()
    await vi.waitFor(() => expect(app.quits).toBe(1))
    // The second will-quit (from that quit) goes through.
    prevented = false
    app.emit('will-quit', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(false)
    expect(core.close).toHaveBeenCalledOnce()
  })

  it('closing the last window quits, except on macOS', () => {
    for (const [platform, quits] of [['win32', 1], ['linux', 1], ['darwin', 0]] as const) {
      const app = new FakeApp()
      closeCoreOnQuit(app, () => ({ close() {} }), platform)
      app.emit('window-all-closed')
      expect(app.quits, platform).toBe(quits)
    }
  })
})
