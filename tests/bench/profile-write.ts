import { openStore } from '../../electron/core/store/store'
import { SearchIndex } from '../../electron/core/search/search-index'
import { tempDir } from '../helpers/temp'
import { rawInsertMs, remarkChanges, remarkRows } from './write-path'
import { addRow, time } from './table'

/**
 * Where the write path's time goes: `node --cpu-prof --import tsx tests/bench/profile-write.ts` gives the frames;
 * this prints applyChanges with and without the search-index hook beside raw inserts of the same records.
 */
export function profileWritePath(count = 20_000): { rawMs: number; plainMs: number; indexedMs: number } {
  const records = remarkRows(count)
  const rawMs = rawInsertMs(records)
  const run = (withIndex: boolean) => {
    const dir = tempDir('fieldbook-bench-profile-')
    const store = openStore({ dataDir: dir.path })
    if (withIndex) new SearchIndex(store).install()
    const { ms } = time(() => store.applyChanges(remarkChanges(records)))
    store.close()
    dir.cleanup()
    return ms
  }
  return { rawMs, plainMs: run(false), indexedMs: run(true) }
}

if (process.argv[1]?.endsWith('profile-write.ts')) {
  const result = profileWritePath()
  console.log(JSON.stringify(result))
}

/** The same batch with the search index installed on the write path, as in the app: what the index costs. */
export function benchWritePathWithIndex(count = 20_000): void {
  const { plainMs, indexedMs } = profileWritePath(count)
  const changes = count * 7
  addRow({
    name: `write path with the search-index hook installed (as in the app): ${count.toLocaleString('en')} records`,
    value: `${Math.round((changes / indexedMs) * 1000).toLocaleString('en')} changes/s (${indexedMs.toFixed(0)} ms)`,
    baseline: `applyChanges without the hook: ${plainMs.toFixed(0)} ms`,
    ratio: `${(indexedMs / plainMs).toFixed(1)}× without`,
    goal: '(attribution)',
  })
}
