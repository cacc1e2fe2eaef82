import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { EnterpriseMergeResult } from '../../../shared/procedures/enterprise-identity'
import type { SyncSummary } from '../../../shared/procedures/sync'
import { openCore } from '../../../electron/core/core'
import { runCli } from '../../../electron/core/cli/run'
import { tempDir } from '../../helpers/temp'
import { enterpriseNameKey, enterpriseNameMatches, findSameEnterprise } from '../../../shared/enterprise-identity'
import { creditCodeCheckChar } from '../../../shared/schemas/enterprise'
import { dispatchOk, useTempCore, type Row } from '../../helpers/core'
import { tableRows, useJoinedTeam, type Device } from '../sync/helpers'

const PHOTO = readFileSync(join(import.meta.dirname, '../../fixtures/attachments/bottling-line.jpg'))

/** A valid unified social credit code ending in the given digits. */
function creditCode(n: number): string {
  const first17 = `91320500${String(n).padStart(9, '0')}`
  return first17 + creditCodeCheckChar(first17)
}

describe('one rule of the same enterprise', () => {
  it('folds full- and half-width brackets, spaces, case and legal-form suffixes', () => {
    const forms = ['汇润集团（苏州）有限公司', '汇润集团(苏州)', ' 汇润集团 ( 苏州 ) 有限责任公司', '汇润集团【苏州】股份有限公司']
    expect(new Set(forms.map(enterpriseNameKey))).toEqual(new Set(['汇润集团苏州']))
    expect(enterpriseNameKey('ＡＢＣ Tech Co., Ltd.')).toBe(enterpriseNameKey('abc tech'))
    expect(enterpriseNameKey('汇润集团')).not.toBe(enterpriseNameKey('汇润集团（苏州）'))
  })

  it('finds by credit code first, by name unless the codes differ', () => {
    const known = [
      { id: 'a', name: '汇润集团（苏州）有限公司', creditCode: '' },
      { id: 'b', name: '七彩灵慧', creditCode: creditCode(1) },
    ]
    expect(findSameEnterprise(known, { name: '汇润集团(苏州)', creditCode: '' })).toMatchObject({ by: 'name', enterprise: { id: 'a' } })
    expect(findSameEnterprise(known, { name: '别的名字', creditCode: creditCode(1).toLowerCase() })).toMatchObject({ by: 'creditCode', enterprise: { id: 'b' } })
    // A group's subsidiary registered under its own code is another enterprise, whatever its name.
    expect(findSameEnterprise(known, { name: '七彩灵慧', creditCode: creditCode(2) })).toBeUndefined()
    expect(findSameEnterprise(known, { name: '七彩灵慧', creditCode: '' })).toMatchObject({ by: 'name', enterprise: { id: 'b' } })
  })

  it('lets a picker find a file from what people type', () => {
    expect(enterpriseNameMatches('汇润集团（苏州）有限公司', '汇润集团(苏州)')).toBe(true)
    expect(enterpriseNameMatches('汇润集团（苏州）有限公司', '苏州')).toBe(true)
    expect(enterpriseNameMatches('Huirun Group (Suzhou) Co., Ltd.', 'huirun group')).toBe(true)
    expect(enterpriseNameMatches('七彩灵慧', '汇润')).toBe(false)
  })
})

