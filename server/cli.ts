import { parseArgs } from 'node:util'
import { backupServer, restoreServer } from './backup'
import { HttpError } from './errors'
import { startServer, type RunningServer } from './server'
import { ServerStore, type DeviceInfo, type InviteInfo, type Role } from './store'

/**
 * `npm run server -- …`: without a command it serves; the commands administer the same data folder (they open
 * server.db directly, also while the server runs). With --json, stdout is one JSON object. Exit codes: 0 done,
 * 1 failed, 2 called wrongly.
 */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

const DEFAULT_DATA_DIR = './fieldbook-server-data'

const HELP = `Usage:
  npm run server -- [--port 8787] [--host 127.0.0.1] [--data-dir DIR] [--trust-proxy] [--quiet]
      Serve the sync API. Prints its address; one JSON log line per request on stdout (--quiet: none).
      --trust-proxy takes client addresses from X-Forwarded-For (behind a reverse proxy only).
  npm run server -- team create NAME          Create a team; prints an admin invite code for the first device
  npm run server -- teams                     List the teams
  npm run server -- invite --team NAME [--role member|admin] [--days 7]
                                              A single-use invite code for another device
  npm run server -- devices --team NAME       The team's devices
  npm run server -- revoke DEVICE             Revoke a device (its id, or the start of it) — its token stops working
  npm run server -- backup --out FILE         Online copy of server.db (copy the blobs folder as files)
  npm run server -- restore FILE              Put a backup in place (server stopped); sets a new epoch so that
                                              every client pushes its changes again

Every command takes --data-dir DIR (default ${DEFAULT_DATA_DIR}) and --json.`

class UsageError extends Error {}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  quiet: { type: 'boolean' },
  team: { type: 'string' },
  role: { type: 'string' },
  days: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function inviteText(invite: InviteInfo): string {
  return `Invite code: ${invite.code}\n  team: ${invite.team.name}\n  role: ${invite.role}\n  expires: ${invite.expiresAt}\n  (single use; type it in the app's Sync screen to join)`
}

function devicesText(devices: DeviceInfo[]): string {
  if (devices.length === 0) return 'No devices yet. Create an invite code with: npm run server -- invite --team NAME'
  const rows = devices.map((d) =>
    [d.id, d.name, d.role, d.createdAt.slice(0, 16), d.lastSeenAt?.slice(0, 16) ?? '-', d.revokedAt ? `revoked ${d.revokedAt.slice(0, 16)}` : 'active'].join('  '),
  )
  return ['id  name  role  joined  last seen  status', ...rows].join('\n')
}

function withStore<T>(dataDir: string, run: (store: ServerStore) => T): T {
  const store = new ServerStore({ dataDir })
  try {
    return run(store)
  } finally {
    store.close()
  }
}

function requireValue(value: string | undefined, message: string): string {
  if (!value || !value.trim()) throw new UsageError(message)
  return value
}

