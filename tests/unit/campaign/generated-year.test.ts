import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../electron/core/core'
import { generateSample, SAMPLE_TODAY } from '../../../electron/core/sample/generator'
import type { CampaignFigures } from '../../../shared/procedures/campaign'
import type { TripDashboard } from '../../../shared/procedures/trip-overview'
import { dispatchOk, type Row } from '../../helpers/core'
import { tempDir } from '../../helpers/temp'

/**
 * The campaign's figures over a generated year, checked against the records counted another way: through the
 * record services, one record at a time, as a person with the lists in front of them would count.
 */
describe('campaign figures over a generated year', () => {
  const dir = tempDir('fieldbook-campaign-')
  let core: Core
  const year = SAMPLE_TODAY.slice(0, 4)
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  let figures: CampaignFigures

  beforeAll(async () => {
    core = openCore({ dataDir: dir.path })
    await generateSample(core.store, { size: 'S', seed: 11, dataDir: dir.path, quickVisits: 40 })
    figures = await dispatchOk<CampaignFigures>(core, 'campaign.figures', { from, to, today: SAMPLE_TODAY })
  }, 120_000)
  afterAll(() => {
    core.close()
    dir.cleanup()
  })

  /** Every live visit and symposium with the staff ids of the people of ours at it, from the record services. */
  function attendedRecords() {
    const records = core.records
    const liveTrips = new Set(records.trip.list().map((trip) => trip.id))
    const staffOfMember = new Map(
      records.trip
        .list()
        .flatMap((trip) => records.member.list({ tripId: trip.id }))
        .map((member) => [member.id, String(member['staffId'])]),
    )
    const out: { enterpriseId: string; date: string; tripId: string; staff: string[] }[] = []
    for (const visit of records.visit.list()) {
      if (!liveTrips.has(String(visit['tripId']))) continue
      const staff = (visit['participantIds'] as string[]).map((id) => staffOfMember.get(id) ?? '').filter(Boolean)
      out.push({ enterpriseId: String(visit['enterpriseId']), date: String(visit['date']), tripId: String(visit['tripId']), staff })
    }
    for (const symposium of records.symposium.list()) {
      if (!liveTrips.has(String(symposium['tripId']))) continue
      const staff = records.attendee
        .list({ symposiumId: symposium.id })
        .filter((a) => a['side'] === 'school')
        .map((a) => staffOfMember.get(String(a['memberId'])) ?? '')
        .filter(Boolean)
      out.push({ enterpriseId: String(symposium['enterpriseId']), date: String(symposium['date']), tripId: String(symposium['tripId']), staff })
    }
    return out
  }

  it('counts each leader once per enterprise per day, with their distinct enterprises and last visit', () => {
    const inYear = attendedRecords().filter((r) => r.date >= from && r.date <= to)
    const visitsOf = new Map<string, Set<string>>()
    for (const record of inYear) {
      for (const staffId of record.staff) {
        const set = visitsOf.get(staffId) ?? new Set<string>()
        set.add(`${record.enterpriseId}|${record.date}`)
        visitsOf.set(staffId, set)
      }
    }
    const schoolLeaders = figures.leaders.filter((leader) => leader.level === 'school')
    expect(schoolLeaders.length).toBeGreaterThan(0)
    expect(figures.leaders.some((leader) => leader.visits > 0)).toBe(true)
    for (const leader of figures.leaders) {
      const visits = visitsOf.get(leader.staffId) ?? new Set()
      expect(leader.visits, leader.name).toBe(visits.size)
      expect(leader.enterprises, leader.name).toBe(new Set([...visits].map((key) => key.split('|')[0])).size)
      expect(leader.lastVisit, leader.name).toBe([...visits].map((key) => key.split('|')[1]!).sort().at(-1) ?? '')
      expect(leader.quota).toBe(leader.level === 'school' ? 100 : 0)
    }
    // The ledger has one row per person present per enterprise visit.
    for (const leader of figures.leaders) {
      expect(figures.ledger.filter((row) => row.staffId === leader.staffId)).toHaveLength(leader.visits)
    }
  })

  it('counts distinct enterprises, and new ones as those no one of ours visited before the period', () => {
    const all = attendedRecords()
    const inYear = all.filter((r) => r.date >= from && r.date <= to)
    const enterprises = new Set(inYear.map((r) => r.enterpriseId))
    const before = new Set(all.filter((r) => r.date < from).map((r) => r.enterpriseId))
    expect(figures.totals.enterprisesVisited).toBe(enterprises.size)
    expect(figures.totals.visits).toBe(new Set(inYear.map((r) => `${r.enterpriseId}|${r.date}`)).size)
    expect(figures.totals.newEnterprises).toBe([...enterprises].filter((id) => !before.has(id)).length)
    expect(figures.totals.newEnterprises).toBeGreaterThan(0)
    expect(figures.totals.newEnterprises).toBeLessThan(figures.totals.enterprisesVisited)
    // The weeks and months add up to the period's visits.
    expect(figures.weeks.reduce((sum, week) => sum + week.visits, 0)).toBe(figures.totals.visits)
    expect(figures.months.reduce((sum, month) => sum + month.visits, 0)).toBe(figures.totals.visits)
    expect(figures.months.reduce((sum, month) => sum + month.jobs + month.internships, 0)).toBe(figures.totals.positions.total)
  })

  it("gives, for one trip's dates, the figures of that trip's dashboard", async () => {
    const trips = core.records.trip.list()
    const checked: string[] = []
    for (const trip of trips) {
      const start = String(trip['startDate'])
      const end = String(trip['endDate'])
      // Only trips no other trip shares a day with: the campaign adds up every trip of the period.
      const overlapping = trips.some((other) => other.id !== trip.id && String(other['startDate']) <= end && String(other['endDate']) >= start)
      if (overlapping) continue
      const dashboard = await dispatchOk<TripDashboard>(core, 'trip.dashboard', { tripId: trip.id, today: SAMPLE_TODAY })
      const campaign = await dispatchOk<CampaignFigures>(core, 'campaign.figures', { from: start, to: end, today: SAMPLE_TODAY })
      expect(campaign.totals.enterprisesVisited, String(trip['title'])).toBe(dashboard.enterprisesVisited)
      expect(campaign.totals.siteVisits).toBe(dashboard.siteVisits)
      expect(campaign.totals.symposiums).toBe(dashboard.symposiums)
      expect(campaign.totals.positions.jobs).toBe(dashboard.positions.fromSurveys.employment)
      expect(campaign.totals.positions.internships).toBe(dashboard.positions.fromSurveys.internship)
      expect(campaign.totals.positions.total).toBe(dashboard.positions.fromSurveys.total)
      expect(campaign.totals.positions.committedByAgreements).toBe(dashboard.positions.fromAgreements)
      expect(campaign.totals.agreements.total).toBe(dashboard.agreements.total)
      expect(campaign.totals.agreements.byKind).toEqual(dashboard.agreements.byKind)
      checked.push(trip.id)
      if (checked.length >= 8) break
    }
    expect(checked.length).toBeGreaterThan(3)
  })

  it('gives the progress view the same figures without the ledger rows', async () => {
    const progress = await dispatchOk<CampaignFigures>(core, 'campaign.figures', { from, to, today: SAMPLE_TODAY, ledger: false })
    expect(progress.ledger).toEqual([])
    expect(figures.ledger.length).toBeGreaterThan(0)
    expect({ ...progress, ledger: figures.ledger }).toEqual(figures)
  })

  it('reads the quick visits as visits of the leader who led them', async () => {
    const quick = core.records.trip.list().filter((trip) => trip['startDate'] === trip['endDate'] && String(trip['title']).startsWith('走访'))
    expect(quick.length).toBe(40)
    const trip = quick[0] as Row
    const lead = core.records.member.list({ tripId: trip.id }).find((m) => m['isLeader'])!
    const day = String(trip['startDate'])
    const oneDay = await dispatchOk<CampaignFigures>(core, 'campaign.figures', { from: day, to: day, today: SAMPLE_TODAY })
    expect(oneDay.ledger.some((row) => row.tripId === trip.id && row.staffId === lead['staffId'])).toBe(true)
  })
})
