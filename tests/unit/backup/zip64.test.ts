import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ATTACHMENTS_FOLDER } from '../../../electron/core/attachments/blob-store'
import { BackupService } from '../../../electron/core/backup/service'
import { dispatchOk } from '../../helpers/core'
import { fillAttachments, generatedAttachment, ZIP64_ATTACHMENTS } from '../../helpers/many-attachments'
import { openCore, type Core } from '../../../electron/core/core'
import { tempDir } from '../../helpers/temp'

/** The last `length` bytes of a file. */
function tail(path: string, length: number): Buffer {
  const size = statSync(path).size
  const buffer = Buffer.alloc(Math.min(length, size))
  const fd = openSync(path, 'r')
  try {
    readSync(fd, buffer, 0, buffer.length, size - buffer.length)
  } finally {
    closeSync(fd)
  }
  return buffer
}

/** Fills `source`, backs it up into `outDir`, checks the zip is ZIP64, and restores it into a new folder. */
async function backupAndRestore(source: Core, outDir: string, openTarget: () => Core): Promise<void> {
  const trip = await dispatchOk(source, 'trip.create', { title: '照片很多的行程', startDate: '2025-05-16', endDate: '2025-05-18' })
  const hashes = fillAttachments(source.dataDir, ZIP64_ATTACHMENTS)
  const out = join(outDir, 'many.fbbackup')
  const written = await new BackupService(source, { appVersion: '1.2.3' }).backupTo(out)
  expect(written.attachments).toBe(ZIP64_ATTACHMENTS)

  // The classic end record says "see ZIP64" (0xffff entries); the ZIP64 end record before it counts them all.
  const end = tail(out, 22 + 20 + 56)
  expect(end.readUInt32LE(end.length - 22)).toBe(0x06054b50)
  expect(end.readUInt16LE(end.length - 22 + 10)).toBe(0xffff)
  expect(end.readUInt32LE(0)).toBe(0x06064b50)
  expect(Number(end.readBigUInt64LE(32))).toBe(ZIP64_ATTACHMENTS + 2)

  const target = openTarget()
  const result = await new BackupService(target, { appVersion: '1.2.3' }).restoreFile(out)
  expect(result.restored).toMatchObject({ attachments: ZIP64_ATTACHMENTS, trips: 1, skippedAttachments: 0 })
  expect(await dispatchOk<{ id: string }[]>(target, 'trip.list', {})).toEqual([expect.objectContaining({ id: trip.id })])
  const root = join(target.dataDir, ATTACHMENTS_FOLDER)
  const restored = readdirSync(root)
    .filter((name) => /^[0-9a-f]{2}$/.test(name))
    .flatMap((folder) => readdirSync(join(root, folder)))
  expect(restored.sort()).toEqual([...hashes].sort())
  for (const index of [0, 12_345, ZIP64_ATTACHMENTS - 1]) {
    const hash = hashes[index]!
    expect(readFileSync(join(root, hash.slice(0, 2), hash)).equals(generatedAttachment(index))).toBe(true)
  }
}

describe('a backup of more entries than a classic zip can count', () => {
  it('is written as ZIP64, verified and restored into another folder with every attachment', { timeout: 900_000 }, async () => {
    // Folders of 65,000 files each take a while to remove: inside the test's own time, not an after-each hook's.
    const folders = [tempDir('fieldbook-zip64-'), tempDir('fieldbook-zip64-out-'), tempDir('fieldbook-zip64-restore-')]
    const cores: Core[] = []
    const open = (dataDir: string) => {
      const core = openCore({ dataDir, appVersion: '1.2.3' })
      cores.push(core)
      return core
    }
    try {
      await backupAndRestore(open(folders[0]!.path), folders[1]!.path, () => open(folders[2]!.path))
    } finally {
      for (const core of cores) core.close()
      for (const folder of folders) folder.cleanup()
    }
  })
})