describe('creating an enterprise that already has a file', () => {
  const temp = useTempCore()
  const { ok, failure } = temp

  it('answers with the existing file, and creates a second one only when asked', async () => {
    const huirun = await ok('enterprise.create', { name: '汇润集团（苏州）有限公司', creditCode: creditCode(7) })
    const byName = await failure('enterprise.create', { name: '汇润集团(苏州)' })
    expect(byName).toMatchObject({ code: 'ENTERPRISE_DUPLICATE', details: { enterpriseId: huirun.id, name: '汇润集团（苏州）有限公司', by: 'name' } })
    // Full-width characters and spaces in a code are the same code.
    const wide = creditCode(7).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
    const byCode = await failure('enterprise.create', { name: '汇润苏州分公司', creditCode: ` ${wide} ` })
    expect(byCode).toMatchObject({ code: 'ENTERPRISE_DUPLICATE', details: { enterpriseId: huirun.id, by: 'creditCode' } })
    expect(await ok<Row[]>('enterprise.list', {})).toHaveLength(1)

    const second = await ok('enterprise.create', { name: '汇润集团(苏州)', allowDuplicate: true })
    expect(second).toMatchObject({ name: '汇润集团(苏州)' })
    expect(second).not.toHaveProperty('allowDuplicate')
    expect(await ok<Row[]>('enterprise.list', {})).toHaveLength(2)
  })

  it('refuses on the field a credit code that is already on another file, and changes nothing', async () => {
    await ok('enterprise.create', { name: '汇润集团', creditCode: creditCode(7) })
    const other = await ok('enterprise.create', { name: '七彩灵慧', industry: '饮用水' })
    const refused = await failure('enterprise.update', { id: other.id, patch: { creditCode: creditCode(7), industry: '智能制造' } })
    expect(refused.code).toBe('ENTERPRISE_DUPLICATE')
    expect(refused.details?.fieldErrors).toEqual([{ path: 'creditCode', key: 'duplicateCreditCode', params: { name: '汇润集团' } }])
    expect(await ok('enterprise.get', { id: other.id })).toMatchObject({ creditCode: '', industry: '饮用水' })
    // Its own code, saved again, is no duplicate.
    const own = await ok('enterprise.update', { id: other.id, patch: { creditCode: creditCode(8) } })
    expect(await ok('enterprise.update', { id: other.id, patch: { creditCode: creditCode(8), industry: '智能制造' } })).toMatchObject({ id: own.id, industry: '智能制造' })
  })

  it('loading the sample trip reuses a file of the same enterprise under another spelling', async () => {
    const mine = await ok('enterprise.create', { name: '汇润集团(苏州)有限公司' })
    await ok('app.loadSample', { language: 'zh' })
    const files = await ok<Row[]>('enterprise.list', {})
    expect(files.filter((e) => enterpriseNameKey(e['name'] as string) === '汇润集团苏州').map((e) => e.id)).toEqual([mine.id])
    expect((await ok<Row[]>('enterprise.timeline', { enterpriseId: mine.id })).length).toBeGreaterThan(0)
  })
})

