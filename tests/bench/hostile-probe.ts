import { BackupService } from '../../electron/core/backup/service'
import { openCore } from '../../electron/core/core'
import { ExchangeService } from '../../electron/core/exchange/service'
import { tempDir } from '../helpers/temp'

/**
 * One hostile file handed to a fresh workspace in a process of its own, for the benchmark's memory figures:
 * prints `{ peakMb, code, reason }` as the last line. Without a file it only opens the workspace (the baseline).
 */
const [kind, file] = process.argv.slice(2)
const dir = tempDir('fieldbook-probe-')
const core = openCore({ dataDir: dir.path, appVersion: '0' })
let code = ''
let reason = ''
try {
  if (file) {
    if (kind === 'trip') await new ExchangeService({ dataDir: core.dataDir, store: core.store, records: core.records }, undefined, 'probe').importTripFrom(file)
    else await new BackupService(core, { appVersion: '0' }).restoreFile(file)
  }
} catch (error) {
  code = (error as { code?: string }).code ?? 'THROWN'
  reason = String((error as { details?: { reason?: unknown } }).details?.reason ?? '')
} finally {
  core.close()
  dir.cleanup()
}
console.log(JSON.stringify({ peakMb: Math.round(process.resourceUsage().maxRSS / 1024), code, reason }))
