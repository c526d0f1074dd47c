// GET /api/query: any catalog metric by any valid dimensions, filtered and bounded by dates; runQuery's rows.
import { planQuery } from '../../metrics/query.js';
import { type Problem, problem } from '../../model/problem.js';
import type { Route } from '../context.js';
import { runFilteredQuery } from '../filtered-query.js';
import { checkParams, type Params, parseFilters, queryParams, throwIfProblems } from '../filters.js';

export const QUERY_PARAMS = ['metric', 'by', 'from', 'to'] as const;

const ids = (params: Params, key: string) =>
  (params[key] ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

export const queryRoute: Route = (app, { engine, tz, queue }) => {
  app.get('/api/query', async (c) => {
    const params = queryParams(c.req.url);
    const problems: Problem[] = [];
    checkParams(params, QUERY_PARAMS, problems);
    const filters = parseFilters(params, problems);
    const metrics = ids(params, 'metric');
    const by = ids(params, 'by');
    if (metrics.length === 0)
      problems.push(
        problem('no-metric', 'error', 'name at least one metric: ?metric=ID', { field: 'metric' }),
      );
    throwIfProblems(problems);
    // Validation (unknown ids, misfits with their valid choices) happens before the request waits in the queue.
    planQuery({ metrics, by, where: filters.where });
    const result = await queue.run(() => runFilteredQuery(engine, { metrics, by, filters, tz }));
    return c.json({
      metrics: result.metrics,
      by: result.by,
      where: result.where,
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      rows: result.rows,
    });
  });
};
