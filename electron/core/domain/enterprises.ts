import { AppError } from '../../../shared/errors'
import { SameEnterpriseIndex, type SameEnterprise } from '../../../shared/enterprise-identity'
import { EnterpriseCreateInput } from '../../../shared/schemas/enterprise'
import { parseOrThrow } from '../../../shared/validation'
import { RecordService, type StoredRecord } from './records'

interface IdentityRow {
  id: string
  name: string
  credit_code: string
}

/**
 * Enterprise files, with the one rule of "the same enterprise" (shared/enterprise-identity.ts) applied where a
 * file is made or given a credit code: a second file of one enterprise splits its history in two, so the core
 * answers with the existing file instead, and creating anyway must be asked for.
 */
export class EnterpriseService extends RecordService {
  override create(input: unknown): StoredRecord {
    const { allowDuplicate, ...fields } = parseOrThrow(EnterpriseCreateInput, input)
    if (!allowDuplicate) {
      const same = this.findSame({ name: fields.name, creditCode: fields.creditCode })
      if (same) throw duplicateError(same)
    }
    return super.create(fields)
  }

  /** A credit code already on another file is refused on the field: one code is one legal entity. */
  override update(id: string, patch: unknown): StoredRecord {
    const code = (patch as { creditCode?: unknown } | null)?.creditCode
    if (typeof code === 'string' && code.trim() !== '') {
      const same = this.findSame({ name: '', creditCode: code }, id)
      if (same?.by === 'creditCode') {
        throw new AppError('ENTERPRISE_DUPLICATE', `The credit code is already on the file of ${same.enterprise.name}`, {
          ...duplicateDetails(same),
          fieldErrors: [{ path: 'creditCode', key: 'duplicateCreditCode', params: { name: same.enterprise.name } }],
        })
      }
    }
    return super.update(id, patch)
  }

  /** The live enterprise file (other than `exceptId`) that the candidate is, if any. */
  findSame(candidate: { name: string; creditCode?: string }, exceptId?: string): SameEnterprise<{ id: string; name: string }> | undefined {
    const index = new SameEnterpriseIndex((row: IdentityRow) => ({ name: row.name, creditCode: row.credit_code }))
    const rows = this.store.statement('SELECT id, name, credit_code FROM enterprises WHERE deleted = 0 ORDER BY id').all() as IdentityRow[]
    for (const row of rows) if (row.id !== exceptId) index.add(row)
    const same = index.find(candidate)
    return same && { by: same.by, enterprise: { id: same.enterprise.id, name: same.enterprise.name } }
  }
}

function duplicateDetails(same: SameEnterprise<{ id: string; name: string }>) {
  return { enterpriseId: same.enterprise.id, name: same.enterprise.name, by: same.by }
}

function duplicateError(same: SameEnterprise<{ id: string; name: string }>): AppError {
  const why = same.by === 'creditCode' ? 'the same credit code' : 'the same name'
  return new AppError('ENTERPRISE_DUPLICATE', `${same.enterprise.name} already has a file (${why})`, duplicateDetails(same))
}
