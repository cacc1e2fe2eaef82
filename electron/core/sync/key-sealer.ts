import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretSealer } from './state'

const FORMAT = 'k1'

/**
 * Seals secrets with a key the app keeps in the operating system's key store (electron/main/sealing-key.ts), for
 * a core that runs where the key store itself cannot be reached (Electron's utility process). AES-256-GCM: a
 * changed or foreign sealed value fails to open rather than giving wrong text.
 */
export function keySealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error('A sealing key is 32 bytes')
  return {
    available: () => true,
    seal(secret) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join('.')
    },
    open(sealed) {
      const [format, iv, tag, text] = sealed.split('.')
      if (format !== FORMAT || !iv || !tag || text === undefined) throw new Error('Not sealed with this key')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]).toString('utf8')
    },
  }
}
