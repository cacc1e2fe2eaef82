import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { openCore, type Core } from '../../../electron/core/core'
import { BlobStore } from '../../../electron/core/attachments/blob-store'
import { RECORD_SPECS, type RecordKind } from '../../../electron/core/domain/registry'
import { generateSample, SAMPLE_SIZES, SAMPLE_TODAY, type GenerateSummary } from '../../../electron/core/sample/generator'
import { openStore } from '../../../electron/core/store/store'
import { SYNCED_TABLE_FIELDS } from '../../../electron/core/store/tables'
import { AttachmentFields } from '../../../shared/schemas/action'
import { Id } from '../../../shared/schemas/common'
import { tempDir } from '../../helpers/temp'

/** Every synced table's rows without the per-field clocks (those carry the wall-clock time of the write). */
function dump(core: Core): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.keys(SYNCED_TABLE_FIELDS).map((table) => {
      const rows = core.store.db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]
      return [table, rows.map(({ clocks: _clocks, ...row }) => row)]
    }),
  )
}

describe('seeded data generator', () => {
  const dirs: ReturnType<typeof tempDir>[] = []
  const cores: Core[] = []
  let first: Core
  let summary: GenerateSummary

  async function generated(seed: number): Promise<{ core: Core; summary: GenerateSummary }> {
    const dir = tempDir('fieldbook-sample-')
    dirs.push(dir)
    const core = openCore({ dataDir: dir.path })
    cores.push(core)
    return { core, summary: await generateSample(core.store, { size: 'S', seed, dataDir: dir.path }) }
  }

  beforeAll(async () => {
    ;({ core: first, summary } = await generated(7))
  })
  afterAll(() => {
    for (const core of cores) core.close()
    for (const dir of dirs) dir.cleanup()
  })

  it('writes the same records and ids for the same seed, and different ones for another seed', async () => {
    const again = await generated(7)
    const other = await generated(8)
    const data = dump(first)
    expect(dump(again.core)).toEqual(data)
    expect(again.summary.counts).toEqual(summary.counts)
    expect(dump(other.core)['enterprises']).not.toEqual(data['enterprises'])
    // Ids look like UUIDv7 and sort by the date the record is about.
    const visits = first.store.db.prepare('SELECT id, date FROM visits ORDER BY id').all() as { id: string; date: string }[]
    for (const visit of visits) expect(Id.safeParse(visit.id).success && visit.id[14]).toBe('7')
    expect(visits.map((v) => v.date)).toEqual([...visits.map((v) => v.date)].sort())
  })

  it('makes the counts of size S a hundredth of L, exactly', () => {
    expect(SAMPLE_SIZES.L).toEqual({ enterprises: 2000, trips: 200, symposiums: 5000, remarks: 100_000, surveys: 5000, positions: 50_000, actions: 20_000, photos: 2000 })
    const count = (table: string) => (first.store.db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE deleted = 0`).get() as { n: number }).n
    expect({
      enterprises: count('enterprises'),
      trips: count('trips'),
      symposiums: count('symposiums'),
      remarks: count('remarks'),
      surveys: count('surveys'),
      positions: count('positions'),
      actions: count('actions'),
      photos: count('attachments'),
    }).toEqual({ enterprises: 20, trips: 2, symposiums: 50, remarks: 1000, surveys: 50, positions: 500, actions: 200, photos: 20 })
    expect(summary.counts['remarks']).toBe(1000)
    expect(summary.changes).toBe(Object.entries(summary.counts).reduce((sum, [table, n]) => sum + n * (Object.keys(SYNCED_TABLE_FIELDS[table as keyof typeof SYNCED_TABLE_FIELDS].shape).length + 1), 0))
  })

  it('writes records that pass their own schemas unchanged, with every parent present', () => {
    for (const [kind, spec] of Object.entries(RECORD_SPECS)) {
      const records = first.records[kind as RecordKind].list()
      if (kind !== 'questionnaire') expect(records.length, kind).toBeGreaterThan(0)
      for (const { id: _id, deleted, ...fields } of records) {
        expect(deleted).toBe(false)
        expect(spec.whole.parse(fields), kind).toEqual(fields)
        for (const [field, table] of Object.entries('parents' in spec ? spec.parents : {})) {
          const parentId = fields[field] as string
          if (parentId) expect(first.store.db.prepare(`SELECT deleted FROM "${table}" WHERE id = ?`).get(parentId), `${kind}.${field}`).toEqual({ deleted: 0 })
        }
      }
    }
  })

  it('stores real, readable photos in the blob store, shared by hash', async () => {
    const rows = first.store.db.prepare('SELECT * FROM attachments').all() as Record<string, unknown>[]
    const blobs = new BlobStore(first.dataDir)
    const hashes = new Set<string>()
    for (const row of rows) {
      const fields = AttachmentFields.parse({
        ownerKind: row['owner_kind'], ownerId: row['owner_id'], hash: row['hash'], size: row['size'], mime: row['mime'],
        fileName: row['file_name'], caption: row['caption'], width: row['width'], height: row['height'],
      })
      expect(first.store.db.prepare('SELECT 1 AS ok FROM visits WHERE id = ?').get(fields.ownerId)).toEqual({ ok: 1 })
      const bytes = await blobs.get(fields.hash)
      expect(bytes.length).toBe(fields.size)
      const metadata = await sharp(bytes).metadata()
      expect([metadata.width, metadata.height, `image/${metadata.format}`]).toEqual([fields.width, fields.height, fields.mime])
      hashes.add(fields.hash)
    }
    expect(hashes.size).toBe(summary.distinctPhotos)
    expect(hashes.size).toBeLessThan(rows.length)
  })

  it('reads like real field notes: Chinese and English, searchable, with overdue follow-ups', async () => {
    const texts = (first.store.db.prepare('SELECT text FROM remarks').pluck().all() as string[]).join('\n')
    expect(texts).toMatch(/[\u4e00-\u9fff]{6}/)
    expect(texts).toMatch(/PLC|MES|CNC/)
    expect(texts).toMatch(/\b(the|we|and)\b/)
    const names = first.store.db.prepare('SELECT name FROM enterprises').pluck().all() as string[]
    expect(names.some((name) => /有限公司$/.test(name))).toBe(true)
    for (const q of ['订单班', 'PLC', '工业机器人']) {
      const result = await first.dispatch('search.query', { q })
      expect(result.ok && (result.value as { total: number }).total, q).toBeGreaterThan(0)
    }
    const overdue = first.store.db
      .prepare("SELECT COUNT(*) FROM actions WHERE status IN ('open', 'in_progress') AND due_date <> '' AND due_date < ?")
      .pluck()
      .get(SAMPLE_TODAY) as number
    expect(overdue).toBeGreaterThan(0)
  })

  it('makes size M a tenth of L', async () => {
    const dir = tempDir('fieldbook-sample-m-')
    dirs.push(dir)
    const store = openStore({ dataDir: dir.path })
    try {
      const m = await generateSample(store, { size: 'M', dataDir: dir.path })
      expect(m.counts).toMatchObject({ enterprises: 200, trips: 20, symposiums: 500, remarks: 10_000, surveys: 500, positions: 5000, actions: 2000, attachments: 200 })
    } finally {
      store.close()
    }
  }, 60_000)
})

describe('generate command', () => {
  async function cli(args: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  it('fills an empty folder, prints counts and time as JSON, and refuses a folder that holds records', async () => {
    const dir = tempDir('fieldbook-generate-')
    try {
      const made = await cli(['generate', '--size', 's', '--seed', '3', '--data-dir', dir.path, '--json'])
      expect(made.code, made.err).toBe(0)
      const { generated } = JSON.parse(made.out)
      expect(generated).toMatchObject({ size: 'S', seed: 3, counts: { enterprises: 20, remarks: 1000 }, dataDir: dir.path })
      expect(generated.ms).toBeGreaterThan(0)
      expect(generated.peakRssMb).toBeGreaterThan(0)

      const again = await cli(['generate', '--size', 'S', '--data-dir', dir.path])
      expect(again.code).toBe(1)
      expect(again.err).toContain('already holds records')
      expect((await cli(['generate', '--size', 'XL', '--data-dir', dir.path])).err).toContain('--size S, M or L')
      expect((await cli(['generate', '--size', 'S', '--seed', '1.5', '--data-dir', dir.path])).err).toContain('whole number')
      const text = await cli(['generate', '--help'])
      expect(text.out).toContain('--seed VALUE')
    } finally {
      dir.cleanup()
    }
  })
})
