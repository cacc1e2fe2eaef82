import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/core/cli/run'
import { openCore } from '../../../electron/core/core'
import { tempDir } from '../../helpers/temp'
import { startTeamServer, type TeamServer } from './helpers'

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('cli sync', () => {
  let team: TeamServer
  let dirA: ReturnType<typeof tempDir>
  let dirB: ReturnType<typeof tempDir>
  beforeEach(async () => {
    team = await startTeamServer()
    dirA = tempDir()
    dirB = tempDir()
  })
  afterEach(async () => {
    dirA.cleanup()
    dirB.cleanup()
    await team.cleanup()
  })

  it('joins with an invite code, syncs once and prints a summary', async () => {
    const created = await cli(['trip-create', '--data-dir', dirA.path, '--title', '皖苏访企拓岗', '--start', '2025-05-16', '--end', '2025-05-19'])
    expect(created.code).toBe(0)
    const first = await cli(['sync', '--data-dir', dirA.path, '--server', team.server.url, '--invite', await team.invite(), '--name', '秘书处台式机'])
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toContain(`Joined and synced with ${team.server.url} (team 皖苏调研组, as 秘书处台式机)`)
    expect(first.out).toContain('changes: 1 sent, 0 received')

    const second = await cli(['sync', '--data-dir', dirB.path, '--server', `${team.server.url}/`, '--invite', await team.invite(), '--json'])
    expect(second.code).toBe(0)
    const result = JSON.parse(second.out) as { joined: boolean; summary: { pulled: number }; status: { pendingChanges: number } }
    expect(result).toMatchObject({ joined: true, summary: { pulled: 1 }, status: { pendingChanges: 0 } })
    const core = openCore({ dataDir: dirB.path })
    try {
      expect(core.records.trip.list().map((t) => t.title)).toEqual(['皖苏访企拓岗'])
    } finally {
      core.close()
    }

    // Joined already: no invite needed any more.
    const again = await cli(['sync', '--data-dir', dirA.path])
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/^Synced with/)
  })

  it('exits non-zero with the reason when it cannot sync', async () => {
    const notJoined = await cli(['sync', '--data-dir', dirA.path, '--server', team.server.url, '--json'])
    expect(notJoined.code).toBe(1)
    expect(JSON.parse(notJoined.err)).toMatchObject({ error: { code: 'SYNC_NOT_JOINED' } })
    const badInvite = await cli(['sync', '--data-dir', dirA.path, '--server', team.server.url, '--invite', 'NOPE-NOPE'])
    expect(badInvite.code).toBe(1)
    expect(badInvite.err).toContain('[SYNC_INVITE_INVALID]')
    expect((await cli(['sync', '--data-dir', dirA.path, '--server', team.server.url, '--invite', await team.invite()])).code).toBe(0)
    await team.stop()
    const offline = await cli(['sync', '--data-dir', dirA.path])
    expect(offline.code).toBe(1)
    expect(offline.err).toContain('[SYNC_UNREACHABLE]')
  })
})
