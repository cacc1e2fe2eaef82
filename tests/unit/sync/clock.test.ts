import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MAX_CLOCK_DRIFT_MS, parseHlc } from '../../../shared/hlc'
import type { SyncStatus, SyncSummary } from '../../../shared/procedures/sync'
import { dispatchFailure } from '../../helpers/core'
import { joinDevice, openDevice, serverChangeIds, startTeamServer, type Device, type TeamServer } from './helpers'

const YEAR = 365 * 24 * 60 * 60_000

/** A team whose server refuses clocks more than `maxClockDriftMs` ahead of its time, one device a year ahead. */
function teamWithAYearAheadDevice(maxClockDriftMs: number) {
  const setup = {} as { team: TeamServer; ahead: Device; other: Device; skew: number }
  beforeEach(async () => {
    setup.team = await startTeamServer(undefined, { maxClockDriftMs })
    setup.skew = YEAR
    setup.ahead = openDevice('王老师的笔记本', { wallClock: () => Date.now() + setup.skew })
    setup.other = openDevice('李老师的笔记本')
    await joinDevice(setup.ahead, setup.team)
    await joinDevice(setup.other, setup.team)
  })
  afterEach(async () => {
    setup.ahead.close()
    setup.other.close()
    await setup.team.cleanup()
  })
  return setup
}

const status = (device: Device) => device.ok<SyncStatus>('sync.status', {})

describe('a device whose clock runs a year ahead', () => {
  const setup = teamWithAYearAheadDevice(DEFAULT_MAX_CLOCK_DRIFT_MS)
  const serverChanges = async () => (await serverChangeIds(setup.team)).changes.map((change) => change.hlc)

  it('is refused with how far ahead it is, keeps every change, and sends them with a right clock once it is set right', async () => {
    const { ahead, other } = setup
    const firm = await ahead.ok('enterprise.create', { name: '汇润集团', profile: '饮料生产' })
    await ahead.ok('enterprise.update', { id: firm.id, patch: { profile: '饮料与包装生产' } })
    const pending = (await status(ahead)).pendingChanges
    expect(pending).toBe(2)

    const refused = await dispatchFailure(ahead.core, 'sync.now', {})
    expect(refused.code).toBe('SYNC_CLOCK_AHEAD')
    const after = await status(ahead)
    expect(after).toMatchObject({ pendingChanges: pending, phase: 'error', lastError: { code: 'SYNC_CLOCK_AHEAD' } })
    expect(after.clockAhead!.aheadMs).toBeGreaterThan(YEAR - 60_000)
    expect(after.clockAhead!.aheadMs).toBeLessThan(YEAR + 60_000)
    expect(Math.abs(after.clockAhead!.serverTime - Date.now())).toBeLessThan(60_000)
    expect(after.clockAhead!.maxDriftMs).toBe(DEFAULT_MAX_CLOCK_DRIFT_MS)
    expect(await serverChanges()).toEqual([])
    // Still wrong: refused again, nothing stamped again, nothing lost.
    expect((await dispatchFailure(ahead.core, 'sync.now', {})).code).toBe('SYNC_CLOCK_AHEAD')
    expect((await status(ahead)).pendingChanges).toBe(pending)

    // The user sets the clock right: the waiting changes are stamped again and go through.
    setup.skew = 0
    const summary = await ahead.ok<SyncSummary>('sync.now', {})
    expect(summary.pushed).toBe(pending)
    const fixed = await status(ahead)
    expect(fixed.clockAhead).toBeUndefined()
    expect(fixed.lastError).toBeUndefined()
    expect(fixed.pendingChanges).toBe(0)
    const limit = Date.now() + DEFAULT_MAX_CLOCK_DRIFT_MS
    expect(await serverChanges()).toHaveLength(2)
    for (const hlc of await serverChanges()) expect(parseHlc(hlc).millis).toBeLessThanOrEqual(limit)
    // The row's clocks moved with the change log, and the device's own clock came back.
    for (const hlc of Object.values(ahead.core.store.clocksOf('enterprises', firm.id))) expect(parseHlc(hlc).millis).toBeLessThanOrEqual(limit)
    expect(parseHlc(ahead.core.store.clock.current()).millis).toBeLessThanOrEqual(limit)
    // The order of its own edits is kept: the later profile wins.
    await other.ok('sync.now', {})
    expect(await other.ok('enterprise.get', { id: firm.id })).toMatchObject({ name: '汇润集团', profile: '饮料与包装生产' })

    // A later edit elsewhere wins over the year-ahead device's earlier one.
    await other.ok('enterprise.update', { id: firm.id, patch: { profile: '饮料生产，急需设备维护技工' } })
    await other.ok('sync.now', {})
    await ahead.ok('sync.now', {})
    expect(await ahead.ok('enterprise.get', { id: firm.id })).toMatchObject({ profile: '饮料生产，急需设备维护技工' })
  })

})

describe('a year-ahead device behind a server that lets its clock through', () => {
  // An older server without the refusal: the change arrives, and the other clock stays near its wall clock.
  const setup = teamWithAYearAheadDevice(2 * YEAR)

  it('cannot drag another device’s clock along when its changes reach it anyway', async () => {
    const { ahead, other } = setup
    await ahead.ok('enterprise.create', { name: '七彩灵慧' })
    await ahead.ok('sync.now', {})
    await other.ok('sync.now', {})
    expect(await other.ok('enterprise.list', {})).toHaveLength(1)
    expect(parseHlc(other.core.store.clock.current()).millis).toBeLessThanOrEqual(Date.now() + DEFAULT_MAX_CLOCK_DRIFT_MS)
    await other.ok('trip.create', { title: '苏南访企', startDate: '2025-06-01', endDate: '2025-06-02' })
    expect(parseHlc(other.core.store.clock.current()).millis).toBeLessThanOrEqual(Date.now() + DEFAULT_MAX_CLOCK_DRIFT_MS)
    // The other device's clock is reported, in days.
    expect((await status(other)).clockDriftMs).toBeGreaterThan(YEAR - 60_000)
  })
})
