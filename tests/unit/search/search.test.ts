import { describe, expect, it } from 'vitest'
import { MARK_END, MARK_START, type SearchQuery, type SearchResults, type TrashItem } from '../../../shared/procedures/search'
import { useTempCore } from '../../helpers/core'

const temp = useTempCore()
const { ok } = temp
const search = (query: SearchQuery) => ok<SearchResults>('search.query', query)
/** kind:id of every hit, for compact comparisons. */
const found = (results: SearchResults) => results.groups.flatMap((group) => group.hits.map((hit) => `${hit.kind}:${hit.id}`))
const shown = (text: string) => text.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']')

/** Two trips, two enterprises, a symposium with remarks, a visit with a stop, a survey with a position. */
async function seed() {
  const trip = await ok('trip.create', { title: '皖苏访企拓岗', purpose: '访企拓岗促就业', startDate: '2025-05-16', endDate: '2025-05-19', regions: ['安徽', '江苏'] })
  const otherTrip = await ok('trip.create', { title: '浙江调研', startDate: '2025-09-01', endDate: '2025-09-02' })
  const qicai = await ok('enterprise.create', { name: '石台县七彩灵慧智能科技有限公司', industry: '饮用水' })
  const huirun = await ok('enterprise.create', { name: '汇润集团（苏州）', tags: ['智能制造'] })
  const symposium = await ok('symposium.create', {
    tripId: trip.id,
    enterpriseId: qicai.id,
    date: '2025-05-16',
    title: '校企合作座谈会',
    presidedBy: '曾健',
    topics: ['高技能人才培养'],
  })
  const speaker = await ok('attendee.create', { symposiumId: symposium.id, side: 'school', name: '寇德林', title: '董事长' })
  const remark = await ok('remark.create', { symposiumId: symposium.id, speakerId: speaker.id, text: '希望把产业的前沿技术融入教学，招生即招工。' })
  const otherRemark = await ok('remark.create', { symposiumId: symposium.id, text: '企业愿意接收实习生，共同开展座谈交流。' })
  const visit = await ok('visit.create', { tripId: trip.id, enterpriseId: qicai.id, date: '2025-05-16', title: '参观灌装生产线' })
  const stop = await ok('visitStop.create', { visitId: visit.id, place: '硒泉水源地', observation: '水源保护区管理规范' })
  const survey = await ok('survey.create', { tripId: trip.id, enterpriseId: huirun.id, date: '2025-05-18', respondent: '人力资源部' })
  const position = await ok('position.create', { surveyId: survey.id, title: '智能装备运维工程师', headcount: 20, majors: ['机电一体化'] })
  const otherNote = await ok('note.create', { tripId: otherTrip.id, text: '座谈安排在周二' })
  return { trip, otherTrip, qicai, huirun, symposium, speaker, remark, otherRemark, visit, stop, survey, position, otherNote }
}

