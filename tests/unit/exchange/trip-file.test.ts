import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../../electron/core/core'
import { BlobStore, sha256 } from '../../../electron/core/attachments/blob-store'
import { SYNCED_TABLES } from '../../../electron/core/store/tables'
import { TRIP_JSON_ENTRY } from '../../../shared/exchange/format'
import { dispatchOk } from '../../helpers/core'
import { changeLogSize, exchangeOf, rowCounts, tableRows, useCores } from './helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))

describe('trip exchange file', () => {
  const open = useCores()

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
    const file = join(core.dataDir, 'trip.fbtrip')
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

  describe('merges by per-field clocks, as sync does', () => {
    /** The file's trip.json, changed by `change`, written back as another file next to it. */
    type JsonRecord = { id: string; clocks?: Record<string, string>; [field: string]: unknown }
    type TripJson = { trip: JsonRecord; notes: JsonRecord[]; [section: string]: unknown }
    function rewritten(file: string, change: (json: TripJson) => void): string {
      const entries = unzipSync(readFileSync(file))
      const json = JSON.parse(strFromU8(entries[TRIP_JSON_ENTRY]!)) as TripJson
      change(json)
      const path = file.replace(/\.fbtrip$/, `-${Math.random().toString(36).slice(2)}.fbtrip`)
      writeFileSync(path, zipSync({ ...entries, [TRIP_JSON_ENTRY]: strToU8(JSON.stringify(json)) }))
      return path
    }
    const later = () => new Promise((resolve) => setTimeout(resolve, 5))

    it('exports the clock of every field of every record', async () => {
      const { core, file, tripId } = await source()
      const json = JSON.parse(strFromU8(unzipSync(readFileSync(file))[TRIP_JSON_ENTRY]!))
      const visit = json.visits[0]
      const stored = core.store.clocksOf('visits', visit.id)
      expect(visit.clocks).toMatchObject({ title: stored['title'], enterpriseId: stored['enterprise_id'], deleted: stored['deleted'] })
      expect(json.trip.clocks.startDate).toBe(core.store.clocksOf('trips', tripId)['start_date'])
      expect(json.attachments[0].clocks.hash).toMatch(/^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/)
    })

    it('re-importing an older file keeps newer edits here and leaves records deleted here deleted', async () => {
      const { core, file, tripId } = await source()
      const visit = core.records.visit.list({ tripId })[0]!
      const stop = core.records.visitStop.list({ visitId: visit.id })[0]!
      const note = core.records.note.list({ tripId })[0]!
      core.records.visit.update(visit.id, { title: '改过的参观标题' })
      core.records.trip.update(tripId, { purpose: '导出后修改的目的' })
      core.records.visitStop.delete(stop.id)
      core.records.note.delete(note.id)
      const log = changeLogSize(core)
      const rows = tableRows(core, 'visits')

      const preview = await exchangeOf(core).importTripFrom(file, true)
      const report = await exchangeOf(core).importTripFrom(file)
      for (const r of [preview, report]) {
        expect(Object.values(r.sections).every((s) => s.created === 0 && s.updated === 0), JSON.stringify(r.sections)).toBe(true)
      }
      expect(report.changesWritten).toBe(0)
      expect(changeLogSize(core)).toBe(log)
      expect(core.records.visit.get(visit.id)['title']).toBe('改过的参观标题')
      expect(core.records.trip.get(tripId)['purpose']).toBe('导出后修改的目的')
      expect(core.records.visitStop.get(stop.id).deleted).toBe(true)
      expect(core.records.note.get(note.id).deleted).toBe(true)
      expect(tableRows(core, 'visits')).toEqual(rows)
    })

    it('a later file brings its newer edits and deletions; our newer edits of other fields stay', async () => {
      const { core, file, tripId } = await source()
      const target = open()
      await exchangeOf(target).importTripFrom(file)
      const visit = core.records.visit.list({ tripId })[0]!
      const note = core.records.note.list({ tripId })[0]!
      // Here, after the first import: a newer summary of the visit.
      target.records.visit.update(visit.id, { summary: '我们这边的纪要' })
      await later()
      // There, later still: a new title, a deleted note.
      core.records.visit.update(visit.id, { title: '源头改过的标题' })
      core.records.note.delete(note.id)
      const again = join(core.dataDir, 'again.fbtrip')
      await exchangeOf(core).exportTripTo(tripId, again)
      // The trash does not travel in an exported file; a file that carries the deletion (newer than ours) applies it.
      const deletedClock = core.store.clocksOf('notes', note.id)['deleted']!
      const withDeletion = rewritten(again, (json) => {
        const exported: JsonRecord = json.notes.find((n) => n.id === note.id) ?? { ...target.records.note.get(note.id), clocks: {} }
        json.notes = [...json.notes.filter((n) => n.id !== note.id), { ...exported, deleted: true, clocks: { ...exported.clocks, deleted: deletedClock } }]
      })

      const preview = await exchangeOf(target).importTripFrom(withDeletion, true)
      const log = changeLogSize(target)
      const report = await exchangeOf(target).importTripFrom(withDeletion)
      expect(report.sections).toEqual(preview.sections)
      expect(report.sections['visits']).toMatchObject({ created: 0, updated: 1 })
      expect(report.sections['notes']).toMatchObject({ created: 0, updated: 1 })
      const merged = target.records.visit.get(visit.id)
      expect(merged['title']).toBe('源头改过的标题')
      expect(merged['summary']).toBe('我们这边的纪要')
      expect(target.records.note.get(note.id).deleted).toBe(true)
      // Written as local changes, so they sync on to the team.
      const outbox = target.store.db.prepare("SELECT cells FROM change_log WHERE outbox = 1 AND row_id = ? AND hlc > ''").all(visit.id) as { cells: string }[]
      expect(outbox.map((r) => JSON.parse(r.cells))).toContainEqual({ title: '源头改过的标题' })
      expect(changeLogSize(target)).toBe(log + 2)
    })

    it('a file without clocks (written before they existed) still imports, its values winning where they differ', async () => {
      const { core, file, tripId } = await source()
      const visit = core.records.visit.list({ tripId })[0]!
      const original = visit['title']
      core.records.visit.update(visit.id, { title: '导出后改的' })
      const legacy = rewritten(file, (json) => {
        delete json.trip.clocks
        for (const value of Object.values(json)) if (Array.isArray(value)) for (const record of value) delete record.clocks
      })
      const report = await exchangeOf(core).importTripFrom(legacy)
      expect(report.sections['visits']).toMatchObject({ updated: 1 })
      expect(core.records.visit.get(visit.id)['title']).toBe(original)
    })

    it('an enterprise here under another id takes the newer edits of the file and keeps ours', async () => {
      const { core, tripId } = await source()
      const target = open()
      const local = target.records.enterprise.create({ name: '汇润集团(苏州)有限公司', region: '江苏苏州', website: 'https://ours.example' })
      await later()
      const theirs = core.records.enterprise.list().find((e) => String(e['name']).includes('汇润'))!
      core.records.enterprise.update(theirs.id, { region: '苏州工业园区', website: 'https://theirs.example' })
      const file = join(core.dataDir, 'later.fbtrip')
      await exchangeOf(core).exportTripTo(tripId, file)
      // Ours, edited after theirs: stays.
      target.records.enterprise.update(local.id, { website: 'https://ours-newer.example' })
      const report = await exchangeOf(target).importTripFrom(file)
      expect(report.enterprisesMatched).toEqual([expect.objectContaining({ localId: local.id })])
      expect(target.records.enterprise.get(local.id)).toMatchObject({ region: '苏州工业园区', website: 'https://ours-newer.example' })
      const log = changeLogSize(target)
      expect((await exchangeOf(target).importTripFrom(file)).changesWritten).toBe(0)
      expect(changeLogSize(target)).toBe(log)
    })
  })

  describe('refuses bad files with a clear code and leaves the data unchanged', () => {
    async function refused(bytes: Uint8Array) {
      const target = open()
      target.records.trip.create({ title: '已有行程', startDate: '2025-01-01', endDate: '2025-01-02' })
      const before = changeLogSize(target)
      const path = join(target.dataDir, 'bad.fbtrip')
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
