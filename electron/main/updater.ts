import type { UpdateHost } from '../core/updates'

/** What this uses of electron-updater's autoUpdater (faked in tests). */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  setFeedURL(options: { provider: 'generic'; url: string }): void
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>
  downloadUpdate(): Promise<unknown>
  quitAndInstall(): void
}

/**
 * Updates from the college's own web server (electron-builder's generic provider: latest.yml and the installer
 * in one folder), only when the user asks: never checked, downloaded or installed by itself. electron-updater
 * is loaded on the first check. A development build cannot update itself.
 */
export function createUpdateHost(options: { isPackaged: boolean; currentVersion: string; load: () => Promise<Updater> }): UpdateHost {
  let updater: Updater | undefined
  const ready = async (url: string): Promise<Updater> => {
    updater ??= await options.load()
    updater.autoDownload = false
    updater.autoInstallOnAppQuit = false
    updater.setFeedURL({ provider: 'generic', url })
    return updater
  }
  return {
    async check(url) {
      if (!options.isPackaged) return { status: 'unsupported', currentVersion: options.currentVersion }
      const result = await (await ready(url)).checkForUpdates()
      if (!result?.isUpdateAvailable) return { status: 'current', currentVersion: options.currentVersion }
      return { status: 'available', currentVersion: options.currentVersion, availableVersion: result.updateInfo.version }
    },
    async install(url) {
      if (!options.isPackaged) return false
      const current = await ready(url)
      const result = await current.checkForUpdates()
      if (!result?.isUpdateAvailable) return false
      await current.downloadUpdate()
      // Closes the window (the core closes the database on quit) and starts the installer.
      setImmediate(() => current.quitAndInstall())
      return true
    },
  }
}
