import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import type { i18n as I18n } from 'i18next'
import { RECORD_TABLES } from '../../../../shared/procedures/records'
import type { SyncStatus } from '../../../../shared/procedures/sync'
import { columnKind, type SyncedTable } from '../../../../shared/tables'

dayjs.extend(relativeTime)

/**
 * Where each table's field labels already live in the screens' own strings (`enterprises.fields.name`), so the
 * history and the conflict list name a field exactly as the form does. Columns no form names plainly (stops,
 * attendees, remarks, questionnaires, attachments) are named in `sync.history.columns.<table>`. Typed by the synced
 * tables so that a new table cannot be forgotten here.
 */
const FIELD_LABEL_PREFIXES: Record<SyncedTable, readonly string[]> = {
  trips: ['trips.fields'],
  trip_members: ['tripDetail.group', 'campaign.member'],
  itinerary: ['tripDetail.itinerary'],
  enterprises: ['enterprises.fields'],
  contacts: ['enterprises.contacts'],
  visits: ['visits.fields'],
  visit_stops: [],
  symposiums: ['symposiums.fields'],
  attendees: [],
  remarks: [],
  agreements: ['agreements.fields'],
  questionnaires: [],
  surveys: ['surveys.fields'],
  positions: ['surveys.positions'],
  actions: ['followUps.fields'],
  notes: ['tripDetail.notes'],
  attachments: ['attachments'],
  staff: ['campaign.staff.fields'],
  interactions: ['relationship.fields'],
}

/** Where the words for a choice field's values live (`enterprises.stage.prospect` → 潜在合作). */
const VALUE_LABEL_PREFIXES: Record<string, string> = {
  'trips.status': 'trips.status',
  'enterprises.stage': 'enterprises.stage',
  'enterprises.size': 'enterprises.size',
  'agreements.kind': 'agreements.kinds',
  'agreements.status': 'agreements.statuses',
  'surveys.status': 'surveys.statuses',
  'positions.kind': 'surveys.positionKinds',
  'positions.education': 'surveys.education',
  'actions.status': 'followUps.statuses',
  'notes.kind': 'tripDetail.notes.kinds',
  'attendees.side': 'symposiums.sides',
  'actions.linked_kind': 'followUps.linkKinds',
  'attachments.owner_kind': 'followUps.linkKinds',
  'staff.level': 'campaign.levels',
  'interactions.channel': 'relationship.channels',
}

/** Record kinds a `…_id` column points at, so history can name the record instead of showing its id. */
export const LINKED_KINDS: Record<string, 'trip' | 'enterprise'> = { trip_id: 'trip', enterprise_id: 'enterprise' }

/** Columns holding ids (links to other records): their raw values mean nothing to a reader. */
export const isIdColumn = (column: string) => /_ids?$/.test(column)

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())

/** `credit_code` → "Credit code": the last resort for a column no screen names. */
export function humanise(column: string): string {
  const words = column.replace(/_/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A plain label (no placeholders) at `key`, if the strings have one; asks first, so no "missing key" error. */
function labelAt(i18n: I18n, key: string): string | undefined {
  if (!i18n.exists(key)) return undefined
  const text: unknown = i18n.t(key)
  return typeof text === 'string' && !text.includes('{{') ? text : undefined
}

/**
 * Where the field's label is: the history's own word for that table's column (for columns no form names), else as
 * its form names it, else a generic name; undefined when no strings name it.
 */
export function fieldLabelKey(i18n: I18n, table: string, column: string): string | undefined {
  const field = camel(column)
  // `enterpriseId` is labelled `enterprise` in the forms, `participantIds` `participants`.
  const names = [field, field.replace(/Id$/, ''), field.replace(/Ids$/, 's')]
  const candidates = [
    `sync.history.columns.${table}.${field}`,
    ...(FIELD_LABEL_PREFIXES[table as SyncedTable] ?? []).flatMap((prefix) => names.map((name) => `${prefix}.${name}`)),
    `sync.history.fields.${field}`,
  ]
  return candidates.find((key) => labelAt(i18n, key) !== undefined)
}

/** The field's label in the user's language, or the column humanised as the last resort. */
export function fieldLabel(i18n: I18n, table: string, column: string): string {
  const key = fieldLabelKey(i18n, table, column)
  return (key && labelAt(i18n, key)) ?? humanise(column)
}

/** "企业" / "Enterprise" for a record kind, as the trash names kinds. */
export function kindLabel(i18n: I18n, kind: string): string {
  return labelAt(i18n, `trash.kinds.${kind}`) ?? humanise(kind)
}

/** The record kind stored in each table (attachments are records too, though not edited through `kind.update`). */
const TABLE_KINDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(RECORD_TABLES).map(([kind, table]) => [table, kind])),
  attachments: 'attachment',
}

