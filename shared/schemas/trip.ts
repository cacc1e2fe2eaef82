import { z } from 'zod'
import { IsoDate, record, requiredText, shortText } from './common'

export const TRIP_STATUSES = ['planned', 'ongoing', 'completed', 'archived'] as const
export const TripStatus = z.enum(TRIP_STATUSES)
export type TripStatus = z.infer<typeof TripStatus>

const tripFields = {
  title: requiredText(200),
  purpose: shortText(4000),
  startDate: IsoDate,
  endDate: IsoDate,
  regions: z.array(requiredText(60)).max(30),
  status: TripStatus,
}

const endNotBeforeStart = (trip: { startDate?: string | undefined; endDate?: string | undefined }) =>
  !trip.startDate || !trip.endDate || trip.endDate >= trip.startDate

const endDateRule = { path: ['endDate'], params: { key: 'endBeforeStart' } }

/** What a user fills in to create a trip. */
export const TripInput = z
  .object({
    ...tripFields,
    purpose: tripFields.purpose.default(''),
    regions: tripFields.regions.default([]),
    status: tripFields.status.default('planned'),
  })
  .refine(endNotBeforeStart, endDateRule)
export type TripInput = z.input<typeof TripInput>

/** The full record, as checked again after a patch is merged into it. */
export const TripFields = z.object(tripFields).refine(endNotBeforeStart, endDateRule)

export const TripPatch = z.object(tripFields).partial()
export type TripPatch = z.infer<typeof TripPatch>


export const Trip = record(tripFields)
export type Trip = z.infer<typeof Trip>
