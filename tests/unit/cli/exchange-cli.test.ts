import { writeFileSync } from 'node:fs'
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

describe('import and export-trip on the command line', () => {
  let dir: ReturnType<typeof tempDir>
  beforeEach(() => (dir = tempDir()))
  afterEach(() => dir.cleanup())

  it('exports a trip named by part of its title and imports it into another data folder, twice without duplicates', async () => {
    const source = join(dir.path, 'a')
    const target = join(dir.path, 'b')
    expect((await cli(['sample', '--data-dir', source])).code).toBe(0)
    const file = join(dir.path, '皖苏.fbtrip')
    const exported = await cli(['export-trip', '--data-dir', source, '--trip', '皖苏', '--out', file, '--json'])
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.out)).toMatchObject({ export: { filePath: file, missingAttachments: 0 } })
    expect((await cli(['export-trip', '--data-dir', source, '--trip', '皖苏', '--out', file])).out).toMatch(/^Wrote .*皖苏\.fbtrip \(\d+ KB\)$/)

    const first = await cli(['import', file, '--data-dir', target, '--json'])
    expect(first.code).toBe(0)
    const { kind, trip } = JSON.parse(first.out)
    expect(kind).toBe('trip')
    expect(trip).toMatchObject({ title: '皖苏两省访企拓岗调研', sections: { enterprises: { created: 2 } } })
    const again = await cli(['import', file, '--data-dir', target])
    expect(again.out).toContain('Nothing new')
    const trips = JSON.parse((await cli(['trips', '--data-dir', target, '--json'])).out).trips
    expect(trips).toHaveLength(1)
  })

  it('imports an enterprise CSV with the suggested columns, reporting refused rows', async () => {
    const csv = join(dir.path, 'list.csv')
    writeFileSync(csv, '\ufeff企业名称,统一社会信用代码,地区\n汇润集团（苏州）有限公司,,江苏苏州\n坏代码,123,安徽\n汇润集团(苏州),,\n')
    const dry = await cli(['import', csv, '--data-dir', dir.path, '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('1 to create, 1 merged into existing, 0 skipped, 1 refused')
    expect(dry.out).toContain('row 3 refused: creditCode: not a valid unified social credit code')
    expect(dry.out).toContain('row 4 "汇润集团(苏州)" is row 2 "汇润集团（苏州）有限公司" (same name): merge')
    const done = JSON.parse((await cli(['import', csv, '--data-dir', dir.path, '--json'])).out)
    expect(done).toMatchObject({ kind: 'enterprises', encoding: 'utf-8-bom', enterprises: { created: 1, refused: 1, dryRun: false } })
  })

  it('fails clearly on bad files and usage, with --help for each command', async () => {
    const png = join(dir.path, 'photo.xlsx')
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))
    const bad = await cli(['import', png, '--data-dir', dir.path, '--json'])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.err)).toMatchObject({ error: { code: 'IMPORT_INVALID' } })
    expect((await cli(['import', '--data-dir', dir.path])).err).toContain('Name one file')
    expect((await cli(['import', join(dir.path, 'missing.csv'), '--data-dir', dir.path])).err).toContain('FILE_NOT_FOUND')
    expect((await cli(['export-trip', '--data-dir', dir.path, '--trip', 'nothing', '--out', join(dir.path, 'x.fbtrip')])).err).toContain('NOT_FOUND')
    // A backup is a zip too: it is named for what it is, and `restore` is suggested.
    const backup = join(dir.path, 'all.fbbackup')
    expect((await cli(['backup', '--data-dir', dir.path, '--out', backup])).code).toBe(0)
    const wrongCommand = await cli(['import', backup, '--data-dir', dir.path])
    expect(wrongCommand.code).toBe(1)
    expect(wrongCommand.err).toContain('all.fbbackup is a Fieldbook backup')
    expect(wrongCommand.err).toContain('restore')
    expect(wrongCommand.err).not.toContain('worksheet')
    expect((await cli(['import', '--help'])).out).toMatch(/--dry-run/)
    expect((await cli(['export-trip', '--help'])).out).toMatch(/--out VALUE/)
  })
})
