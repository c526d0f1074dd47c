// GET /api/summary: headline metrics, funnel, paths, failing team pairs and the handoff-time distribution, filtered.
import type { Problem } from '../../model/problem.js';
import type { Route } from '../context.js';
import { checkParams, parseFilters, queryParams, throwIfProblems } from '../filters.js';
import { summary } from '../summary.js';

export const SUMMARY_PARAMS = ['from', 'to'] as const;

export const summaryRoute: Route = (app, { engine, imports, tz, queue }) => {
  app.get('/api/summary', async (c) => {
    const params = queryParams(c.req.url);
    const problems: Problem[] = [];
    checkParams(params, SUMMARY_PARAMS, problems);
    const filters = parseFilters(params, problems);
    throwIfProblems(problems);
    return c.json(await queue.run(() => summary(engine, filters, tz, imports)));
  });
};
