import type { Store } from '../store/store'

/** What this workspace knows about its team's server; kept in `sync_state`, never synced. */
export interface SyncSettings {
  serverUrl: string
  token: string
  deviceId: string
  deviceName: string
  teamId: string
  teamName: string
  role: string
  epoch: string
  /** Plain http to a host other than this machine was explicitly allowed at join. */
  allowInsecure: boolean
  /** The user's preference: sync by itself when online. */
  autoSync: boolean
}

const SETTING_KEYS = [
  'serverUrl',
  'token',
  'deviceId',
  'deviceName',
  'teamId',
  'teamName',
  'role',
  'epoch',
  'allowInsecure',
  'autoSync',
] as const satisfies readonly (keyof SyncSettings)[]

/**
 * Keeps a secret with the operating system's key store (Electron's safeStorage in the app: Keychain, DPAPI,
 * libsecret). The core cannot use Electron itself, so the app hands this in; without it (tests, the command line,
 * a Linux desktop without a key store) the token is kept as it is.
 */
export interface SecretSealer {
  available(): boolean
  /** The sealed form, as text. */
  seal(secret: string): string
  /** Throws when the sealed text cannot be opened here (another computer's, or the key store was reset). */
  open(sealed: string): string
}

/** The values of `sync_state` that are secrets: sealed when a sealer is available, and never in a backup. */
export const SECRET_SYNC_KEYS: readonly string[] = ['token']
const SEALED_PREFIX = 'sealed:v1:'

/** Typed access to `sync_state`; every write is its own statement, callers group them in transactions. */
export class SyncStateStore {
  constructor(
    private readonly store: Store,
    private readonly sealer?: SecretSealer,
  ) {}

  get(key: string): string | undefined {
    const row = this.store.statement('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined
    if (row === undefined || !row.value.startsWith(SEALED_PREFIX) || !SECRET_SYNC_KEYS.includes(key)) return row?.value
    try {
      if (!this.sealer?.available()) return undefined
      return this.sealer.open(row.value.slice(SEALED_PREFIX.length))
    } catch {
      // Sealed on another computer or by a reset key store: as if never joined, so the user can join again.
      return undefined
    }
  }

  set(key: string, value: string): void {
    const stored = SECRET_SYNC_KEYS.includes(key) && value !== '' && this.sealer?.available() ? `${SEALED_PREFIX}${this.sealer.seal(value)}` : value
    this.store
      .statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, stored)
  }

  /** A token kept in plain text by an earlier version, or before a key store was available, is sealed now. */
  sealSecrets(): void {
    if (!this.sealer?.available()) return
    for (const key of SECRET_SYNC_KEYS) {
      const row = this.store.statement('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined
      if (row && row.value !== '' && !row.value.startsWith(SEALED_PREFIX)) this.set(key, row.value)
    }
  }

  delete(key: string): void {
    this.store.statement('DELETE FROM sync_state WHERE key = ?').run(key)
  }

  getJson<T>(key: string, fallback: T): T {
    const text = this.get(key)
    if (text === undefined) return fallback
    try {
      return JSON.parse(text) as T
    } catch {
      return fallback
    }
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value))
  }

  /** The pull cursor: the team sequence number of the last change applied here. */
  get cursor(): number {
    return Number(this.get('cursor') ?? 0)
  }

  set cursor(value: number) {
    this.set('cursor', String(value))
  }

  settings(): SyncSettings {
    return {
      serverUrl: this.get('serverUrl') ?? '',
      token: this.get('token') ?? '',
      deviceId: this.get('deviceId') ?? '',
      deviceName: this.get('deviceName') ?? '',
      teamId: this.get('teamId') ?? '',
      teamName: this.get('teamName') ?? '',
      role: this.get('role') ?? '',
      epoch: this.get('epoch') ?? '',
      allowInsecure: this.get('allowInsecure') === '1',
      // On unless the user turned it off.
      autoSync: this.get('autoSync') !== '0',
    }
  }

  saveSettings(settings: Partial<SyncSettings>): void {
    for (const key of SETTING_KEYS) {
      const value = settings[key]
      if (value === undefined) continue
      this.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : value)
    }
  }

  get joined(): boolean {
    return Boolean(this.get('token') && this.get('serverUrl'))
  }

  /** Forgets the server and team (the records, conflicts and device names stay). */
  forgetServer(): void {
    for (const key of ['serverUrl', 'token', 'deviceId', 'teamId', 'teamName', 'role', 'epoch', 'cursor', 'allowInsecure']) this.delete(key)
  }
}
