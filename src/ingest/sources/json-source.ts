// The shape both JSON importers share: read the records, refuse a file with none, run the mapping steps, report skips.
import type { Engine, SqlParams } from '../../engine/engine.js';
import { DataError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';
import type { LoadedSource } from '../source.js';
import { readOrFail } from './read-or-fail.js';
import { type SkippedReport, skippedProblems } from './skipped-problems.js';

export interface JsonSourceSteps {
  /** Drops the importer's working tables; run before and after, whatever happens. */
  cleanupSql: string;
  /** Reads the file's JSON records ($path bound). */
  recordsSql: string;
  /** Steps before the count, e.g. unnesting pages into conversations. */
  prepareSql: readonly string[];
  /** SQL giving `n`, the units (audits, conversations) found. */
  countSql: string;
  /** Code, message and expected shape for a file with no units. */
  empty: { code: string; message: string; expected: string };
  /** The remaining steps; the last creates import_raw. */
  stepsSql: readonly string[];
  mapping: Readonly<Record<string, string>>;
  skipped: SkippedReport;
}

export async function loadJsonSource(
  engine: Engine,
  file: string,
  steps: JsonSourceSteps,
): Promise<LoadedSource> {
  const params: SqlParams = { path: file };
  await engine.run(steps.cleanupSql);
  try {
    await readOrFail(file, () => engine.run(steps.recordsSql, params));
    for (const sql of steps.prepareSql) await engine.run(sql);
    if ((await engine.one<{ n: number }>(steps.countSql)).n === 0) {
      throw new DataError(`Cannot read ${file}: ${steps.empty.message}.`, [
        problem(steps.empty.code, 'error', `expected ${steps.empty.expected}`, { file }),
      ]);
    }
    for (const sql of steps.stepsSql) await engine.run(sql);
    return {
      mapping: { ...steps.mapping },
      parseErrors: [],
      problems: await skippedProblems(engine, file, steps.skipped),
    };
  } finally {
    await engine.run(steps.cleanupSql);
  }
}
