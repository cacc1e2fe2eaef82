import { describe, expect, it, vi } from 'vitest'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/contract'
import type { InvokeResult } from '../../../shared/errors'
import type { FieldbookEvent } from '../../../shared/events'
import { forwardEvents, registerInvokeHandler, type InvokeEvent, type InvokeRegistry } from '../../../electron/main/ipc'
import { isTrustedSender, type SenderFrame } from '../../../electron/main/security'

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown

/** ipcMain's handle/removeHandler, with a way to call the handler as Electron would. */
class FakeIpcMain implements InvokeRegistry {
  readonly handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  invoke(frame: SenderFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(INVOKE_CHANNEL)
    if (!handler) throw new Error('no handler')
    return Promise.resolve(handler({ senderFrame: frame }, ...args))
  }
}

const TOP = { url: 'app://fieldbook/index.html', parent: null }
const OK: InvokeResult<unknown> = { ok: true, value: { version: '0.1.0' } }

function setup(dispatch = vi.fn(async (_name: unknown, _input: unknown) => OK)) {
  const ipc = new FakeIpcMain()
  const unregister = registerInvokeHandler(ipc, dispatch, (frame) => isTrustedSender(frame))
  return { ipc, dispatch, unregister }
}

describe('invoke handler', () => {
  it('passes a trusted call through to the dispatcher and returns its result', async () => {
    const { ipc, dispatch } = setup()
    const input = { title: '2025 调研' }
    expect(await ipc.invoke(TOP, 'app.info', input)).toEqual(OK)
    expect(dispatch).toHaveBeenCalledOnce()
    expect(dispatch).toHaveBeenCalledWith('app.info', input)
  })

  it.each([
    ['a subframe', { url: 'app://fieldbook/index.html', parent: TOP }],
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a missing frame', null],
  ])('answers FORBIDDEN_SENDER to %s without dispatching', async (_label, frame) => {
    const { ipc, dispatch } = setup()
    const result = (await ipc.invoke(frame, 'trip.delete', { id: 'x' })) as InvokeResult<unknown>
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('FORBIDDEN_SENDER')
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('treats a sender check that throws as untrusted', async () => {
    const ipc = new FakeIpcMain()
    const dispatch = vi.fn(async () => OK)
    registerInvokeHandler(ipc, dispatch, () => {
      throw new Error('frame destroyed')
    })
    const result = (await ipc.invoke(TOP, 'app.info', {})) as InvokeResult<unknown>
    expect(!result.ok && result.error.code).toBe('FORBIDDEN_SENDER')
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('never throws, even when the dispatcher does', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const { ipc } = setup(vi.fn(async () => Promise.reject(new Error('boom'))))
      const result = (await ipc.invoke(TOP, 'app.info', {})) as InvokeResult<unknown>
      expect(!result.ok && result.error.code).toBe('INTERNAL')
      expect(logged).toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
  })

  it('registers one handler on the invoke channel and removes it', () => {
    const { ipc, unregister } = setup()
    expect([...ipc.handlers.keys()]).toEqual([INVOKE_CHANNEL])
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })
})

describe('event forwarding', () => {
  function source() {
    const listeners = new Set<(event: FieldbookEvent) => void>()
    return {
      listeners,
      subscribe(listener: (event: FieldbookEvent) => void) {
        listeners.add(listener)
        return () => void listeners.delete(listener)
      },
      emit(event: FieldbookEvent) {
        for (const listener of listeners) listener(event)
      },
    }
  }
  const changed: FieldbookEvent = { type: 'data.changed', tables: ['trip'] }

  it('sends core events on the event channel', () => {
    const core = source()
    const sent: unknown[][] = []
    forwardEvents(core.subscribe, { isDestroyed: () => false, send: (...args) => void sent.push(args) })
    core.emit(changed)
    expect(sent).toEqual([[EVENT_CHANNEL, changed]])
  })

  it('skips a destroyed window and stops when unsubscribed', () => {
    const core = source()
    let destroyed = true
    const send = vi.fn()
    const stop = forwardEvents(core.subscribe, { isDestroyed: () => destroyed, send })
    core.emit(changed)
    expect(send).not.toHaveBeenCalled()
    destroyed = false
    core.emit(changed)
    expect(send).toHaveBeenCalledTimes(1)
    stop()
    expect(core.listeners.size).toBe(0)
    core.emit(changed)
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('does not let a failing send reach the core', () => {
    const core = source()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      forwardEvents(core.subscribe, {
        isDestroyed: () => false,
        send: () => {
          throw new Error('Object has been destroyed')
        },
      })
      expect(() => core.emit(changed)).not.toThrow()
    } finally {
      logged.mockRestore()
    }
  })
})
