// What reading a question gives: a structured query, or a refusal with the closest questions it can answer.
import { type Problem, problem } from '../model/problem.js';
import { closestQuestions } from './suggest.js';
import type { AskQuery } from './types.js';

export type Parsed = { ok: true; query: AskQuery } | { ok: false; problem: Problem; suggestions: string[] };

/** Refuses the question being read, with a problem `code` and a message saying what could not be read. */
export type Refuse = (code: string, message: string) => Parsed;

export function refuser(question: string): Refuse {
  return (code, message) => ({
    ok: false,
    problem: problem(code, 'error', message, { field: 'question' }),
    suggestions: closestQuestions(question),
  });
}
