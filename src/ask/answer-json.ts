// An answer as JSON (`baton ask --json`, GET /api/ask), and the default "today" relative dates count from.
import { queryJson } from '../metrics/query-json.js';
import type { AskAnswer } from './answer.js';

/** Today's date in the business time zone, for relative dates when no date is given. */
export function localToday(tz: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function answerJson(answer: AskAnswer): Record<string, unknown> {
  return {
    interpretation: answer.interpretation,
    text: answer.text,
    sql: answer.sql,
    result: {
      groups: answer.groups.map((g) => ({
        label: g.label,
        where: g.spec.where,
        range: g.spec.range,
        rows: queryJson(g.result).rows,
        ...(g.leftOut ? { left_out: g.leftOut } : {}),
      })),
      ...(answer.diagnosis ? { diagnosis: answer.diagnosis } : {}),
    },
  };
}
