import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronNativeBinding, electronNativeBindingPath } from '../../../electron/main/native'
import { tempDir } from '../../helpers/temp'

const packaged = { isPackaged: true, resourcesPath: '/opt/Fieldbook/resources', appPath: '/opt/Fieldbook/resources/app.asar' }
const dev = { isPackaged: false, resourcesPath: '/x/node_modules/electron/dist/resources', appPath: '/home/dev/fieldbook' }

describe('native binding path', () => {
  it('is the extra resource in the packaged app', () => {
    expect(electronNativeBindingPath(packaged)).toBe(join('/opt/Fieldbook/resources', 'native', 'better_sqlite3.node'))
  })
  it('is the prestart build in development', () => {
    expect(electronNativeBindingPath(dev)).toBe(join('/home/dev/fieldbook', 'build', 'native', 'electron', 'better_sqlite3.node'))
  })
  it('never points into node_modules, whose binary is built for Node', () => {
    expect(electronNativeBindingPath(dev)).not.toContain('node_modules')
    expect(electronNativeBindingPath(packaged)).not.toContain('app.asar')
  })
})

describe('native binding check', () => {
  it('returns the path when the file exists', () => {
    const temp = tempDir()
    try {
      const dir = join(temp.path, 'build', 'native', 'electron')
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'better_sqlite3.node'), '')
      expect(electronNativeBinding({ ...dev, appPath: temp.path })).toBe(join(dir, 'better_sqlite3.node'))
    } finally {
      temp.cleanup()
    }
  })
  it('tells the developer to run npm start when the build is missing', () => {
    const temp = tempDir()
    try {
      expect(() => electronNativeBinding({ ...dev, appPath: temp.path })).toThrow(/npm start/)
      expect(() => electronNativeBinding({ ...dev, appPath: temp.path })).toThrow(join(temp.path, 'build', 'native', 'electron'))
    } finally {
      temp.cleanup()
    }
  })
  it('asks for a reinstall when a packaged app lacks it', () => {
    const checked: string[] = []
    const missing = (path: string) => (checked.push(path), false)
    expect(() => electronNativeBinding(packaged, missing)).toThrow(/reinstall/i)
    expect(checked).toEqual([electronNativeBindingPath(packaged)])
  })
})
