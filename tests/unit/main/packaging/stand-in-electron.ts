import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** @electron/fuses finds the fuse wire right after this marker in the Electron binary. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Fuse wire version 1 with eight fuses, all enabled as in a fresh Electron build ('1' = enabled). */
const FUSE_WIRE = Buffer.from([1, 8, ...Buffer.from('11111111')])

/**
 * An unpacked "Electron distribution" for electron-builder's `electronDist`, so a package can be built without
 * downloading Electron: an `electron` executable that carries a fuse wire (electron-builder flips the fuses in
 * it), a resources folder and a locales folder, the parts electron-builder touches on Linux.
 */
export function createStandInElectron(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  mkdirSync(join(dir, 'locales'), { recursive: true })
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '')
  writeFileSync(join(dir, 'locales', 'zh-CN.pak'), '')
  const executable = join(dir, 'electron')
  writeFileSync(
    executable,
    Buffer.concat([Buffer.from(`#!/bin/sh\necho "stand-in Electron: cannot run" >&2\nexit 1\n# ${FUSE_SENTINEL}`), FUSE_WIRE, Buffer.from('\n')]),
  )
  chmodSync(executable, 0o755)
  return dir
}

/** The fuse states after the sentinel ('0' disabled, '1' enabled), read back from a packaged executable. */
export function readFuseWire(executable: Buffer): string {
  const at = executable.indexOf(FUSE_SENTINEL)
  if (at === -1) throw new Error('no fuse wire in the executable')
  const wire = at + FUSE_SENTINEL.length
  const length = executable[wire + 1] ?? 0
  return executable.subarray(wire + 2, wire + 2 + length).toString('latin1')
}
