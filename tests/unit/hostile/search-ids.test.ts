import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useTempCore } from '../../helpers/core'

describe('search index with ids that are not UUIDv7', () => {
  const t = useTempCore()

  it('spreads them over many entry numbers (no crowding of one millisecond) and still finds them', async () => {
    const ids = Array.from({ length: 3000 }, () => randomUUID())
    t.core.store.applyChanges(ids.flatMap((id, i) => [
      { table: 'notes', rowId: id, column: 'text', value: `第${i}条：焊工证书培训` },
      { table: 'notes', rowId: id, column: 'kind', value: 'note' },
    ]))
    const rows = t.core.store.db.prepare(`SELECT entry FROM search_index_entries WHERE kind = 'note'`).pluck().all() as (number | bigint)[]
    expect(rows).toHaveLength(ids.length)
    // The entry number is kind | age (ms) | 12-bit slot: v4 ids must not share one age.
    const ages = new Set(rows.map((entry) => BigInt(entry) >> 12n))
    expect(ages.size).toBeGreaterThan(ids.length * 0.99)
    const found = await t.ok<{ groups: { kind: string; count: number }[] }>('search.query', { q: '焊工证书' })
    expect(found.groups.find((group) => group.kind === 'note')?.count).toBe(ids.length)
  })
})
