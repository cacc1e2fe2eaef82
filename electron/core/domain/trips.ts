import { AppError } from '../../../shared/errors'
import { TripFields, TripInput, type Trip, type TripPatch } from '../../../shared/schemas/trip'
import { parseOrThrow } from '../../../shared/validation'
import { newId } from '../ids'
import type { ChangeInput, Store } from '../store/store'
import type { CellValue } from '../store/tables'

interface TripRow {
  id: string
  title: string
  purpose: string
  start_date: string | null
  end_date: string | null
  regions: string
  status: Trip['status']
  deleted: number
}

const TRIP_COLUMNS = 'id, title, purpose, start_date, end_date, regions, status, deleted'

function toTrip(row: TripRow): Trip {
  return {
    id: row.id,
    title: row.title,
    purpose: row.purpose,
    startDate: row.start_date ?? '',
    endDate: row.end_date ?? '',
    regions: JSON.parse(row.regions) as string[],
    status: row.status,
    deleted: row.deleted === 1,
  }
}

/** Domain field → stored column and value. */
function toCells(fields: TripPatch): [string, CellValue][] {
  const cells: [string, CellValue][] = []
  if (fields.title !== undefined) cells.push(['title', fields.title])
  if (fields.purpose !== undefined) cells.push(['purpose', fields.purpose])
  if (fields.startDate !== undefined) cells.push(['start_date', fields.startDate])
  if (fields.endDate !== undefined) cells.push(['end_date', fields.endDate])
  if (fields.regions !== undefined) cells.push(['regions', JSON.stringify(fields.regions)])
  if (fields.status !== undefined) cells.push(['status', fields.status])
  return cells
}

export class TripService {
  constructor(private readonly store: Store) {}

  list(): Trip[] {
    const rows = this.store
      .statement(`SELECT ${TRIP_COLUMNS} FROM trips WHERE deleted = 0 ORDER BY start_date DESC, id DESC`)
      .all() as TripRow[]
    return rows.map(toTrip)
  }

  get(id: string): Trip {
    const row = this.store.statement(`SELECT ${TRIP_COLUMNS} FROM trips WHERE id = ?`).get(id) as TripRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `No trip with id ${id}`, { id })
    return toTrip(row)
  }

  create(input: TripInput): Trip {
    const fields = parseOrThrow(TripInput, input)
    const id = newId()
    this.write(id, [...toCells(fields), ['deleted', 0]])
    return this.get(id)
  }

  /** Writes only the fields that differ, after checking the merged record as a whole. */
  update(id: string, patch: TripPatch): Trip {
    const current = this.get(id)
    if (current.deleted) throw new AppError('NOT_FOUND', `The trip ${id} is in the trash`, { id })
    const merged = parseOrThrow(TripFields, { ...current, ...patch })
    const changed: TripPatch = {}
    for (const key of Object.keys(patch) as (keyof TripPatch)[]) {
      if (JSON.stringify(merged[key]) !== JSON.stringify(current[key])) Object.assign(changed, { [key]: merged[key] })
    }
    this.write(id, toCells(changed))
    return this.get(id)
  }

  /** Moves the trip to the trash (a tombstone that syncs); `restore` brings it back. */
  delete(id: string): Trip {
    this.get(id)
    this.write(id, [['deleted', 1]])
    return this.get(id)
  }

  restore(id: string): Trip {
    this.get(id)
    this.write(id, [['deleted', 0]])
    return this.get(id)
  }

  private write(id: string, cells: [string, CellValue][]): void {
    const changes: ChangeInput[] = cells.map(([column, value]) => ({ table: 'trips', rowId: id, column, value }))
    this.store.applyChanges(changes)
  }
}
