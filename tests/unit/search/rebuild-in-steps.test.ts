import { describe, expect, it } from 'vitest'
import type { SearchResults } from '../../../shared/procedures/search'
import type { FieldbookEvent } from '../../../shared/events'
import { SearchIndex, type RebuildProgress } from '../../../electron/core/search/search-index'
import { dispatchOk, useTempCore } from '../../helpers/core'

/*
 * After an upgrade the app refills the search index in steps, answering meanwhile, with progress; one cut
 * short by quitting starts again on the next opening.
 */

const temp = useTempCore()
const found = (results: SearchResults) => results.groups.flatMap((group) => group.hits.map((hit) => `${hit.kind}:${hit.id}`)).sort()

/** As a folder from before the per-character index: the tables the rebuild fills are emptied. */
function asOlderFolder(): void {
  const db = temp.core.store.db
  db.prepare("INSERT INTO search_index_chars (search_index_chars) VALUES ('delete-all')").run()
  db.prepare('DELETE FROM search_index_entries').run()
}

describe('rebuilding the search index in steps', () => {
  it('gives the same index as a rebuild at once, step by step with its progress', async () => {
    await temp.ok('app.loadSample', { language: 'zh' })
    const everything = await temp.ok<SearchResults>('search.query', { q: '企业', limit: 200 })
    expect(found(everything).length).toBeGreaterThan(5)

    asOlderFolder()
    const index = new SearchIndex(temp.core.store)
    expect(index.needsRebuild()).toBe(true)
    const progress: RebuildProgress[] = []
    let turns = 0
    const counting = setInterval(() => turns++, 0)
    await expect(index.rebuildInSteps((p) => progress.push(p), 10)).resolves.toBe(true)
    clearInterval(counting)

    const total = progress[0]!.total
    expect(progress[0]!.done).toBe(0)
    expect(progress.at(-1)).toEqual({ done: total, total, finished: true })
    expect(progress.filter((p) => p.finished)).toHaveLength(1)
    expect(progress.length).toBeGreaterThan(total / 10)
    // The event loop ran between steps: timers fired while the rebuild was under way.
    expect(turns).toBeGreaterThan(0)
    expect(index.needsRebuild()).toBe(false)
    expect(found(await temp.ok<SearchResults>('search.query', { q: '企业', limit: 200 }))).toEqual(found(everything))
  })

  it('indexes an edit made while it runs, and starts again when cut short', async () => {
    const { tripId } = await temp.ok<{ tripId: string }>('app.loadSample', { language: 'en' })
    asOlderFolder()
    const index = new SearchIndex(temp.core.store)
    index.install()
    let edited = false
    await index.rebuildInSteps((p) => {
      if (!edited && p.done > 0) {
        edited = true
        void temp.ok('note.create', { tripId, text: 'zebra crossing by the plant gate' })
      }
    }, 5)
    expect(found(await temp.ok<SearchResults>('search.query', { q: 'zebra' }))).toHaveLength(1)

    // Cut short: the marker stays, so the next opening fills the index again.
    asOlderFolder()
    temp.core.store.db.prepare("INSERT INTO meta (key, value) VALUES ('search_rebuild_pending', 'x')").run()
    expect(new SearchIndex(temp.core.store).needsRebuild()).toBe(true)
    const reopened = temp.reopen()
    expect(found(await dispatchOk<SearchResults>(reopened, 'search.query', { q: 'zebra' }))).toHaveLength(1)
    expect(new SearchIndex(reopened.store).needsRebuild()).toBe(false)
  })

  it('lets the app answer while it runs and reports progress as events', async () => {
    await temp.ok('app.loadSample', { language: 'zh' })
    asOlderFolder()
    const core = temp.reopen({ searchRebuildInBackground: true })
    const events: FieldbookEvent[] = []
    core.onEvent((event) => events.push(event))
    // Answered before the first step ran: the rebuild starts on a later turn.
    await expect(dispatchOk(core, 'app.info', {})).resolves.toMatchObject({ schemaVersion: expect.any(Number) })
    const deadline = Date.now() + 10_000
    while (!events.some((e) => e.type === 'search.rebuild' && e.finished) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const rebuild = events.filter((e) => e.type === 'search.rebuild')
    expect(rebuild[0]).toMatchObject({ done: 0, finished: false })
    expect(rebuild.at(-1)).toMatchObject({ finished: true })
    expect(rebuild.length).toBeGreaterThan(2)
    expect(new SearchIndex(core.store).needsRebuild()).toBe(false)
  })
  it('leaves a store closed before its first step alone', async () => {
    await temp.ok('app.loadSample', { language: 'en' })
    asOlderFolder()
    const index = new SearchIndex(temp.core.store)
    const progress: RebuildProgress[] = []
    const pending = index.rebuildInSteps((p) => progress.push(p))
    temp.core.store.close()
    await expect(pending).resolves.toBe(false)
    await expect(new SearchIndex(temp.core.store).rebuildInSteps((p) => progress.push(p))).resolves.toBe(false)
  })
})
