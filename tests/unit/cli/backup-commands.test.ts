import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { tempDir } from '../../helpers/temp'
import { dumpFile, fixture, folderHashes } from '../backup/helpers'

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('backup, restore and stats on the command line', () => {
  let dir: ReturnType<typeof tempDir>
  let files: ReturnType<typeof tempDir>
  beforeEach(() => {
    dir = tempDir()
    files = tempDir()
  })
  afterEach(() => {
    dir.cleanup()
    files.cleanup()
  })

  it('backs up, restores (keeping a safety copy) and refuses a damaged file, as the README shows', async () => {
    const { trip } = JSON.parse((await cli(['sample', '--data-dir', dir.path, '--json'])).out) as { trip: { tripId: string } }
    const out = join(files.path, 'fieldbook.fbbackup')
    // The real entry point, in its own process, as a user runs it.
    const run = spawnSync('npm', ['run', '-s', 'cli', '--', 'backup', '--data-dir', dir.path, '--out', out, '--json'], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    const { backup } = JSON.parse(run.stdout) as { backup: { filePath: string; bytes: number; attachments: number } }
    expect(backup).toMatchObject({ filePath: out, attachments: 0 })
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK')
    expect(readFileSync(out).length).toBe(backup.bytes)
    const before = dumpFile(join(dir.path, 'fieldbook.db'))

    expect((await cli(['trip-create', '--data-dir', dir.path, '--title', '备份之后', '--start', '2025-06-01', '--end', '2025-06-02'])).code).toBe(0)

    const restored = await cli(['restore', out, '--data-dir', dir.path])
    expect(restored.code, restored.err).toBe(0)
    expect(restored.out).toContain('Restored fieldbook.fbbackup')
    expect(restored.out).toMatch(/1 trips, 2 enterprises, \d+ records, 0 attachments/)
    const safety = /kept in (.+\.fbbackup)/.exec(restored.out)![1]!
    expect(existsSync(safety)).toBe(true)
    expect(dumpFile(join(dir.path, 'fieldbook.db'))).toEqual(before)
    const trips = JSON.parse((await cli(['trips', '--data-dir', dir.path, '--json'])).out) as { trips: { id: string }[] }
    expect(trips.trips.map((t) => t.id)).toEqual([trip.tripId])

    // A photo renamed .fbbackup, and a truncated backup: refused with their codes, the data unchanged.
    const png = join(files.path, 'photo.fbbackup')
    writeFileSync(png, fixture('screenshot.png'))
    const cut = join(files.path, 'cut.fbbackup')
    writeFileSync(cut, readFileSync(out).subarray(0, 5000))
    const hashes = folderHashes(dir.path)
    for (const [file, reason] of [
      [png, 'notZip'],
      [cut, 'truncated'],
    ] as const) {
      const refused = await cli(['restore', file, '--data-dir', dir.path, '--json'])
      expect(refused.code).toBe(1)
      expect(JSON.parse(refused.err)).toMatchObject({ error: { code: 'BACKUP_INVALID', details: { reason } } })
    }
    const text = await cli(['restore', png, '--data-dir', dir.path])
    expect(text.err).toMatch(/^Error \[BACKUP_INVALID\]: The file is not a zip archive/)
    expect(folderHashes(dir.path)).toEqual(hashes)

    expect((await cli(['restore', '--data-dir', dir.path])).err).toContain('Name one backup file')
    expect((await cli(['backup', '--data-dir', dir.path])).err).toContain('--out')
  })

  it('restores into a folder whose database is damaged, moving the damaged files aside', async () => {
    await cli(['sample', '--data-dir', dir.path])
    const out = join(files.path, 'good.fbbackup')
    expect((await cli(['backup', '--data-dir', dir.path, '--out', out])).code).toBe(0)
    const good = dumpFile(join(dir.path, 'fieldbook.db'))
    writeFileSync(join(dir.path, 'fieldbook.db'), 'this is not a database any more')
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir.path, `fieldbook.db${suffix}`), { force: true })
    expect((await cli(['trips', '--data-dir', dir.path])).err).toContain('DB_OPEN_FAILED')

    const restored = await cli(['restore', out, '--data-dir', dir.path, '--json'])
    expect(restored.code, restored.err).toBe(0)
    const result = JSON.parse(restored.out) as { restored: { trips: number; fileName: string }; safetyCopyPath: string }
    expect(result.restored).toMatchObject({ trips: 1, fileName: 'good.fbbackup' })
    expect(readFileSync(join(result.safetyCopyPath, 'fieldbook.db'), 'utf8')).toBe('this is not a database any more')
    expect(dumpFile(join(dir.path, 'fieldbook.db'))).toEqual(good)
    expect((await cli(['trips', '--data-dir', dir.path])).code).toBe(0)
  })

  it('prints a trip’s dashboard figures as JSON and as lines', async () => {
    await cli(['sample', '--data-dir', dir.path])
    const json = await cli(['stats', '--data-dir', dir.path, '--trip', '皖苏', '--json'])
    expect(json.code, json.err).toBe(0)
    const { trip, dashboard } = JSON.parse(json.out)
    expect(trip.title).toBe('皖苏两省访企拓岗调研')
    // The reference trip's figures: 2 enterprises visited, 2 talent-demand surveys.
    expect(dashboard).toMatchObject({ enterprisesVisited: 2, surveys: { total: 2 } })
    // The same figures the core computes for the overview tab.
    const db = new Database(join(dir.path, 'fieldbook.db'), { readonly: true })
    const agreements = (db.prepare('SELECT count(*) AS n FROM agreements WHERE trip_id = ? AND deleted = 0').get(trip.id) as { n: number }).n
    db.close()
    expect(dashboard.agreements.total).toBe(agreements)

    const text = await cli(['stats', '--data-dir', dir.path, '--trip', trip.id])
    expect(text.out).toContain('Trip                 皖苏两省访企拓岗调研')
    expect(text.out).toMatch(/Enterprises visited\s+2/)
    expect(text.out).toMatch(new RegExp(`Positions\\s+${dashboard.positions.total} \\(`))
    expect((await cli(['stats', '--data-dir', dir.path, '--trip', '没有这个行程'])).err).toContain('Error [NOT_FOUND]')
  })
})
