import { randomBytes, randomUUID } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { formatHlc } from '../../shared/hlc'
import { ServerStore } from '../../server/store'
import { serveProcess, stopProcess, throwawayDatabase } from '../helpers/server-process'
import { tempDir } from '../helpers/temp'
import { addNote, addRow } from './table'

/**
 * Server under load: `devices` simulated devices for `seconds` on loopback, each in a closed loop (push a batch of
 * `batchSize` new notes, then pull everything new since its cursor), against the server in its own process as an
 * operator runs it: SQLite, then PostgreSQL side by side. Reported: changes stored per second, p50/p95 latency of
 * pushes and of pull requests, and every error (a non-200 answer or a failed connection).
 *
 * PostgreSQL comes from FIELDBOOK_BENCH_POSTGRES, DATABASE_URL or FIELDBOOK_TEST_POSTGRES (a role that may create a
 * database: the run uses a fresh one and drops it); without any, its half is reported as not measured.
 */
export interface LoadOptions {
  devices?: number
  seconds?: number
  batchSize?: number
}

interface LoadResult {
  backend: string
  stored: number
  pulled: number
  seconds: number
  push: number[]
  pull: number[]
  errors: number
  firstError?: string
}


function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
}

async function runLoad(backend: string, storage: { dataDir: string; database?: string }, options: Required<LoadOptions>): Promise<LoadResult> {
  // The team and its devices are made on the same storage before the server starts (the server limits joins
  // from one address to 10 a minute; the devices here all come from loopback).
  const admin = await ServerStore.open(storage)
  const { team } = await admin.createTeam('load')
  const devices: { node: string; token: string; cursor: number; counter: number }[] = []
  for (let i = 0; i < options.devices; i++) {
    const node = randomBytes(8).toString('hex')
    const invite = await admin.createInvite(team.id, { days: 1 })
    const joined = await admin.join({ inviteCode: invite.code, deviceName: `device ${i}`, nodeId: node })
    devices.push({ node, token: joined.token, cursor: 0, counter: 0 })
  }
  await admin.close()

  const server = await serveProcess(['--data-dir', storage.dataDir, ...(storage.database ? ['--database', storage.database] : [])])
  const result: LoadResult = { backend, stored: 0, pulled: 0, seconds: options.seconds, push: [], pull: [], errors: 0 }
  const fail = (message: string) => {
    result.errors += 1
    result.firstError ??= message
  }
  try {
    const deadline = performance.now() + options.seconds * 1000
    const started = performance.now()
    await Promise.all(
      devices.map(async (device) => {
        const headers = { Authorization: `Bearer ${device.token}`, 'Content-Type': 'application/json' }
        while (performance.now() < deadline) {
          const changes = Array.from({ length: options.batchSize }, () => ({
            hlc: formatHlc({ millis: Date.now(), counter: device.counter++ % 60_000, node: device.node }),
            table: 'notes',
            rowId: randomUUID(),
            cells: { text: `现场记录 ${device.counter}` },
          }))
          let at = performance.now()
          try {
            const response = await fetch(`${server.url}/v1/push`, { method: 'POST', headers, body: JSON.stringify({ batchId: randomUUID(), changes }) })
            const body = (await response.json()) as { accepted?: number }
            if (response.status === 200) {
              result.push.push(performance.now() - at)
              result.stored += body.accepted ?? 0
            } else fail(`push ${response.status} ${JSON.stringify(body)}`)
          } catch (error) {
            fail(`push: ${(error as Error).message}`)
          }
          for (;;) {
            at = performance.now()
            try {
              const response = await fetch(`${server.url}/v1/pull?after=${device.cursor}&limit=1000`, { headers })
              const page = (await response.json()) as { changes: unknown[]; cursor: number; head: number }
              if (response.status !== 200) {
                fail(`pull ${response.status} ${JSON.stringify(page)}`)
                break
              }
              result.pull.push(performance.now() - at)
              result.pulled += page.changes.length
              device.cursor = page.cursor
              if (page.cursor >= page.head) break
            } catch (error) {
              fail(`pull: ${(error as Error).message}`)
              break
            }
          }
        }
      }),
    )
    result.seconds = (performance.now() - started) / 1000
  } finally {
    await stopProcess(server.child)
  }
  result.push.sort((a, b) => a - b)
  result.pull.sort((a, b) => a - b)
  return result
}

