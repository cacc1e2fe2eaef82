import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, Result } from 'axe-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The impacts that fail a screen: a serious or critical violation blocks someone from using it. */
const BLOCKING = new Set(['serious', 'critical'])

export interface AxeViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core in the page (WCAG 2.x A and AA rules) and returns its serious and critical violations, each with the
 * elements it found them on, so a failing test names what to fix.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Injected through the debugging protocol, which the page's CSP does not govern.
  const loaded = await page.evaluate(() => 'axe' in globalThis)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const results = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
  })) as AxeResults
  return results.violations
    .filter((violation: Result) => BLOCKING.has(violation.impact ?? ''))
    .map((violation: Result) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.slice(0, 8).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`),
    }))
}
