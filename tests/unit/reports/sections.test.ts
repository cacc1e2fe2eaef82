import { strFromU8, unzipSync } from 'fflate'
import { expect, it } from 'vitest'
import { useTempCore } from '../../helpers/core'

const temp = useTempCore({ once: true })

/** The text of a .docx body, without its XML. */
const bodyText = (docx: Buffer) => strFromU8(unzipSync(docx)['word/document.xml']!).replace(/<[^>]+>/g, '')

it('leaves out the research report sections the user did not pick, numbering the rest from 一', async () => {
  const { tripId } = ((await temp.core.dispatch('app.loadSample', { language: 'zh' })) as { value: { tripId: string } }).value
  const all = bodyText((await temp.core.reports.build({ kind: 'research-report', tripId, style: 'official', language: 'zh' })).buffer)
  for (const heading of ['调研基本情况', '主要成果', '人才需求分析', '存在的问题和建议', '下一步工作']) expect(all).toContain(heading)
  const some = bodyText((await temp.core.reports.build({ kind: 'research-report', tripId, style: 'official', language: 'zh', sections: ['results', 'nextSteps'] })).buffer)
  expect(some).toContain('一、主要成果')
  expect(some).toContain('二、下一步工作')
  for (const heading of ['调研基本情况', '人才需求分析', '存在的问题和建议']) expect(some).not.toContain(heading)
  expect(await temp.core.dispatch('report.export', { kind: 'research-report', tripId, style: 'official', language: 'zh', sections: [] })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  })
})
