import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations'
import { useTempCore } from '../../helpers/core'

const reference = {
  title: '皖苏两省访企拓岗调研',
  purpose: '访企拓岗，深化校企合作',
  startDate: '2025-05-16',
  endDate: '2025-05-19',
  regions: ['安徽', '江苏'],
}

describe('trips through the dispatcher', () => {
  const temp = useTempCore({ appVersion: '1.2.3' })

  it('creates, lists, updates, deletes and restores a trip, persisted in the SQLite file', async () => {
    const created = await temp.core.dispatch('trip.create', reference)
    expect(created).toMatchObject({ ok: true, value: { ...reference, status: 'planned', deleted: false } })
    const id = created.ok ? (created.value as { id: string }).id : ''
    expect(id).toMatch(/^[0-9a-f-]{36}$/)

    const updated = await temp.core.dispatch('trip.update', { id, patch: { status: 'ongoing', title: '皖苏调研（第一批）' } })
    expect(updated).toMatchObject({ ok: true, value: { status: 'ongoing', title: '皖苏调研（第一批）' } })

    await temp.core.dispatch('trip.delete', { id })
    expect(await temp.core.dispatch('trip.list', {})).toEqual({ ok: true, value: [] })
    await temp.core.dispatch('trip.restore', { id })

    temp.reopen()
    const list = await temp.core.dispatch('trip.list', {})
    expect(list).toMatchObject({ ok: true, value: [{ id, title: '皖苏调研（第一批）', regions: ['安徽', '江苏'] }] })
  })

  it('writes only the fields a patch really changes', async () => {
    const created = await temp.core.dispatch('trip.create', reference)
    const id = created.ok ? (created.value as { id: string }).id : ''
    const before = temp.core.store.db.prepare('SELECT count(*) n FROM change_log').get() as { n: number }
    await temp.core.dispatch('trip.update', { id, patch: { title: reference.title, purpose: '新的目的' } })
    const after = temp.core.store.db.prepare('SELECT count(*) n FROM change_log').get() as { n: number }
    expect(after.n - before.n).toBe(1)
    expect(temp.core.store.db.prepare('SELECT cells FROM change_log ORDER BY seq DESC LIMIT 1').get()).toEqual({ cells: '{"purpose":"新的目的"}' })
  })

  it('returns field errors as translation keys and writes nothing', async () => {
    const result = await temp.core.dispatch('trip.create', { ...reference, title: '   ', endDate: '2025-05-10' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('title'),
        details: {
          fieldErrors: expect.arrayContaining([
            { path: 'title', key: 'required' },
            { path: 'endDate', key: 'endBeforeStart' },
          ]),
        },
      },
    })
    expect(temp.core.store.db.prepare('SELECT count(*) n FROM trips').get()).toEqual({ n: 0 })
  })

  it('checks a patch against the whole record: an end date moved before the start is refused', async () => {
    const created = await temp.core.dispatch('trip.create', reference)
    const id = created.ok ? (created.value as { id: string }).id : ''
    const result = await temp.core.dispatch('trip.update', { id, patch: { endDate: '2025-05-01' } })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fieldErrors: [{ path: 'endDate', key: 'endBeforeStart' }] } } })
    expect(temp.core.records.trip.get(id).endDate).toBe('2025-05-19')
  })

  it('refuses impossible dates, unknown procedures and missing records with their codes', async () => {
    expect(await temp.core.dispatch('trip.create', { ...reference, startDate: '2025-02-30' })).toMatchObject({
      ok: false,
      error: { details: { fieldErrors: [{ path: 'startDate', key: 'invalidDate' }] } },
    })
    expect(await temp.core.dispatch('trip.drop_all', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } })
    expect(await temp.core.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } })
    expect(await temp.core.dispatch('trip.get', { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await temp.core.dispatch('trip.list', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('hides internal failures behind INTERNAL without leaking details', async () => {
    const logged: unknown[] = []
    temp.reopen({ log: (e) => logged.push(e) })
    temp.core.store.db.exec('DROP TABLE trips')
    const result = await temp.core.dispatch('trip.list', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toMatch(/no such table/)
    expect(String(logged[0])).toMatch(/no such table/)
  })

  it('announces changed tables to event listeners', async () => {
    const events: unknown[] = []
    temp.core.onEvent((e) => events.push(e))
    await temp.core.dispatch('trip.create', reference)
    expect(events).toEqual([{ type: 'data.changed', tables: ['trips'] }])
  })

  it('reports app info with the schema version and node id', async () => {
    expect(await temp.core.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { version: '1.2.3', dataDir: temp.dir, schemaVersion: SCHEMA_VERSION, nodeId: temp.core.store.nodeId },
    })
  })
})
