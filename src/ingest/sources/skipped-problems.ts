// The JSON importers' account of what they read and did not turn into events: one `info` problem per kind.
import type { Engine } from '../../engine/engine.js';
import { type Problem, problem } from '../../model/problem.js';

export interface SkippedReport {
  /** SQL giving `n` and `first_row` of records that held nothing to import. */
  unreadSql: string;
  unreadCode: string;
  unreadMessage: string;
  /** SQL giving `label`, `n`, `first_row` (and optionally `fields`) per kind of item skipped. */
  skippedSql: string;
  skippedCode: string;
  skippedMessage: (label: string, fields: string | null) => string;
}

export async function skippedProblems(
  engine: Engine,
  file: string,
  report: SkippedReport,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const unread = await engine.one<{ n: number; first_row: number | null }>(report.unreadSql);
  if (unread.n > 0) {
    const at = { file, ...(unread.first_row !== null ? { row: unread.first_row } : {}) };
    problems.push(problem(report.unreadCode, 'info', report.unreadMessage, at, unread.n));
  }
  const rows = await engine.all<{ label: string; n: number; first_row: number; fields?: string | null }>(
    report.skippedSql,
  );
  for (const r of rows) {
    problems.push(
      problem(
        report.skippedCode,
        'info',
        report.skippedMessage(r.label, r.fields ?? null),
        { file, row: r.first_row },
        r.n,
      ),
    );
  }
  return problems;
}
