import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../electron/core/core'
import { BlobStore, sha256 } from '../../../electron/core/attachments/blob-store'
import { SYNCED_TABLES } from '../../../electron/core/store/tables'
import { TRIP_JSON_ENTRY } from '../../../shared/exchange/format'
import { dispatchOk } from '../../helpers/core'
import { tempDir } from '../../helpers/temp'
import { changeLogSize, exchangeOf, rowCounts, tableRows } from './helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))

describe('trip exchange file', () => {
  let dirs: ReturnType<typeof tempDir>[]
  let cores: Core[]
  const open = () => {
    const dir = tempDir()
    dirs.push(dir)
    const core = openCore({ dataDir: dir.path })
    cores.push(core)
    return core
  }
  beforeEach(() => {
    dirs = []
    cores = []
  })
  afterEach(() => {
    cores.forEach((c) => c.close())
    dirs.forEach((d) => d.cleanup())
  })

  /** The sample trip, a photo on its visit, and records in the trash that must not travel. */
  async function source(): Promise<{ core: Core; tripId: string; file: string; trashedVisit: string }> {
    const core = open()
    const { tripId } = await dispatchOk<{ tripId: string }>(core, 'app.loadSample', { language: 'zh' })
    const visit = core.records.visit.list({ tripId })[0]!
    await dispatchOk(core, 'attachment.add', { ownerKind: 'visit', ownerId: visit.id, fileName: '灌装线.jpg', dataBase64: PHOTO.toString('base64'), caption: '灌装生产线' })
    const enterprise = core.records.enterprise.list()[0]!
    const trashed = core.records.visit.create({ tripId, enterpriseId: enterprise.id, date: '2025-05-17', title: '已删除的参观' })
    core.records.visitStop.create({ visitId: trashed.id, place: '不应导出' })
    core.records.visit.delete(trashed.id)
    // An enterprise nobody on this trip touched stays out of the file.
    core.records.enterprise.create({ name: '无关企业有限公司' })
    const file = join(dirs[0]!.path, 'trip.fbtrip')
    await exchangeOf(core).exportTripTo(tripId, file)
    return { core, tripId, file, trashedVisit: trashed.id }
  }

  it('round-trips a trip into an empty data folder: equal rows, attachments byte for byte, nothing in the trash', async () => {
    const { core, file, trashedVisit } = await source()
    const target = open()
    const report = await exchangeOf(target).importTripFrom(file)
    expect(report.title).toBe('皖苏两省访企拓岗调研')
    expect(report.enterprisesMatched).toEqual([])

    for (const table of Object.keys(SYNCED_TABLES) as (keyof typeof SYNCED_TABLES)[]) {
      // Live rows only; the unrelated enterprise and the stop of the trashed visit stay behind.
      const expected = tableRows(core, table, 'WHERE deleted = 0').filter((row) => row['name'] !== '无关企业有限公司' && row['visit_id'] !== trashedVisit)
      expect(tableRows(target, table), table).toEqual(expected)
    }
    expect(target.records.visit.find(trashedVisit)).toBeUndefined()
    const attachment = tableRows(target, 'attachments')[0]!
    expect(attachment).toMatchObject({ caption: '灌装生产线', file_name: '灌装线.jpg', size: PHOTO.length })
    expect(Buffer.compare(await new BlobStore(target.dataDir).get(attachment['hash'] as string), PHOTO)).toBe(0)
    expect(report.attachmentsStored).toBe(1)
  })

  it('imports the same file twice without creating or writing anything the second time', async () => {
    const { file } = await source()
    const target = open()
    const service = exchangeOf(target)
    const first = await service.importTripFrom(file)
    expect(first.changesWritten).toBeGreaterThan(100)
    const counts = rowCounts(target)
    const log = changeLogSize(target)
    const second = await service.importTripFrom(file)
    expect(second.changesWritten).toBe(0)
    expect(second.attachmentsStored).toBe(0)
    expect(Object.values(second.sections).every((s) => s.created === 0 && s.updated === 0)).toBe(true)
    expect(rowCounts(target)).toEqual(counts)
    expect(changeLogSize(target)).toBe(log)
  })

  it('maps an enterprise already here under another id (same name, other legal suffix) instead of filing it twice', async () => {
    const { file } = await source()
    const target = open()
    const local = target.records.enterprise.create({ name: '汇润集团(苏州)有限公司', industry: '', region: '江苏苏州' })
    const report = await exchangeOf(target).importTripFrom(file)
    expect(report.enterprisesMatched).toEqual([expect.objectContaining({ localId: local.id })])
    const huirun = target.records.enterprise.list().filter((e) => String(e['name']).includes('汇润'))
    expect(huirun).toHaveLength(1)
    // Our region stays; the empty industry is filled from the file; the trip's records point at ours.
    expect(huirun[0]).toMatchObject({ id: local.id, region: '江苏苏州' })
    expect(huirun[0]!['industry']).not.toBe('')
    const tripId = report.tripId
    expect(target.records.symposium.list({ tripId }).some((s) => s['enterpriseId'] === local.id)).toBe(true)
    expect(target.records.survey.list({ tripId }).every((s) => target.records.enterprise.find(s['enterpriseId'] as string))).toBe(true)
    const log = changeLogSize(target)
    expect((await exchangeOf(target).importTripFrom(file)).changesWritten).toBe(0)
    expect(changeLogSize(target)).toBe(log)
  })

  it('a dry run reports without writing', async () => {
    const { file } = await source()
    const target = open()
    const report = await exchangeOf(target).importTripFrom(file, true)
    expect(report.sections['visits']).toEqual({ created: 1, updated: 0, unchanged: 0 })
    expect(changeLogSize(target)).toBe(0)
    expect(rowCounts(target)['trips']).toBe(0)
  })

  describe('refuses bad files with a clear code and leaves the data unchanged', () => {
    async function refused(bytes: Uint8Array) {
      const target = open()
      target.records.trip.create({ title: '已有行程', startDate: '2025-01-01', endDate: '2025-01-02' })
      const before = changeLogSize(target)
      const path = join(dirs.at(-1)!.path, 'bad.fbtrip')
      writeFileSync(path, bytes)
      const error = await exchangeOf(target).importTripFrom(path).catch((e: unknown) => e)
      expect(changeLogSize(target)).toBe(before)
      return error as { code: string; details?: { reason?: string } }
    }

    it('truncated', async () => {
      const { file } = await source()
      const bytes = readFileSync(file)
      expect(await refused(bytes.subarray(0, Math.floor(bytes.length / 2)))).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'damaged' } })
    })

    it('of a newer format version', async () => {
      const { file } = await source()
      const entries = unzipSync(readFileSync(file))
      const json = JSON.parse(strFromU8(entries[TRIP_JSON_ENTRY]!))
      entries[TRIP_JSON_ENTRY] = strToU8(JSON.stringify({ ...json, formatVersion: 2 }))
      const error = await refused(zipSync(entries))
      expect(error).toMatchObject({ code: 'BACKUP_NEWER_VERSION' })
      expect(String((error as unknown as Error).message)).toMatch(/newer Fieldbook/)
    })

    it('not a trip file at all (a PNG, another zip)', async () => {
      const png = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/screenshot.png'))
      expect(await refused(png)).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'notTripFile' } })
      expect(await refused(zipSync({ 'hello.txt': strToU8('hi') }))).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'notTripFile' } })
    })

    it('with an invalid record, a dangling reference or an attachment that does not match its hash', async () => {
      const { file } = await source()
      const entries = unzipSync(readFileSync(file))
      const json = JSON.parse(strFromU8(entries[TRIP_JSON_ENTRY]!))
      const tamper = (change: (j: typeof json) => void, extra: Record<string, Uint8Array> = {}) => {
        const copy = structuredClone(json)
        change(copy)
        return zipSync({ ...entries, ...extra, [TRIP_JSON_ENTRY]: strToU8(JSON.stringify(copy)) })
      }
      expect(await refused(tamper((j) => (j.trip.endDate = '2025-05-01')))).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'invalidContent' } })
      expect(await refused(tamper((j) => (j.visits[0].date = '2025-02-30')))).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'invalidContent' } })
      expect(await refused(tamper((j) => (j.visitStops[0].visitId = '0196f000-0000-7000-8000-000000000000')))).toMatchObject({
        code: 'IMPORT_INVALID',
        details: { reason: 'invalidContent', fieldErrors: [{ path: 'visitStops.0.visitId', key: 'notFound' }] },
      })
      const hash = json.attachments[0].hash as string
      expect(await refused(tamper(() => {}, { [`attachments/${hash}`]: strToU8('not the photo') }))).toMatchObject({ code: 'IMPORT_INVALID', details: { reason: 'damaged' } })
      expect(sha256(PHOTO)).toBe(hash)
    })
  })
})
