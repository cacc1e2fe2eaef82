import { expect, it } from 'vitest'
import { runServerCli } from '../../../server/cli'
import { startServer, type LogEntry, type ServerOptions } from '../../../server/server'
import { tempDir } from '../../helpers/temp'
import { describeBackends, storageFor } from './backends'

const DAY_MS = 24 * 60 * 60_000

describeBackends('sync server: audit log retention', (backend) => {
  it('removes entries older than the retention at start and then on its schedule, keeping newer ones', async () => {
    const dir = tempDir('fieldbook-server-audit-')
    const storage = await storageFor(backend)
    let clock = Date.parse('2025-05-16T08:00:00.000Z')
    const logs: LogEntry[] = []
    const options = (extra: Partial<ServerOptions>): ServerOptions => ({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir.path,
      log: (entry) => logs.push(entry),
      now: () => clock,
      ...(storage.database ? { database: storage.database } : {}),
      ...extra,
    })
    try {
      let server = await startServer(options({ auditDays: 30 }))
      const { team } = await server.createTeam('皖苏调研组')
      clock += 20 * DAY_MS
      await server.createInvite(team.id, { role: 'viewer' })
      expect((await server.auditLog(team.id)).map((entry) => entry.action)).toEqual(['team.create', 'invite.create', 'invite.create'])
      await server.close()

      // 35 days after the team was made: its entries (the team and its first invite) are past 30 days; the
      // viewer's invite, 15 days old, stays.
      clock += 15 * DAY_MS
      server = await startServer(options({ auditDays: 30, auditTrimIntervalMs: 20 }))
      try {
        expect((await server.auditLog(team.id)).map((entry) => entry.action)).toEqual(['invite.create'])
        expect(logs).toContainEqual(expect.objectContaining({ event: 'audit-trimmed', message: expect.stringContaining('2 audit entries') }))

        // While it runs: once the invite's entry is past the retention, the next scheduled trim removes it.
        clock += 16 * DAY_MS
        const deadline = Date.now() + 10_000
        while ((await server.auditLog(team.id)).length > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20))
        expect(await server.auditLog(team.id)).toEqual([])
      } finally {
        await server.close()
      }
    } finally {
      await storage.drop()
      dir.cleanup()
    }
  })
})

it('refuses an audit retention that is not a whole number of days', async () => {
  const errors: string[] = []
  const code = await runServerCli(['--audit-days', '0', '--data-dir', tempDir('fieldbook-server-audit-cli-').path], {
    out: () => {},
    err: (text) => errors.push(text),
  })
  expect(code).toBe(2)
  expect(errors.join('\n')).toMatch(/--audit-days is a whole number of days/)
})
