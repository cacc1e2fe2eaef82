import { z } from 'zod'
import { HLC_PATTERN } from '../hlc'
import { Action, Attachment, Note } from '../schemas/action'
import { Agreement } from '../schemas/agreement'
import { Contact, Enterprise } from '../schemas/enterprise'
import { Position, Questionnaire, Survey } from '../schemas/survey'
import { Attendee, Remark, Symposium } from '../schemas/symposium'
import { Id } from '../schemas/common'
import { Trip } from '../schemas/trip'
import { ItineraryItem, Member } from '../schemas/trip-parts'
import { Visit, VisitStop } from '../schemas/visit'

/**
 * The trip exchange file (`.fbtrip`): a zip holding `trip.json` (this schema) and `attachments/<sha256>` (the bytes
 * of every attachment listed, named by their hash). Documented in docs/trip-exchange.md; its JSON Schema,
 * generated from this file, is docs/trip-exchange.schema.json.
 */
export const TRIP_FILE_FORMAT = 'fieldbook-trip'
/** Raised only when a reader of the previous version could misread a file; adding optional fields does not. */
export const TRIP_FILE_VERSION = 1
export const TRIP_FILE_EXTENSION = 'fbtrip'
export const TRIP_JSON_ENTRY = 'trip.json'
export const ATTACHMENTS_PREFIX = 'attachments/'

/** The arrays of a trip file, each holding records of one synced table, in the order they are written back. */
export const TRIP_FILE_SECTIONS = {
  enterprises: 'enterprises',
  contacts: 'contacts',
  members: 'trip_members',
  itinerary: 'itinerary',
  visits: 'visits',
  visitStops: 'visit_stops',
  symposiums: 'symposiums',
  attendees: 'attendees',
  remarks: 'remarks',
  agreements: 'agreements',
  questionnaires: 'questionnaires',
  surveys: 'surveys',
  positions: 'positions',
  actions: 'actions',
  notes: 'notes',
  attachments: 'attachments',
} as const
export type TripFileSection = keyof typeof TRIP_FILE_SECTIONS

/**
 * Per record: the clock of each field's current value (field name, or `deleted`, → hybrid logical clock). An
 * import compares them with the clocks here, as sync does, so an older file never undoes a newer edit. Optional:
 * files written before it existed still import (their values win, as they always did).
 */
export const FieldClocks = z
  .record(z.string().max(60), z.string().regex(HLC_PATTERN))
  .describe(
    'When each field (and `deleted`) last changed: field name → hybrid logical clock "mmmmmmmmmmmm-cccc-nnnnnnnnnnnnnnnn" (hex wall milliseconds, counter, node id; string order is time order). Optional.',
  )
export type FieldClocks = z.infer<typeof FieldClocks>

const withClocks = <S extends z.ZodRawShape>(schema: z.ZodObject<S>) => schema.extend({ clocks: FieldClocks.optional() })
const list = <S extends z.ZodRawShape>(schema: z.ZodObject<S>, description: string) => z.array(withClocks(schema)).describe(description)

/**
 * A record of the trip that was in the trash when the file was written, with the clock of its deletion: an import
 * moves it to the trash here too, unless it was restored here later (as sync merges `deleted`).
 */
export const Tombstone = z.object({
  section: z.enum(Object.keys(TRIP_FILE_SECTIONS) as [TripFileSection, ...TripFileSection[]]).describe('The section the record belongs to.'),
  id: Id.describe('The record’s id.'),
  clock: z.string().regex(HLC_PATTERN).describe('When it was moved to the trash (hybrid logical clock).'),
})
export type Tombstone = z.infer<typeof Tombstone>

export const TripExchange = z
  .object({
    format: z.literal(TRIP_FILE_FORMAT).describe('Always "fieldbook-trip".'),
    formatVersion: z.literal(TRIP_FILE_VERSION).describe('Version of this format; a reader refuses a newer one.'),
    exportedAt: z.string().max(40).describe('When the file was written (ISO 8601, UTC).'),
    appVersion: z.string().max(40).describe('Version of the Fieldbook that wrote it.'),
    trip: withClocks(Trip).describe('The trip itself.'),
    members: list(Member, 'The research group (our side).'),
    itinerary: list(ItineraryItem, 'Which enterprise on which day.'),
    enterprises: list(Enterprise, 'Only the enterprises the trip touches (itinerary, visits, symposiums, agreements, surveys, follow-ups, notes).'),
    contacts: list(Contact, 'The contacts of those enterprises.'),
    visits: list(Visit, 'Site visits.'),
    visitStops: list(VisitStop, 'The stops of each visit.'),
    symposiums: list(Symposium, 'Symposium minutes.'),
    attendees: list(Attendee, 'Who sat at each symposium.'),
    remarks: list(Remark, 'What was said at each symposium, in order.'),
    agreements: list(Agreement, 'Cooperation agreements.'),
    questionnaires: list(Questionnaire, "The trip's questionnaire."),
    surveys: list(Survey, 'Talent-demand surveys.'),
    positions: list(Position, 'The position rows of each survey.'),
    actions: list(Action, 'Follow-up actions of the trip.'),
    notes: list(Note, 'Notes, problems and suggestions of the trip.'),
    attachments: list(Attachment, 'Attachment metadata; the bytes are in the zip as attachments/<hash>.'),
    tombstones: z
      .array(Tombstone)
      .max(1_000_000)
      .optional()
      .describe('Records of the trip in the trash, with when they were deleted, so an import removes what was deleted since. Optional.'),
  })
  .meta({
    $id: 'https://fieldbook.app/schemas/trip-exchange.schema.json',
    title: 'Fieldbook trip exchange file (trip.json)',
    description: 'One research trip with its enterprises, records and attachment metadata. See docs/trip-exchange.md.',
  })
export type TripExchange = z.infer<typeof TripExchange>

/** Only what is needed to tell an old reader from a newer file before reading the rest. */
export const TripExchangeHeader = z.object({ format: z.string(), formatVersion: z.number() })

/** The JSON Schema of trip.json, generated from the zod schemas (scripts/make-json-schema.ts writes it to docs/). */
export function tripExchangeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(TripExchange, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>
}

/** The text of docs/trip-exchange.schema.json, exactly as committed (a test keeps the file from going stale). */
export function tripExchangeJsonSchemaText(): string {
  return `${JSON.stringify(tripExchangeJsonSchema(), null, 2)}\n`
}
