import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

/** The parts of Electron's safeStorage this uses (faked in tests). */
export interface KeyStore {
  isEncryptionAvailable(): boolean
  encryptString(text: string): Buffer
  decryptString(sealed: Buffer): string
}

export const SEALING_KEY_FILE = 'sealing-key'

/**
 * The key the core seals the sync token with, itself kept sealed by the operating system's key store (Keychain,
 * DPAPI, libsecret) in the user-data folder: the core runs in a utility process, where the key store cannot be
 * reached. Null without a key store (the token is then kept as it is, as before). A key the key store can no
 * longer open (it was reset) is replaced: the sealed token then reads as absent and the user joins again.
 */
export function sealingKey(file: string, keyStore: KeyStore): Buffer | null {
  if (!keyStore.isEncryptionAvailable()) return null
  if (existsSync(file)) {
    try {
      const key = Buffer.from(keyStore.decryptString(readFileSync(file)), 'base64')
      if (key.length === 32) return key
    } catch {
      // Replaced below.
    }
  }
  const key = randomBytes(32)
  writeFileSync(file, keyStore.encryptString(key.toString('base64')), { mode: 0o600 })
  return key
}
