import { join } from 'node:path'
import type { BackupHost } from '../core/backup/service'
import type { DiagnosticsHost } from '../core/diagnostics'
import type { ExchangeHost, FileFilter } from '../core/exchange/service'
import type { ReportHost } from '../core/reports/export'

/** The parts of Electron's dialog module the app uses (faked in tests). */
export interface NativeDialogs {
  showSaveDialog(options: { defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>
  showOpenDialog(options: { properties: 'openFile'[]; filters: FileFilter[] }): Promise<{ canceled: boolean; filePaths: string[] }>
}

const ANY_FILE: FileFilter = { name: '*', extensions: ['*'] }
const BACKUP_FILTER: FileFilter = { name: 'Fieldbook backup', extensions: ['fbbackup'] }
const WORD_FILTER: FileFilter = { name: 'Word', extensions: ['docx'] }
const ZIP_FILTER: FileFilter = { name: 'Zip', extensions: ['zip'] }

/** The hosts of every service that asks the user for a file, all answered by the same native dialogs. */
export interface DialogHosts {
  backup: BackupHost
  exchange: ExchangeHost
  report: ReportHost
  diagnostics: Pick<DiagnosticsHost, 'chooseSavePath' | 'showInFolder'>
}

/**
 * The app's one native-dialog host. Saving suggests the name in the documents folder with the kind's filter;
 * opening offers the expected kinds first and any file after (a backup copied from elsewhere, or a list mailed
 * as .txt, may have lost its extension; what is opened is checked by its content anyway). A cancelled dialog
 * answers null.
 */
export function createDialogHosts(dialogs: NativeDialogs, documentsDir: string, showInFolder: (path: string) => void): DialogHosts {
  const chooseSavePath = async (suggestedName: string, filters: FileFilter[]) => {
    const result = await dialogs.showSaveDialog({ defaultPath: join(documentsDir, suggestedName), filters })
    return result.canceled || !result.filePath ? null : result.filePath
  }
  const chooseOpenPath = async (filters: FileFilter[]) => {
    const result = await dialogs.showOpenDialog({ properties: ['openFile'], filters: [...filters, ANY_FILE] })
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
  return {
    backup: {
      chooseSavePath: (suggestedName) => chooseSavePath(suggestedName, [BACKUP_FILTER]),
      chooseOpenPath: () => chooseOpenPath([BACKUP_FILTER]),
      showInFolder,
    },
    exchange: { chooseSavePath, chooseOpenPath },
    report: { chooseSavePath: (suggestedName) => chooseSavePath(suggestedName, [WORD_FILTER]), showInFolder },
    diagnostics: { chooseSavePath: (suggestedName) => chooseSavePath(suggestedName, [ZIP_FILTER]), showInFolder },
  }
}
