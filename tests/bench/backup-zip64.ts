import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ATTACHMENTS_FOLDER } from '../../electron/core/attachments/blob-store'
import { BackupService } from '../../electron/core/backup/service'
import { openCore } from '../../electron/core/core'
import { fillAttachments, ZIP64_ATTACHMENTS } from '../helpers/many-attachments'
import { tempDir } from '../helpers/temp'
import { addRow, peakRssMb, timeAsync } from './table'

/** Writes a backup of `count` small attachments and restores it into an empty folder; the times and the size. */
async function backupAndRestore(count: number): Promise<{ backupMs: number; restoreMs: number; bytes: number }> {
  const source = tempDir('fieldbook-bench-zip64-')
  const target = tempDir('fieldbook-bench-zip64-restore-')
  const out = tempDir('fieldbook-bench-zip64-out-')
  const from = openCore({ dataDir: source.path, appVersion: 'bench' })
  const to = openCore({ dataDir: target.path, appVersion: 'bench' })
  try {
    fillAttachments(source.path, count)
    const file = join(out.path, 'many.fbbackup')
    const backup = await timeAsync(() => new BackupService(from, { appVersion: 'bench' }).backupTo(file))
    const restore = await timeAsync(() => new BackupService(to, { appVersion: 'bench' }).restoreFile(file))
    const root = join(target.path, ATTACHMENTS_FOLDER)
    const restored = readdirSync(root)
      .filter((name) => /^[0-9a-f]{2}$/.test(name))
      .reduce((sum, folder) => sum + readdirSync(join(root, folder)).length, 0)
    if (restore.result.restored.attachments !== count || restored !== count) throw new Error(`restored ${restored} of ${count} attachments`)
    return { backupMs: backup.ms, restoreMs: restore.ms, bytes: statSync(file).size }
  } finally {
    from.close()
    to.close()
    for (const dir of [source, target, out]) dir.cleanup()
  }
}

/**
 * A backup that needs ZIP64 (more entries than a classic zip can count): written, verified and restored, beside
 * the same with a tenth of the attachments. The time per entry should not grow with the number of entries.
 */
export async function benchZip64Backup(): Promise<void> {
  const small = await backupAndRestore(ZIP64_ATTACHMENTS / 10)
  const large = await backupAndRestore(ZIP64_ATTACHMENTS)
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  const perEntry = (run: typeof large, count: number) => (run.backupMs + run.restoreMs) / count
  addRow({
    name: `backup + restore of ${ZIP64_ATTACHMENTS} attachments (ZIP64, ${(large.bytes / 2 ** 20).toFixed(1)} MB)`,
    value: `${seconds(large.backupMs)} + ${seconds(large.restoreMs)}`,
    baseline: `${seconds(small.backupMs)} + ${seconds(small.restoreMs)} for ${ZIP64_ATTACHMENTS / 10}`,
    ratio: `${(perEntry(large, ZIP64_ATTACHMENTS) / perEntry(small, ZIP64_ATTACHMENTS / 10)).toFixed(2)}× per entry`,
    goal: '≤ 1.5× per entry',
    note: `peak RSS ${peakRssMb()} MB`,
  })
}
