import { ActionInput } from '../../../shared/schemas/action'
import { parseOrThrow } from '../../../shared/validation'
import { RecordService, type StoredRecord } from './records'

/** The linked records that belong to one enterprise, with their tables. */
const ENTERPRISE_RECORDS: Record<string, string> = { visit: 'visits', symposium: 'symposiums', agreement: 'agreements', survey: 'surveys' }

/**
 * Follow-ups. One made on a trip from a visit, a symposium, an agreement or a survey is about that record's
 * enterprise even when nobody picked the enterprise: it takes it from the linked record, so it shows under the
 * enterprise (its file, summary and list) as well as under the trip.
 */
export class ActionService extends RecordService {
  override create(input: unknown): StoredRecord {
    const fields = parseOrThrow(ActionInput, input)
    return super.create({ ...fields, enterpriseId: fields.enterpriseId || this.enterpriseOf(fields.linkedKind, fields.linkedId) })
  }

  override update(id: string, patch: unknown): StoredRecord {
    const changes = (patch ?? {}) as Record<string, unknown>
    if (typeof changes['linkedId'] === 'string' && changes['enterpriseId'] === undefined) {
      const current = this.find(id)
      if (current && current['enterpriseId'] === '') {
        const kind = typeof changes['linkedKind'] === 'string' ? changes['linkedKind'] : String(current['linkedKind'])
        const enterpriseId = this.enterpriseOf(kind, changes['linkedId'])
        if (enterpriseId) return super.update(id, { ...changes, enterpriseId })
      }
    }
    return super.update(id, patch)
  }

  private enterpriseOf(kind: string, id: string): string {
    const table = ENTERPRISE_RECORDS[kind]
    if (!table || !id) return ''
    const row = this.store.statement(`SELECT enterprise_id AS enterpriseId FROM "${table}" WHERE id = ?`).get(id) as { enterpriseId: string } | undefined
    return row?.enterpriseId ?? ''
  }
}
