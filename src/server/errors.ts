// The one place that turns an error into an HTTP status and a JSON body `{error: {code, message, problems}}`.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DataError, UsageError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';

/**
 * A failure the server itself detects (missing token, unknown conversation, slow query, oversized request, a
 * feature the analysis engine does not offer).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: 401 | 404 | 405 | 413 | 414 | 503,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; problems: readonly Problem[] };
}

/** Status and body for any thrown value; internals of unexpected errors stay in the server log, not the reply. */
export function errorReply(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  const body = (code: string, message: string, problems: readonly Problem[] = []): ErrorBody => ({
    error: { code, message, problems },
  });
  if (error instanceof UsageError)
    return { status: 400, body: body('bad-request', error.message, error.problems) };
  if (error instanceof DataError)
    return { status: 422, body: body('bad-data', error.message, error.problems) };
  if (error instanceof HttpError)
    return { status: error.status, body: body(error.code, error.message, error.problems) };
  const text = error instanceof Error ? error.message : String(error);
  // An interrupted statement is the query-time limit at work (see limits.ts), not a bug.
  if (text.includes('INTERRUPT'))
    return { status: 503, body: body('query-timeout', 'The query took too long.') };
  return {
    status: 500,
    body: body('internal', 'Internal error: this is a bug in Baton; the server log has details.'),
  };
}

export function sendError(error: unknown, c: Context, log: (text: string) => void = () => {}): Response {
  const { status, body } = errorReply(error);
  if (status === 500)
    log(
      `internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  return c.json(body, status);
}

export const notFound = (what: string, message: string): HttpError =>
  new HttpError(404, 'not-found', message, [
    { code: 'not-found', severity: 'error', at: { field: what }, message },
  ]);
