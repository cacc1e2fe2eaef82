import { z } from 'zod'
import { Action, ActionInput, ActionPatch, Note, NoteInput, NotePatch } from '../schemas/action'
import { Agreement, AgreementInput, AgreementPatch } from '../schemas/agreement'
import { Id } from '../schemas/common'
import { Contact, ContactInput, ContactPatch, Enterprise, EnterpriseCreateInput, EnterprisePatch } from '../schemas/enterprise'
import { Position, PositionInput, PositionPatch, Questionnaire, QuestionnaireInput, QuestionnairePatch, Survey, SurveyInput, SurveyPatch } from '../schemas/survey'
import { Attendee, AttendeeInput, AttendeePatch, Remark, RemarkInput, RemarkPatch, Symposium, SymposiumInput, SymposiumPatch } from '../schemas/symposium'
import { Trip, TripInput, TripPatch } from '../schemas/trip'
import { ItineraryInput, ItineraryItem, ItineraryPatch, Member, MemberInput, MemberPatch } from '../schemas/trip-parts'
import { Interaction, InteractionInput, InteractionPatch } from '../schemas/interaction'
import { Visit, VisitInput, VisitPatch, VisitStop, VisitStopInput, VisitStopPatch } from '../schemas/visit'
import { crud, NoInput } from './define'

const byTrip = z.object({ tripId: Id }).strict()
const byTripOrEnterprise = z.object({ tripId: Id.optional(), enterpriseId: Id.optional() }).strict()

/** Create, read, edit, trash and restore for every kind of record. */
export const recordProcedures = {
  ...crud('trip', { record: Trip, input: TripInput, patch: TripPatch, filter: NoInput }),
  ...crud('member', { record: Member, input: MemberInput, patch: MemberPatch, filter: byTrip }),
  ...crud('itinerary', { record: ItineraryItem, input: ItineraryInput, patch: ItineraryPatch, filter: byTrip }),
  ...crud('enterprise', { record: Enterprise, input: EnterpriseCreateInput, patch: EnterprisePatch, filter: NoInput }),
  ...crud('contact', { record: Contact, input: ContactInput, patch: ContactPatch, filter: z.object({ enterpriseId: Id }).strict() }),
  ...crud('visit', { record: Visit, input: VisitInput, patch: VisitPatch, filter: byTripOrEnterprise }),
  ...crud('visitStop', { record: VisitStop, input: VisitStopInput, patch: VisitStopPatch, filter: z.object({ visitId: Id }).strict() }),
  ...crud('symposium', { record: Symposium, input: SymposiumInput, patch: SymposiumPatch, filter: byTripOrEnterprise }),
  ...crud('attendee', { record: Attendee, input: AttendeeInput, patch: AttendeePatch, filter: z.object({ symposiumId: Id }).strict() }),
  ...crud('remark', { record: Remark, input: RemarkInput, patch: RemarkPatch, filter: z.object({ symposiumId: Id }).strict() }),
  ...crud('agreement', { record: Agreement, input: AgreementInput, patch: AgreementPatch, filter: byTripOrEnterprise }),
  ...crud('questionnaire', { record: Questionnaire, input: QuestionnaireInput, patch: QuestionnairePatch, filter: byTrip }),
  ...crud('survey', { record: Survey, input: SurveyInput, patch: SurveyPatch, filter: byTripOrEnterprise }),
  ...crud('position', { record: Position, input: PositionInput, patch: PositionPatch, filter: z.object({ surveyId: Id }).strict() }),
  ...crud('action', { record: Action, input: ActionInput, patch: ActionPatch, filter: byTripOrEnterprise }),
  ...crud('note', { record: Note, input: NoteInput, patch: NotePatch, filter: byTripOrEnterprise }),
  ...crud('interaction', { record: Interaction, input: InteractionInput, patch: InteractionPatch, filter: z.object({ enterpriseId: Id }).strict() }),
}

/** The table behind each record kind: the renderer keys its queries by table to refresh them on change. */
export const RECORD_TABLES = {
  trip: 'trips',
  member: 'trip_members',
  itinerary: 'itinerary',
  enterprise: 'enterprises',
  contact: 'contacts',
  visit: 'visits',
  visitStop: 'visit_stops',
  symposium: 'symposiums',
  attendee: 'attendees',
  remark: 'remarks',
  agreement: 'agreements',
  questionnaire: 'questionnaires',
  survey: 'surveys',
  position: 'positions',
  action: 'actions',
  note: 'notes',
  staff: 'staff',
  interaction: 'interactions',
} as const
export type RecordKind = keyof typeof RECORD_TABLES
