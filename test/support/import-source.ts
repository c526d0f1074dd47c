// Test helper: import files with one given source into a fresh in-memory engine, derive, and hand both over.
import { Engine } from '../../src/engine/engine.js';
import { deriveHandoffs } from '../../src/handoffs/derive.js';
import { type ImportReport, importWithSource } from '../../src/ingest/import-file.js';
import type { Source, SourceOptions } from '../../src/ingest/source.js';
import { SCHEMA_SQL } from '../../src/model/schema.js';

export async function withSourceImport<T>(
  source: Source,
  files: readonly string[],
  options: SourceOptions,
  work: (engine: Engine, reports: ImportReport[]) => Promise<T>,
): Promise<T> {
  const engine = await Engine.open();
  try {
    await engine.run(SCHEMA_SQL);
    const reports: ImportReport[] = [];
    for (const file of files) reports.push(await importWithSource(engine, file, source, options));
    await deriveHandoffs(engine);
    return await work(engine, reports);
  } finally {
    engine.close();
  }
}
