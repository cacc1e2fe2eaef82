import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BlobStore, sha256 } from '../../../electron/core/attachments/blob-store'
import { cleanFileName } from '../../../electron/core/attachments/service'
import { MIME, sniffType } from '../../../electron/core/attachments/sniff'
import { ATTACHMENT_MAX_BYTES } from '../../../shared/procedures/attachments'
import { useTempCore } from '../../helpers/core'
import { tempDir } from '../../helpers/temp'
import { makeZip } from './zip'

const FIXTURES = join(import.meta.dirname, '../../fixtures/attachments')
const fixture = (name: string) => readFileSync(join(FIXTURES, name))

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.cleanup())

/** Every file under a folder, relative, for "nothing else was left there" checks. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort()
}

describe('type sniffing', () => {
  it('tells files by their bytes, not their names', async () => {
    expect(sniffType(fixture('bottling-line.jpg'))).toEqual({ mime: MIME.jpeg, category: 'image' })
    expect(sniffType(fixture('screenshot.png'))?.mime).toBe(MIME.png)
    expect(sniffType(await sharp(fixture('screenshot.png')).webp().toBuffer())?.mime).toBe(MIME.webp)
    expect(sniffType(await sharp(fixture('screenshot.png')).gif().toBuffer())?.mime).toBe(MIME.gif)
    expect(sniffType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ mime: MIME.pdf, category: 'document' })
    expect(sniffType(fixture('minutes.txt'))).toEqual({ mime: MIME.text, category: 'text' })
    // GB18030, as Notepad on a Chinese Windows saves it.
    expect(sniffType(Buffer.from([0xd7, 0xf9, 0xcc, 0xb8, 0xbb, 0xe1, 0x0d, 0x0a]))?.mime).toBe(MIME.text)
  })

  it('recognises Office files inside their zip or compound container, and refuses other containers', () => {
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
    const xlsx = makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' })
    const pptx = makeZip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' })
    expect(sniffType(docx)?.mime).toBe(MIME.docx)
    expect(sniffType(xlsx)?.mime).toBe(MIME.xlsx)
    expect(sniffType(pptx)?.mime).toBe(MIME.pptx)
    expect(sniffType(makeZip({ 'payload.exe': 'MZ' }))).toBeNull()

    const compound = (stream: string) => {
      const bytes = Buffer.alloc(2048)
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes)
      Buffer.from(stream, 'utf16le').copy(bytes, 1024)
      return bytes
    }
    expect(sniffType(compound('WordDocument'))?.mime).toBe(MIME.doc)
    expect(sniffType(compound('Workbook'))?.mime).toBe(MIME.xls)
    // An installer (.msi) is a compound file too.
    expect(sniffType(compound('\u4840\u3b3f\u4577'))).toBeNull()
  })

  it('recognises recordings and HEIC photos by their headers', () => {
    const ftyp = (brand: string, compatible: string[] = []) => {
      const box = Buffer.alloc(16 + compatible.length * 4)
      box.writeUInt32BE(box.length, 0)
      box.write(`ftyp${brand}`, 4, 'latin1')
      compatible.forEach((name, index) => box.write(name, 16 + index * 4, 'latin1'))
      return box
    }
    expect(sniffType(ftyp('M4A ', ['isom']))).toEqual({ mime: MIME.m4a, category: 'audio' })
    expect(sniffType(ftyp('heic', ['mif1']))?.mime).toBe(MIME.heic)
    expect(sniffType(ftyp('isom', ['mp41']))).toBeNull() // a video
    expect(sniffType(Buffer.concat([Buffer.from('ID3'), Buffer.alloc(20)]))?.mime).toBe(MIME.mp3)
    expect(sniffType(Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0]))?.mime).toBe(MIME.mp3)
    const wav = Buffer.alloc(44)
    wav.write('RIFF', 0, 'latin1')
    wav.write('WAVEfmt ', 8, 'latin1')
    expect(sniffType(wav)).toEqual({ mime: MIME.wav, category: 'audio' })
  })

  it('refuses a program renamed .jpg and arbitrary binary data', () => {
    expect(sniffType(fixture('setup-renamed.jpg'))).toBeNull()
    expect(sniffType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))).toBeNull() // ELF
    expect(sniffType(Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)))).toBeNull()
    expect(sniffType(Buffer.alloc(0))).toBeNull()
  })
})

describe('blob store', () => {
  it('stores bytes once under their hash, in a folder named by its first two digits', async () => {
    const blobs = new BlobStore(dir.path)
    const bytes = fixture('bottling-line.jpg')
    const first = await blobs.put(bytes)
    const second = await blobs.put(Buffer.from(bytes))
    expect(first).toEqual({ hash: sha256(bytes), size: bytes.length, created: true })
    expect(second).toEqual({ ...first, created: false })
    expect(filesUnder(blobs.root)).toEqual([join(first.hash.slice(0, 2), first.hash)])
    expect((await blobs.get(first.hash)).equals(bytes)).toBe(true)
  })

  it('checks the hash on reading and repairs a damaged file on the next write', async () => {
    const blobs = new BlobStore(dir.path)
    const bytes = fixture('screenshot.png')
    const { hash } = await blobs.put(bytes)
    writeFileSync(blobs.pathOf(hash), bytes.subarray(0, 100))
    await expect(blobs.get(hash)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'blobMissing' } })
    expect((await blobs.put(bytes)).created).toBe(true)
    expect((await blobs.get(hash)).equals(bytes)).toBe(true)
    await expect(blobs.get('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('leaves neither a partial file nor a temporary one when writing fails before the rename', async () => {
    const seen: string[] = []
    const blobs = new BlobStore(dir.path, {
      beforeRename: (temp) => {
        seen.push(temp)
        expect(existsSync(temp)).toBe(true)
        throw new Error('disk full')
      },
    })
    const bytes = fixture('bottling-line.jpg')
    await expect(blobs.put(bytes)).rejects.toThrow('disk full')
    expect(seen).toHaveLength(1)
    expect(await blobs.has(sha256(bytes))).toBe(false)
    expect(filesUnder(blobs.root)).toEqual([])
  })

  it('refuses names that are not hashes, so nothing outside the folder can be read', () => {
    const blobs = new BlobStore(dir.path)
    expect(() => blobs.pathOf('../../fieldbook.db')).toThrow(/SHA-256/)
    expect(() => blobs.pathOf('A'.repeat(64))).toThrow(/SHA-256/)
  })

  it('sweeps temporary files left by a crash, and only old ones', async () => {
    const blobs = new BlobStore(dir.path)
    const { hash } = await blobs.put(fixture('screenshot.png'))
    const old = `${blobs.pathOf(hash)}.1-abc.tmp`
    writeFileSync(old, 'partial')
    expect(await blobs.sweep(Date.now())).toBe(0)
    expect(await blobs.sweep(Date.now() + 2 * 60 * 60_000)).toBe(1)
    expect(existsSync(old)).toBe(false)
    expect(await blobs.has(hash)).toBe(true)
  })
})

describe('attachment procedures', () => {
  const temp = useTempCore()
  const { ok, failure } = temp
  async function visit() {
    const trip = await ok<{ id: string }>('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
    // A second visit (on another trip) is to the same enterprise's file.
    const name = '石台县七彩灵慧智能科技有限公司'
    const existing = (await ok<{ id: string; name: string }[]>('enterprise.list', {})).find((e) => e.name === name)
    const enterprise = existing ?? (await ok<{ id: string }>('enterprise.create', { name }))
    return ok<{ id: string }>('visit.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-16', title: '参观灌装生产线' })
  }
  type Added = { attachment: { id: string; hash: string; width: number; height: number; mime: string; fileName: string }; alreadyAttached: boolean }
  const add = (ownerId: string, name: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
    ok<Added>('attachment.add', { ownerKind: 'visit', ownerId, fileName: name, dataBase64: bytes.toString('base64'), ...extra })
  const rows = () =>
    temp.core.store.db
      .prepare('SELECT id, owner_kind, owner_id, hash, size, mime, file_name, caption, width, height, deleted FROM attachments ORDER BY id')
      .all() as Record<string, unknown>[]

  it('adds a photo: the file under its hash, the row in SQLite, a cached thumbnail', async () => {
    const owner = await visit()
    const bytes = fixture('bottling-line.jpg')
    const { attachment, alreadyAttached } = await add(owner.id, 'IMG_0412.jpg', bytes, { caption: '灌装生产线全景' })
    expect(alreadyAttached).toBe(false)
    const hash = sha256(bytes)
    expect(rows()).toEqual([
      {
        id: attachment.id,
        owner_kind: 'visit',
        owner_id: owner.id,
        hash,
        size: bytes.length,
        mime: 'image/jpeg',
        file_name: 'IMG_0412.jpg',
        caption: '灌装生产线全景',
        width: 640,
        height: 480,
        deleted: 0,
      },
    ])
    expect(readFileSync(join(temp.dir, 'attachments', hash.slice(0, 2), hash)).equals(bytes)).toBe(true)
    expect(existsSync(join(temp.dir, 'attachments', 'thumbs', `${hash}-320.jpg`))).toBe(true)
    // The row went through the write path: it waits in the outbox to sync.
    const outbox = temp.core.store.db.prepare("SELECT row_id FROM change_log WHERE tbl = 'attachments' AND outbox = 1").all()
    expect(outbox).toEqual([{ row_id: attachment.id }])

    const thumbnail = await ok<string>('attachment.thumbnail', { id: attachment.id })
    expect(thumbnail.startsWith('data:image/jpeg;base64,')).toBe(true)
    const thumbSize = await sharp(Buffer.from(thumbnail.split(',')[1]!, 'base64')).metadata()
    expect([thumbSize.width, thumbSize.height]).toEqual([320, 240])
  })

  it('stores a portrait photo with EXIF orientation 6 with its upright size, and shows it upright', async () => {
    const owner = await visit()
    const { attachment } = await add(owner.id, 'portrait.jpg', fixture('portrait-exif6.jpg'))
    expect([attachment.width, attachment.height]).toEqual([400, 640])
    for (const name of ['attachment.thumbnail', 'attachment.preview']) {
      const url = await ok<string>(name, { id: attachment.id })
      const meta = await sharp(Buffer.from(url.split(',')[1]!, 'base64')).metadata()
      // Turned upright and without the EXIF tag, so no viewer turns it a second time.
      expect(meta.height).toBeGreaterThan(meta.width)
      expect(meta.orientation ?? 1).toBe(1)
    }
    const preview = await ok<string>('attachment.preview', { id: attachment.id })
    expect((await sharp(Buffer.from(preview.split(',')[1]!, 'base64')).metadata()).height).toBe(640)
  })

  it('refuses a program renamed .jpg, with a reason, and stores nothing', async () => {
    const owner = await visit()
    const error = await failure('attachment.add', {
      ownerKind: 'visit',
      ownerId: owner.id,
      fileName: 'photo.jpg',
      dataBase64: fixture('setup-renamed.jpg').toString('base64'),
    })
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'unsupportedType' } })
    expect(error.message).toMatch(/cannot be attached/)
    expect(rows()).toEqual([])
    expect(filesUnder(join(temp.dir, 'attachments'))).toEqual([])
  })

  it('refuses a file over the size limit, and an empty one', async () => {
    const owner = await visit()
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x20)
    big.write('%PDF-1.4', 0, 'latin1')
    const error = await failure('attachment.add', { ownerKind: 'visit', ownerId: owner.id, fileName: 'scan.pdf', dataBase64: big.toString('base64') })
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'tooLarge', maxBytes: ATTACHMENT_MAX_BYTES } })
    expect(error.message).toContain('30 MB')
    const empty = await failure('attachment.add', { ownerKind: 'visit', ownerId: owner.id, fileName: 'x.txt', dataBase64: '' })
    expect(empty.code).toBe('VALIDATION')
    const mangled = await failure('attachment.add', { ownerKind: 'visit', ownerId: owner.id, fileName: 'x.txt', dataBase64: 'not base64!' })
    expect(mangled.details?.fieldErrors).toEqual([{ path: 'dataBase64', key: 'invalidFormat' }])
    expect(rows()).toEqual([])
  })

  it('refuses a photo that cannot be decoded', async () => {
    const owner = await visit()
    const truncated = fixture('bottling-line.jpg').subarray(0, 600)
    const error = await failure('attachment.add', { ownerKind: 'visit', ownerId: owner.id, fileName: 'cut.jpg', dataBase64: truncated.toString('base64') })
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'unreadableImage' } })
    expect(rows()).toEqual([])
  })

  it('needs an owner that exists and is not in the trash', async () => {
    const owner = await visit()
    const input = { ownerKind: 'visit', fileName: 'a.txt', dataBase64: fixture('minutes.txt').toString('base64') }
    const missing = await failure('attachment.add', { ...input, ownerId: '01900000-0000-7000-8000-000000000000' })
    expect(missing.details?.fieldErrors).toEqual([{ path: 'ownerId', key: 'notFound' }])
    await ok('visit.delete', { id: owner.id })
    const trashed = await failure('attachment.add', { ...input, ownerId: owner.id })
    expect(trashed.details?.fieldErrors).toEqual([{ path: 'ownerId', key: 'notFound' }])
    // The kind must match too: a visit's id is not a symposium.
    await ok('visit.restore', { id: owner.id })
    expect((await failure('attachment.add', { ...input, ownerKind: 'symposium', ownerId: owner.id })).code).toBe('VALIDATION')
  })

  it('keeps the same photo once per record, and once on disk for every record', async () => {
    const first = await visit()
    const second = await visit()
    const bytes = fixture('screenshot.png')
    const a = await add(first.id, 'a.png', bytes)
    const again = await add(first.id, 'copy of a.png', bytes)
    expect(again).toEqual({ attachment: a.attachment, alreadyAttached: true })
    const other = await add(second.id, 'a.png', bytes)
    expect(other.alreadyAttached).toBe(false)
    expect(other.attachment.hash).toBe(a.attachment.hash)
    expect(rows()).toHaveLength(2)
    expect(filesUnder(join(temp.dir, 'attachments')).filter((path) => !path.startsWith('thumbs'))).toHaveLength(1)
  })

  it('keeps only the name of a path, and names a pasted file by its type', async () => {
    expect(cleanFileName('C:\\Users\\王老师\\Desktop\\合影.jpg', 'image/jpeg')).toBe('合影.jpg')
    expect(cleanFileName('../../etc/passwd', 'text/plain')).toBe('passwd')
    expect(cleanFileName('  ', 'image/png')).toBe('attachment.png')
    expect(cleanFileName('a\u0000b\ue000.txt', 'text/plain')).toBe('ab.txt')
    const owner = await visit()
    const { attachment } = await add(owner.id, '/home/me/../x/说明.txt', fixture('minutes.txt'))
    expect(attachment).toMatchObject({ fileName: '说明.txt', mime: 'text/plain', width: 0, height: 0 })
  })

  it('accepts documents, which have no thumbnail but can be read back', async () => {
    const owner = await visit()
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
    const { attachment } = await add(owner.id, '合作协议.docx', docx)
    expect(attachment.mime).toBe(MIME.docx)
    expect(await failure('attachment.thumbnail', { id: attachment.id })).toMatchObject({ code: 'VALIDATION', details: { reason: 'notAnImage' } })
    const content = await ok<{ fileName: string; mime: string; dataBase64: string }>('attachment.content', { id: attachment.id })
    expect(content).toMatchObject({ fileName: '合作协议.docx', mime: MIME.docx })
    expect(Buffer.from(content.dataBase64, 'base64').equals(docx)).toBe(true)
  })

  it('edits captions, lists by owner, trashes and restores', async () => {
    const owner = await visit()
    const { attachment } = await add(owner.id, 'a.jpg', fixture('bottling-line.jpg'))
    const { attachment: second } = await add(owner.id, 'b.png', fixture('screenshot.png'))
    await ok('attachment.update', { id: attachment.id, patch: { caption: '  硒泉水源地  ' } })
    const listed = await ok<{ id: string; caption: string }[]>('attachment.list', { ownerId: owner.id })
    expect(listed.map((a) => [a.id, a.caption])).toEqual([
      [attachment.id, '硒泉水源地'],
      [second.id, ''],
    ])
    const tooLong = await failure('attachment.update', { id: attachment.id, patch: { caption: '长'.repeat(1001) } })
    expect(tooLong.details?.fieldErrors?.[0]).toMatchObject({ path: 'patch.caption', key: 'tooLong' })

    await ok('attachment.delete', { id: attachment.id })
    expect((await ok<unknown[]>('attachment.list', { ownerId: owner.id })).length).toBe(1)
    const trash = await ok<{ kind: string; id: string; label: string }[]>('trash.list', {})
    expect(trash).toMatchObject([{ kind: 'attachment', id: attachment.id, label: '硒泉水源地' }])
    await ok('attachment.restore', { id: attachment.id })
    expect((await ok<unknown[]>('attachment.list', { ownerId: owner.id })).length).toBe(2)
  })

  it('reports a photo whose file has not arrived, instead of failing without a reason', async () => {
    const owner = await visit()
    const { attachment } = await add(owner.id, 'a.jpg', fixture('bottling-line.jpg'))
    rmSync(join(temp.dir, 'attachments'), { recursive: true })
    expect(await failure('attachment.thumbnail', { id: attachment.id })).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'blobMissing' } })
  })
})