/** Two files of one enterprise, each with records of every kind that can belong to an enterprise. */
async function twoFiles(ok: (name: string, input: unknown) => Promise<Row>) {
  const trip = await ok('trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
  const keep = await ok('enterprise.create', { name: '汇润集团（苏州）有限公司', tags: ['饮料'], profile: '饮料生产企业' })
  const merge = await ok('enterprise.create', {
    name: '汇润集团(苏州)',
    allowDuplicate: true,
    creditCode: creditCode(5),
    region: '江苏苏州',
    tags: ['智能制造', '饮料'],
    stage: 'cooperating',
    profile: '三条灌装线',
  })
  const on = { tripId: trip.id, enterpriseId: merge.id }
  const records = {
    itinerary: await ok('itinerary.create', { ...on, day: '2025-05-18', note: '上午到苏州' }),
    contact: await ok('contact.create', { enterpriseId: merge.id, name: '曾健', title: '总经理' }),
    visit: await ok('visit.create', { ...on, date: '2025-05-18', title: '参观灌装车间' }),
    symposium: await ok('symposium.create', { ...on, date: '2025-05-18', title: '校企合作座谈会' }),
    agreement: await ok('agreement.create', { ...on, title: '共建产业学院', kind: 'industry_college' }),
    survey: await ok('survey.create', { ...on, date: '2025-05-18' }),
    action: await ok('action.create', { ...on, title: '寄送合作协议', linkedKind: 'enterprise', linkedId: merge.id }),
    note: await ok('note.create', { enterpriseId: merge.id, kind: 'history', date: '2023-09-01', text: '累计培养 150 人' }),
    trashedVisit: await ok('visit.create', { ...on, date: '2025-05-19', title: '记错的参观' }),
  }
  await ok('visit.delete', { id: records.trashedVisit.id })
  const { attachment } = (await ok('attachment.add', {
    ownerKind: 'enterprise',
    ownerId: merge.id,
    fileName: '灌装线.jpg',
    dataBase64: PHOTO.toString('base64'),
  })) as unknown as { attachment: Row }
  return { trip, keep, merge, records, attachment }
}

describe('merging two files of one enterprise', () => {
  const temp = useTempCore()
  const { ok, failure } = temp

  it('moves every kind of record, fills empty fields, and puts the merged file in the trash', async () => {
    const { keep, merge, records, attachment } = await twoFiles(ok)
    const result = await ok<EnterpriseMergeResult>('enterprise.merge', { keepId: keep.id, mergeId: merge.id })
    expect(result).toMatchObject({ keptId: keep.id, mergedId: merge.id })
    expect(result.moved).toEqual({ itinerary: 1, contacts: 1, visits: 2, symposiums: 1, agreements: 1, surveys: 1, actions: 2, notes: 1, attachments: 1 })
    expect(result.filledFields.sort()).toEqual(['creditCode', 'profile', 'region', 'stage', 'tags'])

    for (const [kind, record] of Object.entries(records)) {
      const table = kind === 'trashedVisit' ? 'visit' : kind
      expect((temp.core.records as unknown as Record<string, { get(id: string): Row }>)[table]!.get(record.id)['enterpriseId'], kind).toBe(keep.id)
    }
    expect(temp.core.records.action.get(records.action.id)).toMatchObject({ linkedKind: 'enterprise', linkedId: keep.id })
    expect(temp.core.records.visit.get(records.trashedVisit.id).deleted).toBe(true)
    expect(await ok<Row[]>('attachment.list', { ownerId: keep.id })).toMatchObject([{ id: attachment.id }])
    expect(await ok('enterprise.get', { id: keep.id })).toMatchObject({
      name: '汇润集团（苏州）有限公司',
      creditCode: creditCode(5),
      region: '江苏苏州',
      stage: 'cooperating',
      tags: ['饮料', '智能制造'],
      profile: '饮料生产企业\n\n三条灌装线',
    })
    expect(await ok('enterprise.get', { id: merge.id })).toMatchObject({ deleted: true })
    // The file's timeline now holds what was recorded under either spelling.
    const timeline = await ok<Row[]>('enterprise.timeline', { enterpriseId: keep.id })
    expect(timeline.map((entry) => entry['title'])).toEqual(expect.arrayContaining(['参观灌装车间', '校企合作座谈会', '共建产业学院', '寄送合作协议']))
  })

  it('refuses a file merged into itself or into one in the trash, changing nothing', async () => {
    const { keep, merge } = await twoFiles(ok)
    expect((await failure('enterprise.merge', { keepId: keep.id, mergeId: keep.id })).code).toBe('VALIDATION')
    await ok('enterprise.delete', { id: keep.id })
    const before = tableRows(temp.core, 'visits')
    expect((await failure('enterprise.merge', { keepId: keep.id, mergeId: merge.id })).code).toBe('NOT_FOUND')
    expect(tableRows(temp.core, 'visits')).toEqual(before)
  })
})

describe('a merge syncs to the team', () => {
  const joined = useJoinedTeam(['秘书处的电脑', '带队领导的电脑'])
  let a: Device
  let b: Device
  beforeEach(() => {
    ;[a, b] = joined.devices as [Device, Device]
  })

  it('moves the records on the second device too', { timeout: 60_000 }, async () => {
    const { keep, merge } = await twoFiles((name, input) => a.ok(name, input))
    const syncNow = (device: Device) => device.ok<SyncSummary>('sync.now', {})
    await syncNow(a)
    await syncNow(b)
    expect(b.core.records.visit.list({ enterpriseId: merge.id })).toHaveLength(1)

    await a.ok('enterprise.merge', { keepId: keep.id, mergeId: merge.id })
    await syncNow(a)
    await syncNow(b)
    for (const table of ['enterprises', 'contacts', 'visits', 'symposiums', 'agreements', 'surveys', 'actions', 'notes', 'itinerary', 'attachments']) {
      expect(tableRows(b.core, table), table).toEqual(tableRows(a.core, table))
    }
    expect(b.core.records.visit.list({ enterpriseId: keep.id })).toHaveLength(1)
    expect(b.core.records.visit.list({ enterpriseId: merge.id })).toHaveLength(0)
    expect(b.core.records.enterprise.get(merge.id).deleted).toBe(true)
  })
})

describe('merge-enterprises on the command line', () => {
  it('merges two files named by id or name and prints what moved', async () => {
    const dir = tempDir()
    try {
      const core = openCore({ dataDir: dir.path })
      const ok = (name: string, input: unknown) => dispatchOk(core, name, input)
      const { keep, merge } = await twoFiles(ok)
      core.close()
      const out: string[] = []
      const err: string[] = []
      const code = await runCli(['merge-enterprises', '--data-dir', dir.path, '--keep', keep.id, '--merge', '汇润集团(苏州)'], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
      })
      expect({ code, err: err.join('\n') }).toEqual({ code: 0, err: '' })
      expect(out.join('\n')).toContain('Merged "汇润集团(苏州)" into "汇润集团（苏州）有限公司"')
      expect(out.join('\n')).toMatch(/visits\s+2 moved/)
      const reopened = openCore({ dataDir: dir.path })
      expect(reopened.records.enterprise.get(merge.id).deleted).toBe(true)
      expect(reopened.records.visit.list({ enterpriseId: keep.id })).toHaveLength(1)
      reopened.close()

      const again = await runCli(['merge-enterprises', '--data-dir', dir.path, '--keep', keep.id, '--merge', keep.id], { out: () => {}, err: (t) => err.push(t) })
      expect(again).toBe(1)
      expect(err.join('\n')).toContain('VALIDATION')
    } finally {
      dir.cleanup()
    }
  })
})
