import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import * as contract from '../../../shared/contract'
import type { FieldbookEvent } from '../../../shared/events'

// The real 'electron' package only resolves to the binary's path under Node; the preload gets fakes instead.
const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {}
  return {
    exposed,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
  }
})
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

const preload = await import('../../../electron/preload/index')

/** ipcRenderer's invoke/on/removeListener: records invocations, emits like Electron (event first). */
class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = []
  reply: unknown = { ok: true, value: 1 }
  async invoke(...args: unknown[]): Promise<unknown> {
    this.invoked.push(args)
    if (this.reply instanceof Error) throw this.reply
    return this.reply
  }
}

const changed: FieldbookEvent = { type: 'data.changed', tables: ['trip'] }

describe('preload', () => {
  it('exposes window.fieldbook with invoke and onEvent only', () => {
    expect(Object.keys(electron.exposed)).toEqual(['fieldbook'])
    const bridge = electron.exposed['fieldbook'] as Record<string, unknown>
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent'])
    expect(typeof bridge['invoke']).toBe('function')
    expect(typeof bridge['onEvent']).toBe('function')
  })

  it('uses the channels of the contract', () => {
    expect(preload.INVOKE_CHANNEL).toBe(contract.INVOKE_CHANNEL)
    expect(preload.EVENT_CHANNEL).toBe(contract.EVENT_CHANNEL)
  })

  it('invoke calls ipcRenderer.invoke on the invoke channel with name and input', async () => {
    const ipc = new FakeIpcRenderer()
    const bridge = preload.createBridge(ipc)
    const input = { title: '2025 调研' }
    expect(await bridge.invoke('trip.create', input)).toEqual({ ok: true, value: 1 })
    expect(ipc.invoked).toEqual([['fieldbook:invoke', 'trip.create', input]])
  })

  it('invoke turns a rejected call into a result instead of throwing', async () => {
    const ipc = new FakeIpcRenderer()
    ipc.reply = new Error("No handler registered for 'fieldbook:invoke'")
    const result = await preload.createBridge(ipc).invoke('app.info', {})
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('INTERNAL')
  })

  it('onEvent passes only the payload, never the IPC event', () => {
    const ipc = new FakeIpcRenderer()
    const received: unknown[][] = []
    preload.createBridge(ipc).onEvent((...args: unknown[]) => void received.push(args))
    const ipcEvent = { sender: ipc, senderId: 0 }
    ipc.emit('fieldbook:event', ipcEvent, changed)
    expect(received).toEqual([[changed]])
    ipc.emit('fieldbook:invoke', ipcEvent, changed)
    expect(received).toHaveLength(1)
  })

  it('the returned function unsubscribes that listener only', () => {
    const ipc = new FakeIpcRenderer()
    const bridge = preload.createBridge(ipc)
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = bridge.onEvent(first)
    bridge.onEvent(second)
    expect(ipc.listenerCount('fieldbook:event')).toBe(2)
    stopFirst()
    expect(ipc.listenerCount('fieldbook:event')).toBe(1)
    ipc.emit('fieldbook:event', {}, changed)
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith(changed)
  })
})
