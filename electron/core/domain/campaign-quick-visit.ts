import { AppError } from '../../../shared/errors'
import { QuickVisitInput } from '../../../shared/procedures/campaign'
import { parseOrThrow } from '../../../shared/validation'
import type { RecordServices } from './registry'
import type { Store } from '../store/store'

export type QuickVisitResult = { tripId: string; visitId: string; surveyId: string | null; agreementId: string | null; actionId: string | null }

/**
 * A half-day visit, stored as the records a trip has: a one-day trip of that enterprise, its group (the people
 * who went, linked to the staff directory), a site visit they all attended with what was agreed, a survey with the
 * positions offered, the agreement and the follow-up. Reports, search, sync and the trip dashboard read it as any
 * other trip. All of it is written in one transaction: a refused part leaves nothing behind.
 */
export function recordQuickVisit(store: Store, records: RecordServices, raw: unknown, today: string): QuickVisitResult {
  const input = parseOrThrow(QuickVisitInput, raw)
  const zh = input.language === 'zh'
  return store.db.transaction((): QuickVisitResult => {
    const enterprise = records.enterprise.get(input.enterpriseId)
    if (enterprise.deleted) throw new AppError('VALIDATION', 'The enterprise is in the trash', { fieldErrors: [{ path: 'enterpriseId', key: 'notFound' }] })
    const people = [...new Set(input.staffIds)].map((staffId, index) => {
      const person = records.staff.find(staffId)
      if (!person || person.deleted) {
        throw new AppError('VALIDATION', 'Someone chosen is not in the staff directory', { fieldErrors: [{ path: `staffIds.${index}`, key: 'notFound' }] })
      }
      return person as unknown as { id: string; name: string; position: string; department: string }
    })
    const name = String(enterprise['name'])
    const region = String(enterprise['region'] ?? '').trim()
    const trip = records.trip.create({
      title: zh ? `走访${name}` : `Visit to ${name}`,
      purpose: zh ? '访企拓岗促就业' : 'Visiting employers to open up positions',
      startDate: input.date,
      endDate: input.date,
      regions: region ? [region.slice(0, 60)] : [],
      status: input.date <= today ? 'completed' : 'planned',
    })
    const memberIds = people.map(
      (person, index) =>
        records.member.create({
          tripId: trip.id,
          name: person.name,
          position: person.position,
          department: person.department,
          isLeader: index === 0,
          sortKey: index,
          staffId: person.id,
        }).id,
    )
    const visit = records.visit.create({
      tripId: trip.id,
      enterpriseId: input.enterpriseId,
      date: input.date,
      title: zh ? `走访${name}` : `Visit to ${name}`,
      participantIds: memberIds,
      summary: input.agreed,
    })
    let surveyId: string | null = null
    if (input.jobs > 0 || input.internships > 0) {
      surveyId = records.survey.create({ tripId: trip.id, enterpriseId: input.enterpriseId, date: input.date, status: 'complete' }).id
      const rows = [
        { kind: 'employment', headcount: input.jobs, title: zh ? '就业岗位' : 'Jobs' },
        { kind: 'internship', headcount: input.internships, title: zh ? '实习岗位' : 'Internships' },
      ]
      rows.forEach((row, index) => {
        if (row.headcount > 0) records.position.create({ surveyId, title: row.title, headcount: row.headcount, kind: row.kind, sortKey: index })
      })
    }
    const agreementId = input.agreement
      ? records.agreement.create({
          tripId: trip.id,
          enterpriseId: input.enterpriseId,
          title: input.agreement.title,
          kind: input.agreement.kind,
          status: 'consensus',
          positions: input.agreement.positions,
          owner: people[0]!.name,
        }).id
      : null
    const actionId = input.followUp
      ? records.action.create({
          tripId: trip.id,
          enterpriseId: input.enterpriseId,
          title: input.followUp.title,
          owner: input.followUp.owner,
          dueDate: input.followUp.dueDate,
          linkedKind: 'visit',
          linkedId: visit.id,
        }).id
      : null
    return { tripId: trip.id, visitId: visit.id, surveyId, agreementId, actionId }
  })()
}
