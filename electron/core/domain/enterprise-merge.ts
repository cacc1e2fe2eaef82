import { AppError } from '../../../shared/errors'
import type { EnterpriseMergeResult } from '../../../shared/procedures/enterprise-identity'
import { ENTERPRISE_FIELD_SPECS, type Enterprise } from '../../../shared/schemas/enterprise'
import type { CoreContext } from '../context'
import type { ChangeInput } from '../store/store'
import { columnName, SYNCED_TABLE_FIELDS, type SyncedTable } from '../store/tables'

/** Every synced table whose rows belong to an enterprise through an `enterpriseId` field, found from the schemas. */
const ENTERPRISE_OWNED_TABLES = (Object.keys(SYNCED_TABLE_FIELDS) as SyncedTable[]).filter((table) => 'enterpriseId' in SYNCED_TABLE_FIELDS[table].shape)

/** Links that name an enterprise by kind and id rather than by an `enterpriseId` column. */
const KIND_LINKS = [
  { table: 'attachments', kindColumn: 'owner_kind', idColumn: 'owner_id' },
  { table: 'actions', kindColumn: 'linked_kind', idColumn: 'linked_id' },
] as const

/** The name stays the kept one's; the stage, the tags and the profile text have rules of their own below. */
const OWN_RULES: ReadonlySet<string> = new Set(['name', 'stage', 'tags', 'profile'])
/** Every other field of the registry is filled from the merged file where the kept one has nothing. */
const FILLED_FIELDS = (Object.keys(ENTERPRISE_FIELD_SPECS) as (keyof typeof ENTERPRISE_FIELD_SPECS)[]).filter((field) => !OWN_RULES.has(field))

/**
 * Merges the file `mergeId` into `keepId`: every record of the merged enterprise (trashed ones too, so that a
 * restore lands in the kept file) is re-pointed to the kept one, empty profile fields are filled, tags joined and a
 * differing profile text appended, then the merged file goes to the trash. All of it as ordinary field changes in
 * one transaction: it syncs like any edit, each record keeps its history, and undoing is possible field by field.
 */
export function mergeEnterprises(context: CoreContext, input: { keepId: string; mergeId: string }): EnterpriseMergeResult {
  const { store, records } = context
  if (input.keepId === input.mergeId) {
    throw new AppError('VALIDATION', 'An enterprise file cannot be merged into itself', { fieldErrors: [{ path: 'mergeId', key: 'sameEnterprise' }] })
  }
  const keep = records.enterprise.get(input.keepId) as unknown as Enterprise
  const merge = records.enterprise.get(input.mergeId) as unknown as Enterprise
  for (const [record, path] of [[keep, 'keepId'], [merge, 'mergeId']] as const) {
    if (record.deleted) throw new AppError('NOT_FOUND', `${record.name} is in the trash`, { id: record.id, fieldErrors: [{ path, key: 'notFound' }] })
  }

  const changes: ChangeInput[] = []
  const moved: Record<string, number> = {}
  const repoint = (table: string, column: string, where: string, params: string[]) => {
    const ids = store.statement(`SELECT id FROM "${table}" WHERE ${where}`).all(...params) as { id: string }[]
    for (const { id } of ids) changes.push({ table, rowId: id, column, value: keep.id })
    if (ids.length > 0) moved[table] = (moved[table] ?? 0) + ids.length
  }
  for (const table of ENTERPRISE_OWNED_TABLES) repoint(table, columnName('enterpriseId'), 'enterprise_id = ?', [merge.id])
  for (const link of KIND_LINKS) repoint(link.table, link.idColumn, `${link.kindColumn} = 'enterprise' AND ${link.idColumn} = ?`, [merge.id])

  const filled: string[] = []
  const fill = (field: string, value: unknown) => {
    changes.push({ table: 'enterprises', rowId: keep.id, column: columnName(field), value: value as string })
    filled.push(field)
  }
  for (const field of FILLED_FIELDS) {
    if (keep[field] === '' && merge[field] !== '') fill(field, merge[field])
  }
  if (keep.stage === 'prospect' && merge.stage !== 'prospect') fill('stage', merge.stage)
  const tags = [...new Set([...keep.tags, ...merge.tags])].slice(0, 40)
  if (tags.length > keep.tags.length) fill('tags', JSON.stringify(tags))
  const profile = merge.profile.trim()
  if (profile && !keep.profile.includes(profile)) fill('profile', keep.profile.trim() ? `${keep.profile.trim()}\n\n${profile}`.slice(0, 20_000) : profile)

  changes.push({ table: 'enterprises', rowId: merge.id, column: 'deleted', value: 1 })
  store.applyChanges(changes)
  return { keptId: keep.id, mergedId: merge.id, moved, filledFields: filled }
}