describe('search', () => {
  it('finds a Chinese phrase inside a remark, with where it belongs and the match highlighted', async () => {
    const data = await seed()
    const results = await search({ q: '前沿技术' })
    expect(found(results)).toEqual([`remark:${data.remark.id}`])
    expect(results.total).toBe(1)
    const hit = results.groups[0]!.hits[0]!
    expect(hit).toMatchObject({
      kind: 'remark',
      tripId: data.trip.id,
      enterpriseId: data.qicai.id,
      parentId: data.symposium.id,
      parentKind: 'symposium',
      parentLabel: '校企合作座谈会',
      tripTitle: '皖苏访企拓岗',
      enterpriseName: '石台县七彩灵慧智能科技有限公司',
    })
    expect(shown(hit.snippet)).toContain('产业的[前沿技术]融入教学')
  })

  it('finds two-character and one-character words, which full-text trigrams cannot', async () => {
    const data = await seed()
    const results = await search({ q: '座谈' })
    expect(results.groups.map((group) => [group.kind, group.count])).toEqual([
      ['symposium', 1],
      ['remark', 1],
      ['note', 1],
    ])
    expect(found(results).sort()).toEqual([`symposium:${data.symposium.id}`, `remark:${data.otherRemark.id}`, `note:${data.otherNote.id}`].sort())
    const symposiumHit = results.groups[0]!.hits[0]!
    expect(shown(symposiumHit.title)).toBe('校企合作[座谈]会')
    expect(shown(results.groups[1]!.hits[0]!.snippet)).toContain('共同开展[座谈]交流')
    expect(found(await search({ q: '硒' }))).toEqual([`visitStop:${data.stop.id}`])
    // Two words, one long and one short, must both be present.
    expect(found(await search({ q: '前沿技术 招工' }))).toEqual([`remark:${data.remark.id}`])
    expect(found(await search({ q: '前沿技术 实习' }))).toEqual([])
  })

  it('indexes every kind of text: tags, topics, majors, answers, contacts', async () => {
    const data = await seed()
    expect(found(await search({ q: '智能制造' }))).toContain(`enterprise:${data.huirun.id}`)
    expect(found(await search({ q: '高技能人才' }))).toEqual([`symposium:${data.symposium.id}`])
    expect(found(await search({ q: '机电一体化' }))).toEqual([`position:${data.position.id}`])
    const positionHit = (await search({ q: '运维工程师' })).groups[0]!.hits[0]!
    expect(positionHit).toMatchObject({ parentId: data.survey.id, tripId: data.trip.id, enterpriseId: data.huirun.id, parentLabel: '人力资源部' })
    const contact = await ok('contact.create', { enterpriseId: data.huirun.id, name: '李经理', phone: '0512-66668888' })
    expect((await search({ q: '66668888' })).groups[0]!.hits[0]).toMatchObject({ id: contact.id, parentId: data.huirun.id, enterpriseId: data.huirun.id })
    await ok('survey.update', { id: data.survey.id, patch: { answers: { 'q-skills': '需要懂工业机器人编程', 'q-majors': ['工业机器人技术'] } } })
    expect(found(await search({ q: '机器人编程' }))).toEqual([`survey:${data.survey.id}`])
    // Question ids and types are codes, not words.
    expect(found(await search({ q: 'q-skills' }))).toEqual([])
  })

  it('leaves out what is in the trash, and what hangs under it, until restored', async () => {
    const data = await seed()
    await ok('remark.delete', { id: data.remark.id })
    expect(found(await search({ q: '前沿技术' }))).toEqual([])
    await ok('remark.restore', { id: data.remark.id })
    expect(found(await search({ q: '前沿技术' }))).toEqual([`remark:${data.remark.id}`])

    // A symposium in the trash takes its remarks and attendees with it.
    await ok('symposium.delete', { id: data.symposium.id })
    expect(found(await search({ q: '前沿技术' }))).toEqual([])
    expect(found(await search({ q: '寇德林' }))).toEqual([])
    await ok('symposium.restore', { id: data.symposium.id })
    expect(found(await search({ q: '寇德林' }))).toEqual([`attendee:${data.speaker.id}`])

    // So does a trip: its visits, and the visits' stops.
    await ok('trip.delete', { id: data.trip.id })
    expect(found(await search({ q: '水源保护区' }))).toEqual([])
    expect(found(await search({ q: '座谈' }))).toEqual([`note:${data.otherNote.id}`])
    await ok('trip.restore', { id: data.trip.id })
    expect(found(await search({ q: '水源保护区' }))).toEqual([`visitStop:${data.stop.id}`])
  })

  it('filters by trip, enterprise and kind', async () => {
    const data = await seed()
    expect(found(await search({ q: '座谈', tripId: data.otherTrip.id }))).toEqual([`note:${data.otherNote.id}`])
    expect(found(await search({ q: '座谈', enterpriseId: data.qicai.id })).sort()).toEqual([`symposium:${data.symposium.id}`, `remark:${data.otherRemark.id}`].sort())
    expect(found(await search({ q: '座谈', kinds: ['remark', 'note'] })).sort()).toEqual([`remark:${data.otherRemark.id}`, `note:${data.otherNote.id}`].sort())
    expect(found(await search({ q: '座谈', kinds: [] }))).toEqual([])
    expect(found(await search({ q: '智能', enterpriseId: data.huirun.id, kinds: ['position'] }))).toEqual([`position:${data.position.id}`])
  })

  it('follows a symposium moved to another enterprise: its remarks move with it', async () => {
    const data = await seed()
    await ok('symposium.update', { id: data.symposium.id, patch: { enterpriseId: data.huirun.id } })
    expect(found(await search({ q: '前沿技术', enterpriseId: data.huirun.id }))).toEqual([`remark:${data.remark.id}`])
    expect(found(await search({ q: '前沿技术', enterpriseId: data.qicai.id }))).toEqual([])
  })

  it('takes quotes, operators and brackets in a query as text, never as syntax', async () => {
    const data = await seed()
    const note = await ok('note.create', { tripId: data.trip.id, text: 'He said "AND" (NEAR the line) C++ 100% done_ok a*b' })
    for (const q of ['"', '""', '"AND"', 'AND OR NOT', 'NEAR(', '(the line)', 'title:x', 'a*b', '^abc', '100%', 'done_ok', '-', '*', "'; DROP TABLE trips; --", '\\']) {
      const result = await temp.core.dispatch('search.query', { q })
      expect(result.ok, q).toBe(true)
    }
    expect(found(await search({ q: '"AND"' }))).toEqual([`note:${note.id}`])
    expect(found(await search({ q: '(NEAR the' }))).toEqual([`note:${note.id}`])
    expect(found(await search({ q: 'C++' }))).toEqual([`note:${note.id}`])
    expect(found(await search({ q: 'a*b' }))).toEqual([`note:${note.id}`])
    // % and _ are not wildcards in short queries either.
    expect(found(await search({ q: '0%' }))).toEqual([`note:${note.id}`])
    expect(found(await search({ q: '_' }))).toEqual([`note:${note.id}`])
    expect(found(await search({ q: '%' }))).toEqual([`note:${note.id}`])
    expect(temp.core.records.trip.list()).toHaveLength(2)
  })

  it('cannot be fooled into highlighting by marker characters in the text', async () => {
    const data = await seed()
    await ok('note.create', { tripId: data.trip.id, text: `伪造${MARK_START}高亮${MARK_END}内容` })
    const hit = (await search({ q: '伪造高亮' })).groups[0]!.hits[0]!
    expect(shown(hit.snippet)).toBe('[伪造高亮]内容')
  })

  it('is empty for an empty query and limits hits per kind while counting them all', async () => {
    const data = await seed()
    expect(await search({ q: '   ' })).toEqual({ q: '', total: 0, groups: [] })
    for (let i = 0; i < 5; i++) await ok('remark.create', { symposiumId: data.symposium.id, text: `第${i}条：订单班培养` })
    const results = await search({ q: '订单班', limit: 2 })
    expect(results.groups).toHaveLength(1)
    expect(results.groups[0]!.count).toBe(5)
    expect(results.groups[0]!.hits).toHaveLength(2)
    expect((await temp.core.dispatch('search.query', { q: 'x', limit: 0 })).ok).toBe(false)
  })

  it('fills an empty index from the data when the core opens', async () => {
    const data = await seed()
    temp.core.store.db.prepare('DELETE FROM search_index').run()
    expect(found(await search({ q: '前沿技术' }))).toEqual([])
    temp.reopen()
    expect(found(await search({ q: '前沿技术' }))).toEqual([`remark:${data.remark.id}`])
    expect(found(await search({ q: '座谈' })).length).toBe(3)
    // Rows in the trash are not brought back by the rebuild.
    await ok('remark.delete', { id: data.remark.id })
    temp.core.store.db.prepare('DELETE FROM search_index').run()
    temp.reopen()
    expect(found(await search({ q: '前沿技术' }))).toEqual([])
  })

  it('indexes rows received from another laptop, even a child before its parent', async () => {
    const data = await seed()
    const node = 'aaaaaaaaaaaaaaaa'
    const hlc = (ms: number) => `${ms.toString(16).padStart(12, '0')}-0000-${node}`
    const symposiumId = '01960000-0000-7000-8000-0000000000a1'
    const remarkId = '01960000-0000-7000-8000-0000000000a2'
    const now = Date.now() + 1000
    temp.core.store.applyChanges(
      [
        { table: 'remarks', rowId: remarkId, column: 'symposium_id', value: symposiumId, hlc: hlc(now) },
        { table: 'remarks', rowId: remarkId, column: 'text', value: '远程同步来的发言记录', hlc: hlc(now) },
      ],
      { source: 'remote' },
    )
    expect((await search({ q: '同步来的' })).groups[0]!.hits[0]).toMatchObject({ id: remarkId, tripId: '', enterpriseId: '' })
    temp.core.store.applyChanges(
      [
        { table: 'symposiums', rowId: symposiumId, column: 'trip_id', value: data.trip.id, hlc: hlc(now + 1) },
        { table: 'symposiums', rowId: symposiumId, column: 'enterprise_id', value: data.huirun.id, hlc: hlc(now + 1) },
      ],
      { source: 'remote' },
    )
    expect((await search({ q: '同步来的' })).groups[0]!.hits[0]).toMatchObject({ id: remarkId, tripId: data.trip.id, enterpriseId: data.huirun.id })
  })
})

