// Who may read the data: a bearer token when one is configured, else only requests addressed to the loopback host.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for the hosts `serve` may bind without a token. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * With a token: `Authorization: Bearer T` or `?token=T`, else 401 before any data is read. Without one the
 * server listens on loopback only, and a Host other than loopback (a DNS-rebinding page) is refused too.
 */
export function requireAccess(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (token === undefined) {
      if (!isLoopback(new URL(c.req.url).hostname)) {
        throw new HttpError(
          401,
          'unauthorized',
          'Without --token the server answers only to 127.0.0.1 or localhost.',
        );
      }
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer (.+)$/i.exec(header)?.[1];
    const given = bearer ?? c.req.query('token');
    if (given === undefined || !sameToken(given, token)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HttpError(
        401,
        'unauthorized',
        'A valid token is required: Authorization: Bearer TOKEN or ?token=TOKEN.',
      );
    }
    return next();
  };
}
