// Problems found in what a user supplied (rows, mappings, options, questions): values, collected and reported together.

export type Severity = 'error' | 'warning' | 'info';

/** Where a problem is: as precise as the input allows. */
export interface ProblemLocation {
  file?: string;
  /** 1-based data record in the file (header excluded). */
  row?: number;
  /** 1-based physical line, when the reader knows it. */
  line?: number;
  field?: string;
}

export interface Problem {
  /** Stable kebab-case code, e.g. `bad-timestamp`. */
  code: string;
  severity: Severity;
  at: ProblemLocation;
  message: string;
  /** How many rows share this problem, when it summarises several. */
  count?: number;
}

export function problem(
  code: string,
  severity: Severity,
  message: string,
  at: ProblemLocation = {},
  count?: number,
): Problem {
  return count === undefined ? { code, severity, at, message } : { code, severity, at, message, count };
}

/** `events.csv row 12 field timestamp` style prefix for terminal output. */
export function formatLocation(at: ProblemLocation): string {
  const parts: string[] = [];
  if (at.file) parts.push(at.file);
  if (at.line !== undefined) parts.push(`line ${at.line}`);
  else if (at.row !== undefined) parts.push(`row ${at.row}`);
  if (at.field) parts.push(`field ${at.field}`);
  return parts.join(' ');
}

export function formatProblem(p: Problem): string {
  const where = formatLocation(p.at);
  const count = p.count !== undefined && p.count > 1 ? ` (${p.count} rows)` : '';
  return `${p.severity} ${p.code}${where ? ` at ${where}` : ''}: ${p.message}${count}`;
}
