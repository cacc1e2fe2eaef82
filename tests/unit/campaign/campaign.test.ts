import { execFileSync } from 'node:child_process'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../../electron/core/core'
import { weekStart } from '../../../electron/core/domain/campaign-dates'
import { levelFromPosition, staffIdForName } from '../../../electron/core/domain/campaign-staff'
import { buildCampaignDocument } from '../../../electron/core/reports/campaign/export'
import { DATABASE_FILE } from '../../../electron/core/store/store'
import { MIGRATIONS, migrate } from '../../../electron/core/store/migrations'
import type { CampaignFigures } from '../../../shared/procedures/campaign'
import type { TripDashboard } from '../../../shared/procedures/trip-overview'
import { DEFAULT_COLLEGE_PROFILE } from '../../../shared/schemas/settings'
import { useTempCore, type Row } from '../../helpers/core'
import { docxToPdf } from '../../helpers/pdf'
import { tempDir } from '../../helpers/temp'

const temp = useTempCore()
const { ok, failure } = temp
const TODAY = '2025-12-31'
const figures = (input: Record<string, unknown> = {}) => ok<CampaignFigures>('campaign.figures', { today: TODAY, ...input })

async function directory() {
  const president = await ok('staff.create', { name: '王校长', position: '校长', department: '校领导', level: 'school' })
  const dean = await ok('staff.create', { name: '李院长', position: '智能制造学院院长', department: '智能制造学院', level: 'department' })
  const teacher = await ok('staff.create', { name: '赵老师', position: '专业教师', department: '智能制造学院' })
  const enterprise = await ok('enterprise.create', { name: '苏州汇润机电有限公司', region: '江苏苏州', industry: '智能制造', creditCode: '' })
  return { president, dean, teacher, enterprise }
}

describe('campaign figures', () => {
  it("count a visit on the period's last day and not one on the day after; the year is the default period", async () => {
    const { president, enterprise } = await directory()
    await ok('campaign.quickVisit', { date: '2025-12-31', enterpriseId: enterprise.id, staffIds: [president.id], jobs: 5 })
    await ok('campaign.quickVisit', { date: '2026-01-01', enterpriseId: enterprise.id, staffIds: [president.id], internships: 7 })

    const year = await figures()
    expect(year.period).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(year.totals.visits).toBe(1)
    expect(year.totals.positions).toEqual({ jobs: 5, internships: 0, total: 5, committedByAgreements: 0 })
    expect(year.leaders.find((l) => l.staffId === president.id)).toMatchObject({ visits: 1, lastVisit: '2025-12-31', quota: 100 })

    const custom = await figures({ from: '2025-12-31', to: '2026-01-01' })
    expect(custom.totals.visits).toBe(2)
    expect(custom.totals.positions.total).toBe(12)
    // The second visit is a return: the enterprise was visited before 2026 began.
    const next = await figures({ from: '2026-01-01', to: '2026-01-31' })
    expect(next.totals).toMatchObject({ enterprisesVisited: 1, newEnterprises: 0, visits: 1 })
    expect((await figures({ from: '2025-12-01', to: '2025-12-31' })).totals.newEnterprises).toBe(1)

    // A custom period in the settings becomes the default.
    await ok('campaign.updateSettings', {
      period: { kind: 'custom', from: '2026-01-01', to: '2026-08-31' },
      quotas: { school: 60, department: 30, other: 0 },
      targets: { positions: 0, agreements: 0 },
    })
    const settled = await figures()
    expect(settled.period).toEqual({ from: '2026-01-01', to: '2026-08-31' })
    expect(settled.leaders.find((l) => l.staffId === president.id)).toMatchObject({ visits: 1, quota: 60 })
    expect((await failure('campaign.figures', { today: TODAY, from: '2026-02-01', to: '2026-01-01' })).code).toBe('VALIDATION')
  })

  it("put dates in the same week and month whatever the machine's time zone", async () => {
    const { president, enterprise } = await directory()
    // 2 March 2025 is a Sunday: its week starts on Monday 24 February.
    await ok('campaign.quickVisit', { date: '2025-03-02', enterpriseId: enterprise.id, staffIds: [president.id] })
    await ok('campaign.quickVisit', { date: '2025-03-03', enterpriseId: enterprise.id, staffIds: [president.id] })
    const original = process.env['TZ']
    const results: CampaignFigures[] = []
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai']) {
        process.env['TZ'] = zone
        expect(weekStart('2025-03-02'), zone).toBe('2025-02-24')
        results.push(await figures({ from: '2025-02-01', to: '2025-03-31' }))
      }
    } finally {
      if (original === undefined) delete process.env['TZ']
      else process.env['TZ'] = original
    }
    for (const result of results) expect(result).toEqual(results[0])
    const weeks = Object.fromEntries(results[0]!.weeks.filter((w) => w.visits > 0).map((w) => [w.week, w.visits]))
    expect(weeks).toEqual({ '2025-02-24': 1, '2025-03-03': 1 })
    expect(results[0]!.months.map((m) => [m.month, m.visits])).toEqual([
      ['2025-02', 0],
      ['2025-03', 2],
    ])
  })
})

