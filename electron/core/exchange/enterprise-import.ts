import { basename } from 'node:path'
import { performance } from 'node:perf_hooks'
import { AppError, type FieldError } from '../../../shared/errors'
import {
  EnterpriseImportRequest,
  REPORT_LIST_LIMIT,
  type ColumnMapping,
  type DuplicateDecision,
  type DuplicateRow,
  type EnterpriseImportReport,
  type EnterprisePreview,
  type ImportField,
  type RefusedRow,
} from '../../../shared/exchange/api'
import { ENTERPRISE_LIST_COLUMNS, type ListColumn } from '../../../shared/fields'
import { ContactFields, ContactInput, EnterpriseFields, EnterpriseInput, type Enterprise } from '../../../shared/schemas/enterprise'
import { parseOrThrow, toFieldErrors } from '../../../shared/validation'
import type { CoreContext } from '../context'
import { newId } from '../ids'
import type { ChangeInput } from '../store/store'
import { rowChanges } from './cells'
import { CHOICE_SYNONYMS, splitList, suggestMapping, valueOfLabel } from './labels'
import { openTable, type TableRow } from './table-reader'
import { SameEnterpriseIndex } from '../../../shared/enterprise-identity'

const PREVIEW_ROWS = 8
/** Rows written per applyChanges call, all inside one transaction: bounded memory, all or nothing. */
const WRITE_CHUNK_ROWS = 2000

export async function previewEnterprises(path: string): Promise<EnterprisePreview> {
  const table = await openTable(path)
  let headers: string[] | null = null
  const sampleRows: string[][] = []
  for await (const { cells } of table.rows()) {
    if (!headers) headers = cells
    else sampleRows.push(cells)
    if (sampleRows.length >= PREVIEW_ROWS) break
  }
  if (!headers) throw new AppError('IMPORT_INVALID', `${basename(path)} has no rows.`, { reason: 'noRows', fileName: basename(path) })
  const width = Math.max(headers.length, ...sampleRows.map((r) => r.length))
  const padded = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '')
  return {
    fileName: basename(path),
    format: table.format,
    encoding: table.encoding,
    sheetName: table.sheetName,
    headers: padded(headers),
    sampleRows: sampleRows.map(padded),
    suggestedMapping: suggestMapping(headers),
  }
}

/** A spreadsheet's phone numbers are kept as written: the check is for numbers people type into the form. */
const ContactRow = ContactInput.omit({ enterpriseId: true }).extend({ phone: ContactFields.shape.phone.default('') })
/** The list's columns of each table, from the field registry. */
const ENTERPRISE_COLUMNS = ENTERPRISE_LIST_COLUMNS.filter((column) => column.table === 'enterprises')
const CONTACT_COLUMNS = ENTERPRISE_LIST_COLUMNS.filter((column) => column.table === 'contacts')
type Fields = Record<string, unknown>

interface Candidate {
  enterprise: Fields
  /** Fields the row gave a value for (an empty cell never fills or overwrites anything). */
  given: Set<string>
  contact: Fields | null
}

/** A cell as the field's value: a list split at its separators, a choice read from its words, else the text. */
function cellValue(column: ListColumn, text: string): { value: unknown } | undefined {
  if (column.spec.choices) {
    const value = valueOfLabel(column.spec.choices, text, CHOICE_SYNONYMS[column.field])
    return value === undefined ? undefined : { value }
  }
  if (column.spec.watch === 'list') return { value: splitList(text) }
  return { value: text }
}

