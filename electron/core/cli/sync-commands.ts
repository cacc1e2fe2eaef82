import { hostname } from 'node:os'
import { AppError } from '../../../shared/errors'
import type { SyncStatus, SyncSummary } from '../../../shared/procedures/sync'
import { normalizeServerUrl } from '../sync/transport'
import type { Command } from './command'
import { usage } from './usage-error'
import { call } from './lookup'


function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** `sync`: joins the team when needed, syncs once, prints what moved; exits 1 when the round failed. */
export const SYNC_COMMANDS: Command[] = [
  {
    name: 'sync',
    summary: 'Sync this data folder with the team’s server once (joining with an invite code first if needed)',
    usage: 'sync --server URL [--invite CODE] [--name DEVICE] [--allow-insecure]',
    options: {
      server: { type: 'string', description: 'The sync server’s address, e.g. https://sync.example.edu.cn (default: the one joined)' },
      invite: { type: 'string', description: 'Invite code from the team admin (only needed to join)' },
      name: { type: 'string', description: 'This device’s name as the team sees it (default: the host name)' },
      'allow-insecure': { type: 'boolean', description: 'Allow plain http to a host other than this machine' },
    },
    run: async (core, values) => {
      const server = optionalString(values['server'])
      const invite = optionalString(values['invite'])
      const before = await call<SyncStatus>(core, 'sync.status', {})
      const sameServer = before.joined && (server === undefined || normalizeServerUrl(server, true) === before.serverUrl)
      let joinedNow = false
      if (!sameServer) {
        // Nothing to sync with: a call without --server on a folder that never joined is a usage mistake.
        if (!server) throw usage('This data folder has not joined a team: give the server and an invite code with --server URL --invite CODE')
        if (!invite) {
          throw new AppError(
            'SYNC_NOT_JOINED',
            before.joined
              ? `This data folder syncs with ${before.serverUrl}; to join ${server} instead, give its invite code with --invite CODE`
              : 'This data folder has not joined a team: give the server and an invite code with --server URL --invite CODE',
          )
        }
        await call(core, 'sync.join', {
          serverUrl: server,
          inviteCode: invite,
          deviceName: optionalString(values['name']) ?? hostname(),
          allowInsecure: values['allow-insecure'] === true,
        })
        joinedNow = true
      }
      const summary = await call<SyncSummary>(core, 'sync.now', {})
      const status = await call<SyncStatus>(core, 'sync.status', {})
      return { joined: joinedNow, summary, status }
    },
    format: (result) => {
      const { joined, summary, status } = result as { joined: boolean; summary: SyncSummary; status: SyncStatus }
      const lines = [
        `${joined ? 'Joined and synced' : 'Synced'} with ${status.serverUrl} (team ${status.teamName}, as ${status.deviceName}) in ${summary.durationMs} ms`,
        `  changes: ${summary.pushed} sent, ${summary.pulled} received`,
        `  photos and files: ${summary.blobsUploaded} uploaded, ${summary.blobsDownloaded} downloaded`,
        `  conflicts: ${summary.conflicts} new, ${status.openConflicts} open (review them in the app under Sync)`,
      ]
      if (status.pendingChanges + status.pendingBlobs + status.missingBlobs > 0) {
        lines.push(
          `  still waiting: ${status.pendingChanges} changes to send, ${status.pendingBlobs} files to upload, ${status.missingBlobs} to download`,
        )
      }
      if (status.clockDriftMs !== undefined) {
        lines.push(`  note: another device's clock is ${Math.round(status.clockDriftMs / 60_000)} min ahead of this one`)
      }
      return lines.join('\n')
    },
  },
]