describe('quick visit', () => {
  it('stores trip records every report reads, with attendance, positions, agreement and follow-up', async () => {
    const { president, dean, teacher, enterprise } = await directory()
    const before = await figures({ from: '2025-05-01', to: '2025-05-31' })
    const result = await ok<{ tripId: string; visitId: string; surveyId: string; agreementId: string; actionId: string }>('campaign.quickVisit', {
      date: '2025-05-20',
      enterpriseId: enterprise.id,
      staffIds: [president.id, dean.id, teacher.id],
      agreed: '共建智能制造订单班，暑期接收实习生',
      jobs: 12,
      internships: 20,
      agreement: { title: '订单班合作协议', kind: 'order_class', positions: 40 },
      followUp: { title: '寄送订单班培养方案', owner: '李院长', dueDate: '2025-06-10' },
    })
    const dashboard = await ok<TripDashboard>('trip.dashboard', { tripId: result.tripId, today: TODAY })
    expect(dashboard).toMatchObject({ enterprisesVisited: 1, siteVisits: 1, positions: { fromSurveys: { employment: 12, internship: 20, total: 32 }, fromAgreements: 40 } })
    const members = await ok<Row[]>('member.list', { tripId: result.tripId })
    expect(members.map((m) => [m['name'], m['staffId'], m['isLeader']])).toEqual([
      ['王校长', president.id, true],
      ['李院长', dean.id, false],
      ['赵老师', teacher.id, false],
    ])
    const visit = await ok<Row>('visit.get', { id: result.visitId })
    expect(visit['participantIds']).toEqual(members.map((m) => m.id).sort((a, b) => members.findIndex((m) => m.id === a) - members.findIndex((m) => m.id === b)))

    const after = await figures({ from: '2025-05-01', to: '2025-05-31' })
    expect(before.totals.visits).toBe(0)
    expect(after.totals).toMatchObject({ visits: 1, enterprisesVisited: 1, newEnterprises: 1, orderClassStudents: 40 })
    expect(after.totals.agreements.byKind.order_class).toBe(1)
    expect(after.leaders.map((l) => [l.name, l.visits])).toEqual([
      ['王校长', 1],
      ['李院长', 1],
    ])
    expect(after.ledger.map((row) => [row.staffName, row.jobs, row.internships, row.agreements, row.followUps])).toEqual([
      ['王校长', 12, 20, 1, ['寄送订单班培养方案']],
      ['李院长', 12, 20, 1, ['寄送订单班培养方案']],
      ['赵老师', 12, 20, 1, ['寄送订单班培养方案']],
    ])
    expect(after.departments.find((d) => d.department === '智能制造学院')).toMatchObject({ visits: 1, people: 2 })

    // Trashing the trip takes the quick visit out of the campaign.
    await ok('trip.delete', { id: result.tripId })
    expect((await figures({ from: '2025-05-01', to: '2025-05-31' })).totals.visits).toBe(0)
  })

  it('refuses someone not in the directory and leaves nothing behind', async () => {
    const { enterprise } = await directory()
    const tripsBefore = (await ok<Row[]>('trip.list', {})).length
    const error = await failure('campaign.quickVisit', { date: '2025-05-20', enterpriseId: enterprise.id, staffIds: ['0190e1d2-0000-7000-8000-000000000000'], jobs: 3 })
    expect(error.code).toBe('VALIDATION')
    expect((await ok<Row[]>('trip.list', {})).length).toBe(tripsBefore)
    expect((await failure('campaign.quickVisit', { date: '2025-05-20', enterpriseId: enterprise.id, staffIds: [] })).code).toBe('VALIDATION')
  })
})

