// Property-test oracle: import one generated file and check it is either fully accounted for or refused with a diagnostic.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine.js';
import { deriveHandoffs } from '../../src/handoffs/derive.js';
import { type ImportReport, importWithSource } from '../../src/ingest/import-file.js';
import type { Source, SourceOptions } from '../../src/ingest/source.js';
import { DataError, UsageError } from '../../src/model/errors.js';
import { SCHEMA_SQL } from '../../src/model/schema.js';
import { withTempDir } from './temp-data.js';

/** Per case: long enough for a slow CI core, short enough that a hang fails the run instead of stalling it. */
export const CASE_TIMEOUT_MS = 10_000;

export type Outcome =
  | { kind: 'imported'; report: ImportReport }
  | { kind: 'refused'; codes: string[]; message: string };

/** How often each outcome happened, so a property can show it was not vacuous (e.g. everything refused). */
export interface Tally {
  imported: number;
  importedEvents: number;
  refused: number;
}

export const newTally = (): Tally => ({ imported: 0, importedEvents: 0, refused: 0 });

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

class Timeout extends Error {
  override readonly name = 'Timeout';
}

async function within<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`${what} took over ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
}

/**
 * Writes `content` to `name` in a fresh folder, imports it into a fresh engine and asserts the property:
 * resolved → rowsRead = imported + rejected + duplicates, and the tables agree with the report;
 * rejected → a DataError/UsageError with at least one kebab-case problem code. Anything else fails.
 */
export async function checkImport(
  source: Source,
  name: string,
  content: string | Uint8Array,
  options: SourceOptions = {},
  tally?: Tally,
): Promise<Outcome> {
  return withTempDir(async (dir) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const engine = await Engine.open();
    let hung = false;
    try {
      await engine.run(SCHEMA_SQL);
      let report: ImportReport;
      try {
        report = await within('import', importWithSource(engine, file, source, options));
      } catch (error) {
        if (error instanceof Timeout) hung = true;
        assert.ok(
          error instanceof DataError || error instanceof UsageError,
          `expected a DataError or UsageError, got ${describe(error)}`,
        );
        assert.ok(error.problems.length > 0, `${error.name} without problems: ${error.message}`);
        for (const p of error.problems) assert.match(p.code, KEBAB, `problem code '${p.code}'`);
        if (tally) tally.refused++;
        return { kind: 'refused', codes: error.problems.map((p) => p.code), message: error.message };
      }
      await checkReport(engine, report);
      // Whatever landed must also survive derivation: importers promise events the rest of Baton can use.
      try {
        await within('derive', deriveHandoffs(engine));
      } catch (error) {
        if (error instanceof Timeout) hung = true;
        assert.fail(`deriving handoffs after a successful import failed: ${describe(error)}`);
      }
      if (tally) {
        tally.imported++;
        tally.importedEvents += report.imported;
      }
      return { kind: 'imported', report };
    } finally {
      // A hung query still holds the connection; closing under it could crash the process instead of failing.
      if (!hung) engine.close();
    }
  });
}

async function checkReport(engine: Engine, r: ImportReport): Promise<void> {
  const counts = [r.rowsRead, r.imported, r.rejected, r.duplicates];
  for (const n of counts) assert.ok(Number.isSafeInteger(n) && n >= 0, `counts ${counts.join('/')}`);
  assert.equal(r.rowsRead, r.imported + r.rejected + r.duplicates, `read ≠ imported + rejected + duplicates`);
  const events = await engine.one<{ n: number; rows: number }>(
    'SELECT count(*) AS n, count(DISTINCT source_row) AS rows FROM events',
  );
  assert.equal(events.n, r.imported, 'events table vs report.imported');
  const rejects = await engine.one<{ n: number }>('SELECT count(*) AS n FROM rejects');
  assert.equal(rejects.n, r.rejected, 'rejects table vs report.rejected');
  const logged = await engine.all<{ read: number; imported: number; rejected: number; dup: number }>(
    'SELECT rows_read AS read, rows_imported AS imported, rows_rejected AS rejected, rows_duplicate AS dup FROM baton_imports',
  );
  assert.deepEqual(
    logged.map((l) => [l.read, l.imported, l.rejected, l.dup]),
    [counts],
    'baton_imports vs report',
  );
  if (r.sourceRows !== undefined) {
    assert.ok(
      r.sourceRows >= events.rows,
      `sourceRows ${r.sourceRows} < distinct source rows ${events.rows}`,
    );
  }
  for (const p of r.problems) assert.match(p.code, KEBAB, `problem code '${p.code}'`);
}
