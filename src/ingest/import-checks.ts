// What an import tells the user about its rows: counts, warnings on accepted rows, and rejects summarised by rule.
import type { Engine, Row, SqlParams } from '../engine/engine.js';
import { type Problem, problem } from '../model/problem.js';

interface WarningRule {
  code: string;
  field: string;
  /** Rows (of the accepted ones) the warning is about. */
  when: string;
  /** The value shown as an example. */
  value: string;
  message: (example: string) => string;
}

// Accepted rows that are still worth a word: they import, but the user should know.
const WARNING_RULES: readonly WarningRule[] = [
  {
    code: 'unknown-transfer-type',
    field: 'transfer_type',
    when: "transfer_type IS NOT NULL AND transfer_type NOT IN ('warm', 'cold')",
    value: 'transfer_type',
    message: (v) => `transfer_type should be warm or cold (first value: '${v}'); kept as written`,
  },
  {
    code: 'naive-timestamp',
    field: 'timestamp',
    when: 'naive_timestamp IS NOT NULL',
    value: 'naive_timestamp',
    message: (v) => `timestamps without a zone (first: '${v}') were read in the --tz zone ($tz)`,
  },
];

export interface RowChecks {
  total: number;
  rejected: number;
  warnings: Problem[];
}

/**
 * Row counts and every warning rule in one scan of the staged rows (a file read, when staged from the reader).
 * Given `allLanded` (how many rows landed in an empty database), a file whose every row landed had no reject,
 * and the scan reads only what the warnings need.
 */
export async function checkRows(
  engine: Engine,
  file: string,
  tz: string,
  staged: string,
  params: SqlParams,
  allLanded?: number,
): Promise<RowChecks> {
  if (allLanded !== undefined) {
    const total = (await engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${staged}`, params)).n;
    if (total === allLanded) {
      const counts = await engine.one(`SELECT ${warningColumns('true')} FROM ${staged}`, params);
      return { total, rejected: 0, warnings: warningsOf(counts, file, tz) };
    }
  }
  const counts = await engine.one(
    `SELECT count(*) AS total, count(*) FILTER (WHERE reject_code IS NOT NULL) AS rejected,
       ${warningColumns('reject_code IS NULL')}
     FROM ${staged}`,
    params,
  );
  return {
    total: Number(counts.total),
    rejected: Number(counts.rejected),
    warnings: warningsOf(counts, file, tz),
  };
}

/** Per rule, over the rows `accepted` selects: how many, the first row, and its value. */
function warningColumns(accepted: string): string {
  return WARNING_RULES.map((rule, i) => {
    const when = `${accepted} AND ${rule.when}`;
    return `count(*) FILTER (WHERE ${when}) AS n_${i}, min(source_row) FILTER (WHERE ${when}) AS row_${i},
       arg_min(${rule.value}, source_row) FILTER (WHERE ${when}) AS value_${i}`;
  }).join(', ');
}

function warningsOf(counts: Row, file: string, tz: string): Problem[] {
  const warnings: Problem[] = [];
  WARNING_RULES.forEach((rule, i) => {
    const n = Number(counts[`n_${i}`]);
    if (n === 0) return;
    warnings.push(
      problem(
        rule.code,
        'warning',
        rule.message(String(counts[`value_${i}`])).replace('$tz', tz),
        { file, row: Number(counts[`row_${i}`]), field: rule.field },
        n,
      ),
    );
  });
  return warnings;
}

/** One problem per failed rule, from the rows this import set aside (parse errors are reported on their own). */
export async function rejectSummary(engine: Engine, file: string, importId: number): Promise<Problem[]> {
  const rows = await engine.all<{
    code: string;
    field: string;
    message: string;
    n: number;
    first_row: number;
    value: string | null;
  }>(
    `SELECT code, field, message, count(*) AS n, min(source_row) AS first_row, arg_min(value, source_row) AS value
     FROM rejects WHERE import_id = $import_id AND code <> 'malformed-row'
     GROUP BY code, field, message ORDER BY n DESC, code`,
    { import_id: importId },
  );
  return rows.map((r) =>
    problem(
      r.code,
      'error',
      `${r.message}${r.value !== null ? ` (first value: '${r.value}')` : ''}; rejected rows are kept with reasons`,
      { file, row: r.first_row, field: r.field },
      r.n,
    ),
  );
}
