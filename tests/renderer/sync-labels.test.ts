import i18next, { type i18n as I18n } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { resources } from '../../renderer/src/i18n/resources'
import { fieldLabel, fieldLabelKey, formatValue, humanise, tableLabel } from '../../renderer/src/screens/sync/labels'
import { SYNCED_TABLES, type SyncedTable } from '../../shared/tables'

const HAN = /\p{Script=Han}/u

async function instance(language: 'zh-CN' | 'en'): Promise<I18n> {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: { 'zh-CN': { translation: resources['zh-CN'] }, en: { translation: resources.en } },
    lng: language,
    // No fallback: a label only English has must count as missing in Chinese.
    fallbackLng: false,
    interpolation: { escapeValue: false },
  })
  return i18n
}

/** The history and the conflict list name every synced table and column in the user's language. */
describe('sync history and conflict labels', () => {
  let zh: I18n
  let en: I18n
  beforeAll(async () => {
    zh = await instance('zh-CN')
    en = await instance('en')
  })

  const tables = Object.keys(SYNCED_TABLES) as SyncedTable[]
  const columns = tables.flatMap((table) => Object.keys(SYNCED_TABLES[table]).map((column) => [table, column] as const))

  it('covers every synced table and column', () => {
    expect(tables).toEqual(expect.arrayContaining(['visit_stops', 'attendees', 'remarks', 'questionnaires', 'attachments']))
    expect(columns.length).toBeGreaterThan(100)
  })

  it.each(columns)('%s.%s has a Chinese label', (table, column) => {
    expect(fieldLabelKey(zh, table, column)).toBeDefined()
    const label = fieldLabel(zh, table, column)
    expect(label).not.toBe(column)
    expect(label).not.toBe(humanise(column))
    expect(label).toMatch(HAN)
  })

  it.each(columns)('%s.%s has an English label', (table, column) => {
    // Found in the English strings, not made up from the column name ("Name" would look right either way).
    expect(fieldLabelKey(en, table, column)).toBeDefined()
    const label = fieldLabel(en, table, column)
    expect(label).not.toBe(column)
    expect(label).not.toMatch(HAN)
    expect(label).not.toContain('_')
    expect(label.trim()).not.toBe('')
  })

  it.each(tables)('table %s is named in both languages', (table) => {
    expect(tableLabel(zh, table)).toMatch(HAN)
    const english = tableLabel(en, table)
    expect(english).not.toMatch(HAN)
    expect(english).not.toBe(humanise(table))
  })

  it('names a field as its form does, and the history’s own word where no form names it', () => {
    expect(fieldLabel(zh, 'enterprises', 'name')).toBe('企业名称')
    expect(fieldLabel(en, 'surveys', 'respondent_title')).toBe('Job title')
    expect(fieldLabel(zh, 'remarks', 'is_quote')).toBe('金句')
    expect(fieldLabel(en, 'visit_stops', 'observation')).toBe('Observations')
    expect(fieldLabel(zh, 'positions', 'pay_min')).toBe('最低月薪（元）')
    expect(fieldLabel(zh, 'attachments', 'caption')).toBe('说明')
    expect(fieldLabel(zh, 'positions', 'sort_key')).toBe('顺序')
    expect(tableLabel(zh, 'visit_stops')).toBe('参观点')
    expect(tableLabel(en, 'attachments')).toBe('Photo or file')
  })

  it('says choice values of the newly labelled tables in words', () => {
    expect(formatValue(zh, 'attendees', 'side', 'enterprise')).toBe('企业方')
    expect(formatValue(en, 'actions', 'linked_kind', 'symposium')).toBe('Symposium')
    expect(formatValue(zh, 'attachments', 'owner_kind', 'visit')).toBe('参观考察')
  })
})
