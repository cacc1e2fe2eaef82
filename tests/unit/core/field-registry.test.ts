import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { openCore } from '../../../electron/core/core'
import { previewEnterprises } from '../../../electron/core/exchange/enterprise-import'
import { suggestMapping } from '../../../electron/core/exchange/labels'
import { profileRows } from '../../../electron/core/reports/enterprise-file'
import { SOURCES } from '../../../electron/core/search/sources'
import { IMPORT_FIELDS } from '../../../shared/exchange/api'
import { ENTERPRISE_LIST_COLUMNS, FIELD_REGISTRY, fieldSpecsOf, LABELLED_TABLES, registryMismatches, watchModeOf, type FieldSpec } from '../../../shared/fields'
import type { SearchResults } from '../../../shared/procedures/search'
import { creditCodeCheckChar, type Enterprise } from '../../../shared/schemas/enterprise'
import { columnName, SYNCED_TABLE_FIELDS, type SyncedTable } from '../../../shared/tables'
import { useTempCore, type Row } from '../../helpers/core'
import { exchangeOf } from '../exchange/helpers'

/**
 * The field registry (shared/fields.ts) is the one place a field is described; everything below is derived from
 * it. Each check lists every field that lacks something, by name, so a new field shows at once what it is missing.
 */
const TABLES = Object.keys(SYNCED_TABLE_FIELDS) as SyncedTable[]
const shapeOf = (table: SyncedTable) => SYNCED_TABLE_FIELDS[table].shape as Record<string, z.ZodType>
const specs = (table: SyncedTable) => Object.entries(fieldSpecsOf(table))
/** Links to other records are named by the record they point at, not by a label of their own. */
const isLink = (field: string) => /Ids?$/.test(field)

function enumValues(schema: z.ZodType): string[] | undefined {
  const def = schema._zod.def as { type: string; entries?: Record<string, string>; innerType?: z.ZodType }
  if (def.type === 'enum') return Object.values(def.entries!)
  if (def.type === 'default' || def.type === 'optional') return enumValues(def.innerType!)
  return undefined
}

/** Values a form would accept, one per field, each a distinct word search can find. */
const SPECIAL_SAMPLES: Record<string, unknown> = {
  'enterprises.creditCode': `91320500MA1R${'00001'}` + creditCodeCheckChar('91320500MA1R00001'),
  'contacts.email': 'registry@example.com',
  'contacts.isPrimary': true,
  'contacts.phone': '0512-65881234转8001',
}
function sampleOf(table: SyncedTable, field: string, spec: FieldSpec): unknown {
  const schema = shapeOf(table)[field]!
  const candidates = [
    SPECIAL_SAMPLES[`${table}.${field}`],
    spec.choices ? Object.keys(spec.choices).at(-1) : undefined,
    spec.watch === 'list' ? [`样本${field}甲`, `样本${field}乙`] : undefined,
    `样本${field}值`,
  ]
  for (const candidate of candidates) if (candidate !== undefined && schema.safeParse(candidate).success) return candidate
  throw new Error(`${table}.${field}: no sample value fits its schema; add one to SPECIAL_SAMPLES in this test`)
}
function samples(table: 'enterprises' | 'contacts'): Record<string, unknown> {
  return Object.fromEntries(specs(table).filter(([field]) => !isLink(field)).map(([field, spec]) => [field, sampleOf(table, field, spec)]))
}

