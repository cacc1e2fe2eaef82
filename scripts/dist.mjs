#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: installers for this machine's OS and architecture.
//
// The native modules (better-sqlite3's Electron build, sharp with libvips, resvg) come as binaries for one OS and
// architecture: npm installed this machine's, and node-gyp cannot cross-compile. A target of another OS or
// architecture is therefore refused here with what to do instead, rather than built into an installer that carries
// this machine's binaries (scripts/after-pack.mjs checks the package itself as well).
//
// Usage: node scripts/dist.mjs [--win|--mac|--linux] [--x64|--arm64|--ia32|--armv7l|--universal] [other options]
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '..')
const PLATFORM_FLAGS = { '--win': 'win32', '-w': 'win32', '--windows': 'win32', '--mac': 'darwin', '-m': 'darwin', '--macos': 'darwin', '-o': 'darwin', '--linux': 'linux', '-l': 'linux' }
const ARCH_FLAGS = ['--x64', '--arm64', '--ia32', '--armv7l', '--universal']
const NAMES = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' }

/** The targets the options ask for (platforms × architectures); this machine's when none is named. */
export function requestedTargets(args, host = { platform: process.platform, arch: process.arch }) {
  const platforms = [...new Set(args.filter((a) => a in PLATFORM_FLAGS).map((a) => PLATFORM_FLAGS[a]))]
  const arches = [...new Set(args.filter((a) => ARCH_FLAGS.includes(a)).map((a) => a.slice(2)))]
  const targets = []
  for (const platform of platforms.length > 0 ? platforms : [host.platform]) {
    for (const arch of arches.length > 0 ? arches : [host.arch]) targets.push({ platform, arch })
  }
  return targets
}

/** Why this machine cannot build `target`, or null when it can. */
export function refusal(target, host = { platform: process.platform, arch: process.arch }) {
  if (target.platform === host.platform && target.arch === host.arch) return null
  const wanted = `${NAMES[target.platform] ?? target.platform} ${target.arch}`
  const here = `${NAMES[host.platform] ?? host.platform} ${host.arch}`
  return [
    `Cannot build the ${wanted} installer on this ${here} machine.`,
    `Fieldbook's native modules (SQLite for Electron, sharp with libvips, resvg) are installed as ${here} binaries`,
    `and cannot be cross-compiled; an installer made here would carry them and fail to start on ${wanted}.`,
    `Run \`npm ci && npm run dist\` on a ${wanted} machine (or CI runner) instead; see "Build installers" in README.md.`,
  ].join('\n')
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2)
  const targets = requestedTargets(args)
  const refusals = targets.map((target) => refusal(target)).filter((text) => text !== null)
  if (refusals.length > 0) {
    console.error(`\n[dist] ${refusals.join('\n\n[dist] ')}\n`)
    process.exit(1)
  }
  const [target] = targets
  run(process.execPath, [resolve(ROOT, 'scripts/electron-native.mjs'), `--platform=${target.platform}`, `--arch=${target.arch}`])
  run('npx', ['electron-vite', 'build'])
  run('npx', ['electron-builder', '--config', 'electron-builder.yml', ...args])
}
