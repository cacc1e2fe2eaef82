import { join } from 'node:path'
import type { BackupHost } from '../core/backup/service'

/** The parts of Electron's dialog module a backup needs (faked in tests). */
export interface BackupDialogs {
  showSaveDialog(options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>
  showOpenDialog(options: { properties: 'openFile'[]; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePaths: string[] }>
}

const FILTERS = [
  { name: 'Fieldbook backup', extensions: ['fbbackup'] },
  { name: '*', extensions: ['*'] },
]

/**
 * Native dialogs for backups: saving suggests the documents folder and the .fbbackup extension; opening lets the
 * user pick any file (a backup copied from elsewhere may have lost its extension; the restore checks it anyway).
 */
export function createBackupHost(dialogs: BackupDialogs, documentsDir: string, showItemInFolder: (path: string) => void): BackupHost {
  return {
    async chooseSavePath(suggestedName) {
      const result = await dialogs.showSaveDialog({ defaultPath: join(documentsDir, suggestedName), filters: FILTERS.slice(0, 1) })
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseOpenPath() {
      const result = await dialogs.showOpenDialog({ properties: ['openFile'], filters: FILTERS })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    showInFolder: showItemInFolder,
  }
}
