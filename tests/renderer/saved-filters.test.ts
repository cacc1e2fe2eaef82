import { describe, expect, it } from 'vitest'
import { isFiltering, loadSavedFilters, matchesFilter, storeSavedFilters, type SavedFilter } from '../../renderer/src/screens/enterprises/savedFilters'

function memoryStorage(initial?: string) {
  const items = new Map<string, string>()
  if (initial !== undefined) items.set('fieldbook.enterprises.savedFilters', initial)
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
}

const row = (overrides: Partial<{ stage: string; lastContact: string; openFollowUps: number; haystack: string }> = {}) => ({
  stage: 'cooperating',
  lastContact: '2025-03-01',
  openFollowUps: 0,
  haystack: '汇润集团\n智能制造\n江苏苏州',
  ...overrides,
})

describe('enterprise list filters', () => {
  it('combine text, stage, days without contact and open follow-ups', () => {
    const today = '2025-06-20'
    expect(matchesFilter(row(), { query: '智能' }, today)).toBe(true)
    expect(matchesFilter(row(), { query: '物流' }, today)).toBe(false)
    expect(matchesFilter(row(), { query: '', stage: 'prospect' }, today)).toBe(false)
    // 111 days since 2025-03-01: not contacted for 90 days; 2025-04-01 is 80 days ago.
    expect(matchesFilter(row(), { query: '', noContactDays: 90 }, today)).toBe(true)
    expect(matchesFilter(row({ lastContact: '2025-04-01' }), { query: '', noContactDays: 90 }, today)).toBe(false)
    expect(matchesFilter(row({ lastContact: '2025-03-22' }), { query: '', noContactDays: 90 }, today)).toBe(true)
    // Never contacted is the longest silence of all.
    expect(matchesFilter(row({ lastContact: '' }), { query: '', noContactDays: 90 }, today)).toBe(true)
    expect(matchesFilter(row(), { query: '', openFollowUps: true }, today)).toBe(false)
    expect(matchesFilter(row({ openFollowUps: 2 }), { query: '', openFollowUps: true, stage: 'cooperating' }, today)).toBe(true)
    expect(isFiltering({ query: '  ' })).toBe(false)
    expect(isFiltering({ query: '', openFollowUps: true })).toBe(true)
  })

  it('are saved on this computer and read back, dropping what no longer parses', () => {
    const storage = memoryStorage()
    const saved: SavedFilter[] = [
      { name: '待跟进', filter: { query: '', openFollowUps: true } },
      { name: '久未联系的合作企业', filter: { query: '苏州', stage: 'cooperating', noContactDays: 90 } },
    ]
    storeSavedFilters(saved, storage)
    expect(loadSavedFilters(storage)).toEqual(saved)
    const broken = memoryStorage(JSON.stringify([{ name: '', filter: {} }, { name: 'ok', filter: { query: 'x', stage: 'nonsense' } }, saved[0]]))
    expect(loadSavedFilters(broken)).toEqual([saved[0]])
    expect(loadSavedFilters(memoryStorage('not json'))).toEqual([])
    expect(loadSavedFilters(memoryStorage('{"a":1}'))).toEqual([])
  })
})
