// Builds the HTTP app: limits, access control, the JSON API routes, the dashboard, and one error mapper for all.
import { Hono } from 'hono';
import type { Baton } from '../baton.js';
import { requireAccess } from './auth.js';
import type { Route, ServerContext } from './context.js';
import { HttpError, sendError } from './errors.js';
import { DEFAULT_LIMITS, type Limits, QueryQueue, requestLimits } from './limits.js';
import { askRoute } from './routes/ask.js';
import { conversationsRoute } from './routes/conversations.js';
import { dashboardRoute } from './routes/dashboard.js';
import { dimensionsRoute } from './routes/dimensions.js';
import { metricsRoute } from './routes/metrics.js';
import { openApiRoute } from './routes/openapi.js';
import { queryRoute } from './routes/query.js';
import { summaryRoute } from './routes/summary.js';

export interface AppOptions {
  /** Required by every /api request when set. */
  token?: string;
  limits?: Partial<Limits>;
  /** Where internal errors are logged (the reply says only that there was one). */
  log?: (text: string) => void;
}

const ROUTES: readonly Route[] = [
  askRoute,
  metricsRoute,
  dimensionsRoute,
  summaryRoute,
  queryRoute,
  conversationsRoute,
  openApiRoute,
  dashboardRoute,
];

/** The app over an open Baton whose derived tables exist (call baton.ensureDerived() first). */
export function createApp(baton: Baton, options: AppOptions = {}): { app: Hono; context: ServerContext } {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const context: ServerContext = {
    baton,
    engine: baton.analysisEngine,
    imports: baton.engine,
    tz: baton.tz,
    queue: new QueryQueue(baton.analysisEngine, limits.queryTimeoutMs),
    limits,
  };
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // Tokens may travel in the URL: never pass them on.
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.use('*', requestLimits(limits));
  app.use('/api/*', requireAccess(options.token));
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw new HttpError(405, 'method-not-allowed', 'The API is read-only: use GET.');
    }
    await next();
  });
  for (const route of ROUTES) route(app, context);
  app.notFound((c) =>
    sendError(new HttpError(404, 'not-found', `No route ${c.req.method} ${c.req.path}.`), c),
  );
  app.onError((error, c) => sendError(error, c, options.log));
  return { app, context };
}