describe('staff directory on upgrade', () => {
  it('links existing trip members to one person per name, the same on every laptop, and syncs the links', () => {
    const ids: string[][] = []
    for (let laptop = 0; laptop < 2; laptop++) {
      const dir = tempDir()
      try {
        // A data folder of the release before the directory, with a group of three on two trips.
        const db = new Database(`${dir.path}/${DATABASE_FILE}`)
        migrate(db, MIGRATIONS, 5)
        const insert = db.prepare("INSERT INTO trip_members (id, trip_id, name, position, department, is_leader) VALUES (?, 't', ?, ?, ?, ?)")
        insert.run(`0190e1d2-0000-7000-8000-00000000000${laptop}`, '张书记', '党委书记', '校领导', 1)
        insert.run(`0190e1d2-0000-7000-8000-00000000001${laptop}`, '刘院长', '信息工程学院院长', '信息工程学院', 0)
        insert.run(`0190e1d2-0000-7000-8000-00000000002${laptop}`, ' 张书记 ', '党委书记', '校领导', 0)
        db.close()
        const core = openCore({ dataDir: dir.path })
        try {
          const staff = core.records.staff.list()
          expect(staff.map((s) => [s['name'], s['level']])).toEqual([
            ['张书记', 'school'],
            ['刘院长', 'department'],
          ])
          const members = core.store.db.prepare('SELECT name, staff_id AS staffId FROM trip_members ORDER BY id').all() as { name: string; staffId: string }[]
          expect(members.map((m) => m.staffId)).toEqual([staffIdForName('张书记'), staffIdForName('刘院长'), staffIdForName('张书记')])
          ids.push(staff.map((s) => s.id))
          // Written through the write path: the links wait in the outbox to be pushed.
          const outbox = core.store.db.prepare("SELECT COUNT(*) AS n FROM change_log WHERE outbox = 1 AND tbl IN ('staff', 'trip_members')").get() as { n: number }
          expect(outbox.n).toBe(5)
        } finally {
          core.close()
        }
        // Opened again, nothing more is linked or created.
        const again = openCore({ dataDir: dir.path })
        expect(again.records.staff.list()).toHaveLength(2)
        again.close()
      } finally {
        dir.cleanup()
      }
    }
    expect(ids[0]).toEqual(ids[1])
  })

  it('counts the members a trip group adds without a person, and links them by name when asked', async () => {
    const { president, enterprise } = await directory()
    const trip = await ok('trip.create', { title: '苏州访企', startDate: '2025-04-08', endDate: '2025-04-09' })
    const member = await ok('member.create', { tripId: trip.id, name: '王校长', position: '校长' })
    const stranger = await ok('member.create', { tripId: trip.id, name: '周主任', position: '招生就业处处长' })
    await ok('visit.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-04-08', participantIds: [member.id, stranger.id] })
    const before = await figures({ from: '2025-04-01', to: '2025-04-30' })
    expect(before.unlinkedMembers).toBe(2)
    expect(before.leaders.find((l) => l.staffId === president.id)?.visits).toBe(0)
    expect(before.ledger.map((row) => row.staffName)).toEqual([''])

    expect(await ok<{ linked: number }>('staff.linkMembers', {})).toEqual({ linked: 2 })
    const after = await figures({ from: '2025-04-01', to: '2025-04-30' })
    expect(after.unlinkedMembers).toBe(0)
    expect(after.leaders.map((l) => [l.name, l.level, l.visits])).toEqual([
      ['王校长', 'school', 1],
      ['周主任', 'department', 1],
      ['李院长', 'department', 0],
    ])
    expect((await ok<Row>('member.get', { id: member.id }))['staffId']).toBe(president.id)
  })

  it('guesses the leadership level from the position', () => {
    expect(['党委书记', '校长', '副校长', '党委副书记'].map(levelFromPosition)).toEqual(['school', 'school', 'school', 'school'])
    expect(['智能制造学院院长', '招生就业处处长', '信息工程学院党总支书记', '校企合作中心主任'].map(levelFromPosition)).toEqual(['department', 'department', 'department', 'department'])
    expect(['辅导员', '专业带头人', ''].map(levelFromPosition)).toEqual(['other', 'other', 'other'])
  })
})

