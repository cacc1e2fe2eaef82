import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docxFilesToPdf, pdfPages } from '../../helpers/pdf'
import { useTempCore } from '../../helpers/core'

const temp = useTempCore({ once: true })
const { ok } = temp

describe('photos in the research report', () => {
  it('places each visit photo upright with its caption, and names a photo whose file is missing', async () => {
    const { tripId } = await ok<{ tripId: string }>('app.loadSample', { language: 'zh' })
    const visit = temp.core.records.visit.list({ tripId })[0]!
    const add = (file: string, caption: string) =>
      ok<{ attachment: { hash: string } }>('attachment.add', {
        ownerKind: 'visit',
        ownerId: visit.id,
        fileName: file,
        dataBase64: readFileSync(join('tests/fixtures/attachments', file)).toString('base64'),
        caption,
      })
    const kept = await add('bottling-line.jpg', '灌装生产线现场')
    const lost = await add('portrait-exif6.jpg', '硒泉水源地合影')
    // The report copy was made when the photo was attached: the export reads it, not the original.
    const copy = (hash: string) => join(temp.dir, 'attachments', 'thumbs', `${hash}-800.jpg`)
    expect(existsSync(copy(kept.attachment.hash))).toBe(true)
    rmSync(join(temp.dir, 'attachments', kept.attachment.hash.slice(0, 2), kept.attachment.hash))
    // A photo whose file and copy are not on this computer (not synced yet) is named instead.
    rmSync(join(temp.dir, 'attachments', lost.attachment.hash.slice(0, 2), lost.attachment.hash))
    rmSync(copy(lost.attachment.hash))

    const { buffer } = await temp.core.reports.build({ kind: 'research-report', tripId, style: 'official', language: 'zh' })
    const { pdfs, cleanup } = docxFilesToPdf({ photos: buffer })
    try {
      const text = pdfPages(pdfs['photos']!).join('').replace(/\s+/g, '')
      expect(text).toContain('图1灌装生产线现场')
      expect(text).toContain('照片“硒泉水源地合影”的文件不在本机')
      // Figures are numbered through the document: the chart comes after the photos.
      expect(text).toContain('图2岗位需求对应专业')
    } finally {
      cleanup()
    }
  })
})
