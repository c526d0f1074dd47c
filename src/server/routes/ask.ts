// GET /api/ask?q=...: a question in plain English, answered as `baton ask --json` answers it.
import { askQuestion } from '../../ask/answer.js';
import { answerJson, localToday } from '../../ask/answer-json.js';
import { UsageError } from '../../model/errors.js';
import { type Problem, problem } from '../../model/problem.js';
import type { Route } from '../context.js';
import { checkParams, queryParams, throwIfProblems } from '../filters.js';

export const ASK_PARAMS = ['q', 'today'] as const;

export const askRoute: Route = (app, { baton, queue, tz }) => {
  app.get('/api/ask', async (c) => {
    const params = queryParams(c.req.url);
    const problems: Problem[] = [];
    checkParams(params, ASK_PARAMS, problems);
    const question = params.q?.[0]?.trim() ?? '';
    const today = params.today?.[0];
    if (!question) problems.push(problem('no-question', 'error', 'ask a question: ?q=...', { field: 'q' }));
    if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
      problems.push(
        problem('bad-date', 'error', `'${today}' is not a date like 2026-11-01`, { field: 'today' }),
      );
    }
    throwIfProblems(problems);
    const answer = await queue.run(() => askQuestion(baton, question, { today: today ?? localToday(tz) }));
    if ('error' in answer) {
      throw new UsageError(answer.error.message, [
        answer.error,
        ...answer.suggestions.map((s) => problem('suggestion', 'info', s, { field: 'q' })),
      ]);
    }
    return c.json(answerJson(answer));
  });
};
