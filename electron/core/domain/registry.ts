import { ActionFields, ActionInput, ActionPatch, NoteFields, NoteInput, NotePatch } from '../../../shared/schemas/action'
import { AgreementFields, AgreementInput, AgreementPatch } from '../../../shared/schemas/agreement'
import { ContactFields, ContactInput, ContactPatch, EnterpriseFields, EnterpriseInput, EnterprisePatch } from '../../../shared/schemas/enterprise'
import {
  PositionFields,
  PositionInput,
  PositionPatch,
  QuestionnaireFields,
  QuestionnaireInput,
  QuestionnairePatch,
  SurveyFields,
  SurveyInput,
  SurveyPatch,
} from '../../../shared/schemas/survey'
import {
  AttendeeFields,
  AttendeeInput,
  AttendeePatch,
  RemarkFields,
  RemarkInput,
  RemarkPatch,
  SymposiumFields,
  SymposiumInput,
  SymposiumPatch,
} from '../../../shared/schemas/symposium'
import { TripFields, TripInput, TripPatch } from '../../../shared/schemas/trip'
import { ItineraryFields, ItineraryInput, ItineraryPatch, MemberFields, MemberInput, MemberPatch } from '../../../shared/schemas/trip-parts'
import { VisitFields, VisitInput, VisitPatch, VisitStopFields, VisitStopInput, VisitStopPatch } from '../../../shared/schemas/visit'
import { StaffFields, StaffInput, StaffPatch } from '../../../shared/schemas/staff'
import { InteractionFields, InteractionInput, InteractionPatch } from '../../../shared/schemas/interaction'
import type { Store } from '../store/store'
import { ActionService } from './actions'
import { EnterpriseService } from './enterprises'
import { RecordService, type RecordSpec } from './records'

const tripAndEnterprise = { tripId: 'trips', enterpriseId: 'enterprises' } as const

/** Each record kind of the contract (`member` in `member.create`), with its table, schemas, parents and order. */
export const RECORD_SPECS = {
  trip: { table: 'trips', input: TripInput, patch: TripPatch, whole: TripFields, orderBy: 'start_date DESC, id DESC' },
  member: {
    table: 'trip_members',
    input: MemberInput,
    patch: MemberPatch,
    whole: MemberFields,
    // staffId is not checked as a parent: a trip file or a sync batch may carry a member before its person.
    parents: { tripId: 'trips' },
    orderBy: 'is_leader DESC, sort_key, id',
  },
  itinerary: {
    table: 'itinerary',
    input: ItineraryInput,
    patch: ItineraryPatch,
    whole: ItineraryFields,
    parents: tripAndEnterprise,
    orderBy: 'day, id',
  },
  enterprise: { table: 'enterprises', input: EnterpriseInput, patch: EnterprisePatch, whole: EnterpriseFields, orderBy: 'name, id' },
  contact: {
    table: 'contacts',
    input: ContactInput,
    patch: ContactPatch,
    whole: ContactFields,
    parents: { enterpriseId: 'enterprises' },
    orderBy: 'name, id',
  },
  visit: { table: 'visits', input: VisitInput, patch: VisitPatch, whole: VisitFields, parents: tripAndEnterprise, orderBy: 'date, id' },
  visitStop: {
    table: 'visit_stops',
    input: VisitStopInput,
    patch: VisitStopPatch,
    whole: VisitStopFields,
    parents: { visitId: 'visits' },
    orderBy: 'sort_key, id',
  },
  symposium: {
    table: 'symposiums',
    input: SymposiumInput,
    patch: SymposiumPatch,
    whole: SymposiumFields,
    parents: tripAndEnterprise,
    orderBy: 'date, id',
  },
  attendee: {
    table: 'attendees',
    input: AttendeeInput,
    patch: AttendeePatch,
    whole: AttendeeFields,
    parents: { symposiumId: 'symposiums', memberId: 'trip_members', contactId: 'contacts' },
    orderBy: 'sort_key, id',
  },
  remark: {
    table: 'remarks',
    input: RemarkInput,
    patch: RemarkPatch,
    whole: RemarkFields,
    parents: { symposiumId: 'symposiums', speakerId: 'attendees' },
    orderBy: 'sort_key, id',
  },
  agreement: {
    table: 'agreements',
    input: AgreementInput,
    patch: AgreementPatch,
    whole: AgreementFields,
    parents: tripAndEnterprise,
    orderBy: "signed_date = '', signed_date, id",
  },
  questionnaire: {
    table: 'questionnaires',
    input: QuestionnaireInput,
    patch: QuestionnairePatch,
    whole: QuestionnaireFields,
    parents: { tripId: 'trips' },
    orderBy: 'id',
  },
  survey: { table: 'surveys', input: SurveyInput, patch: SurveyPatch, whole: SurveyFields, parents: tripAndEnterprise, orderBy: 'date, id' },
  position: {
    table: 'positions',
    input: PositionInput,
    patch: PositionPatch,
    whole: PositionFields,
    parents: { surveyId: 'surveys' },
    orderBy: 'sort_key, id',
  },
  action: {
    table: 'actions',
    input: ActionInput,
    patch: ActionPatch,
    whole: ActionFields,
    parents: tripAndEnterprise,
    orderBy: "due_date = '', due_date, id",
  },
  note: { table: 'notes', input: NoteInput, patch: NotePatch, whole: NoteFields, parents: tripAndEnterprise, orderBy: 'date, id' },
  staff: {
    table: 'staff',
    input: StaffInput,
    patch: StaffPatch,
    whole: StaffFields,
    orderBy: "CASE level WHEN 'school' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, name, id",
  },
  interaction: {
    table: 'interactions',
    input: InteractionInput,
    patch: InteractionPatch,
    whole: InteractionFields,
    // contactId and actionId are not checked as parents: a contact may be trashed later, and a sync batch may carry
    // the entry before its follow-up.
    parents: { enterpriseId: 'enterprises' },
    orderBy: 'date DESC, id DESC',
  },
} as const satisfies Record<string, RecordSpec>

export type RecordKind = keyof typeof RECORD_SPECS
export type RecordServices = { [K in RecordKind]: RecordService } & { enterprise: EnterpriseService; action: ActionService }

export function createRecordServices(store: Store): RecordServices {
  return Object.fromEntries(
    Object.entries(RECORD_SPECS).map(([kind, spec]) => [
      kind,
      kind === 'enterprise' ? new EnterpriseService(store, spec) : kind === 'action' ? new ActionService(store, spec) : new RecordService(store, spec),
    ]),
  ) as RecordServices
}
