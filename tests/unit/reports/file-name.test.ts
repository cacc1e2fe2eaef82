import { describe, expect, it } from 'vitest'
import { documentTitle } from '../../../electron/core/reports/build'
import { safeFileName } from '../../../electron/core/reports/file-name'

const bytes = (name: string) => Buffer.byteLength(name)

describe('safeFileName', () => {
  it('keeps a short Chinese title as it is, without reserved characters', () => {
    expect(safeFileName('皖苏两省访企拓岗调研：新闻稿')).toBe('皖苏两省访企拓岗调研：新闻稿')
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j')
    expect(safeFileName('  \n ')).toBe('Fieldbook')
  })

  it('shortens a 200-character Chinese title to a name file systems accept, keeping what the document is', () => {
    const title = documentTitle('news-brief', '皖苏两省访企拓岗促就业专项调研'.repeat(14).slice(0, 200), 'zh')
    const name = safeFileName(title)
    expect(bytes(`${name}.docx`)).toBeLessThanOrEqual(255)
    expect(name.startsWith('皖苏两省访企拓岗促就业专项调研')).toBe(true)
    expect(name.endsWith(title.slice(-8))).toBe(true)
    expect(name).toContain('…')
    // Whole characters only: no broken UTF-8 at the cut.
    expect(Buffer.from(name).toString('utf8')).toBe(name)
  })

  it('shortens a long English title the same way', () => {
    const title = documentTitle('research-report', 'Anhui and Jiangsu enterprise visits '.repeat(8), 'en')
    const name = safeFileName(title)
    expect(bytes(`${name}.docx`)).toBeLessThanOrEqual(255)
    expect(name.endsWith(title.trim().slice(-10))).toBe(true)
  })
})
