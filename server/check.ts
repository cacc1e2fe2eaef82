import { DEFAULT_MAX_CLOCK_DRIFT_MS, parseHlc } from '../shared/hlc'
import { changeProblem, type ChangeProblem } from '../shared/sync/check-change'
import type { ClockAheadDetails, InvalidValueDetails, PushRequest } from '../shared/sync/protocol'
import { columnKind } from '../shared/tables'
import { badRequest, HttpError } from './errors'

export interface PushCheckOptions {
  /** The server's wall clock, in milliseconds since the epoch. */
  now: number
  /** How far ahead of `now` a pushed clock may be; default DEFAULT_MAX_CLOCK_DRIFT_MS. */
  maxClockDriftMs?: number
  /** The node id the sending device registered when it joined: every change it pushes is stamped with it. */
  nodeId: string
}

/**
 * Checks a whole batch before anything of it is stored, with the same check every device applies to what it
 * receives: one change refused refuses the batch. A team member's token used by hand can thus neither store a
 * value a screen cannot show, nor a clock that would drag every device's clock ahead, nor a change in another
 * device's name.
 */
export function checkPush(request: PushRequest, options: PushCheckOptions): void {
  const maxDriftMs = options.maxClockDriftMs ?? DEFAULT_MAX_CLOCK_DRIFT_MS
  let furthest: { clock: string; aheadMs: number } | undefined
  let firstProblem: { index: number; problem: ChangeProblem } | undefined
  request.changes.forEach((change, index) => {
    const problem = changeProblem(change, { now: options.now, maxDriftMs })
    if (problem?.kind === 'clockAhead') {
      if (!furthest || problem.aheadMs! > furthest.aheadMs) furthest = { clock: change.hlc, aheadMs: problem.aheadMs! }
      return
    }
    if (problem) {
      firstProblem ??= { index, problem }
      return
    }
    // Base clocks are clock-shaped already (the protocol schema); their columns must exist.
    for (const column of Object.keys(change.base ?? {})) {
      if (!columnKind(change.table, column)) {
        throw new HttpError(400, 'UNKNOWN_FIELD', `Change ${index}: Unknown field ${change.table}.${column}`, { index, table: change.table, column })
      }
    }
  })
  if (firstProblem) {
    const { index, problem } = firstProblem
    if (problem.kind === 'unknownField') {
      throw new HttpError(400, 'UNKNOWN_FIELD', `Change ${index}: ${problem.reason}`, { index, table: problem.table, ...(problem.column ? { column: problem.column } : {}) })
    }
    if (problem.kind === 'wrongKind') throw badRequest(`Change ${index}: ${problem.reason}`, { index, table: problem.table, column: problem.column })
    const details: InvalidValueDetails = {
      table: problem.table,
      ...(problem.column ? { column: problem.column } : {}),
      ...(problem.rowId ? { rowId: problem.rowId } : {}),
      reason: problem.reason,
    }
    throw new HttpError(400, 'INVALID_VALUE', `Change ${index}: ${problem.reason}`, { index, ...details })
  }
  const foreign = request.changes.findIndex((change) => parseHlc(change.hlc).node !== options.nodeId)
  if (foreign >= 0) {
    throw new HttpError(403, 'FOREIGN_NODE', `Change ${foreign} carries another device's clock; a device pushes only its own changes`, {
      index: foreign,
      node: parseHlc(request.changes[foreign]!.hlc).node,
    })
  }
  if (furthest) {
    const details: ClockAheadDetails = { serverTime: options.now, clock: furthest.clock, aheadMs: furthest.aheadMs, maxDriftMs }
    throw new HttpError(409, 'CLOCK_AHEAD', `A change's clock is ${Math.round(furthest.aheadMs / 1000)} s ahead of the server's time; check this device's date and time`, details)
  }
}