/** One row read through the mapping and checked with the enterprise schema; errors name the import field. */
function readRow(cells: string[], mapping: ColumnMapping, uncachedFormulas: readonly number[] = []): { candidate?: Candidate; errors: FieldError[] } {
  const text = (field: ImportField) => {
    const index = mapping[field]
    return index === undefined ? '' : (cells[index] ?? '').trim()
  }
  const errors: FieldError[] = []
  // A formula saved without its value: importing it as empty (or as the formula's text) would be a guess.
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== undefined && uncachedFormulas.includes(index)) errors.push({ path: field, key: 'formulaWithoutValue' })
  }
  if (errors.length > 0) return { errors }
  const raw: Fields = {}
  const given = new Set<string>()
  for (const column of ENTERPRISE_COLUMNS) {
    const value = text(column.key)
    if (value === '') continue
    given.add(column.field)
    const read = cellValue(column, value)
    if (read) raw[column.field] = read.value
    else errors.push({ path: column.key, key: 'invalidChoice' })
  }
  const parsed = EnterpriseInput.safeParse({ name: '', ...raw })
  if (!parsed.success) errors.push(...toFieldErrors(parsed.error))
  let contact: Fields | null = null
  const contactRaw: Fields = {}
  for (const column of CONTACT_COLUMNS) {
    const value = text(column.key)
    if (value === '') continue
    const read = cellValue(column, value)
    if (read) contactRaw[column.field] = read.value
    else errors.push({ path: column.key, key: 'invalidChoice' })
  }
  if (Object.keys(contactRaw).length > 0) {
    const checked = ContactRow.safeParse({ name: '', notes: '', wechat: '', isPrimary: false, ...contactRaw })
    if (checked.success) contact = checked.data
    else {
      const keyOf = (field: string) => CONTACT_COLUMNS.find((column) => column.field === field)?.key ?? field
      errors.push(...toFieldErrors(checked.error).map((e) => ({ ...e, path: keyOf(e.path) })))
    }
  }
  if (errors.length > 0 || !parsed.success) return { errors }
  return { candidate: { enterprise: parsed.data as Fields, given, contact }, errors }
}

interface Target {
  id: string
  origin: 'existing' | 'file'
  row?: number
  fields: Fields
  original?: Fields
  contactNames: Set<string>
}

const isEmpty = (value: unknown) => value === '' || (Array.isArray(value) && value.length === 0)

/** What merging (fill empty fields) or overwriting (file's non-empty values win) a row into a target changes. */
function mergedFields(target: Fields, candidate: Candidate, decision: 'merge' | 'overwrite'): Fields {
  const changed: Fields = {}
  for (const field of candidate.given) {
    const value = candidate.enterprise[field]
    const current = target[field]
    // A list (tags) merges by joining both.
    if (Array.isArray(value)) {
      const list = decision === 'overwrite' ? (value as string[]) : [...new Set([...(current as string[]), ...(value as string[])])]
      if (JSON.stringify(list) !== JSON.stringify(current)) changed[field] = list.slice(0, 40)
    } else if ((decision === 'overwrite' || isEmpty(current)) && JSON.stringify(value) !== JSON.stringify(current)) {
      // The name is how the user knows the enterprise: merging never renames it.
      if (field === 'name' && decision === 'merge') continue
      changed[field] = value
    }
  }
  return changed
}

/**
 * Imports an enterprise list. Every row is checked with the enterprise schema (refused rows are reported with
 * their row number and the reason for each field); a row with the credit code or the normalised name of an
 * enterprise already here, or of an earlier row, is a duplicate and follows its decision. All writes happen in
 * one transaction after the whole file was read, so a file that fails halfway changes nothing.
 */
