import type { SERVER_ERROR_CODES } from '../shared/sync/protocol'

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number]

/** A refusal with its HTTP status and protocol code; anything else thrown in a handler is a 500 INTERNAL. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServerErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'BAD_REQUEST', message, details)
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message)
