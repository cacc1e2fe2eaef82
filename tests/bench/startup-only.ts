import { mkdirSync, rmSync } from 'node:fs'
import { generateL } from './scale'
import { benchStartup } from './startup'
import { printAndSave } from './table'

/**
 * `npx tsx tests/bench/startup-only.ts`: only the start-up figures of `npm run bench` (the L data set generated
 * the same way), printed and written to .cache/bench-startup.md rather than docs/benchmarks.md, which holds the
 * whole run.
 */
const started = performance.now()
const large = generateL()
try {
  await benchStartup(large)
} finally {
  rmSync(large.dataDir, { recursive: true, force: true })
}
mkdirSync('.cache', { recursive: true })
printAndSave({ command: 'npx tsx tests/bench/startup-only.ts', totalSeconds: (performance.now() - started) / 1000, path: '.cache/bench-startup.md' })
