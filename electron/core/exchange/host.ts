import { join } from 'node:path'
import type { ExchangeHost, FileFilter } from './service'

/** The parts of Electron's dialog module imports and exports need; main passes them in (this folder never imports electron). */
export interface ExchangeDialogs {
  showSaveDialog(options: { defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>
  showOpenDialog(options: { properties: 'openFile'[]; filters: FileFilter[] }): Promise<{ canceled: boolean; filePaths: string[] }>
}

/**
 * Native dialogs for imports and exports: saving suggests the documents folder; opening offers the expected kinds
 * first and any file after (a list mailed as .txt or without an extension is still read by its content).
 */
export function createExchangeHost(dialogs: ExchangeDialogs, documentsDir: string): ExchangeHost {
  return {
    async chooseSavePath(suggestedName, filters) {
      const result = await dialogs.showSaveDialog({ defaultPath: join(documentsDir, suggestedName), filters })
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseOpenPath(filters) {
      const result = await dialogs.showOpenDialog({ properties: ['openFile'], filters: [...filters, { name: '*', extensions: ['*'] }] })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
