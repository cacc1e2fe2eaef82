import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import type { FieldbookEvent } from '../../shared/events'
import { useTempCore } from '../helpers/core'
import { RENDERER_DIR } from './harness'

/** The worker the packaged app loads: the bundled out/main/report-worker.js, not the TypeScript source. */
const BUNDLED_WORKER = resolve(RENDERER_DIR, '..', 'main', 'report-worker.js')

const temp = useTempCore({ reportWorkerFile: BUNDLED_WORKER })

it('builds a report in the bundled worker thread and reports its progress', async () => {
  expect(existsSync(BUNDLED_WORKER)).toBe(true)
  const loaded = (await temp.core.dispatch('app.loadSample', { language: 'zh' })) as { ok: true; value: { tripId: string } }
  const stages: string[] = []
  temp.core.onEvent((event: FieldbookEvent) => {
    if (event.type === 'export.progress') stages.push(event.stage)
  })
  const file = join(temp.dir, '研究报告.docx')
  const record = await temp.core.reports.exportTo({ kind: 'research-report', tripId: loaded.value.tripId, style: 'official', language: 'zh' }, file)
  expect(record.bytes).toBeGreaterThan(10_000)
  expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK')
  expect(stages).toEqual(['reading', 'building', 'packing'])
})