describe('the field registry', () => {
  it('has an entry for every field of every synced table, and none for a field the schema lacks', () => {
    const problems: string[] = []
    for (const table of TABLES) {
      const { unregistered, unknown } = registryMismatches(table, SYNCED_TABLE_FIELDS[table])
      for (const field of unregistered) problems.push(`${field} is in the schema but has no entry in the field registry: add one beside its schema (see FIELD_REGISTRY in shared/fields.ts)`)
      for (const field of unknown) problems.push(`${field} has a registry entry but no schema field`)
    }
    expect(problems).toEqual([])
  })

  it('declares for every field how sync watches it, and a list mode only for lists of texts', () => {
    const problems: string[] = []
    for (const table of TABLES) {
      for (const [field, spec] of specs(table)) {
        if (!['text', 'list', 'value', 'merge'].includes(spec.watch)) problems.push(`${table}.${field} lacks its watch mode (text, list, value or merge)`)
        if (spec.watch === 'list' && !(shapeOf(table)[field]!.safeParse(['一条']).success && !shapeOf(table)[field]!.safeParse('一条').success)) {
          problems.push(`${table}.${field} is watched as a list but is not a list of texts`)
        }
        // The conflict set is the registry's.
        if (watchModeOf(table, columnName(field)) !== (spec.watch === 'merge' ? undefined : spec.watch)) problems.push(`${table}.${field} is not watched as its registry entry says`)
      }
    }
    expect(problems).toEqual([])
  })

  it('names every field of the described tables in Chinese and English, and every choice of a choice field', () => {
    const problems: string[] = []
    for (const table of LABELLED_TABLES) {
      for (const [field, spec] of specs(table)) {
        if (isLink(field)) continue
        for (const language of ['zh', 'en'] as const) if (!spec.label?.[language]?.trim()) problems.push(`${table}.${field} lacks label.${language} in the field registry`)
        const values = enumValues(shapeOf(table)[field]!)?.filter((value) => value !== '')
        if (values) {
          for (const value of values) if (!spec.choices?.[value]?.zh || !spec.choices[value]!.en) problems.push(`${table}.${field} lacks the words for its choice '${value}'`)
        } else if (spec.choices) problems.push(`${table}.${field} has choices but is not a choice field`)
      }
    }
    expect(problems).toEqual([])
  })

  it('indexes for search exactly the fields the registry marks, as the title or the body', () => {
    const problems: string[] = []
    for (const table of TABLES) {
      for (const [field, spec] of specs(table)) {
        const column = columnName(field)
        const where = SOURCES[table].title.includes(column) ? 'title' : SOURCES[table].body.includes(column) ? 'body' : undefined
        if (where !== spec.search) problems.push(`${table}.${field}: search takes it as ${where ?? 'nothing'}, the registry says ${spec.search ?? 'nothing'}`)
      }
      if (SOURCES[table].title.length + SOURCES[table].body.length === 0) problems.push(`${table}: no field is searched`)
    }
    expect(problems).toEqual([])
  })

  it('gives every enterprise field a column of the enterprise list, and reads each column back from its header names', () => {
    const problems: string[] = []
    for (const [field, spec] of specs('enterprises')) if (!spec.column) problems.push(`enterprises.${field} has no enterprise-list column, so import and export leave it out`)
    expect([...IMPORT_FIELDS]).toEqual(ENTERPRISE_LIST_COLUMNS.map((column) => column.key))
    for (const column of ENTERPRISE_LIST_COLUMNS) {
      for (const name of column.names) {
        const read = Object.entries(suggestMapping([name])).find(([, index]) => index === 0)?.[0]
        // A name two fields share belongs to the first; the column's own headers must be its.
        const own = name === column.header.zh || name === column.header.en
        if (read !== column.key && (own || read === undefined)) problems.push(`${column.table}.${column.field}: the header '${name}' is read as ${read ?? 'nothing'}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('prints every field marked for the report in the enterprise file under its report label', () => {
    const enterprise = { id: '00000000-0000-4000-8000-000000000000', deleted: false, ...samples('enterprises') } as unknown as Enterprise
    const problems: string[] = []
    for (const language of ['zh', 'en'] as const) {
      const rows = new Map(profileRows(enterprise, language))
      for (const [field, spec] of specs('enterprises')) {
        if (!spec.report) continue
        const label = spec.report === true ? spec.label?.[language] : spec.report[language]
        const value = enterprise[field as keyof Enterprise]
        const expected = spec.choices ? spec.choices[value as string]![language] : Array.isArray(value) ? value.join(language === 'zh' ? '、' : ', ') : value
        if (!label || rows.get(label) !== expected) problems.push(`enterprises.${field}: the enterprise file (${language}) does not print it under '${label}'`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('fields through the app, as the registry describes them', () => {
  const t = useTempCore()
  let enterprise: Row
  let contact: Row
  const ents = samples('enterprises')
  const cons = samples('contacts')

  beforeAll(() => {
    expect(Object.keys(ents)).toEqual(Object.keys(FIELD_REGISTRY.enterprises))
  })

  async function create() {
    enterprise = await t.ok('enterprise.create', ents)
    contact = await t.ok('contact.create', { enterpriseId: enterprise.id, ...cons })
  }

  it('finds an enterprise and a contact by each field search indexes', async () => {
    await create()
    const problems: string[] = []
    for (const [table, values, kind, id] of [['enterprises', ents, 'enterprise', enterprise.id], ['contacts', cons, 'contact', contact.id]] as const) {
      for (const [field, spec] of specs(table)) {
        if (!spec.search || typeof values[field] !== 'string' || spec.choices) continue
        const results = await t.ok<SearchResults>('search.query', { q: values[field], kinds: [kind] })
        if (!results.groups.some((group) => group.hits.some((hit) => hit.id === id))) problems.push(`${table}.${field}: searching '${String(values[field])}' does not find it`)
      }
    }
    expect(problems).toEqual([])
  })

  it('exports every column of the enterprise list and imports each field back, in both languages and formats', async () => {
    await create()
    const service = exchangeOf(t.core)
    for (const format of ['csv', 'xlsx'] as const) {
      for (const language of ['zh', 'en'] as const) {
        const file = join(t.dir, `registry-${language}.${format}`)
        await service.exportTableTo({ kind: 'enterprises', format, language }, file)
        const preview = await previewEnterprises(file)
        expect(preview.headers, `${format} ${language}`).toEqual(ENTERPRISE_LIST_COLUMNS.map((column) => column.header[language]))
        if (format === 'csv') expect(readFileSync(file, 'utf8')).toContain(String(ents['name']))
        const other = openCore({ dataDir: join(t.dir, `other-${format}-${language}`) })
        try {
          const report = await exchangeOf(other).importEnterprisesFrom(file, { mapping: preview.suggestedMapping })
          expect(report, `${format} ${language}`).toMatchObject({ created: 1, refused: 0, contactsCreated: 1 })
          const imported = other.records.enterprise.list()[0]!
          const problems: string[] = []
          for (const column of ENTERPRISE_LIST_COLUMNS) {
            const got = column.table === 'enterprises' ? imported[column.field] : other.records.contact.list({ enterpriseId: imported.id })[0]?.[column.field]
            const want = column.table === 'enterprises' ? ents[column.field] : cons[column.field]
            if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${column.table}.${column.field} (${format}, ${language}): exported ${JSON.stringify(want)}, imported ${JSON.stringify(got)}`)
          }
          expect(problems).toEqual([])
        } finally {
          other.close()
        }
      }
    }
  })
})