/** A deterministic source of numbers, so a failing case can be replayed. */
function numbers(seed: number) {
  let state = seed >>> 0
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state % below
  }
}

/** Writes notes straight through the store (as a sync or an import does): ids chosen by the test, in one batch. */
function writeNotes(notes: { id: string; tripId: string; text: string }[]) {
  temp.core.store.applyChanges(
    notes.flatMap((note) => [
      { table: 'notes', rowId: note.id, column: 'trip_id', value: note.tripId },
      { table: 'notes', rowId: note.id, column: 'text', value: note.text },
    ]),
  )
}

/** A UUIDv7-shaped id made at `ms`, the rest from `n`. */
const idAt = (ms: number, n: number) => {
  const time = ms.toString(16).padStart(12, '0')
  const tail = n.toString(16).padStart(12, '0')
  return `${time.slice(0, 8)}-${time.slice(8)}-7000-8000-${tail}`
}

describe('search of short words and at scale', () => {
  it('finds every note holding a one- or two-character word, with complete counts, as a substring scan would', async () => {
    const trip = await ok('trip.create', { title: '短词检索', startDate: '2025-05-16', endDate: '2025-05-17' })
    // A small alphabet, so that every pair occurs many times, in and across runs broken by letters and punctuation.
    const alphabet = ['焊', '工', '电', '实', '习', '岗', '位', 'A', '5', '，', ' ']
    const next = numbers(20250516)
    const notes = Array.from({ length: 160 }, (_, n) => ({
      id: idAt(1_747_000_000_000 + next(50) * 1000, n),
      tripId: trip.id,
      text: Array.from({ length: 1 + next(12) }, () => alphabet[next(alphabet.length)]).join(''),
    }))
    writeNotes(notes)
    const chinese = alphabet.slice(0, 7)
    const words = [...chinese, ...chinese.flatMap((a) => chinese.map((b) => a + b))]
    for (const word of words) {
      const expected = notes.filter((note) => note.text.includes(word)).map((note) => note.id)
      const results = await search({ q: word, limit: 200 })
      const notesGroup = results.groups.find((group) => group.kind === 'note')
      expect(notesGroup?.count ?? 0, word).toBe(expected.length)
      expect(results.total, word).toBe(expected.length)
      expect((notesGroup?.hits ?? []).map((hit) => hit.id).sort(), word).toEqual(expected.sort())
      for (const hit of notesGroup?.hits ?? []) expect(shown(hit.snippet), word).toContain(`[${word}]`)
      // The per-kind limit cuts the hits, never the count.
      if (expected.length > 3) {
        const limited = (await search({ q: word, limit: 3 })).groups.find((group) => group.kind === 'note')!
        expect([limited.count, limited.hits.length], word).toEqual([expected.length, 3])
      }
    }
  })

  it('matches two-character words only where the characters touch, across letters and punctuation', async () => {
    const trip = await ok('trip.create', { title: '车间走访', startDate: '2025-05-16', endDate: '2025-05-17' })
    const welder = await ok('note.create', { tripId: trip.id, text: '急需电焊工和维修电工' })
    const apart = await ok('note.create', { tripId: trip.id, text: '焊接车间，工位紧张' })
    const intern = await ok('note.create', { tripId: trip.id, text: '暑期实习生20名' })
    expect(found(await search({ q: '焊工' }))).toEqual([`note:${welder.id}`])
    expect(found(await search({ q: '电工' }))).toEqual([`note:${welder.id}`])
    expect(found(await search({ q: '工位' }))).toEqual([`note:${apart.id}`])
    expect(found(await search({ q: '接车' }))).toEqual([`note:${apart.id}`])
    expect(found(await search({ q: '，工' }))).toEqual([`note:${apart.id}`])
    expect(found(await search({ q: '焊' })).sort()).toEqual([`note:${welder.id}`, `note:${apart.id}`].sort())
    expect(found(await search({ q: '实习' }))).toEqual([`note:${intern.id}`])
    expect(found(await search({ q: '生2' }))).toEqual([])
    const hit = (await search({ q: '电工' })).groups[0]!.hits[0]!
    expect(shown(hit.snippet)).toBe('急需电焊工和维修[电工]')
  })

  it('takes one- and two-character letters and digits as whole words', async () => {
    const trip = await ok('trip.create', { title: 'AI 与 5G', startDate: '2025-05-16', endDate: '2025-05-17' })
    const ai = await ok('note.create', { tripId: trip.id, text: '产线引入AI质检和5G专网' })
    const maintain = await ok('note.create', { tripId: trip.id, text: 'maintain the 15号 line' })
    const building = await ok('note.create', { tripId: trip.id, text: '5号楼二层, PLC柜' })
    expect(found(await search({ q: 'ai' })).sort()).toEqual([`note:${ai.id}`, `trip:${trip.id}`].sort())
    expect(found(await search({ q: '5G' })).sort()).toEqual([`note:${ai.id}`, `trip:${trip.id}`].sort())
    expect(found(await search({ q: '5号' }))).toEqual([`note:${building.id}`])
    expect(found(await search({ q: '号楼' }))).toEqual([`note:${building.id}`])
    expect(found(await search({ q: 'PL' }))).toEqual([])
    expect(found(await search({ q: 'PLC' }))).toEqual([`note:${building.id}`])
    // Three characters and more are substrings, letters or not.
    expect(found(await search({ q: 'ain' }))).toEqual([`note:${maintain.id}`])
    const hit = (await search({ q: 'AI' })).groups.find((group) => group.kind === 'note')!.hits[0]!
    expect(shown(hit.snippet)).toBe('产线引入[AI]质检和5G专网')
    expect(shown((await search({ q: '5号' })).groups[0]!.hits[0]!.snippet)).toBe('[5号]楼二层, PLC柜')
  })

  it('needs every term of a mixed query, short and long, Chinese and English, with filters', async () => {
    const trip = await ok('trip.create', { title: '长三角调研', startDate: '2025-05-16', endDate: '2025-05-17' })
    const other = await ok('trip.create', { title: '皖南调研', startDate: '2025-06-16', endDate: '2025-06-17' })
    const both = await ok('note.create', { tripId: trip.id, text: '焊工需要会看PLC梯形图' })
    const welderOnly = await ok('note.create', { tripId: trip.id, text: '焊工缺口大' })
    await ok('note.create', { tripId: trip.id, text: 'PLC编程岗位' })
    const elsewhere = await ok('note.create', { tripId: other.id, text: '焊工与PLC都缺' })
    expect(found(await search({ q: '焊工 PLC' })).sort()).toEqual([`note:${both.id}`, `note:${elsewhere.id}`].sort())
    expect(found(await search({ q: 'plc 焊工', tripId: trip.id }))).toEqual([`note:${both.id}`])
    expect(found(await search({ q: '焊工 梯形图' }))).toEqual([`note:${both.id}`])
    expect(found(await search({ q: '焊工 缺' })).sort()).toEqual([`note:${welderOnly.id}`, `note:${elsewhere.id}`].sort())
    expect(found(await search({ q: '焊工', tripId: other.id }))).toEqual([`note:${elsewhere.id}`])
    expect(found(await search({ q: '焊工 %' }))).toEqual([])
    const hit = (await search({ q: '焊工 PLC', tripId: trip.id })).groups[0]!.hits[0]!
    expect(shown(hit.snippet)).toBe('[焊工]需要会看[PLC]梯形图')
  })

  it('shows matches in the title first, then the newest first', async () => {
    const trip = await ok('trip.create', { title: '排序', startDate: '2025-05-16', endDate: '2025-05-17' })
    const enterprise = await ok('enterprise.create', { name: '汇润集团' })
    const survey = await ok('survey.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-16', respondent: '人事部' })
    const old = await ok('position.create', { surveyId: survey.id, title: '焊工', headcount: 2 })
    const bodyOnly = await ok('position.create', { surveyId: survey.id, title: '装配工', headcount: 2, skills: '焊工证优先' })
    const newer = await ok('position.create', { surveyId: survey.id, title: '二氧焊工', headcount: 2 })
    const newest = await ok('position.create', { surveyId: survey.id, title: '钳工', headcount: 2, skills: '会焊工活' })
    expect(found(await search({ q: '焊工' }))).toEqual([newer, old, newest, bodyOnly].map((row) => `position:${row.id}`))
    expect(found(await search({ q: '焊工', limit: 3 }))).toEqual([newer, old, newest].map((row) => `position:${row.id}`))
  })

  it('keeps apart many records made in the same millisecond, through edits and deletes', async () => {
    const trip = await ok('trip.create', { title: '同一毫秒', startDate: '2025-05-16', endDate: '2025-05-17' })
    const ms = 1_747_000_000_123
    // Written in a shuffled order: more records of one kind in one millisecond than it would usually see.
    const notes = Array.from({ length: 300 }, (_, n) => ({ id: idAt(ms, n), tripId: trip.id, text: `第${n}号记录：座谈纪要` }))
    const next = numbers(7)
    for (let i = notes.length - 1; i > 0; i--) {
      const j = next(i + 1)
      ;[notes[i], notes[j]] = [notes[j]!, notes[i]!]
    }
    writeNotes(notes)
    expect((await search({ q: '座谈', limit: 200 })).groups[0]!.count).toBe(300)
    expect(temp.core.store.db.prepare('SELECT COUNT(DISTINCT entry) FROM search_index_entries WHERE kind = ?').pluck().get('note')).toBe(300)
    await ok('note.update', { id: idAt(ms, 7), patch: { text: '改为实习安排' } })
    await ok('note.delete', { id: idAt(ms, 8) })
    expect((await search({ q: '座谈', limit: 200 })).groups[0]!.count).toBe(298)
    expect(found(await search({ q: '实习' }))).toEqual([`note:${idAt(ms, 7)}`])
    await ok('note.restore', { id: idAt(ms, 8) })
    writeNotes([{ id: idAt(ms, 300), tripId: trip.id, text: '新来的座谈' }])
    expect((await search({ q: '座谈', limit: 200 })).groups[0]!.count).toBe(300)
    expect(found(await search({ q: '第8号' }))).toEqual([`note:${idAt(ms, 8)}`])
  })

  it('fills the per-character index of a data folder from before it existed when the core opens', async () => {
    const data = await seed()
    // As a version-4 folder: only the trigram index, numbered differently.
    const db = temp.core.store.db
    db.prepare("INSERT INTO search_index_chars (search_index_chars) VALUES ('delete-all')").run()
    db.prepare('DELETE FROM search_index_entries').run()
    db.prepare('UPDATE search_index SET rowid = rowid + 1').run()
    temp.reopen()
    expect(found(await search({ q: '座谈' })).length).toBe(3)
    expect(found(await search({ q: '前沿技术 招工', tripId: data.trip.id }))).toEqual([`remark:${data.remark.id}`])
    expect(temp.core.store.db.prepare('SELECT COUNT(*) FROM search_index_entries').pluck().get()).toBe(
      temp.core.store.db.prepare('SELECT COUNT(*) FROM search_index').pluck().get(),
    )
  })
})

