import { describe, expect, it } from 'vitest'
import { useTempCore } from '../../helpers/core'

describe('sample trip', () => {
  const temp = useTempCore()

  it.each(['zh', 'en'] as const)('builds the reference trip in %s with figures that add up', async (language) => {
    const loaded = await temp.core.dispatch('app.loadSample', { language })
    expect(loaded.ok).toBe(true)
    const { tripId, title } = (loaded as { value: { tripId: string; title: string } }).value
    expect(title).toBe(language === 'zh' ? '皖苏两省访企拓岗调研' : 'Anhui–Jiangsu enterprise visits for jobs')
    const r = temp.core.records
    expect(r.member.list({ tripId }).filter((m) => m['isLeader'])).toHaveLength(1)
    const visits = r.visit.list({ tripId })
    const symposiums = r.symposium.list({ tripId })
    const enterprises = new Set([...visits, ...symposiums].map((x) => x['enterpriseId']))
    expect(enterprises.size).toBe(2)
    const agreements = r.agreement.list({ tripId })
    expect(agreements.filter((a) => a['status'] === 'signed')).toHaveLength(2)
    expect(agreements.reduce((sum, a) => sum + (a['amountYuan'] as number), 0)).toBe(5_000_000)
    const surveys = r.survey.list({ tripId })
    expect(surveys).toHaveLength(2)
    const positions = surveys.flatMap((s) => r.position.list({ surveyId: s.id }))
    const headcount = (kind: string) => positions.filter((p) => p['kind'] === kind).reduce((sum, p) => sum + (p['headcount'] as number), 0)
    expect(headcount('employment')).toBe(185)
    expect(headcount('internship')).toBe(130)
    const quotes = symposiums.flatMap((s) => r.remark.list({ symposiumId: s.id })).filter((m) => m['isQuote'])
    expect(quotes).toHaveLength(2)
    expect(r.action.list({ tripId })).toHaveLength(3)
  })

  it('reuses the enterprise files when loaded twice', async () => {
    await temp.core.dispatch('app.loadSample', { language: 'zh' })
    await temp.core.dispatch('app.loadSample', { language: 'zh' })
    expect(temp.core.records.trip.list()).toHaveLength(2)
    expect(temp.core.records.enterprise.list()).toHaveLength(2)
  })
})
