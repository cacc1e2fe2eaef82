import type { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { parseOrThrow } from '../../../shared/validation'
import { newId } from '../ids'
import type { ChangeInput, Store } from '../store/store'
import { columnName, SYNCED_TABLE_FIELDS, SYNCED_TABLES, type CellValue, type ColumnKind, type SyncedTable } from '../store/tables'

export interface RecordSpec {
  table: SyncedTable
  /** Creating: fields with their defaults. */
  input: z.ZodType
  /** Editing: any subset of the editable fields. */
  patch: z.ZodType
  /** The whole record after a patch is merged, with the cross-field rules. */
  whole: z.ZodType
  /** Fields naming another record that must exist and not be in the trash, with that record's table. */
  parents?: Record<string, SyncedTable>
  /** SQL ORDER BY of lists. */
  orderBy: string
}

type Row = Record<string, CellValue>
export type StoredRecord = { id: string; deleted: boolean } & Record<string, unknown>

function fromCell(kind: ColumnKind, value: CellValue): unknown {
  switch (kind) {
    case 'json':
      return JSON.parse(String(value))
    case 'bool':
      return value === 1
    default:
      return value
  }
}

/** A field's value as its column stores it (JSON text, 0/1, or as it is). */
export function toCell(kind: ColumnKind, value: unknown): CellValue {
  switch (kind) {
    case 'json':
      return JSON.stringify(value)
    case 'bool':
      return value ? 1 : 0
    default:
      return value as CellValue
  }
}

/**
 * Create, read, edit, trash and restore one kind of record, all through the store's single write path. Edits
 * write only the fields that changed, so two people editing different fields of one record both keep theirs.
 */
export class RecordService<R extends StoredRecord = StoredRecord> {
  private readonly fields: { field: string; column: string; kind: ColumnKind }[]
  private readonly select: string

  constructor(
    protected readonly store: Store,
    readonly spec: RecordSpec,
  ) {
    const kinds = SYNCED_TABLES[spec.table]
    this.fields = Object.keys(SYNCED_TABLE_FIELDS[spec.table].shape).map((field) => {
      const column = columnName(field)
      return { field, column, kind: kinds[column]! }
    })
    this.select = `SELECT id, deleted, ${this.fields.map((f) => `"${f.column}"`).join(', ')} FROM "${spec.table}"`
  }

  private toRecord(row: Row): R {
    const record: StoredRecord = { id: String(row['id']), deleted: row['deleted'] === 1 }
    for (const { field, column, kind } of this.fields) record[field] = fromCell(kind, row[column] ?? null)
    return record as R
  }

  /** Live records, optionally only those whose given fields equal the given values (e.g. `{ tripId }`). */
  list(where: Record<string, string | undefined> = {}): R[] {
    const conditions = ['deleted = 0']
    const params: string[] = []
    for (const [field, value] of Object.entries(where)) {
      if (value === undefined) continue
      const known = this.fields.find((f) => f.field === field)
      if (!known) throw new AppError('VALIDATION', `Cannot filter ${this.spec.table} by ${field}`)
      conditions.push(`"${known.column}" = ?`)
      params.push(value)
    }
    const sql = `${this.select} WHERE ${conditions.join(' AND ')} ORDER BY ${this.spec.orderBy}`
    return (this.store.statement(sql).all(...params) as Row[]).map((row) => this.toRecord(row))
  }

  find(id: string): R | undefined {
    const row = this.store.statement(`${this.select} WHERE id = ?`).get(id) as Row | undefined
    return row ? this.toRecord(row) : undefined
  }

  get(id: string): R {
    const found = this.find(id)
    if (!found) throw new AppError('NOT_FOUND', `No ${this.spec.table} record with id ${id}`, { id, table: this.spec.table })
    return found
  }

  create(input: unknown): R {
    const fields = parseOrThrow(this.spec.input, input) as Record<string, unknown>
    if (this.fields.some((f) => f.field === 'sortKey') && fields['sortKey'] === undefined) fields['sortKey'] = Date.now()
    this.checkParents(fields)
    const id = newId()
    this.write(id, fields, true)
    return this.get(id)
  }

  /** Checks the merged record as a whole, then writes only the fields that differ. */
  update(id: string, patch: unknown): R {
    const changes = parseOrThrow(this.spec.patch, patch) as Record<string, unknown>
    const current = this.get(id)
    if (current.deleted) throw new AppError('NOT_FOUND', `The record ${id} is in the trash`, { id })
    const { id: _id, deleted: _deleted, ...currentFields } = current
    const merged = parseOrThrow(this.spec.whole, { ...currentFields, ...changes }) as Record<string, unknown>
    const changed: Record<string, unknown> = {}
    for (const key of Object.keys(changes)) {
      if (JSON.stringify(merged[key]) !== JSON.stringify(current[key])) changed[key] = merged[key]
    }
    this.checkParents(changed)
    this.write(id, changed)
    return this.get(id)
  }

  /** Moves the record to the trash: a tombstone that syncs, undone by `restore`. */
  delete(id: string): R {
    this.get(id)
    this.store.applyChanges([{ table: this.spec.table, rowId: id, column: 'deleted', value: 1 }])
    return this.get(id)
  }

  restore(id: string): R {
    this.get(id)
    this.store.applyChanges([{ table: this.spec.table, rowId: id, column: 'deleted', value: 0 }])
    return this.get(id)
  }

  private checkParents(fields: Record<string, unknown>): void {
    for (const [field, table] of Object.entries(this.spec.parents ?? {})) {
      const value = fields[field]
      if (typeof value !== 'string' || value === '') continue
      const parent = this.store.statement(`SELECT deleted FROM "${table}" WHERE id = ?`).get(value) as { deleted: number } | undefined
      if (!parent || parent.deleted === 1) {
        throw new AppError('VALIDATION', `${field} names no existing record`, { fieldErrors: [{ path: field, key: 'notFound' }] })
      }
    }
  }

  /** A new row is written with `deleted = 0` in the same batch, so it appears whole or not at all. */
  private write(id: string, fields: Record<string, unknown>, creating = false): void {
    const changes: ChangeInput[] = []
    for (const { field, column, kind } of this.fields) {
      if (field in fields) changes.push({ table: this.spec.table, rowId: id, column, value: toCell(kind, fields[field]) })
    }
    if (creating) changes.push({ table: this.spec.table, rowId: id, column: 'deleted', value: 0 })
    if (changes.length > 0) this.store.applyChanges(changes)
  }
}