/** Serves until SIGINT/SIGTERM, then shuts down gracefully. */
async function serve(values: Record<string, unknown>, dataDir: string, io: CliIo): Promise<number> {
  const port = Number(values['port'] ?? '8787')
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Not a port: ${String(values['port'])}`)
  const server: RunningServer = await startServer({
    port,
    host: (values['host'] as string | undefined) ?? '127.0.0.1',
    dataDir,
    trustProxy: values['trust-proxy'] === true,
    ...(values['quiet'] ? { log: false as const } : {}),
  })
  io.out(
    values['json']
      ? JSON.stringify({ url: server.url, port: server.port, dataDir: server.dataDir, epoch: server.epoch() })
      : `Fieldbook sync server listening on ${server.url} (data in ${server.dataDir})`,
  )
  // Signals repeated during shutdown are ignored (a process group kill through npm and tsx delivers two); the
  // shutdown itself is bounded by the server's timeout.
  await new Promise<void>((done) => {
    process.on('SIGINT', () => done())
    process.on('SIGTERM', () => done())
  })
  await server.close()
  return 0
}

export async function runServerCli(
  argv: string[],
  io: CliIo = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
): Promise<number> {
  const wantsJson = argv.includes('--json')
  try {
    let parsed
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    const { values, positionals } = parsed
    if (values.help) {
      io.out(HELP)
      return 0
    }
    const dataDir = values['data-dir'] ?? process.env['FIELDBOOK_SERVER_DATA_DIR'] ?? DEFAULT_DATA_DIR
    const [command, ...args] = positionals
    let result: unknown
    let text: string
    switch (command) {
      case undefined:
      case 'serve':
        return await serve(values, dataDir, io)
      case 'team': {
        if (args[0] !== 'create') throw new UsageError('Usage: npm run server -- team create NAME')
        const name = requireValue(args.slice(1).join(' '), 'Give the team a name: npm run server -- team create NAME')
        const created = withStore(dataDir, (store) => store.createTeam(name))
        result = created
        text = `Team ${created.team.name} created (id ${created.team.id}).\n${inviteText(created.invite)}`
        break
      }
      case 'teams': {
        const teams = withStore(dataDir, (store) => store.listTeams())
        result = { teams }
        text = teams.length === 0 ? 'No teams yet. Create one with: npm run server -- team create NAME' : teams.map((t) => `${t.id}  ${t.name}  changes: ${t.head}`).join('\n')
        break
      }
      case 'invite': {
        const team = requireValue(values.team, 'Name the team: npm run server -- invite --team NAME')
        const role = (values.role ?? 'member') as Role
        if (role !== 'member' && role !== 'admin') throw new UsageError('--role is member or admin')
        const days = values.days === undefined ? undefined : Number(values.days)
        if (days !== undefined && !(days > 0 && days <= 365)) throw new UsageError('--days is a number of days from 1 to 365')
        const invite = withStore(dataDir, (store) => store.createInvite(team, { role, ...(days === undefined ? {} : { days }) }))
        // Nested as in `team create`, so a script reads the code at the same place from both.
        result = { invite }
        text = inviteText(invite)
        break
      }
      case 'devices': {
        const team = requireValue(values.team, 'Name the team: npm run server -- devices --team NAME')
        const devices = withStore(dataDir, (store) => store.listDevices(team))
        result = { devices }
        text = devicesText(devices)
        break
      }
      case 'revoke': {
        const device = requireValue(args[0], 'Name the device: npm run server -- revoke DEVICE (see the devices command)')
        const revoked = withStore(dataDir, (store) => store.revokeDevice(device))
        result = { device: revoked }
        text = `Device ${revoked.name} (${revoked.id}) revoked at ${revoked.revokedAt}. Its token no longer works.`
        break
      }
      case 'backup': {
        const out = requireValue(values.out, 'Say where: npm run server -- backup --out FILE')
        const backup = await backupServer(dataDir, out)
        result = backup
        text = `Backup written to ${backup.file} (${backup.bytes} bytes, epoch ${backup.epoch}). Copy the blobs folder beside it as files.`
        break
      }
      case 'restore': {
        const file = requireValue(args[0], 'Name the backup: npm run server -- restore FILE')
        const restored = restoreServer(dataDir, file)
        result = restored
        text = `Restored ${file}. New epoch ${restored.epoch}: clients will push their changes again on their next sync.${restored.replaced ? `\nThe replaced database is kept as ${restored.replaced}.` : ''}`
        break
      }
      default:
        throw new UsageError(`Unknown command "${command}". Run with --help to see the commands.`)
    }
    io.out(wantsJson ? JSON.stringify(result) : text)
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(wantsJson ? JSON.stringify({ error: { code: 'USAGE', message: error.message } }) : `${error.message}\n\n${HELP}`)
      return 2
    }
    const data =
      error instanceof HttpError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: (error as Error).message ?? String(error) }
    io.err(wantsJson ? JSON.stringify({ error: data }) : `Error [${data.code}]: ${data.message}`)
    return 1
  }
}
