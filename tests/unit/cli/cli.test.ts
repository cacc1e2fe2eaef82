import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations'
import { tempDir } from '../../helpers/temp'

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('command line', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => (dir = tempDir()))
  afterEach(() => dir.cleanup())

  it('creates and lists trips in the given data folder, as text or one JSON object', async () => {
    const created = await cli(['trip-create', '--data-dir', dir.path, '--title', '皖苏调研', '--start', '2025-05-16', '--end', '2025-05-19', '--region', '安徽', '--region', '江苏', '--json'])
    expect(created.code).toBe(0)
    const { trip } = JSON.parse(created.out)
    expect(trip).toMatchObject({ title: '皖苏调研', regions: ['安徽', '江苏'], status: 'planned' })

    const listed = await cli(['trips', '--data-dir', dir.path])
    expect(listed.code).toBe(0)
    expect(listed.out).toContain(`${trip.id}  2025-05-16 – 2025-05-19`)
    expect(listed.out).toContain('皖苏调研  [安徽, 江苏]')
  })

  it('reports bad input on stderr with a non-zero exit code and writes nothing', async () => {
    const bad = await cli(['trip-create', '--data-dir', dir.path, '--title', '', '--start', '2025-05-16', '--end', '2025-05-01'])
    expect(bad).toMatchObject({ code: 1, out: '' })
    expect(bad.err).toContain('Error [VALIDATION]')
    expect(bad.err).toContain('endDate: the end date is before the start date')
    const asJson = await cli(['trip-create', '--data-dir', dir.path, '--start', 'soon', '--json'])
    expect(asJson.code).toBe(1)
    expect(JSON.parse(asJson.err)).toMatchObject({ error: { code: 'VALIDATION' } })
    expect(JSON.parse((await cli(['trips', '--data-dir', dir.path, '--json'])).out)).toEqual({ trips: [] })
  })

  it('refuses unknown commands and options with exit code 2, and gives help on every command', async () => {
    expect(await cli(['explode'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command') })
    expect(await cli(['trips', '--bogus'])).toMatchObject({ code: 2, err: expect.stringContaining('--bogus') })
    const help = await cli(['trip-create', '--help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/--title VALUE/)
    expect((await cli(['--help'])).out).toMatch(/trip-create/)
  })

  it('loads the sample and exports its documents, naming the trip by part of its title', async () => {
    const sample = await cli(['sample', '--data-dir', dir.path, '--json'])
    expect(JSON.parse(sample.out)).toMatchObject({ trip: { title: '皖苏两省访企拓岗调研' } })
    const out = join(dir.path, '调研报告.docx')
    const exported = await cli(['export-report', '--data-dir', dir.path, '--kind', 'research-report', '--trip', '皖苏', '--out', out, '--json'])
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.out)).toMatchObject({ export: { kind: 'research-report', filePath: out } })
    // A .docx is a zip: it starts with PK.
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK')
    const missing = await cli(['export-report', '--data-dir', dir.path, '--kind', 'news-brief', '--trip', '不存在的行程', '--out', join(dir.path, 'x.docx')])
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('NOT_FOUND') })
    const noScope = await cli(['export-report', '--data-dir', dir.path, '--kind', 'enterprise-file', '--out', join(dir.path, 'y.docx')])
    expect(noScope).toMatchObject({ code: 1, err: expect.stringContaining('name a trip or an enterprise') })
    expect(existsSync(join(dir.path, 'x.docx')) || existsSync(join(dir.path, 'y.docx'))).toBe(false)
  })

  it('runs as documented: npm run cli -- info --json', () => {
    const run = spawnSync('npm', ['run', '-s', 'cli', '--', 'info', '--data-dir', dir.path, '--json'], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ info: { dataDir: dir.path, schemaVersion: SCHEMA_VERSION } })
  })
})
