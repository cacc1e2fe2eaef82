import type { recordProcedures } from '../../../shared/procedures/records'
import type { Handlers } from '../dispatcher'
import type { RecordServices } from '../domain/registry'

export type RecordHandlers = Pick<Handlers, keyof typeof recordProcedures>

/** `kind.list/get/create/update/delete/restore` for every record kind, each calling its RecordService. */
export function recordHandlers(records: RecordServices): RecordHandlers {
  const handlers: Record<string, (input: never) => unknown> = {}
  for (const [kind, service] of Object.entries(records)) {
    handlers[`${kind}.list`] = (filter: Record<string, string>) => service.list(filter)
    handlers[`${kind}.get`] = ({ id }: { id: string }) => service.get(id)
    handlers[`${kind}.create`] = (input: unknown) => service.create(input)
    handlers[`${kind}.update`] = ({ id, patch }: { id: string; patch: unknown }) => service.update(id, patch)
    handlers[`${kind}.delete`] = ({ id }: { id: string }) => service.delete(id)
    handlers[`${kind}.restore`] = ({ id }: { id: string }) => service.restore(id)
  }
  // The record schemas checked the input; the service returns the record of the same schema.
  return handlers as unknown as RecordHandlers
}
