import { describe, expect, it } from 'vitest'
import { docxFilesToPdf, pdfInfo, pdfPages } from '../../helpers/pdf'
import { useTempCore } from '../../helpers/core'

/** Awkward data still makes a correct document: nothing recorded, no surveys, a 10,000-character remark, emoji. */
const temp = useTempCore({ once: true })
const { ok } = temp

describe('documents from awkward data', () => {
  it('builds every kind for an empty trip, a trip without surveys, and a trip with a huge mixed-script remark', async () => {
    const empty = await ok('trip.create', { title: '空行程', startDate: '2025-06-01', endDate: '2025-06-01' })
    const noSurveys = await ok('trip.create', { title: 'Mixed 中英文 trip 🚄', startDate: '2025-06-02', endDate: '2025-06-03', regions: ['江苏 Jiangsu'] })
    const enterprise = await ok('enterprise.create', { name: '表情😀测试 Emoji Co.' })
    const symposium = await ok('symposium.create', { tripId: noSurveys.id, enterpriseId: enterprise.id, date: '2025-06-02' })
    const speaker = await ok('attendee.create', { symposiumId: symposium.id, side: 'enterprise', name: 'Li 李', title: 'CTO 技术总监' })
    const huge = `很长的发言 with English words and emoji 👍 `.repeat(300).slice(0, 10_000)
    await ok('remark.create', { symposiumId: symposium.id, speakerId: speaker.id, text: huge, isQuote: true })

    const files: Record<string, Buffer> = {}
    for (const [name, tripId] of [['empty', empty.id], ['nosurveys', noSurveys.id]] as const) {
      for (const kind of ['research-report', 'news-brief', 'talent-demand'] as const) {
        files[`${name}-${kind}`] = (await temp.core.reports.build({ kind, tripId, style: 'official', language: 'zh' })).buffer
      }
    }
    files['file'] = (await temp.core.reports.build({ kind: 'enterprise-file', enterpriseId: enterprise.id, style: 'standard', language: 'en' })).buffer
    const { pdfs, cleanup } = docxFilesToPdf(files)
    try {
      for (const [name, pdf] of Object.entries(pdfs)) expect(pdfInfo(pdf).pages, name).toBeGreaterThanOrEqual(1)
      expect(pdfPages(pdfs['empty-talent-demand']!).join('')).toContain('尚未收集人才需求调研表')
      expect(pdfPages(pdfs['nosurveys-research-report']!).join('')).toContain('本次调研未收集人才需求调研表')
      // A 10,000-character remark is quoted, shortened with an ellipsis: the report stays a report.
      const text = pdfPages(pdfs['nosurveys-research-report']!).join('').replace(/\s+/g, '')
      expect(text).toContain('企业方CTO技术总监Li李参加座谈。Li李表示：“很长的发言')
      expect(text).toContain('……”')
      expect(pdfInfo(pdfs['nosurveys-research-report']!).pages).toBeLessThanOrEqual(3)
      expect(pdfInfo(pdfs['nosurveys-news-brief']!).pages).toBeLessThanOrEqual(2)
    } finally {
      cleanup()
    }
  }, 120_000)

  it('refuses a report of a trip that does not exist with NOT_FOUND', async () => {
    await expect(temp.core.reports.build({ kind: 'news-brief', tripId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', style: 'official', language: 'zh' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
