/**
 * The self-saving forms on screen, each able to tell whether it holds an edit it cannot save (a value its schema
 * rejects). Leaving the screen or closing the window asks first while one does, so such an edit is never dropped
 * without the user having seen it.
 */
type LeaveCheck = () => boolean
const checks = new Set<LeaveCheck>()

/** Adds a form's check while it is on screen; returns the function that removes it. */
export function registerLeaveCheck(check: LeaveCheck): () => void {
  checks.add(check)
  return () => void checks.delete(check)
}

/** Whether any form on screen holds an edit it cannot save; each such form shows its errors as it answers. */
export function anyUnsavableEdit(): boolean {
  let found = false
  // Every form is asked (no early exit), so all of them show their errors at once.
  for (const check of checks) if (check()) found = true
  return found
}
