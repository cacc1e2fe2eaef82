import i18next, { type i18n as I18n } from 'i18next'
import { describe, expect, it } from 'vitest'
import { resources } from '../../renderer/src/i18n/resources'
import { fieldLabel } from '../../renderer/src/screens/sync/labels'
import { ENTERPRISE_LIST_COLUMNS, fieldSpecsOf, LABELLED_TABLES, type LabelledTable } from '../../shared/fields'
import { columnName } from '../../shared/tables'

/** Where the screens keep each labelled table's field names (the history and the conflict list use them too). */
const SCREEN_LABELS: Record<LabelledTable, string> = { enterprises: 'enterprises.fields', contacts: 'enterprises.contacts' }
const specs = (table: LabelledTable) => Object.entries(fieldSpecsOf(table))

function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree)
}

/** The field registry (shared/fields.ts) names the fields; the screens take those names, not copies of them. */
describe('field names from the registry', () => {
  it('gives the screens, the history and the conflict list their field names', async () => {
    const problems: string[] = []
    for (const [language, lang] of [['zh-CN', 'zh'], ['en', 'en']] as const) {
      const i18n: I18n = i18next.createInstance()
      await i18n.init({ resources: { [language]: { translation: resources[language] } }, lng: language, fallbackLng: false, interpolation: { escapeValue: false } })
      for (const table of LABELLED_TABLES) {
        for (const [field, spec] of specs(table)) {
          if (!spec.label) continue
          const key = `${SCREEN_LABELS[table]}.${field}`
          if (at(resources[language], key) !== spec.label[lang]) problems.push(`${table}.${field}: ${key} (${language}) is not the registry's label`)
          if (fieldLabel(i18n, table, columnName(field)) !== spec.label[lang]) problems.push(`${table}.${field}: the history names it otherwise in ${language}`)
          for (const [value, words] of Object.entries(spec.choices ?? {})) {
            if (at(resources[language], `enterprises.${field}.${value}`) !== words[lang]) problems.push(`${table}.${field}: the screens' word for '${value}' (${language}) is not the registry's`)
          }
        }
      }
      for (const column of ENTERPRISE_LIST_COLUMNS) {
        if (at(resources[language], `exchange.fields.${column.key}`) !== column.header[lang]) problems.push(`${column.table}.${column.field}: the import dialog names it otherwise in ${language}`)
      }
    }
    expect(problems).toEqual([])
  })

})