/** "参观点" / "Visit stop" for a synced table. */
export function tableLabel(i18n: I18n, table: string): string {
  const kind = TABLE_KINDS[table]
  return kind ? kindLabel(i18n, kind) : humanise(table)
}

export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** A stored value as a reader would say it: choices in words, JSON lists joined, yes/no for flags, long texts shortened. */
export function formatValue(i18n: I18n, table: string, column: string, value: string | number, max = 80): string {
  const t = (key: string) => i18n.t(key)
  const separator = i18n.language.startsWith('zh') ? '、' : ', '
  const kind = columnKind(table, column)
  const choices = VALUE_LABEL_PREFIXES[`${table}.${column}`]
  if (choices) {
    const label = labelAt(i18n, `${choices}.${value === '' ? 'none' : value}`)
    if (label) return label
  }
  if (kind === 'bool') return value === 1 ? t('sync.history.yes') : t('sync.history.no')
  if (kind === 'json' && typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value)
      if (Array.isArray(parsed)) return parsed.length === 0 ? t('sync.history.emptyValue') : shorten(parsed.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(separator), max)
    } catch {
      // Shown as stored.
    }
  }
  const text = String(value)
  return text.trim() === '' ? t('sync.history.emptyValue') : shorten(text, max)
}

/** "3 分钟前" with the exact time beside it, for lists a user scans. */
export function relativeAndAbsolute(iso: string): { relative: string; absolute: string } {
  const time = dayjs(iso)
  if (!time.isValid()) return { relative: iso, absolute: iso }
  return { relative: time.fromNow(), absolute: time.format('YYYY-MM-DD HH:mm') }
}

/** "2 小时" / "2 hours" for a clock difference. */
export function durationText(ms: number): string {
  return dayjs().add(Math.abs(ms), 'ms').fromNow(true)
}

/** How far a clock is off in the words a person sets a clock by: days and hours (minutes only under an hour). */
export function driftText(t: (key: string, options?: Record<string, unknown>) => string, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000))
  const days = Math.floor(minutes / (24 * 60))
  const hours = Math.floor((minutes % (24 * 60)) / 60)
  if (days > 0) {
    const first = t('sync.clock.days', { count: days })
    return hours > 0 ? t('sync.clock.join', { first, second: t('sync.clock.hours', { count: hours }) }) : first
  }
  if (hours > 0) return t('sync.clock.hours', { count: hours })
  return t('sync.clock.minutes', { count: minutes })
}

/**
 * The one thing that is true of this device's sync right now, most urgent first: a round running, offline, a
 * wrong clock, a failure, conflicts to review, changes waiting, never synced, or up to date. Only the last means
 * everything here is on the server and everything there is here.
 */
export type SyncState = 'syncing' | 'offline' | 'clockAhead' | 'error' | 'conflicts' | 'readOnly' | 'waiting' | 'neverSynced' | 'upToDate'

export function syncState(status: SyncStatus): SyncState {
  if (status.phase === 'pushing' || status.phase === 'pulling' || status.phase === 'blobs') return 'syncing'
  if (status.phase === 'offline') return 'offline'
  if (status.clockAhead) return 'clockAhead'
  if (status.phase === 'error') return 'error'
  if (status.openConflicts > 0) return 'conflicts'
  // A viewer's changes wait for good, not for the next round: say why instead of counting them.
  if (status.readOnly) return 'readOnly'
  if (status.pendingChanges > 0 || status.pendingBlobs > 0) return 'waiting'
  if (!status.lastSyncedAt) return 'neverSynced'
  return 'upToDate'
}
