import { parseArgs } from 'node:util'
import { backupServer, restoreServer } from './backup'
import { HttpError } from './errors'
import { startServer, type RunningServer } from './server'
import { DEFAULT_AUDIT_DAYS, ROLES, ServerStore, type AuditEntry, type DeviceInfo, type InviteInfo, type Role, type StoreOptions } from './store'

/**
 * `npm run server -- …`: without a command it serves; the commands administer the same storage (they open
 * server.db or the PostgreSQL database directly, also while servers run). With --json, stdout is one JSON object. Exit codes: 0 done,
 * 1 failed, 2 called wrongly.
 */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

const DEFAULT_DATA_DIR = './fieldbook-server-data'

const HELP = `Usage:
  npm run server -- [--port 8787] [--host 127.0.0.1] [--data-dir DIR] [--database URL] [--trust-proxy] [--quiet]
      Serve the sync API. Prints its address; one JSON log line per request on stdout (--quiet: none).
      --trust-proxy takes client addresses from X-Forwarded-For (behind a reverse proxy only).
      --audit-days N keeps the audit log for N days (default ${DEFAULT_AUDIT_DAYS}); older entries are removed at
      start and then daily.
  npm run server -- team create NAME          Create a team; prints an admin invite code for the first device
  npm run server -- teams                     List the teams
  npm run server -- invite --team NAME [--role member|admin|viewer] [--days 7]
                                              A single-use invite code for another device
  npm run server -- devices --team NAME       The team's devices: role, last seen, app version
  npm run server -- role DEVICE admin|member|viewer
                                              Give a device another role (a viewer pulls only)
  npm run server -- rename DEVICE NAME        Give a device another name
  npm run server -- revoke DEVICE             Revoke a device (its id, or the start of it) — its token stops working
  npm run server -- audit --team NAME         The team's audit log: joins, invites, roles, revocations, restores,
                                              refused requests (never contents or tokens)
  npm run server -- backup --out FILE         SQLite: online copy of server.db (copy the blobs folder as files)
  npm run server -- restore FILE              SQLite: put a backup in place (server stopped); sets a new epoch so
                                              that every client pushes its changes again
  npm run server -- new-epoch                 After restoring a database by other means (pg_restore): a new epoch,
                                              so that every client pushes its changes again

Every command takes --data-dir DIR (default ${DEFAULT_DATA_DIR}; with PostgreSQL it holds the blobs only),
--database postgres://… (default: the DATABASE_URL environment variable; without either, SQLite in the data
folder) and --json.`

class UsageError extends Error {}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'audit-days': { type: 'string' },
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
    [
      d.id,
      d.name,
      d.role,
      d.createdAt.slice(0, 16),
      d.lastSeenAt?.slice(0, 16) ?? '-',
      d.version ?? '-',
      d.revokedAt ? `revoked ${d.revokedAt.slice(0, 16)}` : 'active',
    ].join('  '),
  )
  return ['id  name  role  joined  last seen  version  status', ...rows].join('\n')
}

function auditText(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'Nothing recorded yet.'
  return entries
    .map((e) => [e.at.slice(0, 19), e.action, e.actor ?? '-', e.deviceId ?? '-', e.details ? JSON.stringify(e.details) : ''].join('  ').trim())
    .join('\n')
}

async function withStore<T>(storage: StoreOptions, run: (store: ServerStore) => Promise<T>): Promise<T> {
  const store = await ServerStore.open({ ...storage, poolSize: 2 })
  try {
    return await run(store)
  } finally {
    await store.close()
  }
}

function parseRole(value: string | undefined): Role {
  if (!ROLES.includes(value as Role)) throw new UsageError(`The role is one of ${ROLES.join(', ')}`)
  return value as Role
}

function requireValue(value: string | undefined, message: string): string {
  if (!value || !value.trim()) throw new UsageError(message)
  return value
}

