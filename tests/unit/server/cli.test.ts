import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ServerStore } from '../../../server/store'
import { tempDir } from '../../helpers/temp'

const run = promisify(execFile)
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx')

/** `npx tsx server/main.ts …` as a separate process; resolves with exit code, stdout and stderr. */
async function serverCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['server/main.ts', ...args], { cwd: process.cwd(), timeout: 30_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('sync server command line', () => {
  let dir: ReturnType<typeof tempDir>
  const groups: number[] = []
  beforeEach(() => {
    dir = tempDir('fieldbook-server-cli-')
  })
  afterEach(() => {
    // A failed test must not leave a server running.
    for (const pid of groups.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    dir.cleanup()
  })

  it('administers teams, invites and devices, printing one JSON object with --json', { timeout: 120_000 }, async () => {
    const created = await serverCli(['team', 'create', '皖苏调研组', '--data-dir', dir.path, '--json'])
    expect(created.code).toBe(0)
    const team = JSON.parse(created.stdout)
    expect(team).toMatchObject({ team: { name: '皖苏调研组', head: 0 }, invite: { role: 'admin', team: { name: '皖苏调研组' } } })
    expect(team.invite.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)

    const duplicate = await serverCli(['team', 'create', '皖苏调研组', '--data-dir', dir.path, '--json'])
    expect(duplicate.code).toBe(1)
    expect(JSON.parse(duplicate.stderr).error.message).toContain('exists already')

    const invite = await serverCli(['invite', '--team', '皖苏调研组', '--days', '3', '--data-dir', dir.path, '--json'])
    expect(invite.code).toBe(0)
    const inviteJson = JSON.parse(invite.stdout).invite
    expect(Object.keys(JSON.parse(invite.stdout))).toEqual(['invite'])
    expect(inviteJson).toMatchObject({ role: 'member', team: { id: team.team.id } })
    expect(inviteJson.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const days = (Date.parse(inviteJson.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(2.9)
    expect(days).toBeLessThanOrEqual(3)

    // A device joins with the invite (as the server would do it), then shows in the list and can be revoked.
    const store = await ServerStore.open({ dataDir: dir.path })
    const joined = await store.join({ inviteCode: inviteJson.code, deviceName: '李老师的电脑', nodeId: '0123456789abcdef' })
    await store.close()

    const devices = await serverCli(['devices', '--team', '皖苏调研组', '--data-dir', dir.path, '--json'])
    expect(JSON.parse(devices.stdout).devices).toEqual([
      expect.objectContaining({ id: joined.deviceId, name: '李老师的电脑', role: 'member', nodeId: '0123456789abcdef', revokedAt: null }),
    ])
    const revoked = await serverCli(['revoke', joined.deviceId.slice(0, 8), '--data-dir', dir.path, '--json'])
    expect(revoked.code).toBe(0)
    expect(JSON.parse(revoked.stdout).device).toMatchObject({ id: joined.deviceId, revokedAt: expect.any(String) })

    const text = await serverCli(['devices', '--team', '皖苏调研组', '--data-dir', dir.path])
    expect(text.stdout).toContain('李老师的电脑')
    expect(text.stdout).toContain('revoked')

    const unknownTeam = await serverCli(['invite', '--team', 'nobody', '--data-dir', dir.path, '--json'])
    expect(unknownTeam.code).toBe(1)
    expect(JSON.parse(unknownTeam.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    const wrongly = await serverCli(['invite', '--data-dir', dir.path])
    expect(wrongly.code).toBe(2)
  })

  it('backs up and restores with a new epoch', { timeout: 120_000 }, async () => {
    const created = JSON.parse((await serverCli(['team', 'create', 'A', '--data-dir', dir.path, '--json'])).stdout)
    const file = join(dir.path, 'backup.db')
    const backup = await serverCli(['backup', '--out', file, '--data-dir', dir.path, '--json'])
    expect(backup.code).toBe(0)
    const backupJson = JSON.parse(backup.stdout)
    expect(backupJson).toMatchObject({ file, heads: { [created.team.id]: 0 } })
    const restore = await serverCli(['restore', file, '--data-dir', dir.path, '--json'])
    expect(restore.code).toBe(0)
    const restored = JSON.parse(restore.stdout)
    expect(restored.previousEpoch).toBe(backupJson.epoch)
    expect(restored.epoch).not.toBe(backupJson.epoch)
  })

  /** Starts the server command, resolves with its address once printed; `output()` is all stdout so far. */
  async function startServing(command: string, args: string[]) {
    // Its own process group, so that a kill reaches npm, sh, tsx and node alike (npm does not pass SIGTERM on).
    const child = spawn(command, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    groups.push(child.pid!)
    let stdout = ''
    const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no address printed: ${stdout}`)), 45_000)
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (match) {
          clearTimeout(timer)
          done(match[1]!)
        }
      })
    })
    return { child, url, closed, output: () => stdout }
  }

  it('`npm run server -- --port 0` prints its address, logs requests, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const serving = await startServing('npm', ['run', '--silent', 'server', '--', '--port', '0', '--data-dir', dir.path])
    const health = await fetch(`${serving.url}/v1/health`)
    expect(await health.json()).toMatchObject({ ok: true, protocol: 1 })
    process.kill(-serving.child.pid!, 'SIGTERM')
    await serving.closed
    const lines = serving
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
    expect(lines).toContainEqual(expect.objectContaining({ method: 'GET', path: '/v1/health', status: 200 }))
    expect(lines.at(-1)).toMatchObject({ event: 'stopped' })
    expect(existsSync(join(dir.path, 'server.pid'))).toBe(false)
  })

  it('the server process exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const serving = await startServing(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dir.path, '--quiet'])
    expect((await fetch(`${serving.url}/v1/health`)).status).toBe(200)
    serving.child.kill('SIGTERM')
    expect(await serving.closed).toBe(0)
  })
})
