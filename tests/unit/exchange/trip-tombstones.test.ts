import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { TRIP_JSON_ENTRY, type Tombstone } from '../../../shared/exchange/format'
import { dispatchOk } from '../../helpers/core'
import { changeLogSize, exchangeOf, useCores } from './helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))

describe('trip files carry deletions', () => {
  const open = useCores()
  const later = () => new Promise((resolve) => setTimeout(resolve, 5))
  const tombstonesOf = (file: string) => (JSON.parse(strFromU8(unzipSync(readFileSync(file))[TRIP_JSON_ENTRY]!)) as { tombstones?: Tombstone[] }).tombstones

  it('an import of a newer file moves what was deleted since to the trash, never brings back or undoes a later restore', async () => {
    const source = open()
    const { tripId } = await dispatchOk<{ tripId: string }>(source, 'app.loadSample', { language: 'zh' })
    const visit = source.records.visit.list({ tripId })[0]!
    const stop = source.records.visitStop.list({ visitId: visit.id })[0]!
    const symposium = source.records.symposium.list({ tripId })[0]!
    const remark = source.records.remark.list({ symposiumId: symposium.id })[0]!
    const note = source.records.note.list({ tripId })[0]!
    const { attachment } = await dispatchOk<{ attachment: { id: string } }>(source, 'attachment.add', {
      ownerKind: 'visit',
      ownerId: visit.id,
      fileName: '灌装线.jpg',
      dataBase64: PHOTO.toString('base64'),
    })
    const first = join(source.dataDir, 'first.fbtrip')
    await exchangeOf(source).exportTripTo(tripId, first)
    expect(tombstonesOf(first)).toEqual([])

    // A colleague has the trip from the first file.
    const target = open()
    await exchangeOf(target).importTripFrom(first)
    expect(target.records.remark.get(remark.id).deleted).toBe(false)

    // Later, at the source: a stop, a remark, a note and the photo go to the trash.
    await later()
    source.records.visitStop.delete(stop.id)
    source.records.remark.delete(remark.id)
    source.records.note.delete(note.id)
    await dispatchOk(source, 'attachment.delete', { id: attachment.id })
    // Something made and deleted there that the colleague never had.
    const gone = source.records.note.create({ tripId, enterpriseId: '', kind: 'note', text: '临时记录', date: '2025-05-17' })
    source.records.note.delete(gone.id)
    const second = join(source.dataDir, 'second.fbtrip')
    await exchangeOf(source).exportTripTo(tripId, second)
    const tombstones = tombstonesOf(second)!
    expect(tombstones.map((t) => `${t.section}/${t.id}`).sort()).toEqual(
      [`visitStops/${stop.id}`, `remarks/${remark.id}`, `notes/${note.id}`, `notes/${gone.id}`, `attachments/${attachment.id}`].sort(),
    )
    expect(tombstones.find((t) => t.id === remark.id)!.clock).toBe(source.store.clocksOf('remarks', remark.id)['deleted'])

    // The deletions are newer than anything the colleague did to those records: they win.
    const preview = await exchangeOf(target).importTripFrom(second, true)
    const report = await exchangeOf(target).importTripFrom(second)
    expect(report.sections).toEqual(preview.sections)
    expect(report.sections['remarks']).toMatchObject({ updated: 1 })
    for (const [kind, id] of [
      ['visitStop', stop.id],
      ['remark', remark.id],
      ['note', note.id],
    ] as const) {
      expect(target.records[kind].get(id).deleted, `${kind} ${id}`).toBe(true)
    }
    expect(target.store.db.prepare('SELECT deleted FROM attachments WHERE id = ?').pluck().get(attachment.id)).toBe(1)
    // Nothing is made to be deleted: the note the colleague never had is not here at all.
    expect(target.store.db.prepare('SELECT count(*) FROM notes WHERE id = ?').pluck().get(gone.id)).toBe(0)

    // The colleague restores the remark; importing the same file again keeps it, and writes nothing.
    await later()
    target.records.remark.restore(remark.id)
    const log = changeLogSize(target)
    await exchangeOf(target).importTripFrom(second)
    expect(target.records.remark.get(remark.id).deleted).toBe(false)
    expect(changeLogSize(target)).toBe(log)
    // And the first file (older, no deletions) brings nothing back.
    await exchangeOf(target).importTripFrom(first)
    expect(target.records.note.get(note.id).deleted).toBe(true)
    expect(target.records.visitStop.get(stop.id).deleted).toBe(true)
  })
})