/** Serves until SIGINT/SIGTERM, then shuts down gracefully. */
async function serve(values: Record<string, unknown>, storage: StoreOptions, io: CliIo): Promise<number> {
  const port = Number(values['port'] ?? '8787')
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Not a port: ${String(values['port'])}`)
  const auditDays = Number(values['audit-days'] ?? DEFAULT_AUDIT_DAYS)
  if (!Number.isInteger(auditDays) || auditDays < 1) throw new UsageError(`--audit-days is a whole number of days, at least 1: ${String(values['audit-days'])}`)
  const server: RunningServer = await startServer({
    port,
    host: (values['host'] as string | undefined) ?? '127.0.0.1',
    ...storage,
    trustProxy: values['trust-proxy'] === true,
    auditDays,
    ...(values['quiet'] ? { log: false as const } : {}),
  })
  io.out(
    values['json']
      ? JSON.stringify({ url: server.url, port: server.port, dataDir: server.dataDir, database: server.store.dialect, epoch: await server.epoch() })
      : `Fieldbook sync server listening on ${server.url} (${server.store.dialect === 'postgres' ? `PostgreSQL; blobs in ${server.dataDir}` : `data in ${server.dataDir}`})`,
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
    const database = values.database ?? process.env['DATABASE_URL']
    if (database !== undefined && !/^postgres(ql)?:\/\//.test(database)) throw new UsageError('--database (or DATABASE_URL) is a postgres://… connection string')
    const storage: StoreOptions = { dataDir, ...(database ? { database } : {}) }
    const [command, ...args] = positionals
    let result: unknown
    let text: string
    switch (command) {
      case undefined:
      case 'serve':
        return await serve(values, storage, io)
      case 'team': {
        if (args[0] !== 'create') throw new UsageError('Usage: npm run server -- team create NAME')
        const name = requireValue(args.slice(1).join(' '), 'Give the team a name: npm run server -- team create NAME')
        const created = await withStore(storage, (store) => store.createTeam(name))
        result = created
        text = `Team ${created.team.name} created (id ${created.team.id}).\n${inviteText(created.invite)}`
        break
      }
      case 'teams': {
        const teams = await withStore(storage, (store) => store.listTeams())
        result = { teams }
        text = teams.length === 0 ? 'No teams yet. Create one with: npm run server -- team create NAME' : teams.map((t) => `${t.id}  ${t.name}  changes: ${t.head}`).join('\n')
        break
      }
      case 'invite': {
        const team = requireValue(values.team, 'Name the team: npm run server -- invite --team NAME')
        const role = parseRole(values.role ?? 'member')
        const days = values.days === undefined ? undefined : Number(values.days)
        if (days !== undefined && !(days > 0 && days <= 365)) throw new UsageError('--days is a number of days from 1 to 365')
        const invite = await withStore(storage, (store) => store.createInvite(team, { role, ...(days === undefined ? {} : { days }) }))
        // Nested as in `team create`, so a script reads the code at the same place from both.
        result = { invite }
        text = inviteText(invite)
        break
      }
      case 'devices': {
        const team = requireValue(values.team, 'Name the team: npm run server -- devices --team NAME')
        const devices = await withStore(storage, (store) => store.listDevices(team))
        result = { devices }
        text = devicesText(devices)
        break
      }
      case 'revoke': {
        const device = requireValue(args[0], 'Name the device: npm run server -- revoke DEVICE (see the devices command)')
        const revoked = await withStore(storage, (store) => store.revokeDevice(device))
        result = { device: revoked }
        text = `Device ${revoked.name} (${revoked.id}) revoked at ${revoked.revokedAt}. Its token no longer works.`
        break
      }
      case 'role': {
        const device = requireValue(args[0], 'Name the device and the role: npm run server -- role DEVICE admin|member|viewer')
        const role = parseRole(args[1])
        const changed = await withStore(storage, (store) => store.setRole(device, role))
        result = { device: changed }
        text = `Device ${changed.name} (${changed.id}) is now ${changed.role}.`
        break
      }
      case 'rename': {
        const device = requireValue(args[0], 'Name the device and its new name: npm run server -- rename DEVICE NAME')
        const name = requireValue(args.slice(1).join(' '), 'Give the new name: npm run server -- rename DEVICE NAME')
        const renamed = await withStore(storage, (store) => store.renameDevice(device, name))
        result = { device: renamed }
        text = `Device ${renamed.id} is now called ${renamed.name}.`
        break
      }
      case 'audit': {
        const team = requireValue(values.team, 'Name the team: npm run server -- audit --team NAME')
        const entries = await withStore(storage, (store) => store.auditLog(team))
        result = { entries }
        text = auditText(entries)
        break
      }
      case 'new-epoch': {
        const epoch = await withStore(storage, (store) => store.rotateEpoch('new-epoch command'))
        result = { epoch }
        text = `New epoch ${epoch}: clients will push their changes again on their next sync.`
        break
      }
      case 'backup': {
        if (database) throw new UsageError('With PostgreSQL, back up with pg_dump (see the README); then copy the blobs folder as files')
        const out = requireValue(values.out, 'Say where: npm run server -- backup --out FILE')
        const backup = await backupServer(dataDir, out)
        result = backup
        text = `Backup written to ${backup.file} (${backup.bytes} bytes, epoch ${backup.epoch}). Copy the blobs folder beside it as files.`
        break
      }
      case 'restore': {
        if (database) throw new UsageError('With PostgreSQL, restore with pg_restore, then run: npm run server -- new-epoch (see the README)')
        const file = requireValue(args[0], 'Name the backup: npm run server -- restore FILE')
        const restored = await restoreServer(dataDir, file)
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
