import { existsSync } from 'node:fs'
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

/** A command called wrongly exits 2 with the reason and its usage line; nothing goes to stdout. */
describe('command line usage errors', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => (dir = tempDir()))
  afterEach(() => dir.cleanup())

  const cases: [string, (d: string) => string[], string, string][] = [
    ['restore without a file', (d) => ['restore', '--data-dir', d], 'Name one backup file', 'Usage: npm run cli -- restore FILE.fbbackup'],
    ['backup without --out', (d) => ['backup', '--data-dir', d], 'Say where to write the backup', 'Usage: npm run cli -- backup --out'],
    ['export-trip without --out', (d) => ['export-trip', '--data-dir', d, '--trip', '皖苏'], 'Say where to write the file with --out', 'Usage: npm run cli -- export-trip --trip TRIP --out FILE.fbtrip'],
    ['export-trip without --trip', (d) => ['export-trip', '--data-dir', d, '--out', join(d, 'x.fbtrip')], 'Name the trip with --trip', 'Usage: npm run cli -- export-trip'],
    ['stats without --trip', (d) => ['stats', '--data-dir', d], 'Name the trip with --trip', 'Usage: npm run cli -- stats --trip TRIP'],
    ['import with two files', (d) => ['import', 'a.csv', 'b.csv', '--data-dir', d], 'Name one file to import', 'Usage: npm run cli -- import FILE'],
    ['import without a file', (d) => ['import', '--data-dir', d], 'Name one file to import', 'Usage: npm run cli -- import FILE'],
    ['import --duplicates bogus', (d) => ['import', join(d, 'missing.csv'), '--duplicates', 'bogus', '--data-dir', d], '--duplicates must be merge, overwrite or skip', 'Usage: npm run cli -- import FILE'],
    ['export-report without --kind', (d) => ['export-report', '--data-dir', d, '--trip', '皖苏', '--out', join(d, 'r.docx')], 'Choose the document with --kind', 'Usage: npm run cli -- export-report --kind KIND'],
    ['export-report with an unknown --kind', (d) => ['export-report', '--data-dir', d, '--kind', 'memo', '--trip', '皖苏', '--out', join(d, 'r.docx')], 'Choose the document with --kind research-report', 'Usage: npm run cli -- export-report'],
    ['export-report with a bad --style', (d) => ['export-report', '--data-dir', d, '--kind', 'news-brief', '--style', 'fancy', '--trip', '皖苏', '--out', join(d, 'r.docx')], '--style must be official or standard', 'Usage: npm run cli -- export-report'],
    ['export-report without --out', (d) => ['export-report', '--data-dir', d, '--kind', 'news-brief', '--trip', '皖苏'], 'Say where to write the document with --out', 'Usage: npm run cli -- export-report'],
    ['sync without --server on a folder that never joined', (d) => ['sync', '--data-dir', d], 'has not joined a team', 'Usage: npm run cli -- sync --server URL'],
    ['generate with a bad --size', (d) => ['generate', '--data-dir', d, '--size', 'XL'], 'Choose the size with --size S, M or L', 'Usage: npm run cli -- generate --size S|M|L'],
    ['generate with a bad --seed', (d) => ['generate', '--data-dir', d, '--size', 'S', '--seed', '3.5'], 'The seed must be a whole number', 'Usage: npm run cli -- generate'],
  ]

  it.each(cases)('%s: exit 2, the reason and the usage line', async (_name, args, message, usageLine) => {
    const result = await cli(args(dir.path))
    expect(result.code).toBe(2)
    expect(result.out).toBe('')
    expect(result.err).toContain(message)
    expect(result.err).toContain(usageLine)
    expect(result.err).not.toContain('Error [')
  })

  it.each(cases)('%s --json: {"error":{"code":"USAGE","message":…}} on stderr', async (_name, args, message) => {
    const result = await cli([...args(dir.path), '--json'])
    expect(result.code).toBe(2)
    const parsed = JSON.parse(result.err) as { error: { code: string; message: string } }
    expect(parsed).toEqual({ error: { code: 'USAGE', message: expect.stringContaining(message) } })
  })

  it('still exits 1 for data problems: a trip that does not exist, an ambiguous name', async () => {
    expect((await cli(['sample', '--data-dir', dir.path])).code).toBe(0)
    const stats = await cli(['stats', '--data-dir', dir.path, '--trip', '不存在的行程'])
    expect(stats).toMatchObject({ code: 1, err: expect.stringContaining('Error [NOT_FOUND]: No trip matches "不存在的行程"') })
    expect(stats.err).not.toContain('Usage:')
    const exported = await cli(['export-trip', '--data-dir', dir.path, '--trip', '不存在的行程', '--out', join(dir.path, 'x.fbtrip'), '--json'])
    expect(exported.code).toBe(1)
    expect(JSON.parse(exported.err)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(existsSync(join(dir.path, 'x.fbtrip'))).toBe(false)
    const report = await cli(['export-report', '--data-dir', dir.path, '--kind', 'news-brief', '--trip', '不存在的行程', '--out', join(dir.path, 'r.docx')])
    expect(report).toMatchObject({ code: 1, err: expect.stringContaining('NOT_FOUND') })
    // The sample's data folder is not empty: generating into it is refused as a data problem.
    const generate = await cli(['generate', '--data-dir', dir.path, '--size', 'S'])
    expect(generate).toMatchObject({ code: 1, err: expect.stringContaining('already holds records') })
  })

  it('gives the usage line for unknown options too, and none for unknown commands', async () => {
    const option = await cli(['stats', '--bogus', '--data-dir', dir.path])
    expect(option.code).toBe(2)
    expect(option.err).toContain('--bogus')
    expect(option.err).toContain('Usage: npm run cli -- stats --trip TRIP')
    const command = await cli(['explode', '--json'])
    expect(command.code).toBe(2)
    expect(JSON.parse(command.err)).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('Unknown command "explode"') } })
  })
})