export async function importEnterprises(context: CoreContext, path: string, input: EnterpriseImportRequest): Promise<EnterpriseImportReport> {
  const started = performance.now()
  const request = parseOrThrow(EnterpriseImportRequest, input)
  if (request.mapping.name === undefined) {
    throw new AppError('VALIDATION', 'Choose the column that holds the enterprise name.', { fieldErrors: [{ path: 'mapping.name', key: 'required' }] })
  }
  const table = await openTable(path)
  const fileName = basename(path)
  const { store, records } = context

  const known = new SameEnterpriseIndex((target: Target) => ({ name: target.fields['name'] as string, creditCode: target.fields['creditCode'] as string }))
  const register = (target: Target) => known.add(target)
  const contactsOf = new Map<string, Set<string>>()
  for (const row of store.db.prepare('SELECT enterprise_id, name FROM contacts WHERE deleted = 0').all() as { enterprise_id: string; name: string }[]) {
    let names = contactsOf.get(row.enterprise_id)
    if (!names) contactsOf.set(row.enterprise_id, (names = new Set()))
    names.add(row.name)
  }
  for (const enterprise of records.enterprise.list() as unknown as Enterprise[]) {
    const { id: _id, deleted: _deleted, ...fields } = enterprise
    register({ id: enterprise.id, origin: 'existing', fields: { ...fields }, original: { ...fields }, contactNames: contactsOf.get(enterprise.id) ?? new Set() })
  }

  const created: Target[] = []
  const touched = new Set<Target>()
  const contacts: { enterpriseId: string; fields: Fields }[] = []
  const refusedRows: RefusedRow[] = []
  const duplicates: DuplicateRow[] = []
  const counts = { rows: 0, created: 0, merged: 0, skipped: 0, refused: 0, duplicates: 0 }
  let header = true

  const addContact = (target: Target, contact: Fields | null) => {
    if (!contact || target.contactNames.has(contact['name'] as string)) return
    target.contactNames.add(contact['name'] as string)
    contacts.push({ enterpriseId: target.id, fields: contact })
  }
  const createFrom = (row: TableRow, candidate: Candidate) => {
    const target: Target = { id: newId(), origin: 'file', row: row.row, fields: { ...candidate.enterprise }, contactNames: new Set() }
    created.push(target)
    register(target)
    addContact(target, candidate.contact)
    counts.created++
  }

  for await (const row of table.rows()) {
    if (header) {
      header = false
      continue
    }
    counts.rows++
    const { candidate, errors } = readRow(row.cells, request.mapping, row.uncachedFormulas)
    if (!candidate) {
      counts.refused++
      if (refusedRows.length < REPORT_LIST_LIMIT) refusedRows.push({ row: row.row, name: row.cells[request.mapping.name] ?? '', errors })
      continue
    }
    const code = candidate.enterprise['creditCode'] as string
    const same = known.find({ name: candidate.enterprise['name'] as string, creditCode: code })
    const target = same?.enterprise
    const matchedBy = same?.by ?? 'creditCode'
    if (!target) {
      createFrom(row, candidate)
      continue
    }
    counts.duplicates++
    const decision: DuplicateDecision = request.decisions[String(row.row)] ?? request.defaultDecision
    let changed: Fields = {}
    const targetName = target.fields['name'] as string
    if (decision === 'skip') counts.skipped++
    else if (decision === 'create') createFrom(row, candidate)
    else {
      changed = mergedFields(target.fields, candidate, decision)
      const next = { ...target.fields, ...changed }
      if (Object.keys(changed).length > 0 && EnterpriseFields.safeParse(next).success) {
        target.fields = next
        if (target.origin === 'existing') touched.add(target)
      } else changed = {}
      addContact(target, candidate.contact)
      counts.merged++
    }
    if (duplicates.length < REPORT_LIST_LIMIT) {
      duplicates.push({
        row: row.row,
        name: candidate.enterprise['name'] as string,
        creditCode: code,
        matchedBy,
        target: { kind: target.origin, enterpriseId: target.id, name: targetName, ...(target.row ? { row: target.row } : {}) },
        decision,
        changedFields: Object.keys(changed),
      })
    }
  }
  if (header) throw new AppError('IMPORT_INVALID', `${fileName} has no rows.`, { reason: 'noRows', fileName })

  if (!request.dryRun) {
    store.db.transaction(() => {
      let batch: ChangeInput[] = []
      let rowsInBatch = 0
      const push = (changes: ChangeInput[]) => {
        batch.push(...changes)
        if (++rowsInBatch >= WRITE_CHUNK_ROWS) flush()
      }
      const flush = () => {
        if (batch.length > 0) store.applyChanges(batch)
        batch = []
        rowsInBatch = 0
      }
      for (const target of created) push(rowChanges('enterprises', target.id, { ...target.fields, deleted: false }, undefined))
      for (const target of touched) push(rowChanges('enterprises', target.id, target.fields, target.original))
      for (const contact of contacts) {
        push(rowChanges('contacts', newId(), { ...contact.fields, enterpriseId: contact.enterpriseId, deleted: false }, undefined))
      }
      flush()
    })()
  }

  return {
    dryRun: request.dryRun,
    fileName,
    rows: counts.rows,
    created: counts.created,
    merged: counts.merged,
    skipped: counts.skipped,
    refused: counts.refused,
    contactsCreated: contacts.length,
    refusedRows,
    duplicates,
    duplicateCount: counts.duplicates,
    elapsedMs: Math.round(performance.now() - started),
  }
}
