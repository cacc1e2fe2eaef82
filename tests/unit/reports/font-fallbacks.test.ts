import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { Blocks } from '../../../electron/core/reports/blocks'
import { packDocument } from '../../../electron/core/reports/research-report'
import { OFFICIAL_STYLE, STANDARD_STYLE } from '../../../electron/core/reports/style'

describe('font fallbacks', () => {
  it('name a common font for each official font a machine may lack', async () => {
    const docx = await packDocument([new Blocks(OFFICIAL_STYLE).body('正文')], OFFICIAL_STYLE, 'fonts')
    const table = strFromU8(unzipSync(docx)['word/fontTable.xml']!)
    expect(table).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>')
    expect(table).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>')
    expect(table).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>')
  })

  it('leave a document without official fonts as it is', async () => {
    const docx = await packDocument([new Blocks(STANDARD_STYLE).body('body')], STANDARD_STYLE, 'fonts')
    expect(strFromU8(unzipSync(docx)['word/fontTable.xml']!)).not.toContain('altName')
  })
})
