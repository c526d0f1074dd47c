// Request limits: query-string size, page size, and one query at a time on the engine's single connection, each with a deadline.
import type { MiddlewareHandler } from 'hono';
import type { SqlEngine } from '../engine/sql-engine.js';
import { HttpError } from './errors.js';

export interface Limits {
  /** Longest accepted query string, in bytes. */
  maxQueryBytes: number;
  /** A request's queries are interrupted after this many milliseconds of running. */
  queryTimeoutMs: number;
  /** Most conversations one page of a list may hold. */
  maxPageSize: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxQueryBytes: 8192,
  queryTimeoutMs: 10_000,
  maxPageSize: 200,
});

/** Refuses over-long URLs before any parsing, and any request body (the API is read-only). */
export function requestLimits(limits: Limits): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const q = url.indexOf('?');
    const bytes = q < 0 ? 0 : Buffer.byteLength(url.slice(q + 1));
    if (bytes > limits.maxQueryBytes) {
      throw new HttpError(
        414,
        'query-too-long',
        `The query string is ${bytes} bytes; the limit is ${limits.maxQueryBytes}.`,
      );
    }
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > 0)
      throw new HttpError(413, 'body-not-accepted', 'The API is read-only and takes no request body.');
    await next();
  };
}

/**
 * Serialises work on the engine: every engine has one connection here, so requests take turns. Work past its
 * deadline is interrupted (again every few milliseconds, since a request may run several statements) and rejects
 * with 503; the next request starts only once the interrupted one has stopped and its cancel has been delivered.
 * An engine without interrupt (ClickHouse) is not cancelled: the reply still times out, but the next request
 * waits until the slow one has finished on its own.
 */
export class QueryQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: Pick<SqlEngine, 'interrupt'>,
    private readonly timeoutMs: number,
  ) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(() => this.withDeadline(work));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async withDeadline<T>(work: () => Promise<T>): Promise<T> {
    let expired = false;
    let interrupter: NodeJS.Timeout | undefined;
    const cancels: Promise<void>[] = [];
    const interrupt = () => {
      const cancel = this.engine.interrupt?.();
      if (cancel) cancels.push(cancel);
    };
    const deadline = setTimeout(() => {
      expired = true;
      interrupt();
      interrupter = setInterval(interrupt, 10);
    }, this.timeoutMs);
    try {
      const result = await work();
      if (expired) throw timeout(this.timeoutMs);
      return result;
    } catch (error) {
      throw expired ? timeout(this.timeoutMs) : error;
    } finally {
      clearTimeout(deadline);
      if (interrupter) clearInterval(interrupter);
      // A cancel still on its way must not land on the next request's statement.
      await Promise.all(cancels);
    }
  }
}

const timeout = (ms: number) =>
  new HttpError(
    503,
    'query-timeout',
    `The query ran past the ${ms} ms limit and was cancelled; narrow the filters.`,
  );