describe('trash', () => {
  it('lists deleted records of every kind, newest first, with labels and where they belonged', async () => {
    const data = await seed()
    const before = Date.now()
    await ok('remark.delete', { id: data.remark.id })
    await ok('position.delete', { id: data.position.id })
    await ok('enterprise.delete', { id: data.huirun.id })
    await ok('trip.delete', { id: data.otherTrip.id })
    const items = await ok<TrashItem[]>('trash.list', {})
    expect(items.map((item) => [item.kind, item.label])).toEqual([
      ['trip', '浙江调研'],
      ['enterprise', '汇润集团（苏州）'],
      ['position', '智能装备运维工程师'],
      ['remark', '希望把产业的前沿技术融入教学，招生即招工。'],
    ])
    const remark = items.find((item) => item.kind === 'remark')!
    expect(remark).toMatchObject({
      id: data.remark.id,
      tripId: data.trip.id,
      tripTitle: '皖苏访企拓岗',
      enterpriseName: '石台县七彩灵慧智能科技有限公司',
      parentId: data.symposium.id,
      parentKind: 'symposium',
      parentLabel: '校企合作座谈会',
      parentDeleted: false,
    })
    expect(remark.deletedAt).toBeGreaterThanOrEqual(before - 5)
    expect(remark.deletedAt).toBeLessThanOrEqual(Date.now() + 5)
    // The position's enterprise (through its survey) is in the trash as well: restoring the position alone will not show it.
    expect(items.find((item) => item.kind === 'position')).toMatchObject({ parentLabel: '人力资源部', enterpriseName: '汇润集团（苏州）', parentDeleted: true })
    expect(items.find((item) => item.kind === 'trip')).toMatchObject({ tripTitle: '', parentDeleted: false })
  })

  it('restores each kind, which then leaves the trash and comes back everywhere', async () => {
    const data = await seed()
    await ok('remark.delete', { id: data.remark.id })
    await ok('visit.delete', { id: data.visit.id })
    expect((await ok<TrashItem[]>('trash.list', {})).map((item) => item.kind)).toEqual(['visit', 'remark'])
    expect(await ok('trash.restore', { kind: 'visit', id: data.visit.id })).toEqual({ kind: 'visit', id: data.visit.id })
    expect((await ok<TrashItem[]>('trash.list', {})).map((item) => item.id)).toEqual([data.remark.id])
    expect(temp.core.records.visit.get(data.visit.id).deleted).toBe(false)
    expect(found(await search({ q: '水源保护区' }))).toEqual([`visitStop:${data.stop.id}`])
    await ok('trash.restore', { kind: 'remark', id: data.remark.id })
    expect(await ok('trash.list', {})).toEqual([])
    const missing = await temp.core.dispatch('trash.restore', { kind: 'note', id: '01900000-0000-7000-8000-000000000000' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await temp.core.dispatch('trash.restore', { kind: 'nonsense', id: data.remark.id })).ok).toBe(false)
  })
})
