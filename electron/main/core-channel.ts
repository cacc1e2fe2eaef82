import type { InvokeResult } from '../../shared/errors'
import type { FieldbookEvent } from '../../shared/events'
import type { BackupHost } from '../core/backup/service'
import type { Core } from '../core/core'
import type { DiagnosticsHost } from '../core/diagnostics'
import type { Dispatch } from '../core/dispatcher'
import type { ExchangeHost } from '../core/exchange/service'
import type { ReportHost } from '../core/reports/export'
import type { UpdateHost } from '../core/updates'

/*
 * The core runs in its own process (Electron's utility process), so a long write (applying a large sync, a
 * backup, a search rebuild) never holds up the window. Main and that process talk over one message channel:
 * main forwards the window's invokes and gets results and events back; the core asks main for what only main
 * can do (native dialogs, the file manager, the updater). Both ends are here, over any pair of message ports,
 * so they are tested without Electron.
 */

/** What the core process needs to open the core: plain data, sent as the first message (never on the command line). */
export interface CoreProcessOptions {
  dataDir: string
  nativeBinding?: string | undefined
  appVersion: string
  resourcesDir: string
  reportWorkerFile: string
  /** The sync token's sealing key (base64), from the OS key store; null where there is none. */
  sealingKey: string | null
  logFiles: string[]
  runtime: Record<string, string | undefined>
}

/** The hosts' methods the core process may ask main to run. */
export const HOST_METHODS = {
  reportHost: ['chooseSavePath', 'showInFolder'],
  backupHost: ['chooseSavePath', 'chooseOpenPath', 'showInFolder'],
  exchangeHost: ['chooseOpenPath', 'chooseSavePath'],
  updateHost: ['check', 'install'],
  diagnosticsHost: ['chooseSavePath', 'showInFolder'],
} as const

export type HostName = keyof typeof HOST_METHODS
export interface Hosts {
  reportHost: ReportHost
  backupHost: BackupHost
  exchangeHost: ExchangeHost
  updateHost: UpdateHost
  diagnosticsHost: Pick<DiagnosticsHost, (typeof HOST_METHODS)['diagnosticsHost'][number]>
}

export type ToCore =
  | { type: 'open'; options: CoreProcessOptions }
  | { type: 'invoke'; id: number; name: unknown; input: unknown }
  | { type: 'answer'; id: number; value?: unknown; error?: string }
  | { type: 'close' }

export type FromCore =
  /** The core process listens: main sends the options only then, so the first message cannot be missed. */
  | { type: 'ready' }
  | { type: 'opened' }
  | { type: 'openFailed'; message: string }
  | { type: 'result'; id: number; result: InvokeResult<unknown> }
  | { type: 'event'; event: FieldbookEvent }
  | { type: 'ask'; id: number; host: HostName; method: string; args: unknown[] }
  | { type: 'log'; message: string }
  | { type: 'closed' }

export interface MessageEnd<Out, In> {
  post(message: Out): void
  onMessage(listener: (message: In) => void): void
}

const STOPPED: InvokeResult<unknown> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Fieldbook’s data process stopped; it is being started again and nothing saved was lost.' },
}

export interface CoreProcessHandle {
  dispatch: Dispatch
  onEvent(listener: (event: FieldbookEvent) => void): () => void
  /** Resolves once the core opened; rejects with the core's own message (a newer database, say). */
  readonly opened: Promise<void>
  readonly exited: boolean
  /** Asks the core to close the database and waits for the process to end. */
  close(): Promise<void>
  /** The process ended (crashed, killed or closed): pending calls are answered, later ones refused. */
  exit(code: number | null): void
}