async function withPostgres<T>(url: string, run: (database: string) => Promise<T>): Promise<T> {
  const database = await throwawayDatabase(url, 'fieldbook_bench')
  try {
    return await run(database.url)
  } finally {
    await database.drop()
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`

function report(result: LoadResult, baseline: LoadResult | undefined, options: Required<LoadOptions>): void {
  const rate = result.stored / result.seconds
  const label = `server load, ${result.backend} (${options.devices} devices, ${options.seconds} s)`
  const baselineRate = baseline ? baseline.stored / baseline.seconds : undefined
  addRow({
    name: `${label}: changes stored/s`,
    value: `${Math.round(rate).toLocaleString('en')}/s`,
    baseline: baselineRate === undefined ? `pulled ${Math.round(result.pulled / result.seconds).toLocaleString('en')}/s` : `SQLite ${Math.round(baselineRate).toLocaleString('en')}/s`,
    ratio: baselineRate === undefined ? '—' : `${(rate / baselineRate).toFixed(2)}×`,
    goal: baselineRate === undefined ? '—' : '≥ 0.5× SQLite',
  })
  const p95 = percentile(result.push, 95)
  addRow({
    name: `${label}: push p50 / p95`,
    value: `${ms(percentile(result.push, 50))} / ${ms(p95)}`,
    baseline: `pull p50 / p95 ${ms(percentile(result.pull, 50))} / ${ms(percentile(result.pull, 95))}`,
    ratio: '—',
    goal: 'p95 push < 200 ms',
    ...(p95 < 200 ? {} : { note: 'p95 push over its goal' }),
  })
  addRow({
    name: `${label}: errors`,
    value: `${result.errors} of ${result.push.length + result.pull.length + result.errors} requests`,
    baseline: '—',
    ratio: '—',
    goal: '0',
    ...(result.errors === 0 ? {} : { note: `first: ${result.firstError}` }),
  })
}

export async function benchServerLoad(options: LoadOptions = {}): Promise<void> {
  const settings: Required<LoadOptions> = { devices: options.devices ?? 30, seconds: options.seconds ?? 60, batchSize: options.batchSize ?? 5 }
  const sqliteDir = tempDir('fieldbook-bench-load-sqlite-')
  let sqlite: LoadResult
  try {
    sqlite = await runLoad('SQLite', { dataDir: sqliteDir.path }, settings)
  } finally {
    sqliteDir.cleanup()
  }
  report(sqlite, undefined, settings)
  const postgresUrl = process.env['FIELDBOOK_BENCH_POSTGRES'] || process.env['DATABASE_URL'] || process.env['FIELDBOOK_TEST_POSTGRES']
  if (!postgresUrl) {
    addNote('Server load on PostgreSQL was not measured: set FIELDBOOK_BENCH_POSTGRES (or DATABASE_URL) to a role that may create a database.')
    return
  }
  const blobs = tempDir('fieldbook-bench-load-pg-')
  try {
    const postgres = await withPostgres(postgresUrl, (database) => runLoad('PostgreSQL', { dataDir: blobs.path, database }, settings))
    report(postgres, sqlite, settings)
  } finally {
    blobs.cleanup()
  }
  addNote(
    `Server load: each of ${settings.devices} devices pushes ${settings.batchSize} new notes, then pulls everything new (pages of 1,000), ` +
      `in a closed loop without pauses, against the server in its own process on loopback; the load generator shares the machine's cores ` +
      `with the server and, for PostgreSQL, with the database (default settings, synchronous commit).`,
  )
}

// Run on its own: `npx tsx tests/bench/server-load.ts [seconds]` measures only the server under load (60 s per
// backend by default), printing each figure as it comes.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = process.argv[2] ? Number(process.argv[2]) : undefined
  await benchServerLoad(seconds ? { seconds } : {})
}
