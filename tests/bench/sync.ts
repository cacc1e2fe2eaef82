import { openCore, type Core } from '../../electron/core/core'
import { startServer } from '../../server/server'
import type { PullResponse } from '../../shared/sync/protocol'
import { tempDir } from '../helpers/temp'
import { addNote, addRow, formatMs, timeAsync } from './table'
import { rawInsertMs, remarkChanges, remarkRows } from './write-path'

/**
 * Sync: the first sync of `changes` field changes from device A through the server (in-process, over loopback
 * HTTP) to device B, each phase timed, with B's apply rate beside raw better-sqlite3 inserts of the same records
 * in the same run; then an incremental round trip (one edit on A, A syncs, B syncs).
 */
export async function benchSync(changes = 100_000): Promise<void> {
  const records = remarkRows(Math.ceil(changes / 7))
  const all = remarkChanges(records)
  const rawMs = rawInsertMs(records)
  const rawRate = all.length / (rawMs / 1000)

  const serverDir = tempDir('fieldbook-bench-server-')
  const dirs = [tempDir('fieldbook-bench-a-'), tempDir('fieldbook-bench-b-')]
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: serverDir.path, log: false })
  const [a, b] = dirs.map((dir) => openCore({ dataDir: dir.path })) as [Core, Core]
  try {
    const { team } = await server.createTeam('bench')
    for (const [core, name] of [[a, 'A'], [b, 'B']] as const) {
      const result = await core.dispatch('sync.join', { serverUrl: server.url, inviteCode: (await server.createInvite(team.id)).code, deviceName: name })
      if (!result.ok) throw new Error(`join failed: ${result.error.message}`)
    }
    // Device A writes them as a user's edits would arrive: through the write path, in batches.
    for (let i = 0; i < all.length; i += 7_000) a.store.applyChanges(all.slice(i, i + 7_000))

    const push = await timeAsync(() => a.sync.sync())
    let applyMs = 0
    const apply = b.sync.applyPage.bind(b.sync)
    b.sync.applyPage = (page: PullResponse) => {
      const started = performance.now()
      try {
        return apply(page)
      } finally {
        applyMs += performance.now() - started
      }
    }
    const pull = await timeAsync(() => b.sync.sync())
    b.sync.applyPage = apply
    const received = (b.store.db.prepare("SELECT count(*) FROM remarks WHERE text <> ''").pluck().get() as number) === records.length
    if (!received) throw new Error('device B did not receive every record')

    const first = push.ms + pull.ms
    addRow({
      name: `first sync of ${all.length.toLocaleString('en')} field changes (${records.length.toLocaleString('en')} records, one change-log entry each) A → server → B`,
      value: `${formatMs(first)} (push ${formatMs(push.ms)}, pull ${formatMs(pull.ms)})`,
      baseline: `raw inserts of the same records ${formatMs(rawMs)}`,
      ratio: `${(first / rawMs).toFixed(1)}×`,
      goal: '< 5 s',
      ...(first < 5_000 ? {} : { note: 'over the goal; see the profile note' }),
    })
    const applyRate = all.length / (applyMs / 1000)
    addRow({
      name: 'applying pulled field changes on B (inside the pull, with the search index)',
      value: `${Math.round(applyRate).toLocaleString('en')} changes/s (${formatMs(applyMs)})`,
      baseline: `raw inserts ${Math.round(rawRate).toLocaleString('en')} values/s`,
      ratio: `${(rawRate / applyRate).toFixed(1)}× slower`,
      goal: '≈ 100,000/s',
    })

    // Incremental: one edit on A reaches B. The median of several round trips.
    const trips: number[] = []
    const target = records[0]!.id
    for (let i = 0; i < 15; i++) {
      const { ms } = await timeAsync(async () => {
        a.store.applyChanges([{ table: 'remarks', rowId: target, column: 'text', value: `改动 ${i}` }])
        await a.sync.sync()
        await b.sync.sync()
      })
      trips.push(ms)
    }
    const value = (b.store.db.prepare('SELECT text FROM remarks WHERE id = ?').pluck().get(target) as string) === '改动 14'
    if (!value) throw new Error('the last edit did not reach device B')
    trips.sort((x, y) => x - y)
    const median = trips[Math.floor(trips.length / 2)]!
    addRow({
      name: 'incremental round trip (one edit: A syncs, B syncs)',
      value: formatMs(median),
      baseline: `fastest ${formatMs(trips[0]!)}`,
      ratio: '—',
      goal: '< 100 ms',
    })
    addNote(
      `Sync: ${all.length.toLocaleString('en')} changes are ${records.length.toLocaleString('en')} change-log entries (remarks, 7 fields each), pushed in ` +
        `batches of up to 2,000 entries and pulled in pages of 5,000; client and server share one process here, so each phase includes the server's work. ` +
        `Profiled (node --cpu-prof): on B about half of applying is the store's write path and half the search index kept in the same ` +
        `transaction; parsing each page with the protocol schema is about 3 %; on A, computing each entry's base is about 2 %.`,
    )
  } finally {
    a.close()
    b.close()
    await server.close()
    serverDir.cleanup()
    for (const dir of dirs) dir.cleanup()
  }
}
