import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { tempDir } from '../../helpers/temp'

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('npm run cli -- check-layout FILE.docx', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => (dir = tempDir()))
  afterEach(() => dir.cleanup())

  it('prints the GB/T 9704 figures of an exported research report, measured from the PDF', async () => {
    const sample = await cli(['sample', '--data-dir', dir.path, '--json'])
    expect(sample.code).toBe(0)
    const file = join(dir.path, '调研报告.docx')
    expect((await cli(['export-report', '--data-dir', dir.path, '--kind', 'research-report', '--trip', '皖苏', '--out', file])).code).toBe(0)
    const checked = await cli(['check-layout', file, '--data-dir', dir.path, '--json'])
    expect(checked.code).toBe(0)
    const { layout } = JSON.parse(checked.out)
    expect(layout.pageSizeMm).toEqual({ width: 210, height: 297 })
    expect(layout.marginsMm.left).toBeCloseTo(28, 0)
    expect(layout.linesPerPage).toBe(22)
    for (const gap of layout.pageNumberGapMm) expect(Math.abs(gap - 7)).toBeLessThanOrEqual(1)
    const text = await cli(['check-layout', file, '--data-dir', dir.path])
    expect(text.out).toMatch(/Page number gap\s+7(\.\d)?, /)
    expect(text.out).toMatch(/Table captions\s+表1 p\.\d+, 表2/)
  }, 120_000)

  it('says so when the file is missing or not given', async () => {
    const missing = await cli(['check-layout', join(dir.path, 'none.docx'), '--data-dir', dir.path, '--json'])
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.err)).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } })
    const usage = await cli(['check-layout', '--data-dir', dir.path])
    expect(usage.code).toBe(2)
  }, 120_000)
})
