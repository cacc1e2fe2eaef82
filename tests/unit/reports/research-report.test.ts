import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { packDocument, researchReportContent } from '../../../electron/core/reports/research-report'
import { OFFICIAL_STYLE, STANDARD_STYLE } from '../../../electron/core/reports/style'
import { readTripData } from '../../../electron/core/reports/trip-data'
import { docxToPdf, pdfFonts, pdfInfo, pdfPages, pdfToPngs } from '../../helpers/pdf'
import { useTempCore } from '../../helpers/core'

const temp = useTempCore({ once: true })

async function sampleReport(language: 'zh' | 'en', style = OFFICIAL_STYLE) {
  const loaded = (await temp.core.dispatch('app.loadSample', { language })) as { ok: true; value: { tripId: string } }
  const data = readTripData(temp.core.records, loaded.value.tripId)
  const content = researchReportContent(data, { style, language, signedBy: language === 'zh' ? '学校调研组' : 'The research group', chartFont: 'resources/fonts/NotoSansSC-Subset.otf' })
  const docx = await packDocument(content, style, 'report')
  return docxToPdf(docx, `research-${language}-${style.name}`)
}

describe('research report', () => {
  it('in the official style: A4, "— N —" page numbers, every agreement, quote and figure, fonts embedded', async () => {
    const { pdf, cleanup } = await sampleReport('zh')
    try {
      const info = pdfInfo(pdf)
      expect(info.widthPt).toBeCloseTo(595.3, 0)
      expect(info.heightPt).toBeCloseTo(841.9, 0)
      expect(info.pages).toBeGreaterThanOrEqual(2)
      expect(info.pages).toBeLessThanOrEqual(8)
      const pages = pdfPages(pdf)
      const text = pages.join('\n').replace(/\s+/g, '')
      for (const expected of ['关于皖苏两省访企拓岗调研情况的报告', '产业工人定向班合作协议', '智能装备运维实训中心共建', '500万元', '走访企业2家', '签订校企合作协议2项', '新增就业和实习岗位315个', '另有协议承诺岗位40个', '收集人才需求调研表2份', '让职业教育真正长出产业的基因']) {
        expect(text).toContain(expected)
      }
      pages.forEach((page, index) => expect(page.replace(/\s+/g, '')).toContain(`—${index + 1}—`))
      const fonts = pdfFonts(pdf)
      expect(fonts.length).toBeGreaterThan(0)
      expect(fonts.filter((f) => !f.embedded)).toEqual([])
      mkdirSync('test-results/reports', { recursive: true })
      pdfToPngs(pdf, 'test-results/reports/research-zh-official')
    } finally {
      cleanup()
    }
  })

  it('in the standard style in English', async () => {
    const { pdf, cleanup } = await sampleReport('en', STANDARD_STYLE)
    try {
      const text = pdfPages(pdf).join('\n').replace(/\s+/g, ' ')
      expect(text).toContain('Industrial-worker orientation class agreement')
      expect(text).toContain('CNY 5 million')
      mkdirSync('test-results/reports', { recursive: true })
      pdfToPngs(pdf, 'test-results/reports/research-en-standard')
    } finally {
      cleanup()
    }
  })
})
