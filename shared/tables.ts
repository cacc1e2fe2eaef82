import type { z } from 'zod'
import { AppError } from './errors'
import { ActionFields, AttachmentFields, NoteFields } from './schemas/action'
import { AgreementFields } from './schemas/agreement'
import { ContactFields, EnterpriseFields } from './schemas/enterprise'
import { InteractionFields } from './schemas/interaction'
import { StaffFields } from './schemas/staff'
import { PositionFields, QuestionnaireFields, SurveyFields } from './schemas/survey'
import { AttendeeFields, RemarkFields, SymposiumFields } from './schemas/symposium'
import { TripFields } from './schemas/trip'
import { ItineraryFields, MemberFields } from './schemas/trip-parts'
import { VisitFields, VisitStopFields } from './schemas/visit'

/**
 * The synced tables, each with the zod object of its fields. A field `fooBar` is stored in column `foo_bar`; its
 * kind (text, number, bool, or JSON for arrays and objects) comes from its schema. Every write goes through
 * `applyChanges`, which refuses a table or column not listed here: a change from a newer or broken peer cannot
 * touch anything else.
 */
export const SYNCED_TABLE_FIELDS = {
  trips: TripFields,
  trip_members: MemberFields,
  itinerary: ItineraryFields,
  enterprises: EnterpriseFields,
  contacts: ContactFields,
  visits: VisitFields,
  visit_stops: VisitStopFields,
  symposiums: SymposiumFields,
  attendees: AttendeeFields,
  remarks: RemarkFields,
  agreements: AgreementFields,
  questionnaires: QuestionnaireFields,
  surveys: SurveyFields,
  positions: PositionFields,
  actions: ActionFields,
  notes: NoteFields,
  attachments: AttachmentFields,
  staff: StaffFields,
  interactions: InteractionFields,
} as const satisfies Record<string, z.ZodObject>

export type SyncedTable = keyof typeof SYNCED_TABLE_FIELDS
export type ColumnKind = 'text' | 'real' | 'json' | 'bool'
export type CellValue = string | number | null

export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

function kindOf(schema: z.ZodType): ColumnKind {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType }
  switch (def.type) {
    case 'boolean':
      return 'bool'
    case 'number':
      return 'real'
    case 'array':
    case 'record':
    case 'object':
      return 'json'
    case 'optional':
    case 'default':
      return kindOf(def.innerType!)
    case 'pipe':
      return kindOf(def.in!)
    case 'union':
      return kindOf(def.options![def.options!.length - 1]!)
    default:
      return 'text'
  }
}

/** table → column → kind, with the tombstone column every synced table has. */
export const SYNCED_TABLES: Record<SyncedTable, Record<string, ColumnKind>> = Object.fromEntries(
  Object.entries(SYNCED_TABLE_FIELDS).map(([table, fields]) => [
    table,
    {
      ...Object.fromEntries(Object.entries(fields.shape).map(([field, schema]) => [columnName(field), kindOf(schema as z.ZodType)])),
      deleted: 'bool',
    },
  ]),
) as unknown as Record<SyncedTable, Record<string, ColumnKind>>

export function isSyncedTable(table: string): table is SyncedTable {
  return Object.hasOwn(SYNCED_TABLES, table)
}

export function columnKind(table: string, column: string): ColumnKind | undefined {
  if (!isSyncedTable(table)) return undefined
  const columns = SYNCED_TABLES[table]
  return Object.hasOwn(columns, column) ? columns[column] : undefined
}

function fitsKind(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string'
    case 'json':
      if (typeof value !== 'string') return false
      try {
        JSON.parse(value)
        return true
      } catch {
        return false
      }
    case 'bool':
      return value === 0 || value === 1
    case 'real':
      return typeof value === 'number' && Number.isFinite(value)
  }
}

/**
 * Throws UNKNOWN_FIELD for a table or column we do not have, VALIDATION for a value of the wrong kind. Null is
 * never accepted: every column has a default, and a received null must not break a NOT NULL column.
 */
export function checkCell(table: string, column: string, value: unknown): asserts value is CellValue {
  const kind = columnKind(table, column)
  if (!kind) throw new AppError('UNKNOWN_FIELD', `Unknown field ${table}.${column}`, { table, column })
  if (!fitsKind(kind, value)) {
    throw new AppError('VALIDATION', `Value of ${table}.${column} is not a ${kind}`, { table, column })
  }
}

// How each field's concurrent edits are watched is declared per field in the field registry (shared/fields.ts:
// WATCHED_FIELDS, watchModeOf); it imports these tables, so this module does not import it back.
