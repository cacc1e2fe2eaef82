// What a native file was built for, read from its header: shared by the after-pack check of every package
// (scripts/after-pack.mjs), `npm run dist` (scripts/dist.mjs) and the packaging test.
import { openSync, readSync, closeSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The ELF e_machine, Mach-O cputype and PE machine values of the architectures Electron ships for. */
const ELF_MACHINES = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' }
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' }
const PE_MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' }

function readHead(file, length = 4096) {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const read = readSync(fd, buffer, 0, length, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/**
 * `{ platform, arch }` of a native binary (platform as in process.platform: linux for ELF, darwin for Mach-O,
 * win32 for PE), `{ platform: 'darwin', arch: 'universal' }` for a fat Mach-O, or null when it is none of them.
 */
export function binaryTarget(file) {
  const head = readHead(file)
  if (head.length >= 20 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF') {
    const littleEndian = head[5] === 1
    const machine = littleEndian ? head.readUInt16LE(18) : head.readUInt16BE(18)
    return { platform: 'linux', arch: ELF_MACHINES[machine] ?? `elf-machine-${machine}`, format: 'ELF' }
  }
  if (head.length >= 8) {
    const magic = head.readUInt32BE(0)
    if (magic === 0xcafebabe) return { platform: 'darwin', arch: 'universal', format: 'Mach-O' }
    if (magic === 0xcffaedfe) {
      const cpu = head.readUInt32LE(4)
      return { platform: 'darwin', arch: MACHO_CPUS[cpu] ?? `macho-cpu-${cpu}`, format: 'Mach-O' }
    }
  }
  if (head.length >= 64 && head.toString('latin1', 0, 2) === 'MZ') {
    const peOffset = head.readUInt32LE(0x3c)
    if (peOffset + 6 <= head.length && head.toString('latin1', peOffset, peOffset + 4) === 'PE\0\0') {
      const machine = head.readUInt16LE(peOffset + 4)
      return { platform: 'win32', arch: PE_MACHINES[machine] ?? `pe-machine-${machine}`, format: 'PE' }
    }
  }
  return null
}

/** True for the files the OS loader maps: Node addons and shared libraries. */
export function isNativeFileName(name) {
  return /\.(node|dll|dylib|so)$/.test(name) || /\.so\.\d/.test(name)
}

/** Every native file under `dir` (symbolic links skipped: they point at a file that is listed itself). */
export function findNativeFiles(dir) {
  const found = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...findNativeFiles(path))
    else if (entry.isFile() && isNativeFileName(entry.name)) found.push(path)
  }
  return found
}

/** electron-builder's Arch enum (builder-util) by number. */
export const BUILDER_ARCHES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' }

/** The native files under `dir` that were not built for `platform`/`arch`, each with what it was built for. */
export function foreignNativeFiles(dir, platform, arch) {
  const wrong = []
  for (const file of findNativeFiles(dir)) {
    const target = binaryTarget(file)
    const fits =
      target !== null &&
      target.platform === platform &&
      (target.arch === arch || (target.arch === 'universal' && platform === 'darwin') || arch === 'universal')
    if (!fits) wrong.push({ file, builtFor: target ? `${target.platform}-${target.arch}` : 'an unknown format' })
  }
  return wrong
}
