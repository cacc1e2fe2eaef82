import { describe, expect, it } from 'vitest'
import { createUpdateHost, type Updater } from '../../../electron/main/updater'
import type { UpdateHost } from '../../../electron/core/updates'
import { useTempCore } from '../../helpers/core'

/** electron-updater's autoUpdater as far as the app uses it, answering from a pretend update folder. */
function fakeUpdater(latest: string | null) {
  const calls: string[] = []
  const updater: Updater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    setFeedURL: (options) => void calls.push(`feed ${options.provider} ${options.url}`),
    checkForUpdates: async () => {
      calls.push('check')
      return latest === null ? null : { isUpdateAvailable: latest !== '1.0.0', updateInfo: { version: latest } }
    },
    downloadUpdate: async () => void calls.push('download'),
    quitAndInstall: () => void calls.push('quitAndInstall'),
  }
  return { updater, calls }
}

describe('the updater', () => {
  it('checks the generic address only when asked, and never downloads by itself', async () => {
    const { updater, calls } = fakeUpdater('1.1.0')
    let loads = 0
    const host = createUpdateHost({ isPackaged: true, currentVersion: '1.0.0', load: async () => (loads++, updater) })
    expect(loads).toBe(0)
    await expect(host.check('https://college.example/updates')).resolves.toEqual({ status: 'available', currentVersion: '1.0.0', availableVersion: '1.1.0' })
    expect(calls).toEqual(['feed generic https://college.example/updates', 'check'])
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(false)
  })

  it('downloads, then quits and installs, when the user asks', async () => {
    const { updater, calls } = fakeUpdater('1.1.0')
    const host = createUpdateHost({ isPackaged: true, currentVersion: '1.0.0', load: async () => updater })
    await expect(host.install('https://college.example/updates')).resolves.toBe(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(calls.slice(-3)).toEqual(['check', 'download', 'quitAndInstall'])
  })

  it('reports the current version, and refuses in a development build', async () => {
    const current = createUpdateHost({ isPackaged: true, currentVersion: '1.0.0', load: async () => fakeUpdater('1.0.0').updater })
    await expect(current.check('https://x.example')).resolves.toMatchObject({ status: 'current' })
    let loaded = false
    const development = createUpdateHost({ isPackaged: false, currentVersion: '1.0.0', load: async () => ((loaded = true), fakeUpdater('2.0.0').updater) })
    await expect(development.check('https://x.example')).resolves.toMatchObject({ status: 'unsupported' })
    await expect(development.install('https://x.example')).resolves.toBe(false)
    expect(loaded).toBe(false)
  })
})

describe('update procedures', () => {
  const checks: string[] = []
  const host: UpdateHost = {
    check: async (url) => {
      checks.push(url)
      return { status: 'available', currentVersion: '0.9.0', availableVersion: '1.0.0' }
    },
    install: async () => {
      throw new Error('connect ECONNREFUSED')
    },
  }
  const temp = useTempCore({ updateHost: host, appVersion: '0.9.0' })

  it('keeps the address on this machine and checks nothing without one', async () => {
    await expect(temp.ok('update.check', {})).resolves.toEqual({ status: 'noAddress', currentVersion: '0.9.0' })
    await expect(temp.ok('update.setUrl', { url: ' https://college.example/updates/ ' })).resolves.toEqual({ url: 'https://college.example/updates' })
    await expect(temp.ok('update.getSettings', {})).resolves.toEqual({ url: 'https://college.example/updates' })
    await expect(temp.ok('update.check', {})).resolves.toMatchObject({ status: 'available', availableVersion: '1.0.0' })
    expect(checks).toEqual(['https://college.example/updates'])
  })

  it('refuses an address that is not http(s), and says when the update cannot be fetched', async () => {
    await expect(temp.failure('update.setUrl', { url: 'ftp://college.example' })).resolves.toMatchObject({ code: 'VALIDATION' })
    await temp.ok('update.setUrl', { url: 'https://college.example/updates' })
    await expect(temp.failure('update.install', {})).resolves.toMatchObject({ code: 'UPDATE_FAILED' })
  })
})
