import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeBackup } from '../../../electron/core/backup/create'
import { ZipFileReader, ZipFileWriter, ZipFormatError } from '../../../electron/core/backup/zip'
import { writeCraftedZip } from '../../helpers/crafted-zip'
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/store/migrations'
import { tempDir } from '../../helpers/temp'
import { useTempCore } from '../../helpers/core'
import { BackupService } from '../../../electron/core/backup/service'
import type { BackupSummary } from '../../../shared/procedures/backup'
import { fakeHost } from './helpers'

let dir: ReturnType<typeof tempDir>
beforeEach(() => (dir = tempDir()))
afterEach(() => dir.cleanup())

function* pieces(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

describe('streaming zip', () => {
  it('writes and reads back entries larger than one chunk, stored and deflated, readable by other zip readers', async () => {
    const photo = randomBytes(2_500_000)
    const text = Buffer.from('研途 Fieldbook '.repeat(250_000))
    const path = join(dir.path, 'x.zip')
    const writer = new ZipFileWriter(path)
    const mtime = new Date('2025-05-16T08:00:00Z')
    expect(await writer.add('photo', pieces(photo, 700_000), { compress: false, mtime })).toMatchObject({ size: photo.length })
    expect(await writer.add('text', pieces(text, 1_000_000), { compress: true, mtime })).toMatchObject({ size: text.length })
    await writer.add('empty', [], { compress: true, mtime })
    await writer.end()
    expect(writer.bytesWritten).toBe(readFileSync(path).length)
    // Deflated text is much smaller; the photo is stored as it is.
    expect(writer.bytesWritten).toBeLessThan(photo.length + text.length / 5)

    const reader = await ZipFileReader.open(path)
    try {
      expect(reader.entries.map((e) => [e.name, e.method])).toEqual([['photo', 0], ['text', 8], ['empty', 8]])
      expect((await reader.readAll(reader.find('photo')!)).equals(photo)).toBe(true)
      expect((await reader.readAll(reader.find('text')!)).equals(text)).toBe(true)
      expect((await reader.readAll(reader.find('empty')!)).length).toBe(0)
    } finally {
      await reader.close()
    }
    const other = unzipSync(readFileSync(path))
    expect(Buffer.from(other['text']!).equals(text)).toBe(true)
  })
})

describe('what the zip reader refuses', () => {
  const reason = async (opening: Promise<unknown>) => {
    const error = await opening.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ZipFormatError)
    return (error as ZipFormatError).reason
  }

  it('more entries than a backup holds, before reading the directory', async () => {
    const path = join(dir.path, 'many.zip')
    writeCraftedZip(path, Array.from({ length: 5 }, (_, i) => ({ name: `e${i}`, data: Buffer.from(`entry ${i}`) })))
    expect(await reason(ZipFileReader.open(path, { maxEntries: 4 }))).toBe('tooLarge')
    const reader = await ZipFileReader.open(path, { maxEntries: 5 })
    expect(reader.entries).toHaveLength(5)
    await reader.close()
  })

  it.each(['../../outside.txt', '/etc/cron.d/evil', 'attachments/../../../evil'])('an entry named %s (a path out of the folder)', async (name) => {
    const path = join(dir.path, 'escape.zip')
    writeCraftedZip(path, [
      { name: 'manifest.json', data: Buffer.from('{}') },
      { name, data: Buffer.from('escaped') },
    ])
    expect(await reason(ZipFileReader.open(path))).toBe('damaged')
  })

  it('an entry whose bytes do not match the CRC its directory declares', async () => {
    const path = join(dir.path, 'crc.zip')
    const writer = new ZipFileWriter(path)
    await writer.add('photo', [Buffer.from('the photo as it was written')], { compress: false, mtime: new Date() })
    await writer.end()
    const bytes = readFileSync(path)
    const at = bytes.indexOf('the photo') + 4
    bytes[at] = bytes[at]! ^ 0x20
    rmSync(path)
    writeFileSync(path, bytes)
    const reader = await ZipFileReader.open(path)
    try {
      expect(await reason(reader.readAll(reader.find('photo')!))).toBe('damaged')
    } finally {
      await reader.close()
    }
  })
})

describe('a zip whose writing fails', () => {
  it('rejects the entry whose source fails, and abort leaves a closed file for the caller to remove', async () => {
    const path = join(dir.path, 'failed.zip')
    const writer = new ZipFileWriter(path)
    await writer.add('first', [Buffer.from('fine')], { compress: true, mtime: new Date() })
    async function* vanishing() {
      yield Buffer.from('half a photo')
      throw new Error('the photo was removed meanwhile')
    }
    await expect(writer.add('second', vanishing(), { compress: false, mtime: new Date() })).rejects.toThrow('the photo was removed meanwhile')
    await expect(writer.add('third', [Buffer.from('x')], { compress: true, mtime: new Date() })).rejects.toThrow('the photo was removed meanwhile')
    await writer.abort()
    rmSync(path)
    expect(existsSync(path)).toBe(false)
  })
})

describe('older backups', () => {
  const temp = useTempCore({ backupHost: fakeHost() })

  it('restores a backup from an older data version and brings it up to this one', async () => {
    // A database as the previous version left it (data versions may skip a number).
    const previous = MIGRATIONS.at(-2)!.version
    const old = new Database(join(dir.path, 'fieldbook.db'))
    migrate(old, MIGRATIONS, previous)
    old.prepare("INSERT INTO meta (key, value) VALUES ('node_id', 'aaaaaaaaaaaaaaaa'), ('hlc', '')").run()
    old.prepare("INSERT INTO trips (id, title, start_date, end_date, clocks) VALUES ('01a224eb-3db3-72db-8c93-f52ce68efcc9', '旧版本的行程', '2024-05-16', '2024-05-19', '{}')").run()
    const out = join(dir.path, 'old.fbbackup')
    await writeBackup({ db: old, dataDir: dir.path, appVersion: '0.0.9', nodeId: 'aaaaaaaaaaaaaaaa' }, out)
    old.close()

    const service = new BackupService(temp.core, { appVersion: '1.0.0' })
    const result = await service.restoreFile(out)
    expect(result.restored).toMatchObject({ schemaVersion: previous, trips: 1, appVersion: '0.0.9' })
    expect(temp.core.store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect((await temp.ok<{ title: string }[]>('trip.list', {})).map((t) => t.title)).toEqual(['旧版本的行程'])
    // This computer keeps its own node id.
    expect(temp.core.store.db.prepare("SELECT value FROM meta WHERE key = 'node_id'").pluck().get()).toBe(temp.core.store.nodeId)
    const summary = await temp.ok<BackupSummary | null>('backup.inspect', { name: result.safetyCopy })
    expect(summary?.schemaVersion).toBe(SCHEMA_VERSION)
  })
})
