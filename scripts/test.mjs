// `npm test`: lint, typecheck, build, unit and end-to-end tests, then one closing line with the counts.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs'

const REPORTS = 'test-results/vitest'
rmSync(REPORTS, { recursive: true, force: true })
mkdirSync(REPORTS, { recursive: true })

let passed = 0
let failed = 0
const failures = []

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  return result.status === 0
}

/** A step that is not a test suite counts as one test: it passes or fails as a whole. */
function step(label, command, args) {
  if (run(label, command, args)) passed++
  else {
    failed++
    failures.push(label)
  }
}

function suite(label, config) {
  const report = `${REPORTS}/${label}.json`
  const ok = run(label, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  if (!existsSync(report)) {
    failed++
    failures.push(`${label} (no report)`)
    return
  }
  const summary = JSON.parse(readFileSync(report, 'utf8'))
  passed += summary.numPassedTests
  failed += summary.numFailedTests
  if (summary.numFailedTests > 0 || !ok) failures.push(label)
  // A suite that crashed outside any test still fails the run.
  if (!ok && summary.numFailedTests === 0) failed++
}

step('lint', 'npx', ['eslint', '--max-warnings', '0', '.'])
step('typecheck', 'npx', ['tsc', '-b', '--pretty', 'false'])
step('build', 'npx', ['electron-vite', 'build'])
suite('unit', 'vitest.config.ts')
if (existsSync('out/renderer/index.html')) suite('e2e', 'vitest.e2e.config.ts')
else {
  failed++
  failures.push('e2e (the renderer did not build)')
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`)
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
