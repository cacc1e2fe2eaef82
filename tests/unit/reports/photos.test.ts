import { readFileSync, rmSync } from 'node:fs'
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
    await add('bottling-line.jpg', '灌装生产线现场')
    const lost = await add('portrait-exif6.jpg', '硒泉水源地合影')
    rmSync(join(temp.dir, 'attachments', lost.attachment.hash.slice(0, 2), lost.attachment.hash))

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
