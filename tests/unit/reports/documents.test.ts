import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportRequest } from '../../../shared/procedures/reports'
import { docxFilesToPdf, pdfFonts, pdfInfo, pdfPages, pdfToPngs } from '../../helpers/pdf'
import { useTempCore } from '../../helpers/core'

/**
 * Every document kind in both styles, built from the sample trip in Chinese and English, converted by
 * LibreOffice in one run and checked in the PDF: A4, a sane page count, page numbers, the recorded facts,
 * embedded fonts. Pages are saved as PNG under test-results/reports/ to be looked at.
 */
const temp = useTempCore({ once: true })
let pdfs: Record<string, string>
let cleanup: () => void
const ids: Record<'zh' | 'en', { tripId: string; huirun: string }> = { zh: { tripId: '', huirun: '' }, en: { tripId: '', huirun: '' } }

beforeAll(async () => {
  temp.core.reports.updateProfile({ collegeName: '南充影视工业职业学院', department: '校企合作中心', signature: '南充影视工业职业学院调研组' })
  for (const language of ['zh', 'en'] as const) {
    const loaded = (await temp.core.dispatch('app.loadSample', { language })) as { ok: true; value: { tripId: string } }
    ids[language].tripId = loaded.value.tripId
    ids[language].huirun = temp.core.records.enterprise.list().find((e) => /汇润|Huirun/.test(e['name'] as string) && (language === 'zh') === /汇润/.test(e['name'] as string))!.id
  }
  const files: Record<string, Buffer> = {}
  for (const language of ['zh', 'en'] as const) {
    for (const style of ['official', 'standard'] as const) {
      const requests: [string, ReportRequest][] = [
        ['research', { kind: 'research-report', tripId: ids[language].tripId, style, language }],
        ['brief', { kind: 'news-brief', tripId: ids[language].tripId, style, language }],
        ['demand-trip', { kind: 'talent-demand', tripId: ids[language].tripId, style, language }],
        ['demand-enterprise', { kind: 'talent-demand', enterpriseId: ids[language].huirun, style, language }],
        ['file', { kind: 'enterprise-file', enterpriseId: ids[language].huirun, style, language }],
      ]
      for (const [name, request] of requests) files[`${name}-${language}-${style}`] = (await temp.core.reports.build(request)).buffer
    }
  }
  ;({ pdfs, cleanup } = docxFilesToPdf(files))
}, 300_000)

afterAll(() => {
  cleanup?.()
})

const text = (name: string) => pdfPages(pdfs[name]!).join('\n').replace(/\s+/g, '')

describe('every document kind in both styles', () => {
  it('is A4 with a sane page count, numbered pages and every font embedded', () => {
    mkdirSync('test-results/reports', { recursive: true })
    for (const [name, pdf] of Object.entries(pdfs)) {
      const info = pdfInfo(pdf)
      expect(info.widthPt, name).toBeCloseTo(595.3, 0)
      expect(info.heightPt, name).toBeCloseTo(841.9, 0)
      expect(info.pages, name).toBeGreaterThanOrEqual(1)
      expect(info.pages, name).toBeLessThanOrEqual(12)
      const pages = pdfPages(pdf)
      pages.forEach((page, i) => {
        const compact = page.replace(/\s+/g, '')
        if (name.endsWith('official')) expect(compact, `${name} page ${i + 1}`).toContain(`—${i + 1}—`)
        else expect(page.split('\n').map((line) => line.trim()), `${name} page ${i + 1}`).toContain(String(i + 1))
      })
      expect(pdfFonts(pdf).filter((f) => !f.embedded), name).toEqual([])
      pdfToPngs(pdf, join('test-results/reports', name), 50)
    }
  }, 180_000)

  it('puts 22 lines of body text on a full official page', () => {
    // Page 1 of the research report holds the title; page 2 is body text only.
    const lines = pdfPages(pdfs['research-zh-official']!, true)[1]!.split('\n').filter((l) => l.trim() && !/^\s*—\s*\d+\s*—\s*$/.test(l))
    expect(lines).toHaveLength(22)
  })

  it('carries the facts of the trip into the news brief, in Chinese and in English', () => {
    const zh = text('brief-zh-official')
    for (const fact of ['南充影视工业职业学院开展皖苏两省访企拓岗调研', '赴安徽、江苏', '走访企业2家', '签订校企合作协议2项', '新增就业和实习岗位315个', '人才需求调研表2份', '《产业工人定向班合作协议》', '寇德林表示']) expect(zh).toContain(fact)
    const en = pdfPages(pdfs['brief-en-standard']!).join(' ').replace(/\s+/g, ' ')
    for (const fact of ['visited 2 enterprises', 'signed 2 agreements', 'added 315 jobs and internships', 'agreements commit 40 more', 'Kou Delin']) expect(en).toContain(fact)
  })

  it('reports talent demand per trip and per enterprise with the right totals', () => {
    expect(text('demand-trip-zh-official')).toContain('需求人数315人，其中就业岗位185人、实习岗位130人')
    expect(text('demand-enterprise-zh-official')).toContain('需求人数195人')
    expect(text('demand-trip-en-standard')).toContain('185jobsand130internships')
    // Every talent-demand report ends with its signature and date.
    expect(text('demand-trip-zh-official')).toContain('南充影视工业职业学院调研组')
  })

  it('files the enterprise with its contacts, history, agreements and demand', () => {
    const file = text('file-zh-official')
    for (const fact of ['汇润集团（苏州）合作档案', '曾辉', '集团董事长', '2023年', '智能装备运维实训中心共建', '5,000,000', '工业机器人运维工程师60人']) expect(file).toContain(fact)
  })

  it('writes an export through a temporary file and records it in the history', async () => {
    const out = join(temp.dir, 'exports')
    mkdirSync(out, { recursive: true })
    const record = await temp.core.reports.exportTo({ kind: 'news-brief', tripId: ids.zh.tripId, style: 'official', language: 'zh' }, join(out, '皖苏调研-新闻稿.docx'))
    expect(record).toMatchObject({ kind: 'news-brief', fileName: '皖苏调研-新闻稿.docx' })
    expect(readdirSync(out)).toEqual(['皖苏调研-新闻稿.docx'])
    expect(temp.core.reports.history()[0]).toMatchObject({ id: record.id, bytes: record.bytes })
    await expect(temp.core.reports.exportTo({ kind: 'news-brief', tripId: ids.zh.tripId, style: 'official', language: 'zh' }, join(out, 'missing-folder', 'x.docx'))).rejects.toMatchObject({ code: 'EXPORT_FAILED' })
    expect(existsSync(join(out, 'missing-folder'))).toBe(false)
  })
})
