import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../../electron/core/data-dir'

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
})
