/**
 * A command called wrongly: a required argument missing or ill-formed. `runCli` exits 2 for it and prints the
 * command's usage line; problems with the data itself (no such trip, a damaged file) stay AppErrors and exit 1.
 * Kept apart from run.ts so the command files can throw it without importing the runner (no import cycle).
 */
export class UsageError extends Error {}

export function usage(message: string): UsageError {
  return new UsageError(message)
}
