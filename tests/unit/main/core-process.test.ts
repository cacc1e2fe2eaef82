import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { FieldbookEvent } from '../../../shared/events'
import { openCore, type Core } from '../../../electron/core/core'
import { DATABASE_FILE } from '../../../electron/core/store/store'
import { keySealer } from '../../../electron/core/sync/key-sealer'
import { SyncStateStore } from '../../../electron/core/sync/state'
import {
  connectCoreProcess,
  serveCoreProcess,
  type CoreProcessHandle,
  type CoreProcessOptions,
  type FromCore,
  type Hosts,
  type MessageEnd,
  type ToCore,
} from '../../../electron/main/core-channel'
import { sealingKey, type KeyStore } from '../../../electron/main/sealing-key'
import { tempDir } from '../../helpers/temp'

/*
 * Main and the core's process over a message channel, as in the app (electron/main/core-process.ts), with a real
 * core behind it: here both ends share one Node process and the messages go through structured cloning.
 */

function messagePair(): { main: MessageEnd<ToCore, FromCore>; core: MessageEnd<FromCore, ToCore> } {
  const toCore: ((message: ToCore) => void)[] = []
  const toMain: ((message: FromCore) => void)[] = []
  const deliver = <T>(listeners: ((message: T) => void)[], message: T) => {
    const copy = structuredClone(message)
    setImmediate(() => listeners.forEach((listener) => listener(copy)))
  }
  return {
    main: { post: (message) => deliver(toCore, message), onMessage: (listener) => toMain.push(listener) },
    core: { post: (message) => deliver(toMain, message), onMessage: (listener) => toCore.push(listener) },
  }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function start(options: { hosts?: Partial<Hosts>; dataDir?: string } = {}) {
  const { path, cleanup } = tempDir('fieldbook-core-process-')
  cleanups.push(cleanup)
  const dataDir = options.dataDir ?? join(path, 'data')
  const saved: string[] = []
  const hosts: Hosts = {
    reportHost: { chooseSavePath: async () => null, showInFolder: () => {} },
    backupHost: { chooseSavePath: async () => null, chooseOpenPath: async () => null, showInFolder: () => {} },
    exchangeHost: { chooseOpenPath: async () => null, chooseSavePath: async () => null },
    updateHost: { check: async () => ({ status: 'unsupported', currentVersion: 'test' }), install: async () => false },
    diagnosticsHost: {
      chooseSavePath: async (name: string) => {
        saved.push(join(path, name))
        return saved.at(-1)!
      },
      showInFolder: () => {},
    },
    ...options.hosts,
  }
  const processOptions: CoreProcessOptions = {
    dataDir,
    appVersion: 'test',
    resourcesDir: 'resources',
    reportWorkerFile: '',
    sealingKey: null,
    logFiles: [],
    runtime: { electron: 'test' },
  }
  const { main, core: coreEnd } = messagePair()
  let core: Core | null = null
  let exitCode: number | null = null
  const logged: string[] = []
  const handle: CoreProcessHandle = connectCoreProcess(main, processOptions, hosts, (message) => logged.push(message))
  serveCoreProcess(
    coreEnd,
    ({ options: received, hosts: asked, log }) => {
      core = openCore({
        dataDir: received.dataDir,
        appVersion: received.appVersion,
        log: (error) => log(String(error)),
        diagnosticsHost: { ...asked.diagnosticsHost, logFiles: received.logFiles, runtime: received.runtime },
      })
      return core
    },
    (code) => {
      exitCode = code
      handle.exit(code)
    },
  )
  cleanups.unshift(() => {
    if (exitCode === null) (core as Core | null)?.close()
  })
  return { handle, saved, logged, exitCode: () => exitCode }
}

describe('the core in its own process', () => {
  it('opens the data with the options main sent and answers invokes, events coming back', async () => {
    const { handle } = start()
    await handle.opened
    const events: FieldbookEvent[] = []
    handle.onEvent((event) => events.push(event))
    await expect(handle.dispatch('app.info', {})).resolves.toMatchObject({ ok: true, value: { version: 'test' } })
    const sample = await handle.dispatch('app.loadSample', { language: 'en' })
    expect(sample.ok).toBe(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(events.some((event) => event.type === 'data.changed')).toBe(true)
    // Refusals keep their codes across the channel.
    await expect(handle.dispatch('trip.get', { id: 'no-such-trip' })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('asks main for its dialogs: diagnostics are saved where main’s dialog said', async () => {
    const { handle, saved } = start()
    await handle.opened
    const result = await handle.dispatch('app.exportDiagnostics', {})
    expect(result.ok).toBe(true)
    expect(saved).toHaveLength(1)
    expect(readFileSync(saved[0]!).subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('hands a failure of main’s host back to the core as an error', async () => {
    const { handle } = start({
      hosts: {
        diagnosticsHost: {
          chooseSavePath: async () => {
            throw new Error('no window')
          },
          showInFolder: () => {},
        },
      },
    })
    await handle.opened
    await expect(handle.dispatch('app.exportDiagnostics', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('rejects the opening with the core’s own message (a newer database)', async () => {
    const { path, cleanup } = tempDir('fieldbook-core-process-newer-')
    cleanups.push(cleanup)
    mkdirSync(path, { recursive: true })
    const db = new Database(join(path, DATABASE_FILE))
    db.pragma('user_version = 9999')
    db.close()
    const { handle } = start({ dataDir: path })
    await expect(handle.opened).rejects.toThrow(/newer/i)
  })

  it('answers the calls in flight when the process ends, refuses later ones, and closes on request', async () => {
    const { handle, exitCode } = start()
    await handle.opened
    const inFlight = handle.dispatch('trip.list', {})
    handle.exit(1)
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await expect(handle.dispatch('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(handle.exited).toBe(true)
    expect(exitCode()).toBeNull()

    const second = start()
    await second.handle.opened
    await second.handle.close()
    expect(second.exitCode()).toBe(0)
    expect(second.handle.exited).toBe(true)
  })
})

describe('the sync token’s sealing in the core process', () => {
  const keyStore: KeyStore = {
    isEncryptionAvailable: () => true,
    encryptString: (text) => Buffer.from(`os:${Buffer.from(text).toString('hex')}`),
    decryptString(sealed) {
      const text = sealed.toString()
      if (!text.startsWith('os:')) throw new Error('cannot decrypt')
      return Buffer.from(text.slice(3), 'hex').toString()
    },
  }

  it('keeps one key, itself sealed by the OS key store, and makes a new one when that can no longer open it', () => {
    const { path, cleanup } = tempDir('fieldbook-sealing-')
    cleanups.push(cleanup)
    const file = join(path, 'sealing-key')
    const key = sealingKey(file, keyStore)!
    expect(key).toHaveLength(32)
    expect(readFileSync(file).toString()).not.toContain(key.toString('base64'))
    expect(sealingKey(file, keyStore)!.equals(key)).toBe(true)
    writeFileSync(file, 'reset key store')
    const replaced = sealingKey(file, keyStore)!
    expect(replaced.equals(key)).toBe(false)
    expect(sealingKey(join(path, 'other'), { ...keyStore, isEncryptionAvailable: () => false })).toBeNull()
    expect(existsSync(join(path, 'other'))).toBe(false)
  })

  it('seals the token in the database so that only the same key opens it', async () => {
    const { path, cleanup } = tempDir('fieldbook-sealed-token-')
    cleanups.push(cleanup)
    const key = sealingKey(join(path, 'sealing-key'), keyStore)!
    const core = openCore({ dataDir: join(path, 'data'), secretSealer: keySealer(key) })
    try {
      const state = new SyncStateStore(core.store, keySealer(key))
      state.set('token', 'tok-secret-123')
      const stored = core.store.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }
      expect(stored.value).not.toContain('tok-secret-123')
      expect(state.get('token')).toBe('tok-secret-123')
      // Another key (another computer's) cannot open it: as if never joined.
      expect(new SyncStateStore(core.store, keySealer(Buffer.alloc(32, 7))).get('token')).toBeUndefined()
      // A changed sealed value does not open to other text.
      const sealer = keySealer(key)
      const sealed = sealer.seal('abc')
      const parts = sealed.split('.')
      parts[3] = Buffer.from('abd').toString('base64')
      expect(() => sealer.open(parts.join('.'))).toThrow()
    } finally {
      core.close()
    }
  })
})
