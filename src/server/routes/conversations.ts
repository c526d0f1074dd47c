// GET /api/conversations (the conversations behind a chart cell, paged) and GET /api/conversations/:id (its timeline).
import { FUNNEL_STAGES } from '../../analysis/funnel.js';
import type { Grain } from '../../metrics/types.js';
import { type Problem, problem } from '../../model/problem.js';
import type { Route } from '../context.js';
import { type FunnelBar, listConversations, timeline } from '../conversations.js';
import { checkParams, parseCell, parseFilters, queryParams, single, throwIfProblems } from '../filters.js';

export const CONVERSATIONS_PARAMS = ['from', 'to', 'cell', 'funnel', 'grain', 'limit', 'offset'] as const;

const GRAINS: readonly Grain[] = ['conversation', 'handoff'];

function count(
  value: string | undefined,
  field: string,
  fallback: number,
  max: number,
  problems: Problem[],
): number {
  if (value === undefined) return fallback;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n <= max))
    problems.push(
      problem('bad-number', 'error', `'${field}' must be a whole number from 0 to ${max}`, { field }),
    );
  return n;
}

/** `funnel=CHANNEL:STAGE`, a bar of the channel funnel; the stage follows the last colon. */
function parseFunnelBar(value: string | undefined, problems: Problem[]): FunnelBar | undefined {
  if (value === undefined) return undefined;
  const colon = value.lastIndexOf(':');
  const stage = FUNNEL_STAGES.find((s) => s === value.slice(colon + 1));
  if (colon <= 0 || !stage) {
    problems.push(
      problem(
        'bad-funnel',
        'error',
        `funnel must look like CHANNEL:STAGE, STAGE one of ${FUNNEL_STAGES.join(', ')}`,
        {
          field: 'funnel',
        },
      ),
    );
    return undefined;
  }
  return { channel: value.slice(0, colon), stage };
}

export const conversationsRoute: Route = (app, { engine, tz, queue, limits }) => {
  app.get('/api/conversations', async (c) => {
    const params = queryParams(c.req.url);
    const problems: Problem[] = [];
    checkParams(params, CONVERSATIONS_PARAMS, problems);
    const filters = parseFilters(params, problems);
    const cell = parseCell(params, problems);
    const funnel = parseFunnelBar(single(params, 'funnel', problems), problems);
    if (funnel && Object.keys(cell).length)
      problems.push(
        problem('bad-cell', 'error', "give either 'cell' or 'funnel', not both", { field: 'funnel' }),
      );
    const grainText = single(params, 'grain', problems) ?? 'handoff';
    const grain = GRAINS.find((g) => g === grainText);
    if (!grain)
      problems.push(
        problem('unknown-grain', 'error', `grain must be one of: ${GRAINS.join(', ')}`, { field: 'grain' }),
      );
    const limit = count(single(params, 'limit', problems), 'limit', 50, limits.maxPageSize, problems);
    const offset = count(single(params, 'offset', problems), 'offset', 0, 1e9, problems);
    if (limit === 0)
      problems.push(problem('bad-number', 'error', "'limit' must be at least 1", { field: 'limit' }));
    throwIfProblems(problems);
    const page = await queue.run(() =>
      listConversations(engine, grain!, filters, cell, { limit, offset }, tz, funnel),
    );
    return c.json({
      grain: funnel ? 'conversation' : grain,
      filters,
      cell,
      ...(funnel ? { funnel } : {}),
      ...page,
    });
  });

  app.get('/api/conversations/:id', async (c) => {
    const params = queryParams(c.req.url);
    const problems: Problem[] = [];
    checkParams(params, [], problems);
    throwIfProblems(problems);
    const id = c.req.param('id');
    return c.json(await queue.run(() => timeline(engine, id)));
  });
};