/** Main's end: opens the core in the process behind `port` and serves its questions with `hosts`. */
export function connectCoreProcess(
  port: MessageEnd<ToCore, FromCore>,
  options: CoreProcessOptions,
  hosts: Hosts,
  log: (message: string) => void,
): CoreProcessHandle {
  let nextId = 1
  let exited = false
  const pending = new Map<number, (result: InvokeResult<unknown>) => void>()
  const listeners = new Set<(event: FieldbookEvent) => void>()
  const closedWaiters: (() => void)[] = []
  let settleOpen!: { resolve: () => void; reject: (error: Error) => void }
  const opened = new Promise<void>((resolve, reject) => (settleOpen = { resolve, reject }))

  port.onMessage((message) => {
    switch (message.type) {
      case 'ready':
        port.post({ type: 'open', options })
        break
      case 'opened':
        settleOpen.resolve()
        break
      case 'openFailed':
        settleOpen.reject(new Error(message.message))
        break
      case 'result':
        pending.get(message.id)?.(message.result)
        pending.delete(message.id)
        break
      case 'event':
        for (const listener of listeners) listener(message.event)
        break
      case 'log':
        log(message.message)
        break
      case 'ask':
        void answer(message)
        break
      case 'closed':
        break
    }
  })

  async function answer(ask: Extract<FromCore, { type: 'ask' }>): Promise<void> {
    const allowed = (HOST_METHODS[ask.host] as readonly string[] | undefined)?.includes(ask.method)
    try {
      if (!allowed) throw new Error(`The core may not ask for ${ask.host}.${ask.method}`)
      const host = hosts[ask.host] as Record<string, (...args: unknown[]) => unknown>
      const value = await host[ask.method]!(...ask.args)
      if (!exited) port.post({ type: 'answer', id: ask.id, value })
    } catch (error) {
      if (!exited) port.post({ type: 'answer', id: ask.id, error: error instanceof Error ? error.message : String(error) })
    }
  }

  return {
    opened,
    get exited() {
      return exited
    },
    dispatch(name, input) {
      if (exited) return Promise.resolve(STOPPED)
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        port.post({ type: 'invoke', id, name, input })
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      if (exited) return Promise.resolve()
      return new Promise((resolve) => {
        closedWaiters.push(resolve)
        port.post({ type: 'close' })
      })
    },
    exit(code) {
      if (exited) return
      exited = true
      settleOpen.reject(new Error(`Fieldbook’s data process stopped before the data opened (exit code ${code})`))
      for (const resolve of pending.values()) resolve(STOPPED)
      pending.clear()
      listeners.clear()
      for (const resolve of closedWaiters.splice(0)) resolve()
    },
  }
}

/** What the core process gives the core: its hosts as questions to main, and the options main sent. */
export interface CoreProcessSide {
  options: CoreProcessOptions
  hosts: Hosts
  log(message: string): void
}

/** The core process's end: waits for the options, opens the core, serves invokes, closes on request. */
export function serveCoreProcess(port: MessageEnd<FromCore, ToCore>, open: (side: CoreProcessSide) => Core, exit: (code: number) => void): void {
  let core: Core | null = null
  let nextAsk = 1
  const asked = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const log = (message: string) => port.post({ type: 'log', message })

  const hosts = Object.fromEntries(
    Object.entries(HOST_METHODS).map(([host, methods]) => [
      host,
      Object.fromEntries(
        methods.map((method) => [
          method,
          (...args: unknown[]) =>
            new Promise((resolve, reject) => {
              const id = nextAsk++
              asked.set(id, { resolve, reject })
              port.post({ type: 'ask', id, host: host as HostName, method, args })
            }),
        ]),
      ),
    ]),
  ) as unknown as Hosts

  port.onMessage((message) => {
    switch (message.type) {
      case 'open':
        try {
          core = open({ options: message.options, hosts, log })
          core.onEvent((event) => port.post({ type: 'event', event }))
          port.post({ type: 'opened' })
        } catch (error) {
          port.post({ type: 'openFailed', message: error instanceof Error ? error.message : String(error) })
        }
        break
      case 'invoke':
        if (!core) {
          port.post({ type: 'result', id: message.id, result: STOPPED })
          break
        }
        void core.dispatch(message.name, message.input).then((result) => port.post({ type: 'result', id: message.id, result }))
        break
      case 'answer': {
        const waiting = asked.get(message.id)
        asked.delete(message.id)
        if (message.error !== undefined) waiting?.reject(new Error(message.error))
        else waiting?.resolve(message.value)
        break
      }
      case 'close':
        try {
          core?.close()
        } finally {
          core = null
          port.post({ type: 'closed' })
          exit(0)
        }
        break
    }
  })
  port.post({ type: 'ready' })
}
