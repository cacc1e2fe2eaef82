import { describe, expect, it } from 'vitest'
import { referenceTrip as backbone, useTempCore, type Row } from '../../helpers/core'

const temp = useTempCore()
const { ok, failure } = temp

const referenceTrip = () => backbone(temp.core)

const places = async (visitId: string) => (await ok<{ place: string }[]>('visitStop.list', { visitId })).map((s) => s.place)

describe('visit.summaries', () => {
  it('lists a trip’s visits with enterprise names, live stops and photos, in date order', async () => {
    const { trip, qicai, huirun } = await referenceTrip()
    const other = await ok('trip.create', { title: '另一次行程', startDate: '2025-06-01', endDate: '2025-06-02' })
    const second = await ok('visit.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18', title: '智能制造学院' })
    const first = await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '硒产业园' })
    await ok('visit.create', { tripId: other.id, enterpriseId: qicai.id, date: '2025-06-01' })
    await ok('visitStop.create', { visitId: first.id, place: '硒泉水源地' })
    await ok('visitStop.create', { visitId: first.id, place: '灌装生产线' })
    const gone = await ok('visitStop.create', { visitId: first.id, place: '展厅' })
    await ok('visitStop.delete', { id: gone.id })
    await ok('visitStop.create', { visitId: second.id, place: '实训中心' })
    // A photo and a document on the first visit: only the photo counts as a photo.
    const hash = 'a'.repeat(64)
    for (const mime of ['image/jpeg', 'application/pdf']) {
      temp.core.store.applyChanges(
        Object.entries({ owner_kind: 'visit', owner_id: first.id, hash, size: 10, mime, file_name: 'x', caption: '', width: 0, height: 0, deleted: 0 }).map(
          ([column, value]) => ({ table: 'attachments', rowId: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${mime.length.toString(16).padStart(2, '0')}`, column, value }),
        ),
      )
    }

    const summaries = await ok<Row[]>('visit.summaries', { tripId: trip.id })
    expect(summaries.map((s) => [s['enterpriseName'], s['date'], s['title'], s['stopCount'], s['photoCount']])).toEqual([
      ['石台县七彩灵慧智能科技有限公司', '2025-05-16', '硒产业园', 2, 1],
      ['汇润集团（苏州）', '2025-05-18', '智能制造学院', 1, 0],
    ])
    expect((await ok<Row[]>('visit.summaries', { enterpriseId: qicai.id })).map((s) => s['tripId'])).toEqual([trip.id, other.id])

    await ok('visit.delete', { id: second.id })
    expect((await ok<Row[]>('visit.summaries', { tripId: trip.id })).map((s) => s.id)).toEqual([first.id])
  })

  it('gives an empty list for a trip without visits and refuses a malformed filter', async () => {
    const { trip } = await referenceTrip()
    expect(await ok('visit.summaries', { tripId: trip.id })).toEqual([])
    expect((await failure('visit.summaries', { tripId: 'nope' }))?.code).toBe('VALIDATION')
  })
})

describe('symposium.summaries', () => {
  it('counts attendees, remarks, quotes and linked actions, leaving out what is in the trash', async () => {
    const { trip, qicai } = await referenceTrip()
    const symposium = await ok('symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', presidedBy: '曾健' })
    const zeng = await ok('attendee.create', { symposiumId: symposium.id, side: 'enterprise', name: '曾健', title: '总经理' })
    const kou = await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '寇德林', title: '董事长' })
    const extra = await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '临时', title: '' })
    await ok('attendee.delete', { id: extra.id })
    await ok('remark.create', { symposiumId: symposium.id, speakerId: zeng.id, text: '欢迎各位' })
    await ok('remark.create', { symposiumId: symposium.id, speakerId: kou.id, text: '让课堂长在车间里', isQuote: true })
    const dropped = await ok('remark.create', { symposiumId: symposium.id, speakerId: kou.id, text: '重复', isQuote: true })
    await ok('remark.delete', { id: dropped.id })
    await ok('action.create', { tripId: trip.id, enterpriseId: qicai.id, title: '拟定订单班方案', linkedKind: 'symposium', linkedId: symposium.id })
    await ok('action.create', { tripId: trip.id, title: '与此会无关' })

    expect(await ok<Row[]>('symposium.summaries', { tripId: trip.id })).toMatchObject([
      { id: symposium.id, enterpriseName: '石台县七彩灵慧智能科技有限公司', presidedBy: '曾健', attendeeCount: 2, remarkCount: 2, quoteCount: 1, actionCount: 1 },
    ])
  })
})

describe('minutes.move', () => {
  it('moves a stop up and down with a single new key, and reports the ends', async () => {
    const { trip, qicai } = await referenceTrip()
    const visit = await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })
    const [a, b, c] = [
      await ok('visitStop.create', { visitId: visit.id, place: '水源地', sortKey: 10 }),
      await ok('visitStop.create', { visitId: visit.id, place: '灌装线', sortKey: 20 }),
      await ok('visitStop.create', { visitId: visit.id, place: '展厅', sortKey: 30 }),
    ]
    const before = temp.core.store.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }

    expect(await ok('minutes.move', { kind: 'visitStop', id: c!.id, direction: 'up' })).toEqual({ moved: true, order: [a!.id, c!.id, b!.id] })
    expect(await places(visit.id)).toEqual(['水源地', '展厅', '灌装线'])
    const after = temp.core.store.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }
    expect(after.n - before.n).toBe(1)

    await ok('minutes.move', { kind: 'visitStop', id: a!.id, direction: 'down' })
    expect(await places(visit.id)).toEqual(['展厅', '水源地', '灌装线'])
    expect(await ok('minutes.move', { kind: 'visitStop', id: c!.id, direction: 'up' })).toMatchObject({ moved: false })
    expect(await ok('minutes.move', { kind: 'visitStop', id: b!.id, direction: 'down' })).toMatchObject({ moved: false })
    expect(await places(visit.id)).toEqual(['展厅', '水源地', '灌装线'])
  })

  it('renumbers siblings whose keys are equal, and skips rows in the trash', async () => {
    const { trip, qicai } = await referenceTrip()
    const visit = await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })
    const stops = []
    for (const place of ['一', '二', '三', '四']) stops.push(await ok('visitStop.create', { visitId: visit.id, place, sortKey: 5 }))
    await ok('visitStop.delete', { id: stops[1]!.id })
    // Ties are ordered by id; 四 moves above 三 although every key is 5.
    await ok('minutes.move', { kind: 'visitStop', id: stops[3]!.id, direction: 'up' })
    expect(await places(visit.id)).toEqual(['一', '四', '三'])
    await ok('minutes.move', { kind: 'visitStop', id: stops[3]!.id, direction: 'up' })
    expect(await places(visit.id)).toEqual(['四', '一', '三'])
  })

  it('orders attendees within their side, and remarks within their symposium', async () => {
    const { trip, qicai } = await referenceTrip()
    const symposium = await ok('symposium.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })
    const kou = await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '寇德林', sortKey: 1 })
    await ok('attendee.create', { symposiumId: symposium.id, side: 'enterprise', name: '曾健', sortKey: 2 })
    const wang = await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '王老师', sortKey: 3 })
    expect(await ok('minutes.move', { kind: 'attendee', id: wang.id, direction: 'up' })).toEqual({ moved: true, order: [wang.id, kou.id] })
    const names = (await ok<{ name: string }[]>('attendee.list', { symposiumId: symposium.id })).map((a) => a.name)
    expect(names).toEqual(['王老师', '寇德林', '曾健'])

    const r1 = await ok('remark.create', { symposiumId: symposium.id, text: '一', sortKey: 100 })
    const r2 = await ok('remark.create', { symposiumId: symposium.id, text: '二', sortKey: 200 })
    await ok('minutes.move', { kind: 'remark', id: r1.id, direction: 'down' })
    expect((await ok<Row[]>('remark.list', { symposiumId: symposium.id })).map((r) => r.id)).toEqual([r2.id, r1.id])
  })

  it('refuses a row that does not exist or is in the trash', async () => {
    const { trip, qicai } = await referenceTrip()
    const visit = await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16' })
    const stop = await ok('visitStop.create', { visitId: visit.id, place: '水源地' })
    await ok('visitStop.delete', { id: stop.id })
    expect((await failure('minutes.move', { kind: 'visitStop', id: stop.id, direction: 'up' }))?.code).toBe('NOT_FOUND')
    expect((await failure('minutes.move', { kind: 'visitStop', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', direction: 'up' }))?.code).toBe('NOT_FOUND')
    expect((await failure('minutes.move', { kind: 'visit', id: stop.id, direction: 'up' }))?.code).toBe('VALIDATION')
  })
})
