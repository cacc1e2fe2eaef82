import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseCircular, parseDependencyTree } from 'dpdm'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp'

const ROOT = resolve(import.meta.dirname, '../../..')

/**
 * Every import cycle among the TypeScript files under `folders` of `root`, type-only imports included (a type
 * import of the module that imports you is the same tangle), as paths relative to `root`.
 */
async function importCycles(root: string, folders: string[]): Promise<{ files: string[]; cycles: string[][] }> {
  const tree = await parseDependencyTree(
    folders.map((folder) => `${folder}/**/*.ts`),
    { cwd: root, context: root, transform: false, skipDynamicImports: false, include: /\.ts$/, exclude: /node_modules/ },
  )
  const files = Object.keys(tree).map((file) => relative(root, resolve(root, file)))
  return { files, cycles: parseCircular(tree).map((cycle) => cycle.map((file) => relative(root, resolve(root, file)))) }
}

describe('import cycles', () => {
  it('there are none in electron/, shared/ and server/', { timeout: 120_000 }, async () => {
    const { files, cycles } = await importCycles(ROOT, ['electron', 'shared', 'server'])
    // The whole of each folder was read, not an empty match.
    expect(files).toEqual(expect.arrayContaining(['electron/core/core.ts', 'shared/errors.ts', 'server/main.ts', 'electron/main/index.ts']))
    expect(cycles).toEqual([])
  })

  it('a cycle, through a type-only import too, is found and named', async () => {
    const dir = tempDir('fieldbook-cycles-')
    try {
      mkdirSync(join(dir.path, 'electron'))
      writeFileSync(join(dir.path, 'electron/run.ts'), "import { COMMANDS } from './commands'\nexport const run = () => COMMANDS.length\n")
      writeFileSync(join(dir.path, 'electron/commands.ts'), "import type { Helper } from './helper'\nexport const COMMANDS: Helper[] = []\n")
      writeFileSync(join(dir.path, 'electron/helper.ts'), "import type { run } from './run'\nexport type Helper = typeof run\n")
      writeFileSync(join(dir.path, 'electron/alone.ts'), 'export const alone = 1\n')
      const { cycles } = await importCycles(dir.path, ['electron'])
      expect(cycles).toHaveLength(1)
      expect([...cycles[0]!].sort()).toEqual(['electron/commands.ts', 'electron/helper.ts', 'electron/run.ts'])
    } finally {
      dir.cleanup()
    }
  })
})
