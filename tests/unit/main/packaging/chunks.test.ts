import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

/*
 * The heavy libraries are loaded when first needed: the code that runs to open the core and list trips (main's
 * bundle and the core process's, with every chunk they import statically) holds
 * none of them, and the window's first script holds no ECharts. Each library is recognised by a string only its
 * own code contains; each must still be found somewhere in the build, so a renamed marker fails here too.
 */

const ROOT = resolve(import.meta.dirname, '../../../..')
const OUT = join(ROOT, 'out')

const MARKERS = {
  docx: 'wordprocessingml/2006/main',
  exceljs: 'spreadsheetml/2006/main',
  echarts: '__ec_inner_',
} as const

/** Files a chunk imports statically (`import … from "./x.js"`), relative ones only. */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8')
  return [...code.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*"(\.[^"]+)"|(?:^|[;\s])import\s*"(\.[^"]+)"/gm)].map((m) => resolve(dirname(file), m[1] ?? m[2]!))
}

function dynamicImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]!)
}

/** `entries` and every file they import statically, at any depth. */
function staticClosure(entries: string[]): string[] {
  const seen = new Set<string>()
  const pending = [...entries]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    pending.push(...staticImports(file))
  }
  return [...seen]
}

const contains = (files: string[], marker: string) => files.filter((file) => readFileSync(file, 'utf8').includes(marker))
const jsFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))

beforeAll(() => {
  if (!existsSync(join(OUT, 'main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
}, 180_000)

describe('the built bundles', () => {
  it('open the core and list trips without docx, exceljs, echarts, sharp or resvg', () => {
    // Main's bundle, and the core's process (electron/main/core-process.ts) with every chunk they import statically.
    const startUp = staticClosure([join(OUT, 'main/index.js'), join(OUT, 'main/core-process.js')])
    expect(contains(startUp, 'function openCore').length, 'the core is opened at start-up').toBeGreaterThan(0)
    const everything = jsFiles(join(OUT, 'main'))
    for (const [library, marker] of Object.entries(MARKERS)) {
      expect(contains(everything, marker).length, `${library} is in the build`).toBeGreaterThan(0)
      expect(contains(startUp, marker), `${library} loaded at start-up`).toEqual([])
    }
    // The native ones stay outside the bundle: imported by name, and only through import() at start-up.
    const namedImports = startUp.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:^|[;\s])import\s[^'"]*?from\s*"([^".][^"]*)"/gm)].map((m) => m[1]))
    expect(namedImports.filter((name) => name === 'sharp' || name?.startsWith('@resvg/'))).toEqual([])
    expect(everything.some((file) => dynamicImports(file).includes('sharp'))).toBe(true)
  })

  it('are each valid JavaScript, the chunks loaded on first use included', () => {
    // The smoke test loads only the chunks its scenario reaches; a chunk that does not parse (two top-level
    // `require` declarations once the bundler regroups modules, say) would fail only when a user first needs it.
    const broken = jsFiles(join(OUT, 'main'))
      .map((file) => ({ file, check: spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' }) }))
      .filter(({ check }) => check.status !== 0)
      .map(({ file, check }) => `${file}: ${check.stderr.split('\n').find((line) => line.includes('Error')) ?? check.stderr}`)
    expect(broken).toEqual([])
  })

  it("give the window's first script no ECharts: the charts load it when they are shown", () => {
    const page = readFileSync(join(OUT, 'renderer/index.html'), 'utf8')
    const entries = [...page.matchAll(/<script[^>]+src="\.\/([^"]+)"/g)].map((m) => join(OUT, 'renderer', m[1]!))
    expect(entries.length).toBeGreaterThan(0)
    const firstScript = staticClosure(entries)
    expect(contains(firstScript, MARKERS.echarts)).toEqual([])
    expect(contains(jsFiles(join(OUT, 'renderer')), MARKERS.echarts).length).toBeGreaterThan(0)
  })
})
