// The few exception classes Baton throws at its boundary; each carries data, and the CLI maps them to exit codes.
import type { Problem } from './problem.js';

/** Process exit codes, documented in the README. */
export const ExitCode = Object.freeze({ ok: 0, internal: 1, usage: 2, data: 3 });

/** The user asked for something Baton cannot do as asked (bad option, unknown metric, bad dimension). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/** The data cannot be used as supplied (missing required column, unreadable file, rejects under --strict). */
export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}
