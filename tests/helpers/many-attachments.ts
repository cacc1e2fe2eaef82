import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ATTACHMENTS_FOLDER } from '../../electron/core/attachments/blob-store'

/** One more entry than a classic zip directory can count (65,535), before the database and the manifest. */
export const ZIP64_ATTACHMENTS = 65_600

/** The bytes of the `index`-th generated attachment. */
export const generatedAttachment = (index: number) => Buffer.from(`photo ${index} of a trip with very many photos`)

/**
 * Small distinct files written straight into a data folder as its attachment store lays them out
 * (`attachments/ab/<sha256>`), far faster than adding them one by one through the app. Returns their hashes.
 */
export function fillAttachments(dataDir: string, count: number): string[] {
  const hashes: string[] = []
  const root = join(dataDir, ATTACHMENTS_FOLDER)
  const made = new Set<string>()
  for (let i = 0; i < count; i++) {
    const bytes = generatedAttachment(i)
    const hash = createHash('sha256').update(bytes).digest('hex')
    const folder = join(root, hash.slice(0, 2))
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true })
      made.add(folder)
    }
    writeFileSync(join(folder, hash), bytes)
    hashes.push(hash)
  }
  return hashes
}