describe('campaign documents', () => {
  it('export the ledger with a row per person per visit, and a weekly report LibreOffice renders with the figures', async () => {
    const { president, dean, enterprise } = await directory()
    const other = await ok('enterprise.create', { name: '合肥星湖新能源有限公司', region: '安徽合肥', industry: '新能源' })
    await ok('campaign.quickVisit', { date: '2025-06-02', enterpriseId: enterprise.id, staffIds: [president.id, dean.id], jobs: 8, internships: 4 })
    await ok('campaign.quickVisit', { date: '2025-06-04', enterpriseId: other.id, staffIds: [dean.id], jobs: 3, agreement: { title: '实习基地协议', kind: 'employment_base', positions: 10 } })
    await ok('campaign.quickVisit', { date: '2025-05-10', enterpriseId: other.id, staffIds: [president.id], internships: 6 })
    const context = { dataDir: temp.dir, store: temp.core.store, records: temp.core.records }
    const profile = { ...DEFAULT_COLLEGE_PROFILE, collegeName: '示范职业技术学院' }

    const ledger = await buildCampaignDocument(context, profile, { kind: 'ledger', from: '2025-01-01', to: '2025-12-31', today: '2025-06-05', language: 'zh', sheetPerLeader: true })
    expect(ledger.fileName).toMatch(/\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(ledger.buffer as never)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['访企拓岗台账', '王校长', '李院长'])
    const rows = workbook.worksheets[0]!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))
    expect(rows[0]!.slice(0, 6)).toEqual(['日期', '企业名称', '统一社会信用代码', '行业', '地区', '走访人'])
    expect(rows.slice(1).map((r) => [r[0], r[1], r[5], r[10], r[11], r[12]])).toEqual([
      ['2025-05-10', '合肥星湖新能源有限公司', '王校长', 0, 6, 0],
      ['2025-06-02', '苏州汇润机电有限公司', '王校长', 8, 4, 0],
      ['2025-06-02', '苏州汇润机电有限公司', '李院长', 8, 4, 0],
      ['2025-06-04', '合肥星湖新能源有限公司', '李院长', 3, 0, 1],
    ])

    const weekly = await buildCampaignDocument(context, profile, { kind: 'weekly', from: '2025-01-01', to: '2025-12-31', today: '2025-06-05', language: 'zh' })
    const summary = await buildCampaignDocument(context, profile, { kind: 'summary', from: '2025-01-01', to: '2025-12-31', today: '2025-06-05', language: 'en' })
    for (const [document, expected] of [
      [weekly, ['工作周报', '2025年6月2日至2025年6月8日', '走访企业2家次', '调研新增岗位15个（就业岗位11个、实习岗位4个）', '协议承诺岗位10个', '累计走访企业3家次', '王校长']],
      [summary, ['summary of the employer visits campaign', '3 enterprise visits to 2 enterprises', '21 new positions surveyed (11 jobs and 10 internships)', 'Month by month']],
    ] as const) {
      const { pdf, cleanup } = docxToPdf(document.buffer)
      try {
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
        for (const phrase of expected) expect(text).toContain(phrase.replace(/\s+/g, ''))
      } finally {
        cleanup()
      }
    }
  }, 180_000)
})
