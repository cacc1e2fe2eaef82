import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { HttpError, badRequest } from './errors'

/** What a request did, for its log line: filled in by the handlers, never with tokens or bodies. */
export interface RequestContext {
  team?: string
  device?: string
  bytesIn: number
  code?: string
}

export function sendJsonText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(response, status, JSON.stringify(body), headers)
}

export function sendError(response: ServerResponse, error: HttpError): void {
  const body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } }
  sendJson(response, error.status, body, error.headers)
}

export const tooLarge = (limit: number) =>
  new HttpError(413, 'TOO_LARGE', `The request body is larger than ${limit} bytes`, { limit }, { Connection: 'close' })

/**
 * Reads a request body chunk by chunk, handing each to `onChunk`, and stops at `limit` bytes: a declared
 * Content-Length over the limit is refused before reading anything, a longer stream as soon as it passes the limit.
 * Nothing beyond the limit is kept in memory.
 */
export function readBody(
  request: IncomingMessage,
  context: RequestContext,
  limit: number,
  onChunk: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit))
  return new Promise<void>((done, fail) => {
    let settled = false
    let pending = Promise.resolve()
    const finish = (error?: unknown) => {
      if (settled) return
      settled = true
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onError)
      request.off('close', onAborted)
      if (error === undefined) done()
      else fail(error)
    }
    const onData = (chunk: Buffer) => {
      context.bytesIn += chunk.length
      if (context.bytesIn > limit) {
        // Stop reading: no more data events reach us; the connection is closed after the 413 is sent.
        request.pause()
        finish(tooLarge(limit))
        return
      }
      // Chunks are handed over in order; the stream waits while a slow consumer (a file write) catches up.
      request.pause()
      pending = pending.then(() => (settled ? undefined : onChunk(chunk))).then(
        () => {
          if (!settled) request.resume()
        },
        (error: unknown) => finish(error),
      )
    }
    const onEnd = () => void pending.then(() => finish(), finish)
    const onError = (error: Error) => finish(new HttpError(400, 'BAD_REQUEST', `The request body could not be read: ${error.message}`))
    // A client that goes away mid-body: the handler gives up (nothing is stored from a partial body).
    const onAborted = () => {
      if (!request.complete) finish(new HttpError(400, 'BAD_REQUEST', 'The request was aborted'))
    }
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onError)
    request.on('close', onAborted)
  })
}

/** A JSON body parsed with its schema: 413 TOO_LARGE, 400 BAD_REQUEST for malformed JSON or a wrong shape. */
export async function readJson<T extends z.ZodType>(
  request: IncomingMessage,
  context: RequestContext,
  limit: number,
  schema: T,
): Promise<z.output<T>> {
  const chunks: Buffer[] = []
  await readBody(request, context, limit, (chunk) => void chunks.push(chunk))
  let value: unknown
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`)
  }
  return parseWith(schema, value)
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  throw badRequest(`The request does not have the expected shape: ${z.prettifyError(parsed.error).slice(0, 2000)}`, { issues })
}
