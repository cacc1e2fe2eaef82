import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import afterPack from '../../../../scripts/after-pack.mjs'
import { refusal, requestedTargets } from '../../../../scripts/dist.mjs'
import { binaryTarget } from '../../../../scripts/native-files.mjs'
import { tempDir } from '../../../helpers/temp'

const linuxX64 = { platform: 'linux', arch: 'x64' }
const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function folder(): string {
  const { path, cleanup } = tempDir('fieldbook-dist-')
  cleanups.push(cleanup)
  return path
}

/** A file with just the header of a Windows x64 DLL: what a Windows build of a native module starts with. */
function windowsAddon(file: string): void {
  const head = Buffer.alloc(128)
  head.write('MZ', 0, 'latin1')
  head.writeUInt32LE(64, 0x3c)
  head.write('PE\0\0', 64, 'latin1')
  head.writeUInt16LE(0x8664, 68)
  writeFileSync(file, head)
}

describe('npm run dist', () => {
  it('builds for this machine when no target is named', () => {
    expect(requestedTargets([], linuxX64)).toEqual([linuxX64])
    expect(refusal(linuxX64, linuxX64)).toBeNull()
  })

  it('refuses another OS or architecture, saying where to build it', () => {
    const [windows] = requestedTargets(['--win'], linuxX64)
    expect(windows).toEqual({ platform: 'win32', arch: 'x64' })
    expect(refusal(windows!, linuxX64)).toMatch(/Cannot build the Windows x64 installer on this Linux x64 machine[\s\S]*Windows x64 machine/)
    const targets = requestedTargets(['--linux', '--mac', '--arm64'], linuxX64)
    expect(targets).toEqual([
      { platform: 'linux', arch: 'arm64' },
      { platform: 'darwin', arch: 'arm64' },
    ])
    expect(targets.map((target) => refusal(target, linuxX64))).toEqual([expect.stringContaining('Linux arm64'), expect.stringContaining('macOS arm64')])
  })
})

describe('the after-pack check', () => {
  const sharedLibrary = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node')

  it('reads the platform and architecture of a native file from its header', () => {
    expect(binaryTarget(sharedLibrary)).toEqual({ platform: 'linux', arch: 'x64', format: 'ELF' })
    const dir = folder()
    windowsAddon(join(dir, 'addon.node'))
    expect(binaryTarget(join(dir, 'addon.node'))).toEqual({ platform: 'win32', arch: 'x64', format: 'PE' })
  })

  it('passes a package whose native files fit its target', async () => {
    const dir = folder()
    copyFileSync(sharedLibrary, join(dir, 'better_sqlite3.node'))
    await expect(afterPack({ electronPlatformName: 'linux', arch: 1, appOutDir: dir })).resolves.toBeUndefined()
  })

  it('refuses a Windows package that carries a Linux binary, naming the file', async () => {
    const dir = folder()
    mkdirSync(join(dir, 'resources', 'native'), { recursive: true })
    copyFileSync(sharedLibrary, join(dir, 'resources', 'native', 'better_sqlite3.node'))
    await expect(afterPack({ electronPlatformName: 'win32', arch: 1, appOutDir: dir })).rejects.toThrow(
      /win32-x64 contains native files built for another platform:\n {2}resources\/native\/better_sqlite3\.node \(built for linux-x64\)/,
    )
  })
})
