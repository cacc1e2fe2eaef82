import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultUserDataDir, resolveDataDir } from '../../../electron/core/data-dir'

describe('data folder', () => {
  const userDataDir = '/home/u/.config/Fieldbook'
  it('prefers --data-dir, in both spellings', () => {
    expect(resolveDataDir({ argv: ['app', '--data-dir', 'x/y'], env: { FIELDBOOK_DATA_DIR: '/env' }, userDataDir })).toBe(resolve('x/y'))
    expect(resolveDataDir({ argv: ['app', '--data-dir=/abs'], env: {}, userDataDir })).toBe('/abs')
  })
  it('then FIELDBOOK_DATA_DIR, then a subfolder of the user data folder', () => {
    expect(resolveDataDir({ argv: [], env: { FIELDBOOK_DATA_DIR: '/env/数据' }, userDataDir })).toBe('/env/数据')
    expect(resolveDataDir({ argv: [], env: {}, userDataDir })).toBe(join(userDataDir, 'workspace'))
  })

  it('finds the same user data folder as Electron on each platform', () => {
    expect(defaultUserDataDir('linux', {}, '/home/li')).toBe('/home/li/.config/Fieldbook')
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/li')).toBe('/cfg/Fieldbook')
    expect(defaultUserDataDir('darwin', {}, '/Users/li')).toBe('/Users/li/Library/Application Support/Fieldbook')
    expect(defaultUserDataDir('win32', { APPDATA: 'C:/Users/li/AppData/Roaming' }, 'C:/Users/li')).toBe(
      join('C:/Users/li/AppData/Roaming', 'Fieldbook'),
    )
  })
})
