import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { openCore } from '../../../electron/core/core'
import { tempDir } from '../../helpers/temp'

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('campaign commands', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(async () => {
    dir = tempDir()
    const core = openCore({ dataDir: dir.path })
    const president = core.records.staff.create({ name: '王校长', position: '校长', level: 'school' })
    const enterprise = core.records.enterprise.create({ name: '苏州汇润机电有限公司' })
    for (const [date, jobs] of [
      ['2025-03-31', 4],
      ['2025-04-01', 6],
    ] as const) {
      const result = await core.dispatch('campaign.quickVisit', { date, enterpriseId: enterprise.id, staffIds: [president.id], jobs })
      expect(result.ok).toBe(true)
    }
    core.close()
  })
  afterEach(() => dir.cleanup())

  it('prints the period’s figures as text or JSON, the last day included', async () => {
    const json = await cli(['campaign', '--data-dir', dir.path, '--from', '2025-03-01', '--to', '2025-03-31', '--json'])
    expect(json.code, json.err).toBe(0)
    const { figures } = JSON.parse(json.out)
    expect(figures.totals).toMatchObject({ visits: 1, enterprisesVisited: 1, positions: { jobs: 4, total: 4 } })
    expect(figures.leaders[0]).toMatchObject({ name: '王校长', visits: 1, quota: 100 })

    const text = await cli(['campaign', '--data-dir', dir.path, '--from', '2025-01-01', '--to', '2025-12-31'])
    expect(text.code).toBe(0)
    expect(text.out).toContain('Enterprise visits   2')
    expect(text.out).toContain('New positions       10 (10 jobs, 0 internships)')
    expect((await cli(['campaign', '--data-dir', dir.path, '--from', 'March'])).code).toBe(2)
  })

  it('writes the ledger workbook and refuses an unknown kind', async () => {
    const out = join(dir.path, 'ledger.xlsx')
    const written = await cli(['export-campaign', '--data-dir', dir.path, '--kind', 'ledger', '--from', '2025-01-01', '--to', '2025-12-31', '--lang', 'en', '--out', out])
    expect(written.code, written.err).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const rows = workbook.worksheets[0]!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 3))
    expect(rows).toEqual([
      ['2025-03-31', '苏州汇润机电有限公司'],
      ['2025-04-01', '苏州汇润机电有限公司'],
    ])
    const bad = await cli(['export-campaign', '--data-dir', dir.path, '--kind', 'monthly', '--out', out])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('ledger, weekly, summary')
  })
})
